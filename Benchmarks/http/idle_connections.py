#!/usr/bin/env python3
"""Opens N keep-alive connections to a server on loopback, makes one request on each so they are
real HTTP connections, holds them idle, and prints the server's resident memory (VmRSS).

Usage: idle_connections.py PORT PID [N=1000] [HOLD_SECONDS=3]
"""
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    hold = float(sys.argv[4]) if len(sys.argv) > 4 else 3
    before = rss_kib(pid)
    sockets, failures = [], 0
    request = b"GET /health HTTP/1.1\r\nHost: bench\r\n\r\n"
    for _ in range(count):
        try:
            client = socket.create_connection(("127.0.0.1", port), timeout=5)
            client.sendall(request)
            reply = b""
            while b"\r\n\r\n" not in reply or not reply.endswith(b'{"status":"ok"}'):
                chunk = client.recv(4096)
                if not chunk:
                    raise ConnectionError("closed")
                reply += chunk
            if b" 200 " not in reply.split(b"\r\n", 1)[0]:
                raise ConnectionError(reply[:40])
            sockets.append(client)
        except Exception:
            failures += 1
    time.sleep(hold)
    during = rss_kib(pid)
    still_open = 0
    for client in sockets:
        try:
            client.settimeout(0)
            data = client.recv(1)
            if data:
                still_open += 1
        except BlockingIOError:
            still_open += 1
        except Exception:
            pass
    for client in sockets:
        client.close()
    print(f"idle connections: {len(sockets)} opened, {failures} failed, {still_open} still open after {hold:.0f}s; "
          f"server RSS {before / 1024:.1f} MiB before, {during / 1024:.1f} MiB with them open")


if __name__ == "__main__":
    main()
