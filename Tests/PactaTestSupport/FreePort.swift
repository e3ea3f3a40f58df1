import Foundation

#if canImport(Glibc)
    import Glibc

    /// Ports for the servers the tests start. A port made from the process id (as the tests first did) is the
    /// same for two tests that use the same formula, and one test's server then found the other's port taken
    /// while its readiness check was answered by the other server.
    public enum FreePort {
        /// A TCP port on 127.0.0.1 that nothing listens on now, as the system picks one (bind to port 0). The
        /// system hands out its ports in turn, so a port picked here is not picked again soon after.
        /// - Throws: ``Failure`` where no socket can be bound.
        public static func pick() throws -> Int {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw Failure(description: "no socket: errno \(errno)") }
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
                }
            }
            guard bound else { throw Failure(description: "cannot bind a socket on 127.0.0.1: errno \(errno)") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// Why no port was picked.
        public struct Failure: Error, CustomStringConvertible {
            public let description: String
        }
    }
#endif
