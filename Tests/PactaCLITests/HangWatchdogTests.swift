import Foundation
import PactaTestSupport
import Testing

/// The two readings the test process's hang watchdog rests on.
@Suite struct HangWatchdogTests {
    /// The process's CPU time grows while it computes.
    @Test func cpuTimeGrowsWhileComputing() throws {
        let before = try #require(HangWatchdog.cpuTicks())
        let start = Date()
        var sum = 0
        while Date().timeIntervalSince(start) < 0.5 { sum &+= Int.random(in: 0..<10) }
        #expect(sum >= 0)
        let after = try #require(HangWatchdog.cpuTicks())
        #expect(after > before)
    }

    /// A program the process started, still running, is seen as its child.
    @Test func aRunningProgramIsAChild() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["2"]
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(HangWatchdog.hasChildren())
    }
}
