/// One arm's per-user numerators and denominators of a ratio metric, reduced to the moments the delta
/// method needs.
///
/// CTR per list is Σ clicks / Σ lists over the arm. Lists are not independent — one user's lists share
/// that user's taste — so treating each list as a Bernoulli trial understates the variance. Users are
/// the unit of randomisation and are independent, so the ratio is a function of two per-user means,
/// R = x̄ / ȳ, and its variance follows from the delta method (Deng, Knoblich, Lu 2018, "Applying the
/// Delta Method in Metric Analytics", eq. 3):
///   Var(R) ≈ (1/n) · (σ²ₓ/μ²ᵧ − 2 μₓ σₓᵧ/μ³ᵧ + μ²ₓ σ²ᵧ/μ⁴ᵧ).
public struct RatioSummary: Sendable, Equatable {
    public var count: Int
    public var meanNumerator: Double
    public var meanDenominator: Double
    /// Sample variances and covariance (divisor n − 1).
    public var varianceNumerator: Double
    public var varianceDenominator: Double
    public var covariance: Double

    public init(
        count: Int, meanNumerator: Double, meanDenominator: Double,
        varianceNumerator: Double, varianceDenominator: Double, covariance: Double
    ) {
        self.count = count
        self.meanNumerator = meanNumerator
        self.meanDenominator = meanDenominator
        self.varianceNumerator = varianceNumerator
        self.varianceDenominator = varianceDenominator
        self.covariance = covariance
    }

    /// From per-user (numerator, denominator) pairs, in one pass (Welford's update for the
    /// co-moments), so large counts do not cancel.
    public init(_ pairs: some Sequence<(numerator: Double, denominator: Double)>) {
        var count = 0
        var meanX = 0.0, meanY = 0.0
        var comomentXX = 0.0, comomentYY = 0.0, comomentXY = 0.0
        for (x, y) in pairs {
            count += 1
            let n = Double(count)
            let deltaX = x - meanX
            let deltaY = y - meanY
            meanX += deltaX / n
            meanY += deltaY / n
            comomentXX += deltaX * (x - meanX)
            comomentYY += deltaY * (y - meanY)
            comomentXY += deltaX * (y - meanY)
        }
        let divisor = count > 1 ? Double(count - 1) : .infinity
        self.init(
            count: count, meanNumerator: meanX, meanDenominator: meanY,
            varianceNumerator: comomentXX / divisor, varianceDenominator: comomentYY / divisor,
            covariance: comomentXY / divisor)
    }

    /// Σ numerator / Σ denominator; nil with no denominator at all.
    public var ratio: Double? {
        meanDenominator > 0 ? meanNumerator / meanDenominator : nil
    }

    /// The delta-method variance of `ratio`; nil when it is undefined (fewer than two users or no
    /// denominator).
    public var varianceOfRatio: Double? {
        guard count >= 2, meanDenominator > 0 else { return nil }
        let my = meanDenominator, mx = meanNumerator
        let variance = varianceNumerator / (my * my)
            - 2 * mx * covariance / (my * my * my)
            + mx * mx * varianceDenominator / (my * my * my * my)
        return max(0, variance) / Double(count)
    }
}

/// The difference of two independent arms' ratio metrics (treatment − control) with a z-test: the
/// delta method gives each ratio an asymptotically normal distribution, and the arms are independent,
/// so the variances add.
public struct RatioDifferenceTest: Sendable, Equatable {
    public let controlRatio: Double
    public let treatmentRatio: Double
    public let difference: Double
    public let standardError: Double
    public let z: Double
    public let pValue: Double

    /// Nil when either ratio or its variance is undefined, or both variances are 0.
    public init?(control: RatioSummary, treatment: RatioSummary) {
        guard let controlRatio = control.ratio, let treatmentRatio = treatment.ratio,
            let controlVariance = control.varianceOfRatio, let treatmentVariance = treatment.varianceOfRatio,
            controlVariance + treatmentVariance > 0
        else { return nil }
        self.controlRatio = controlRatio
        self.treatmentRatio = treatmentRatio
        difference = treatmentRatio - controlRatio
        standardError = (controlVariance + treatmentVariance).squareRoot()
        z = difference / standardError
        pValue = StandardNormal.twoSidedPValue(z)
    }

    /// The fixed-horizon interval difference ± z_{1−α/2} · standardError.
    public func confidenceInterval(level: Double = 0.95) -> Interval {
        precondition(level > 0 && level < 1, "a confidence level lies in (0, 1)")
        return Interval(center: difference, radius: StandardNormal.quantile(0.5 + level / 2) * standardError)
    }
}
