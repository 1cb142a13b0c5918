import Testing
@testable import IPsecKit

/// Every branch of every shipped walkthrough, taken by the pure machine on composed
/// device output: the path to the branch is planned from the tree, the device is
/// composed to give the values that path needs, and the run must follow it exactly.
@Suite("Walkthrough branches")
struct WalkthroughBranchTests {
    @Test func theFiveWalkthroughsShip() {
        #expect(Set(Shipped.library.ids) == ["tunnel-down", "no-traffic", "split-tunnel", "mtu", "intermittent"])
    }

    @Test(arguments: BranchCase.all)
    func branchIsTakenOnComposedOutput(_ c: BranchCase) throws {
        let w = try #require(Shipped.library[c.walkthrough])
        let path = try #require(BranchPlanner.path(to: c.step, in: w), "step \(c.step) is unreachable")
        let moves = path + [(c.step, c.branch)]
        let values = try #require(BranchPlanner.solve(moves, in: w), "no device values take \(c)")
        let device = ComposedDevice(values: values)
        var run = WalkthroughRun(walkthrough: w, catalog: Shipped.catalog, platform: device.platform, peer: ComposedDevice.peer)
        var guardSteps = 0
        while let plan = run.plan(), guardSteps < 20 {
            run.complete(device.outputs(for: plan, catalog: Shipped.catalog))
            guardSteps += 1
        }
        #expect(run.isConcluded)
        for (n, move) in moves.enumerated() {
            guard n < run.records.count else { Issue.record("\(c): the run stopped after \(run.records.count) steps"); return }
            let record = run.records[n]
            let expected = w.step(move.step)!.branches[move.branch]
            #expect(record.id == move.step, "\(c): step \(n + 1) is \(record.id)")
            #expect(record.branch?.next == expected.next && record.branch?.conclude == expected.conclude,
                    "\(c): \(record.id) took \(record.branch?.condition ?? "-") -> \(record.branch?.targetText ?? "-"); evidence \(record.evidence.map { "\($0.check)=\($0.value) (\($0.detail))" })")
        }
        if let leaf = w.step(c.step)!.branches[c.branch].conclude {
            let conclusion = try #require(run.conclusion)
            #expect(conclusion.id == leaf)
            #expect(conclusion.healthy == (leaf == Walkthrough.healthy))
            if !conclusion.healthy { #expect(!conclusion.fixes.isEmpty, "\(leaf) has no fix steps in the catalog") }
        }
    }
}
