import Foundation
import Synchronization
import Testing

@testable import PactaCore

/// ``LogArray``: copies that share a buffer keep their own elements, appends at the buffer's end are in place,
/// every element is released exactly once, and copies appended from several threads at once stay whole.
@Suite struct LogArrayTests {
    /// An element that counts the live instances, to catch a leak or a double release.
    final class Counted: Sendable {
        static let live = Mutex(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.live.withLock { $0 += 1 }
        }
        deinit { Self.live.withLock { $0 -= 1 } }
    }

    static func base<Element>(_ array: LogArray<Element>) -> UnsafePointer<Element>? {
        array.withUnsafeBufferPointer { $0.baseAddress }
    }

    @Test func aCopyKeepsItsElementsWhileTheOtherAppends() {
        var log: LogArray<Int> = [1, 2, 3]
        log.reserveCapacity(8)
        let before = log
        log.append(4)
        log.append(5)
        #expect(Array(before) == [1, 2, 3])
        #expect(Array(log) == [1, 2, 3, 4, 5])
        #expect(before.count == 3)
        #expect(!before.sharesStorage(with: log))
        #expect(before.sharesStorage(with: log.sharingPrefix(3)))
    }

    @Test func appendingAtTheBuffersEndWritesInPlaceWhileACopyHoldsTheBuffer() {
        var log = LogArray(0..<100)
        log.reserveCapacity(200)
        let start = Self.base(log)
        var held: [LogArray<Int>] = []
        for value in 100..<200 {
            held.append(log)  // the treaty before the act, the engine's cache of it
            log.append(value)
        }
        #expect(Self.base(log) == start)
        #expect(Array(log) == Array(0..<200))
        for (count, copy) in zip(100..., held) { #expect(Array(copy) == Array(0..<count)) }
    }

    @Test func twoCopiesAppendingFromTheSamePointDoNotSeeEachOther() {
        let shared = LogArray(["a", "b"])
        var first = shared
        var second = shared
        first.append("first")
        second.append("second")
        #expect(Array(first) == ["a", "b", "first"])
        #expect(Array(second) == ["a", "b", "second"])
        #expect(Array(shared) == ["a", "b"])
    }

    @Test func changingAnElementCopiesWhereTheBufferIsShared() {
        var log: LogArray<Int> = [1, 2, 3]
        let copy = log
        log[1] = 20
        #expect(Array(copy) == [1, 2, 3])
        #expect(Array(log) == [1, 20, 3])
        let start = Self.base(log)
        log[0] = 10
        #expect(Self.base(log) == start)
        #expect(Array(log) == [10, 20, 3])
    }

    @Test func removingTheLastThenAppendingLeavesCopiesAlone() {
        var log: LogArray<Int> = [1, 2, 3]
        let copy = log
        #expect(log.removeLast() == 3)
        log.append(30)
        #expect(Array(copy) == [1, 2, 3])
        #expect(Array(log) == [1, 2, 30])
        log.removeLast(2)
        #expect(Array(log) == [1])
        log.removeAll(where: { $0 == 1 })
        #expect(log.isEmpty)
    }

    @Test func everyElementIsReleasedOnceWhateverTheCopies() {
        let liveBefore = Counted.live.withLock { $0 }
        do {
            var log = LogArray((0..<10).map(Counted.init))
            var copies = [log]
            for value in 10..<300 {
                log.append(Counted(value))
                if value % 7 == 0 { copies.append(log) }
                if value % 50 == 0 {
                    var branch = log
                    branch.append(Counted(-value))
                    branch.removeLast()
                    branch[0] = Counted(-1)
                    copies.append(branch)
                }
            }
            #expect(log.map(\.value) == Array(0..<300))
            #expect(copies[1].map(\.value) == Array(0..<15))
        }
        #expect(Counted.live.withLock { $0 } == liveBefore)
    }

    @Test func copiesAppendedFromSeveralThreadsAtOnceStayWhole() async {
        var room = LogArray(0..<1_000)
        room.reserveCapacity(4_000)  // so that the threads race for the same free slot
        let shared = room
        let results = await withTaskGroup(of: (Int, [Int]).self) { group in
            for thread in 0..<8 {
                group.addTask {
                    var log = shared
                    for step in 0..<2_000 { log.append(thread * 1_000_000 + step) }
                    return (thread, Array(log))
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for thread in 0..<8 {
            #expect(results[thread] == Array(0..<1_000) + (0..<2_000).map { thread * 1_000_000 + $0 })
        }
        #expect(Array(shared) == Array(0..<1_000))
    }

    @Test func encodesAndComparesAsAnArray() throws {
        let log: LogArray<String> = ["x", "y"]
        let json = String(decoding: try JSONEncoder().encode(log), as: UTF8.self)
        #expect(json == #"["x","y"]"#)
        #expect(try JSONDecoder().decode(LogArray<String>.self, from: Data(json.utf8)) == log)
        #expect(LogArray(["x"]) != log)
        #expect(log.description == #"["x", "y"]"#)
    }

    /// The binary searches over a sorted log give the positions a walk from the start gives, for values before,
    /// among (repeated or not) and after the elements, and on an empty log.
    @Test func theFirstPositionNotBeforeAndAfterAValueAreThoseOfAWalk() {
        let sorted: LogArray<Int> = [2, 4, 4, 4, 7, 9, 9]
        for value in 0...10 {
            #expect(sorted.firstPosition(notBefore: value) == (sorted.firstIndex { $0 >= value } ?? 7), "\(value)")
            #expect(sorted.firstPosition(after: value) == (sorted.firstIndex { $0 > value } ?? 7), "\(value)")
        }
        #expect(sorted.firstPosition(notBefore: 4) == 1)
        #expect(sorted.firstPosition(after: 4) == 4)
        let empty: LogArray<Int> = []
        #expect(empty.firstPosition(notBefore: 1) == 0)
        #expect(empty.firstPosition(after: 1) == 0)
    }
}
