import LinearAlgebra

/// Why a fit was refused.
public enum RecommenderError: Error, Equatable, Sendable {
    /// No users, no items, or no cells: nothing to learn from.
    case emptyTrainingSet
    /// A cell points outside 0..<userCount x 0..<itemCount.
    case cellOutOfRange(user: Int32, item: Int32)
    /// A weight is NaN or infinite.
    case nonFiniteWeight(user: Int32, item: Int32)
    /// `itemTexts.count` differs from `itemCount`.
    case itemTextCountMismatch(expected: Int, actual: Int)
    /// A parameter outside its domain (e.g. k < 1, alpha outside [0, 1]).
    case invalidParameter(String)
    /// A model name `ModelConfiguration(name:)` does not know.
    case unknownModel(String)
    /// The linear algebra underneath failed (e.g. a Gram matrix not positive definite).
    case linearAlgebra(LinearAlgebraError)
}

/// Runs a linear-algebra step, rethrowing its error as a `RecommenderError`.
func algebra<T>(_ body: () throws -> T) throws(RecommenderError) -> T {
    do {
        return try body()
    } catch let error as LinearAlgebraError {
        throw .linearAlgebra(error)
    } catch let error as RecommenderError {
        throw error
    } catch {
        throw .invalidParameter("\(error)")
    }
}
