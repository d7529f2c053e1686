#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX socket calls the server makes, with their flags in one place.
enum Socket {
    /// A nonblocking listening socket bound to `host:port` (IPv4 or IPv6). No SO_REUSEPORT: another
    /// process of the same user must not be able to bind the port too and take part of the traffic.
    /// Returns the descriptor and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else { throw SocketError("getaddrinfo(\(host))", errorNumber: EINVAL) }
        defer { freeaddrinfo(results) }
        let info = first.pointee

        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { throw SocketError("socket") }
        do throws(SocketError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else { throw SocketError("bind(\(host):\(port))") }
            guard Glibc.listen(fd, backlog) == 0 else { throw SocketError("listen") }
            try setNonBlocking(fd)
            return (fd, try boundPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    static func boundPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketError("getsockname") }
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: storage) { raw in
            if family == AF_INET6 {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            }
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt")
        }
    }

    static func setNonBlocking(_ fd: Int32) throws(SocketError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw SocketError("fcntl") }
    }

    /// Prepares an accepted connection: nonblocking, and TCP_NODELAY so a response written in
    /// one `send` leaves at once instead of waiting ~40 ms on Nagle's algorithm.
    static func configureAccepted(_ fd: Int32) -> Bool {
        do throws(SocketError) {
            try setNonBlocking(fd)
            try setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            return true
        } catch {
            return false
        }
    }

    /// A nonblocking pipe whose write end wakes a loop blocked in poll(2).
    static func wakePipe() throws(SocketError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SocketError("pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            try setNonBlocking(fd)
        }
        return (fds[0], fds[1])
    }
}
