/// The kind of shoe, as the shop's `type` column spells it (`running`, `hiking boot`, ...).
///
/// An open set rather than an enum: a shop may add kinds the code has never heard of, and an
/// importer must not reject them. The kinds the project knows are the static members and ``known``.
public struct ShoeType: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let running: ShoeType = "running"
    public static let trailRunning: ShoeType = "trail running"
    public static let hikingBoot: ShoeType = "hiking boot"
    public static let sneaker: ShoeType = "sneaker"
    public static let casual: ShoeType = "casual"
    public static let loafer: ShoeType = "loafer"
    public static let oxford: ShoeType = "oxford"
    public static let sandal: ShoeType = "sandal"
    public static let slipper: ShoeType = "slipper"
    public static let highHeel: ShoeType = "high heel"
    public static let boot: ShoeType = "boot"
    public static let basketball: ShoeType = "basketball"
    public static let football: ShoeType = "football"
    public static let tennis: ShoeType = "tennis"
    public static let workBoot: ShoeType = "work boot"

    /// Every kind the project knows, in a fixed order (the generator's catalogue order).
    public static let known: [ShoeType] = [
        .running, .trailRunning, .hikingBoot, .sneaker, .casual, .loafer, .oxford, .sandal,
        .slipper, .highHeel, .boot, .basketball, .football, .tennis, .workBoot,
    ]
}
