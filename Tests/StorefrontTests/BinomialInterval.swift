/// Wilson's score interval for a binomial proportion: where the true rate of "flagged" lies, given
/// `successes` of `trials`, at the confidence whose two-sided normal quantile is `z`.
struct BinomialInterval: CustomStringConvertible {
    let successes: Int
    let trials: Int
    let z: Double

    var rate: Double { Double(successes) / Double(trials) }

    var bounds: ClosedRange<Double> {
        let n = Double(trials)
        let p = rate
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }

    var description: String {
        "\(successes)/\(trials) = \(percent(rate)) (interval \(percent(bounds.lowerBound))-\(percent(bounds.upperBound)))"
    }

    private func percent(_ value: Double) -> String {
        "\((value * 1000).rounded() / 10) %"
    }
}
