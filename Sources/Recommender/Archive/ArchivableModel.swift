/// A model that can be written into a `ModelArchive` and read back as an equal model: what lets a
/// replica serve a version it did not train.
///
/// A conformance names its fields and writes them as named scalars and arrays (`[Double]`,
/// `[Float]`, `[Int32]`, `[Int]`, `[String]`), matrices, and other models as parts; it reads them
/// back by the same names. The archive knows nothing of any model: a new model conforms in a
/// file of its own and is listed in `ModelArchive.kinds`, nothing else changes (see
/// `Archive/README.md`). What a model computes from its fields at no cost (a Float copy) is
/// recomputed on reading; what it computed with floating point that a different machine might
/// round differently (unit embeddings, a Gram matrix) is written, so a loaded model ranks
/// exactly as the trained one.
public protocol ArchivableModel: RecommendationModel {
    /// The model's kind in an archive (`svd`, `tfidf`, ...): unique among `ModelArchive.kinds`,
    /// and never changed once published, since archives name their parts by it.
    static var archiveKind: String { get }
    /// Writes every field the model needs to be rebuilt.
    func archive(into writer: inout ModelArchiveWriter)
    /// Rebuilds the model from what `archive(into:)` wrote; throws, never traps, on a field
    /// missing, of the wrong type or of inconsistent shape.
    init(unarchiving reader: ModelArchiveReader) throws(ModelArchiveError)
}

/// Why an archive cannot be read (or a model cannot be written into one).
public enum ModelArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an archive: the magic bytes are not there.
    case notAnArchive
    /// Written by a format this program does not read.
    case unsupportedFormat(found: UInt32, supported: UInt32)
    /// The checksum over the bytes does not match: corrupt or truncated.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// The bytes end before the structure they describe does (or go on after it).
    case truncated(String)
    /// A field a model needs is absent, or of another type.
    case missingField(String, kind: String)
    /// A part names a model kind this program does not know.
    case unknownKind(String)
    /// The fields are there but do not fit together (a matrix whose size is not rows x columns ...).
    case inconsistent(String)
    /// A model to write does not conform to `ArchivableModel`.
    case notArchivable(String)

    public var description: String {
        switch self {
        case .notAnArchive: "not a model archive (bad magic bytes)"
        case .unsupportedFormat(let found, let supported): "archive format \(found), this program reads format \(supported)"
        case .checksumMismatch(let expected, let actual):
            "checksum mismatch (stored \(String(expected, radix: 16)), computed \(String(actual, radix: 16)))"
        case .truncated(let what): "archive truncated: \(what)"
        case .missingField(let name, let kind): "field \(name) missing or of another type in a \(kind)"
        case .unknownKind(let kind): "unknown model kind \(kind)"
        case .inconsistent(let what): "inconsistent archive: \(what)"
        case .notArchivable(let name): "model \(name) cannot be archived (no ArchivableModel conformance)"
        }
    }
}
