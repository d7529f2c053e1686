import Foundation

#if !_endian(little)
#error("ModelArchive writes arrays in the host's byte order and assumes it is little-endian")
#endif

/// The versioned binary form of trained models: named scalars, arrays and parts, with a checksum.
///
/// Layout (little-endian):
///
///     "SOLEMATE" | format u32 | reserved u32            header, 16 bytes
///     entry*                                            arrays and records, in writing order
///     entry count u32 | root entry u32                  footer
///     CRC-32C u32                                       of every byte before it
///
/// An entry is `tag u8 | element count u64 | byte length u64 | bytes`. An array entry holds raw
/// elements (Double, Float, Int32, Int64, or length-prefixed UTF-8 strings); a record entry holds
/// its kind and its named fields, each a scalar or a reference to an earlier entry. Equal arrays
/// and equal records are written once and referenced wherever they occur: a hybrid's svd part and
/// the `svd` served alone are one record, the interaction matrix two models hold is one set of
/// arrays, and on reading they become one shared value again (so memory is not doubled either).
///
/// `formatVersion` changes whenever the layout or a model's fields change incompatibly; a reader
/// refuses any other version rather than guess.
public enum ModelArchive {
    /// The format this program writes and the only one it reads.
    public static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("SOLEMATE".utf8)
    static let headerSize = 16
    static let footerSize = 12

    /// Every model kind a reader can rebuild. A new model adds itself here (and nowhere else).
    public static let kinds: [any ArchivableModel.Type] = [
        PopularityModel.self, IMDBModel.self, PureSVDModel.self, TFIDFModel.self, HybridModel.self,
        SegmentModel.self, IALSModel.self, EASEModel.self, RP3betaModel.self, ItemKNNModel.self, TimeDecayedEASEModel.self,
        RecencyRerankModel.self, RecentWeightingModel.self, BlendModel.self,
    ]

    /// Writes an archive whose root record `root` fills.
    ///
    /// - Throws: `ModelArchiveError.notArchivable` when a part is a model without a conformance.
    public static func encode(kind: String, _ root: (inout ModelArchiveWriter) -> Void) throws(ModelArchiveError) -> [UInt8] {
        let encoder = ArchiveEncoder()
        var writer = ModelArchiveWriter(encoder: encoder, kind: kind)
        root(&writer)
        if let failure = encoder.failure { throw failure }
        let rootEntry = encoder.finish(writer)
        return encoder.seal(root: rootEntry)
    }

    /// Reads an archive: checks the magic, the format version and the checksum before anything
    /// else, then answers a reader of its root record.
    public static func decode(_ bytes: [UInt8]) throws(ModelArchiveError) -> ModelArchiveReader {
        let decoder = try ArchiveDecoder(bytes)
        return try decoder.rootReader()
    }

    /// Checks magic, format and checksum only (what a replica does before it parses a version).
    public static func verify(_ bytes: [UInt8]) throws(ModelArchiveError) {
        _ = try ArchiveDecoder.checkFrame(bytes)
    }

    /// The kind of `model` in an archive, if it has one.
    static func kind(of model: any RecommendationModel) -> (any ArchivableModel)? {
        model as? any ArchivableModel
    }

    static let kindsByName: [String: any ArchivableModel.Type] = Dictionary(
        uniqueKeysWithValues: kinds.map { ($0.archiveKind, $0) })

    /// What an entry holds: an array of one element type, or a record.
    public enum Tag: UInt8, Sendable {
        case doubles = 1, floats = 2, int32s = 3, int64s = 4, strings = 5, record = 16
    }

    /// Field tags inside a record.
    enum FieldTag: UInt8 {
        case int = 1, double = 2, string = 3, reference = 4
    }
}
