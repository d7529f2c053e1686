import Foundation

/// A throwaway PostgreSQL server of a test's own, for tests that stop and restart the server
/// (so they never disturb the server the other tests share). Started with scripts/pg.sh --dir.
public final class ScratchServer: Sendable {
    public let directory: URL
    public let url: String

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("solemate-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.pg(directory, "start")
        url = try Self.pg(directory, "url").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func stop() throws { try Self.pg(directory, "stop") }
    public func start() throws { try Self.pg(directory, "start") }

    /// Stops the server for good and removes its files.
    public func destroy() {
        _ = try? Self.pg(directory, "stop")
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    static func pg(_ directory: URL, _ command: String) throws -> String {
        let output = directory.appendingPathComponent("pg-\(command).out")
        let status = try runCommand(
            RepositoryPaths.scripts.appendingPathComponent("pg.sh").path, ["--dir", directory.path, command],
            outputFile: output.path)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TestEnvironmentError("scripts/pg.sh \(command) failed: \(text)") }
        return text
    }
}

/// Runs a program to completion with standard input from /dev/null and standard output and error
/// into `outputFile`; answers its exit status.
///
/// posix_spawn and waitpid rather than Foundation's Process: Process's wait does not return here
/// when the program leaves a daemon behind (pg_ctl start does).
public func runCommand(_ path: String, _ arguments: [String], outputFile: String) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard spawned == 0 else { throw TestEnvironmentError("cannot start \(path): errno \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS are macros Swift does not import.
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}
