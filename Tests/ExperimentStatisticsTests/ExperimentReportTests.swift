import ShoeData
import Testing
@testable import ExperimentStatistics

/// Seeded storefront-like users: 1–5 lists each, a view per list with probability `clickRate`, a
/// purchase with probability `conversion`, priced 50–150.
private func simulatedUsers(
    count: Int, clickRate: Double, conversion: Double, generator: inout SeededRandom
) -> [ExposedUser] {
    (0..<count).map { _ in
        let lists = 1 + Int(generator.next() % 5)
        let views = (0..<lists).filter { _ in generator.chance(clickRate) }.count
        let bought = generator.chance(conversion)
        return ExposedUser(
            lists: lists, views: views, wishlists: views / 2, purchases: bought ? 1 : 0,
            revenue: bought ? 50 + 100 * generator.unit() : 0)
    }
}

/// An arm of `exposed` simulated users; everyone assigned is exposed unless `assigned` says otherwise.
private func simulatedArm(
    _ name: String, assigned: Int? = nil, exposed: Int, clickRate: Double, conversion: Double,
    generator: inout SeededRandom
) -> ArmObservations {
    ArmObservations(
        name: name, weight: 50, usersAssigned: assigned ?? exposed,
        exposedUsers: simulatedUsers(count: exposed, clickRate: clickRate, conversion: conversion, generator: &generator))
}

@Suite("The experiment report's statistics")
struct ExperimentReportTests {
    @Test("control carries only its values; treatment's match Welch and the delta method computed directly")
    func shapeAndValues() throws {
        var generator = SeededRandom(seed: 1, stream: 0)
        let control = simulatedUsers(count: 400, clickRate: 0.2, conversion: 0.05, generator: &generator)
        let treatment = simulatedUsers(count: 420, clickRate: 0.25, conversion: 0.06, generator: &generator)
        let report = ExperimentReport(arms: [
            ArmObservations(name: "control", weight: 50, usersAssigned: 500, exposedUsers: control),
            ArmObservations(name: "treatment", weight: 50, usersAssigned: 510, exposedUsers: treatment),
        ])
        #expect(report.arms.map(\.name) == ["control", "treatment"])
        let controlArm = report.arms[0], treatmentArm = report.arms[1]
        #expect(controlArm.usersAssigned == 500 && controlArm.usersExposed == 400)
        #expect(controlArm.lists == control.reduce(0) { $0 + $1.lists })
        #expect(treatmentArm.purchases == treatment.reduce(0) { $0 + $1.purchases })
        for name in MetricName.allCases {
            let metric = controlArm.metrics[name]
            #expect(metric.value != nil)
            #expect(metric.difference == nil && metric.pValue == nil && metric.ci95 == nil && metric.cs95 == nil)
        }

        let welch = try #require(WelchTTest(
            control: control.map { $0.purchases > 0 ? 1.0 : 0.0 }, treatment: treatment.map { $0.purchases > 0 ? 1.0 : 0.0 }))
        let conversion = treatmentArm.metrics.conversion
        #expect(conversion.difference == welch.difference)
        #expect(conversion.pValue == welch.pValue)
        #expect(conversion.ci95 == welch.confidenceInterval())
        #expect(conversion.cs95 == ConfidenceSequence().interval(
            estimate: welch.difference, standardError: welch.standardError, sampleSize: 820))

        let ctrTest = try #require(RatioDifferenceTest(
            control: RatioSummary(control.map { (numerator: Double($0.views), denominator: Double($0.lists)) }),
            treatment: RatioSummary(treatment.map { (numerator: Double($0.views), denominator: Double($0.lists)) })))
        #expect(treatmentArm.metrics.ctr.value == ctrTest.treatmentRatio)
        #expect(treatmentArm.metrics.ctr.pValue == ctrTest.pValue)
        #expect(treatmentArm.metrics.ctr.ci95 == ctrTest.confidenceInterval())

        let revenue = try #require(WelchTTest(control: control.map(\.revenue), treatment: treatment.map(\.revenue)))
        #expect(treatmentArm.metrics.revenuePerUser.difference == revenue.difference)
        // Headline sequence ⊇ fixed interval.
        for name in MetricName.allCases {
            let metric = treatmentArm.metrics[name]
            let ci = try #require(metric.ci95), cs = try #require(metric.cs95)
            #expect(cs.lower < ci.lower && ci.upper < cs.upper, "\(name)")
        }
        #expect(report.srm.assigned != nil && report.srm.exposed != nil)
    }

    @Test("a clearly better treatment leads, named with its relative lift and always-valid p")
    func treatmentLeads() {
        var generator = SeededRandom(seed: 2, stream: 0)
        let report = ExperimentReport(arms: [
            simulatedArm("control", exposed: 3_000, clickRate: 0.2, conversion: 0.04, generator: &generator),
            simulatedArm("treatment", exposed: 3_000, clickRate: 0.3, conversion: 0.10, generator: &generator),
        ])
        #expect(!report.srm.flagged)
        let conversion = report.arms[1].metrics.conversion
        let lift = (conversion.relativeDifference ?? 0) * 100
        #expect(lift > 50, "lift \(lift) %")
        #expect(report.verdict.hasPrefix("treatment leads on conversion (+"), "\(report.verdict)")
        #expect(report.verdict.contains("treatment leads on CTR (+"), "\(report.verdict)")
        #expect((conversion.sequentialPValue ?? 1) < 0.05)
        #expect((conversion.sequentialPValue ?? 0) >= (conversion.pValue ?? 1), "the always-valid p is the stricter")
    }

    @Test("a worse treatment: control leads, with a negative lift")
    func controlLeads() {
        var generator = SeededRandom(seed: 3, stream: 0)
        let report = ExperimentReport(arms: [
            simulatedArm("hybrid", exposed: 3_000, clickRate: 0.3, conversion: 0.10, generator: &generator),
            simulatedArm("popularity", exposed: 3_000, clickRate: 0.2, conversion: 0.04, generator: &generator),
        ])
        #expect(report.verdict.hasPrefix("hybrid leads on conversion over popularity (−"), "\(report.verdict)")
    }

    @Test("identical arms: no evidence yet of a difference")
    func noDifference() {
        var generator = SeededRandom(seed: 4, stream: 0)
        let users = simulatedUsers(count: 1_000, clickRate: 0.2, conversion: 0.05, generator: &generator)
        let report = ExperimentReport(arms: [
            ArmObservations(name: "control", weight: 50, usersAssigned: 1_000, exposedUsers: users),
            ArmObservations(name: "treatment", weight: 50, usersAssigned: 1_000, exposedUsers: users),
        ])
        #expect(report.verdict == "no evidence yet of a difference")
        #expect(report.arms[1].metrics.conversion.difference == 0)
        #expect(report.arms[1].metrics.conversion.pValue == 1)
    }

    @Test("one arm's exposures dropped: SRM flagged and the verdict says the split is broken")
    func sampleRatioMismatch() throws {
        var generator = SeededRandom(seed: 5, stream: 0)
        let report = ExperimentReport(arms: [
            simulatedArm("control", exposed: 2_000, clickRate: 0.2, conversion: 0.04, generator: &generator),
            simulatedArm("treatment", assigned: 2_010, exposed: 1_700, clickRate: 0.3, conversion: 0.10, generator: &generator),
        ])
        #expect(!(try #require(report.srm.assigned)).flagged)
        #expect(try #require(report.srm.exposed).flagged)
        #expect(report.srm.flagged)
        #expect(report.srm.pValue == report.srm.exposed?.pValue)
        #expect(report.verdict.hasPrefix("sample ratio mismatch (p < 0.001)"), "\(report.verdict)")
    }

    @Test("no users yet: no values, no tests, no SRM, no evidence — and no crash")
    func empty() {
        let report = ExperimentReport(arms: [
            ArmObservations(name: "control", weight: 50, usersAssigned: 0, exposedUsers: []),
            ArmObservations(name: "treatment", weight: 50, usersAssigned: 0, exposedUsers: []),
        ])
        #expect(report.arms[1].metrics.conversion.value == nil)
        #expect(report.arms[1].metrics.ctr.pValue == nil)
        #expect(report.srm.pValue == nil && !report.srm.flagged)
        #expect(report.verdict == "no evidence yet of a difference")
    }

    @Test("verdict numbers: percent with a true minus sign, p to three places or '< 0.001'")
    func formatting() {
        #expect(Verdict.format(percent: 0.1234) == "+12.3 %")
        #expect(Verdict.format(percent: -0.081) == "−8.1 %")
        #expect(Verdict.format(pValue: 0.0042) == "= 0.004")
        #expect(Verdict.format(pValue: 0.0004) == "< 0.001")
    }
}
