import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file that appears under its name only once it is complete.
///
/// Written through an unnamed file in the target's folder (Linux's `O_TMPFILE`): if the process
/// dies, however it dies (SIGKILL included), the kernel frees the file and nothing is left, not
/// even a temporary name to clean up. `complete()` gives it a hidden temporary name in the same
/// folder (`linkat`) and renames that over the target, which is atomic: a reader sees the old file
/// or the whole new one. Where the file system has no `O_TMPFILE`, it writes the hidden name
/// directly, and a killed process can leave that one behind (never the target).
final class CompleteFile {
    let handle: FileHandle
    private let path: String
    private let temporary: String
    private let unnamed: Bool

    /// `__O_TMPFILE | O_DIRECTORY` on Linux (not exported by Glibc's Swift overlay).
    private static let tmpfileFlag: Int32 = 0o20_000_000 | 0o200_000

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
        var descriptor = open(folder, O_WRONLY | Self.tmpfileFlag, 0o644)
        unnamed = descriptor >= 0
        if !unnamed { descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Flushes the data to disk and puts the file under its name, replacing what was there.
    func complete() throws {
        try handle.synchronize()
        if unnamed {
            unlink(temporary)
            guard linkat(AT_FDCWD, "/proc/self/fd/\(handle.fileDescriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try handle.close()
    }
}
