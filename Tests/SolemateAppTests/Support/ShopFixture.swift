import Foundation
import TestSupport

/// A small, fixed shop for the HTTP tests: 16 shoes of eight types, users 1-6 with views,
/// wishlists and one purchase each (fixed dates, some around a month end), users 7 and 8 with no
/// history at all. Written as the shop's three CSV files for `ShopDataImporter`.
enum ShopFixture {
    static let users = """
        id,age,gender,primary_usage
        1,34,female,running
        2,29,male,running
        3,45,female,casual
        4,52,male,formal
        5,38,female,hiking
        6,23,male,sport
        7,31,female,casual
        8,27,male,running
        """

    /// Shoe 1 lives 60 days and shoe 13 45 days, so their purchases are due for replacement in
    /// March 2026; the rest last a year or more.
    static let shoes = """
        id,brand,model,type,material,color,price,care_instructions,lifespan_days
        1,Aldenmoor,Pace 1,running,mesh,blue,120.00,"hand wash, air dry",60
        2,Aldenmoor,Pace 2,running,mesh,black,130.00,"hand wash, air dry",365
        3,Aldenmoor,Pace 3,running,mesh,blue,140.00,"hand wash, air dry",365
        4,Stridewell,Ridge X,trail running,mesh,green,150.00,rinse off mud and air dry,400
        5,Stridewell,Ridge Y,trail running,synthetic,green,155.00,rinse off mud and air dry,400
        6,Crestwood,Stroll,casual,leather,brown,85.00,wipe with a damp cloth,700
        7,Crestwood,Amble,casual,leather,brown,90.00,wipe with a damp cloth,700
        8,Crestwood,Wander,casual,canvas,white,60.00,machine wash cold,500
        9,Venetian,Doge,loafer,leather,burgundy,220.00,condition and polish,1100
        10,Venetian,Lido,loafer,suede,burgundy,230.00,brush the suede,1100
        11,Summit,Crag,hiking boot,leather,brown,180.00,wax the leather,900
        12,Summit,Scree,hiking boot,leather,brown,190.00,wax the leather,900
        13,Courtline,Ace,tennis,synthetic,white,95.00,wipe clean,45
        14,Courtline,Deuce,tennis,synthetic,white,99.00,wipe clean,365
        15,Hoopster,Dunk,basketball,synthetic,red,140.00,wipe clean,365
        16,Breeze,Flip,sandal,rubber,black,40.00,rinse with water,300
        """

    static let interactions = """
        user_id,shoe_id,interaction_type,timestamp
        1,1,view,2026-01-04T09:00:00Z
        1,2,view,2026-01-04T09:05:00Z
        1,3,add_to_wishlist,2026-01-04T09:10:00Z
        1,1,purchase,2026-01-05T10:00:00Z
        1,4,view,2026-01-06T08:00:00Z
        1,13,view,2026-01-07T08:00:00Z
        2,1,view,2026-01-09T12:00:00Z
        2,3,view,2026-01-09T12:05:00Z
        2,2,purchase,2026-01-10T12:00:00Z
        2,5,view,2026-01-11T12:00:00Z
        2,4,add_to_wishlist,2026-01-11T12:05:00Z
        3,6,view,2026-01-14T18:00:00Z
        3,7,view,2026-01-14T18:05:00Z
        3,6,purchase,2026-01-15T18:00:00Z
        3,8,view,2026-01-16T18:00:00Z
        3,9,add_to_wishlist,2026-01-16T18:05:00Z
        4,9,view,2026-01-19T20:00:00Z
        4,10,view,2026-01-19T20:05:00Z
        4,9,purchase,2026-01-20T20:00:00Z
        4,6,view,2026-01-21T20:00:00Z
        5,11,view,2026-01-30T07:00:00Z
        5,12,view,2026-01-30T07:05:00Z
        5,11,purchase,2026-01-31T23:30:00Z
        5,4,view,2026-02-01T07:00:00Z
        5,5,view,2026-02-01T07:05:00Z
        6,13,view,2026-01-31T10:00:00Z
        6,14,view,2026-01-31T10:05:00Z
        6,15,view,2026-01-31T10:10:00Z
        6,13,purchase,2026-02-01T00:30:00+01:00
        6,15,add_to_wishlist,2026-02-02T10:00:00Z
        6,1,view,2026-02-02T11:00:00Z
        """

    /// Purchases in the data: user → (shoe, purchase day in UTC).
    static let purchases: [Int: (shoe: Int, day: String)] = [
        1: (1, "2026-01-05"), 2: (2, "2026-01-10"), 3: (6, "2026-01-15"), 4: (9, "2026-01-20"),
        5: (11, "2026-01-31"), 6: (13, "2026-01-31"),
    ]
    static let interactionCount = 31
    static let shoeCount = 16
    static let coldUsers = [7, 8]

    /// Writes the three files into a new temporary folder and answers it.
    static func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("solemate-app-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in [("users.csv", users), ("shoes.csv", shoes), ("interactions.csv", interactions)] {
            try (text + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// The users and shoes of data/ with its first `events` interactions, in a new temporary
    /// folder: big enough that a training takes a while in a debug build, small enough for a test.
    static func writeSubsetOfData(events: Int) throws -> URL {
        let source = RepositoryPaths.root.appendingPathComponent("data")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("solemate-data-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["users.csv", "shoes.csv"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let lines = try String(contentsOf: source.appendingPathComponent("interactions.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).prefix(events + 1)
        try (lines.joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("interactions.csv"), atomically: true, encoding: .utf8)
        return folder
    }
}
