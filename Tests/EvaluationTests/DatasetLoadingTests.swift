import Testing
@testable import Evaluation

@Suite("Loading a data directory (PROTOCOL.md section 1)")
struct DatasetLoadingTests {
    @Test("neutral form: trimmed ids, union of item universes, weights, quoted item text joined by spaces")
    func neutralForm() throws {
        let directory = try Fixture.directory([
            "interactions.csv": """
                user_id,item_id,event,timestamp,value
                 u2 ,10,view,2023-03-28T19:15:30Z,
                u1,9,purchase,1680030930,
                u1,10,add_to_wishlist,2023-03-28,
                u2,11,rating,2023-03-28T19:15:31+02:00,4.5

                """,
            "items.csv": #"""
                item_id,brand,care,lifespan_days
                9,Aldenmoor,"wipe clean, air dry",356
                12,"Say ""hi""",,7

                """#,
        ])
        let dataset = try Dataset.load(directory: directory)
        #expect(dataset.userIDs == ["u1", "u2"])
        #expect(dataset.itemIDs == ["9", "10", "11", "12"])  // all integers: by value
        #expect(dataset.itemTexts == ["Aldenmoor wipe clean, air dry 356", "", "", "Say \"hi\"  7"])
        #expect(dataset.events.map(\.user) == [1, 0, 0, 1])
        #expect(dataset.events.map(\.item) == [1, 0, 1, 2])
        #expect(dataset.events.map(\.weight) == [1, 5, 3, 4.5])
        #expect(dataset.events.map(\.isPurchase) == [false, true, false, false])
        #expect(dataset.events.map(\.timestamp) == [
            1_680_030_930_000_000_000, 1_680_030_930_000_000_000, 1_679_961_600_000_000_000, 1_680_023_731_000_000_000,
        ])
        #expect(dataset.fileDigests.keys.sorted() == ["interactions.csv", "items.csv"])
    }

    @Test("the shop's form maps one to one: shoe_id, interaction_type, shoes.csv id; columns in any order")
    func shopForm() throws {
        let directory = try Fixture.directory([
            "interactions.csv": """
                id,timestamp,interaction_type,shoe_id,user_id
                1,2024-01-02T10:00:00Z,view,2,7
                2,2024-01-02T10:05:00Z,purchase,1,7

                """,
            "shoes.csv": """
                id,brand,model,type,price
                1,Granton,Trail X,boot,129.99
                2,Evergait,Air,sneaker,59.00
                3,Halloway,Lite,sandal,19.50

                """,
            "users.csv": "id,age\n7,31\n",
        ])
        let dataset = try Dataset.load(directory: directory)
        #expect(dataset.userIDs == ["7"])
        #expect(dataset.itemIDs == ["1", "2", "3"])
        #expect(dataset.itemTexts == ["Granton Trail X boot 129.99", "Evergait Air sneaker 59.00", "Halloway Lite sandal 19.50"])
        #expect(dataset.events.map(\.item) == [1, 0])
        #expect(dataset.events.map(\.weight) == [1, 5])
    }

    @Test("all-integer ids order by value, then string (007 before 7, both kept); one letter makes byte order")
    func mixedIDs() throws {
        let directory = try Fixture.directory([
            "interactions.csv": "user_id,item_id,event,timestamp\n007,b,view,0\n7,a,view,0\n10,A,view,0\n"
        ])
        let dataset = try Dataset.load(directory: directory)
        #expect(dataset.userIDs == ["007", "7", "10"])
        #expect(dataset.itemIDs == ["A", "a", "b"])
    }

    @Test("errors name the file, the line and the column")
    func errors() throws {
        func loadError(_ interactions: String) throws -> DatasetError? {
            let directory = try Fixture.directory(["interactions.csv": interactions])
            do {
                _ = try Dataset.load(directory: directory)
                return nil
            } catch {
                return error
            }
        }
        let unknown = try #require(try loadError("user_id,item_id,event,timestamp\n1,2,view,0\n1,2,click,0\n"))
        #expect(unknown.kind == .unknownEvent("click"))
        #expect((unknown.line, unknown.column) == (3, 3))
        #expect(unknown.description.hasSuffix("interactions.csv:3:3: unknown event \"click\" (expected view, add_to_wishlist, purchase or rating)"))

        let time = try #require(try loadError("user_id,item_id,event,timestamp\n1,2,view,yesterday\n"))
        #expect(time.kind == .invalidTimestamp("yesterday"))
        #expect((time.line, time.column) == (2, 4))

        let rating = try #require(try loadError("user_id,item_id,event,timestamp,value\n1,2,rating,0,\n"))
        #expect(rating.kind == .invalidRating(""))
        #expect((rating.line, rating.column) == (2, 5))

        let column = try #require(try loadError("user_id,item,event,timestamp\n1,2,view,0\n"))
        guard case .csv(let csv) = column.kind else { Issue.record("expected a CSV error, got \(column)"); return }
        #expect(csv.kind == .missingColumn("shoe_id"))

        let quote = try #require(try loadError("user_id,item_id,event,timestamp\n1,\"2,view,0\n"))
        guard case .csv(let unterminated) = quote.kind else { Issue.record("expected a CSV error, got \(quote)"); return }
        #expect((unterminated.kind, unterminated.line, unterminated.column) == (.unterminatedQuote, 2, 2))

        #expect(try loadError("user_id,item_id,event,timestamp\n")?.kind == .noInteractions)
        #expect(throws: DatasetError.self) { try Dataset.load(directory: "/nonexistent/solemate") }
    }
}
