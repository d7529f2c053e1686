/// The report's three metrics, by the names the JSON uses.
public enum MetricName: String, Sendable, CaseIterable {
    /// Views per list served, Σ views / Σ lists (a ratio metric: delta method).
    case ctr
    /// Share of exposed users with at least one attributed purchase (Welch on per-user 0/1).
    case conversion
    /// Attributed revenue per exposed user (Welch on per-user revenue).
    case revenuePerUser = "revenue_per_user"

    /// How the metric is named in the verdict sentence.
    public var phrase: String {
        switch self {
        case .ctr: "CTR"
        case .conversion: "conversion"
        case .revenuePerUser: "revenue per user"
        }
    }
}

/// One metric of one arm. For the control arm `difference`, `ci95`, `cs95` and both p-values are nil:
/// they describe the arm *against* control.
public struct MetricResult: Sendable, Equatable {
    /// The arm's own value; nil when it has no exposed users (or, for CTR, no lists).
    public var value: Double?
    /// value(arm) − value(control).
    public var difference: Double?
    /// difference / value(control), for "+4.2 %"; nil when control's value is 0.
    public var relativeDifference: Double?
    /// The fixed-horizon 95 % interval of the difference (valid for one look at a planned size).
    public var ci95: Interval?
    /// The always-valid 95 % confidence sequence of the difference (valid at every look): the headline.
    public var cs95: Interval?
    /// The fixed-horizon two-sided p-value (Welch's t or the delta method's z).
    public var pValue: Double?
    /// The always-valid p-value that goes with `cs95` (below 0.05 exactly when cs95 excludes 0).
    public var sequentialPValue: Double?

    public init(
        value: Double?, difference: Double? = nil, relativeDifference: Double? = nil, ci95: Interval? = nil,
        cs95: Interval? = nil, pValue: Double? = nil, sequentialPValue: Double? = nil
    ) {
        self.value = value
        self.difference = difference
        self.relativeDifference = relativeDifference
        self.ci95 = ci95
        self.cs95 = cs95
        self.pValue = pValue
        self.sequentialPValue = sequentialPValue
    }
}

/// The three metrics of one arm.
public struct ArmMetrics: Sendable, Equatable {
    public var ctr: MetricResult
    public var conversion: MetricResult
    public var revenuePerUser: MetricResult

    public subscript(name: MetricName) -> MetricResult {
        switch name {
        case .ctr: ctr
        case .conversion: conversion
        case .revenuePerUser: revenuePerUser
        }
    }
}
