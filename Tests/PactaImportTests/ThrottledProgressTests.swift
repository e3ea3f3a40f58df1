import Foundation
import PactaTables
import Testing

/// The progress lines of `pacta import manydata|cow|atop`: none in the first second, then at most one a second.
/// The times are given, so the test waits for nothing.
@Suite struct ThrottledProgressTests {
    @Test func aLineAfterTheFirstSecondThenAtMostOneASecond() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var progress = ThrottledProgress(label: "import cow", started: start)
        #expect(progress.report("100 of 1221 rows read", at: start.addingTimeInterval(0.5)) == nil)
        #expect(progress.report("200 of 1221 rows read", at: start.addingTimeInterval(1.0)) == nil)
        #expect(
            progress.report("300 of 1221 rows read", at: start.addingTimeInterval(1.2))
                == "import cow: 300 of 1221 rows read...\n")
        #expect(progress.report("400 of 1221 rows read", at: start.addingTimeInterval(1.9)) == nil)
        #expect(
            progress.report("500 of 1221 rows read", at: start.addingTimeInterval(2.2))
                == "import cow: 500 of 1221 rows read...\n")
    }
}
