import CSV
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import UTCTime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ShopDataset {
    /// Column names of each file, as the importer and the evaluation expect them.
    public enum Header {
        public static let users = ["id", "age", "gender", "primary_usage"]
        public static let shoes = [
            "id", "brand", "model", "type", "material", "color", "price", "care_instructions", "lifespan_days",
        ]
        public static let interactions = ["user_id", "shoe_id", "interaction_type", "timestamp"]
        public static let neutralItems = ["item_id", "brand", "model", "type", "material", "color"]
        public static let neutralInteractions = ["user_id", "item_id", "event", "timestamp"]
    }

    /// Writes the dataset as CSV files into `directory`, creating it if needed.
    ///
    /// Atomic per run: every file is first written in full to a hidden temporary file beside its
    /// final name and synced to disk, and only when all are written are they renamed into place. A
    /// failure removes the temporary files and leaves whatever was there before untouched.
    ///
    /// - Parameters:
    ///   - directory: Destination folder.
    ///   - format: ``ShopDataset.Format/shop`` (users, shoes, interactions) or ``ShopDataset.Format/neutral``
    ///     (items and interactions in the evaluation's form; users are not written).
    /// - Returns: The paths written, in ``ShopDataset.Format/fileNames`` order.
    @discardableResult
    public func write(
        toDirectory directory: String, format: ShopDataset.Format = .shop
    ) throws(ShopDatasetWriteError) -> [String] {
        try Self.makeDirectories(directory)
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        let finals = format.fileNames.map { directory + "/" + $0 }
        // The one rename failure we can foresee: a directory in a file's place. Refuse before writing,
        // so that no file of the set is replaced unless all are.
        for final in finals {
            var info = stat()
            if stat(final, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                throw .rename(from: final, to: final, errno: EISDIR)
            }
        }
        let temporaries = format.fileNames.map { directory + "/.\($0).tmp-\(getpid())" }
        do {
            switch format {
            case .shop:
                try writeUsers(to: temporaries[0])
                try writeShoes(to: temporaries[1])
                try writeInteractions(to: temporaries[2], header: Header.interactions)
            case .neutral:
                try writeShoes(to: temporaries[0], neutral: true)
                try writeInteractions(to: temporaries[1], header: Header.neutralInteractions)
            }
        } catch {
            for path in temporaries { unlink(path) }
            throw .csv(error)
        }
        for (temporary, final) in zip(temporaries, finals) where rename(temporary, final) != 0 {
            let code = errno
            for path in temporaries { unlink(path) }
            throw .rename(from: temporary, to: final, errno: code)
        }
        return finals
    }

    /// `mkdir -p`: creates `path` and any missing parents; fine if it is already a directory.
    private static func makeDirectories(_ path: String) throws(ShopDatasetWriteError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(prefix, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                let existing = String(prefix.dropLast())
                let reason = code == EEXIST
                    ? "\(existing) is not a directory" : "\(existing): \(String(cString: strerror(code)))"
                throw .createDirectory(path: path, reason: reason)
            }
        }
    }

    private func writeUsers(to path: String) throws(CSVWriteError) {
        let writer = try CSVWriter(path: path, header: Header.users)
        for user in users {
            writer.writeField(user.id)
            writer.writeField(user.age)
            writer.writeField(user.gender.rawValue)
            writer.writeField(user.primaryUsage.rawValue)
            try writer.endRow()
        }
        try writer.close(synchronize: true)
    }

    /// `shoes.csv`, or with `neutral` the evaluation's `items.csv`, whose columns are the first six
    /// of the shop's (the id named `item_id`).
    private func writeShoes(to path: String, neutral: Bool = false) throws(CSVWriteError) {
        let writer = try CSVWriter(path: path, header: neutral ? Header.neutralItems : Header.shoes)
        for shoe in shoes {
            writer.writeField(shoe.id)
            writer.writeField(shoe.brand)
            writer.writeField(shoe.model)
            writer.writeField(shoe.type.rawValue)
            writer.writeField(shoe.material.rawValue)
            writer.writeField(shoe.color)
            if !neutral {
                writer.writeField(shoe.price.description)
                writer.writeField(shoe.careInstructions)
                writer.writeField(shoe.lifespanDays)
            }
            try writer.endRow()
        }
        try writer.close(synchronize: true)
    }

    /// The shop's and the neutral interactions files differ only in their header.
    private func writeInteractions(to path: String, header: [String]) throws(CSVWriteError) {
        let writer = try CSVWriter(path: path, header: header)
        for interaction in interactions {
            writer.writeField(interaction.userID)
            writer.writeField(interaction.shoeID)
            writer.writeField(interaction.kind.rawValue)
            writer.writeField(UTCTimestamp.format(interaction.occurredAt))
            try writer.endRow()
        }
        try writer.close(synchronize: true)
    }
}

/// Why ``ShopDataset/write(toDirectory:format:)`` failed; nothing was renamed into place.
public enum ShopDatasetWriteError: Error, CustomStringConvertible {
    case createDirectory(path: String, reason: String)
    case csv(CSVWriteError)
    /// Renaming a finished temporary file into place failed (`from == to`: the target is a directory).
    case rename(from: String, to: String, errno: Int32)

    public var description: String {
        switch self {
        case .createDirectory(let path, let reason): "cannot create directory \(path): \(reason)"
        case .csv(let error): error.description
        case .rename(let from, let to, let code) where from == to: "cannot write \(to): \(String(cString: strerror(code)))"
        case .rename(let from, let to, let code): "cannot rename \(from) to \(to): \(String(cString: strerror(code)))"
        }
    }
}
