import Foundation

#if canImport(Glibc)
    import Glibc

    /// Sends raw bytes to the server on 127.0.0.1 and reads the answer until the server closes (each read waits
    /// `timeout` seconds at most, 5 by default).
    public enum RawHTTP {
        public static func exchange(_ request: String, port: Int, timeout: Int = 5) throws -> String {
            let socket = try connected(port: port, timeout: timeout)
            defer { close(socket) }
            let bytes = Array(request.utf8)
            var sent = 0
            while sent < bytes.count {
                let written = bytes[sent...].withUnsafeBytes {
                    send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if written <= 0 { break }  // the server may close before reading everything
                sent += written
            }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                answer += buffer[0..<count]
            }
            return String(decoding: answer, as: UTF8.self)
        }

        /// Connects and sends nothing: whether the server closed the connection before a 5-second receive limit.
        public static func idle(port: Int) throws -> IdleOutcome {
            let socket = try connected(port: port)
            defer { close(socket) }
            var byte: UInt8 = 0
            let count = recv(socket, &byte, 1, 0)
            return count == 0 ? .closedByServer : (count < 0 ? .stillOpen : .sentData)
        }

        public enum IdleOutcome: Sendable { case closedByServer, stillOpen, sentData }

        /// ``exchange(_:port:timeout:)`` on a thread of its own: an async test must not block one of the few
        /// threads of the concurrency pool (two on a 2-core machine) that its in-process server also runs on.
        public static func exchangeOffPool(_ request: String, port: Int, timeout: Int = 5) async throws -> String {
            try await onOwnThread { try exchange(request, port: port, timeout: timeout) }
        }

        /// Whether a server on `port` answers `GET /api/v1/openapi.json` with 200, asked every `interval` up to
        /// `tries` times (a server started by the test, building its index), never waiting on a thread of the pool.
        public static func waitUntilServing(port: Int, tries: Int, interval: Duration) async -> Bool {
            for _ in 0..<tries {
                try? await Task.sleep(for: interval)
                let answer = try? await exchangeOffPool(
                    "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: port)
                if answer?.hasPrefix("HTTP/1.1 200") == true { return true }
            }
            return false
        }

        /// ``exchangeOffPool(_:port:timeout:)``, and how long the exchange took in seconds, timed on its own thread:
        /// the time the server took, without the wait for a thread of the pool to go on with the test.
        public static func timedExchangeOffPool(_ request: String, port: Int, timeout: Int = 5) async throws -> (
            answer: String, seconds: Double
        ) {
            try await onOwnThread {
                let start = Date()
                let answer = try exchange(request, port: port, timeout: timeout)
                return (answer, Date().timeIntervalSince(start))
            }
        }

        /// ``idle(port:)`` on a thread of its own (see ``exchangeOffPool(_:port:timeout:)``).
        public static func idleOffPool(port: Int) async throws -> IdleOutcome {
            try await onOwnThread { try idle(port: port) }
        }

        /// A TCP socket connected to 127.0.0.1:`port`, with a receive limit of `timeout` seconds.
        public static func connected(port: Int, timeout seconds: Int = 5) throws -> Int32 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw RawError.socket }
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(socket)
                throw RawError.connect
            }
            return socket
        }

        public enum RawError: Error { case socket, connect }
    }
#endif
