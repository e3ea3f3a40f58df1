import Foundation

/// Runs `work` on a thread of its own and waits for it without holding one of the threads of Swift's cooperative
/// pool (two on a 2-core machine): a test that computes for seconds on the pool keeps the server tests running
/// beside it from being scheduled, so that their timeouts fire late and their requests miss their deadlines.
/// - Parameter work: the computation; what it throws is rethrown here.
/// - Returns: what `work` returns.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        // Debug builds of the engine use deep frames.
        thread.stackSize = 16 << 20
        thread.start()
    }
}
