/// Why an evaluation stopped, naming the model where one is at fault.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// K must be at least 1.
    case invalidK(Int)
    /// The model could not be fitted (unknown name, or the fit itself failed).
    case fitFailed(model: String, reason: String)
    /// A model gave NaN for some item: the protocol treats that as an error, not a low score.
    case nanScore(model: String, user: Int)
    /// A model scored a different number of items than the data set has.
    case wrongScoreCount(model: String, expected: Int, found: Int)
    /// A dump file could not be written.
    case dumpFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidK(let k): "k must be at least 1, got \(k)"
        case .fitFailed(let model, let reason): "\(model): fit failed: \(reason)"
        case .nanScore(let model, let user): "\(model): NaN score for user index \(user)"
        case .wrongScoreCount(let model, let expected, let found):
            "\(model): \(found) scores for \(expected) items"
        case .dumpFailed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
