#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed socket call: which operation and the errno it left. Only start-up (resolving,
/// binding, listening) surfaces these; per-connection failures just close that connection.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    public let operation: String
    public let errorNumber: Int32

    init(_ operation: String, errorNumber: Int32 = errno) {
        self.operation = operation
        self.errorNumber = errorNumber
    }

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(errorNumber))) (errno \(errorNumber))"
    }
}
