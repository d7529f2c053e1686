import Foundation

/// The repository's `data/` (the default data, seed 42), read just enough for in-process shops:
/// each shoe's brand, model and price, and the purchase count that ranks the popular list.
struct DefaultData {
    static let seed: UInt64 = 42
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    /// Read once for the whole test run.
    static let shared = Result { try DefaultData() }

    struct ShoeRow { var id: Int; var brand: String; var model: String; var price: Double }

    let shoes: [ShoeRow]
    let users: Int
    /// Shoe ids by purchases in the history, most first (ties by id): what a popularity model shows.
    let popularRanking: [Int]

    init() throws {
        // The first seven columns hold no commas; the care text after them is the only quoted one.
        shoes = try Self.rows("shoes.csv").map { fields in
            ShoeRow(id: Int(fields[0])!, brand: String(fields[1]), model: String(fields[2]), price: Double(fields[6])!)
        }
        users = try Self.rows("users.csv").count
        var purchases: [Int: Int] = [:]
        for fields in try Self.rows("interactions.csv") where fields[2] == "purchase" {
            purchases[Int(fields[1])!, default: 0] += 1
        }
        popularRanking = shoes.map(\.id).sorted { (purchases[$0] ?? 0, -$0) > (purchases[$1] ?? 0, -$1) }
    }

    private static func rows(_ file: String) throws -> [[Substring]] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 7, omittingEmptySubsequences: false) }
    }
}
