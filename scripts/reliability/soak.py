"""The soak of the reliability campaign: wrk at 64 connections of mixed traffic (reads of every
model, 10 % writes), a retrain every 5 minutes (or a third of a shorter soak), hostile clients
(slowloris, clients that never read, bursts of connections beyond the cap), the service's
memory, descriptors and threads sampled every 10 s, and p99 per minute against a quiet run (the
same traffic with a retrain, without the hostile clients)."""
import json
import os
import socket
import subprocess
import threading
import time

from load import Threads, wait_until  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Result:
    def __init__(self):
        self.rows = []
        self.failures = []


def wrk(service, seconds, users, shoes):
    """One wrk run of the mixed traffic; its figures as the Lua `done` printed them."""
    env = dict(os.environ, SOAK_USERS=str(users), SOAK_SHOES=str(shoes))
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{int(seconds)}s", "--timeout", "10s",
                          "-s", os.path.join(HERE, "mixed.lua"), f"http://127.0.0.1:{service.port}"],
                         env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("SOAK "))
    return json.loads(line[5:])


def sample(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return {"rss_kb": int(fields["VmRSS"].split()[0]), "threads": int(fields["Threads"]),
            "fds": len(os.listdir(f"/proc/{pid}/fd"))}


class Hostile(Threads):
    """Slow and hostile clients, each kind on a thread of its own, until stopped."""

    def __init__(self, port):
        self.port = port
        self.counts = {"slowloris connections": 0, "slowloris closed by the server": 0,
                       "never-reading clients": 0, "burst connections opened": 0, "burst connections refused": 0}
        super().__init__([self.slowloris, self.never_read, self.bursts])

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=5)

    def slowloris(self):
        """200 connections sending a request head one field every 2 s, reopened when closed."""
        sockets = []
        while not self.stopping.is_set():
            while len(sockets) < 200:
                try:
                    s = self.connect()
                    s.sendall(b"GET /popular HTTP/1.1\r\nHost: x\r\n")
                    sockets.append(s)
                    self.counts["slowloris connections"] += 1
                except OSError:
                    break
            for s in list(sockets):
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    self.counts["slowloris closed by the server"] += 1
                    sockets.remove(s)
                    s.close()
            self.stopping.wait(2)
        for s in sockets:
            s.close()

    def never_read(self):
        """20 connections that pipeline large responses and never read them, renewed every 20 s."""
        while not self.stopping.is_set():
            sockets = []
            for _ in range(20):
                try:
                    s = self.connect()
                    s.setblocking(False)
                    request = b"GET /popular?k=100 HTTP/1.1\r\nHost: x\r\n\r\n" * 500
                    try:
                        s.send(request)
                    except BlockingIOError:
                        pass
                    sockets.append(s)
                    self.counts["never-reading clients"] += 1
                except OSError:
                    pass
            self.stopping.wait(20)
            for s in sockets:
                s.close()

    def bursts(self):
        """Every 30 s, 5,000 new connections at once (the cap is 4,096), held 2 s, then closed."""
        while not self.stopping.wait(30):
            sockets = []
            for _ in range(5000):
                try:
                    s = socket.socket()
                    s.settimeout(2)
                    s.connect(("127.0.0.1", self.port))
                    sockets.append(s)
                    self.counts["burst connections opened"] += 1
                except OSError:
                    self.counts["burst connections refused"] += 1
                    s.close()
            time.sleep(2)
            for s in sockets:
                s.close()


def run(service, args, minutes):
    result = Result()
    users, shoes = args.users, args.shoes
    pid = service.process.pid
    quiet_seconds = min(60, max(20, minutes * 60 / 6))
    # The quiet run has the same traffic and a retrain too: what it lacks is the hostile clients.
    retrain_in_quiet = threading.Timer(quiet_seconds / 3, service.train)
    retrain_in_quiet.start()
    quiet = wrk(service, quiet_seconds, users, shoes)
    retrain_in_quiet.join()
    wait_until(lambda: not service.admin_models()["training_in_progress"], timeout=300)
    baseline = sample(pid)

    samples = []
    stopping = threading.Event()

    def sampler():
        while not stopping.wait(10):
            samples.append((time.time(), sample(pid)))

    retrain_every = min(300, max(60, minutes * 60 / 3))
    retrains = []

    def retrainer():
        while not stopping.wait(retrain_every):
            try:
                service.train()
                retrains.append(time.time())
            except Exception as error:  # a retrain already running is refused; say so
                result.failures.append(f"soak retrain: {error}")

    helpers = [threading.Thread(target=f, daemon=True) for f in (sampler, retrainer)]
    for helper in helpers:
        helper.start()
    hostile = Hostile(service.port)
    hostile.start()
    minutes_run = []
    started = time.time()
    while time.time() - started < minutes * 60 - 1:
        length = min(60, minutes * 60 - (time.time() - started))
        if length < 10:
            break
        minutes_run.append(wrk(service, length, users, shoes))
    hostile.stop()
    stopping.set()
    for helper in helpers:
        helper.join()
    time.sleep(10)  # the hostile clients' connections drain
    final = sample(pid)

    # Where memory settled: the median of the samples of the soak's second third.
    settle = sorted(s["rss_kb"] for t, s in samples[len(samples) // 3: 2 * len(samples) // 3 + 1]) or [baseline["rss_kb"]]
    settled = settle[len(settle) // 2]
    drift = (final["rss_kb"] - settled) / settled
    p99s = [m["p99_ms"] for m in minutes_run]
    errors = sum(m["errors"] + m["non2xx"] for m in minutes_run)
    requests = sum(m["requests"] for m in minutes_run)
    if abs(drift) > 0.10:
        result.failures.append(f"soak: memory ended {drift:+.1%} from where it settled ({settled} kB)")
    if final["fds"] > baseline["fds"] + 2 or final["threads"] > baseline["threads"] + 2:
        result.failures.append(f"soak: descriptors {baseline['fds']} -> {final['fds']}, "
                               f"threads {baseline['threads']} -> {final['threads']}")
    if max(p99s) > 2 * quiet["p99_ms"]:
        result.failures.append(f"soak: p99 reached {max(p99s):.1f} ms, over twice the quiet run's {quiet['p99_ms']:.1f} ms")
    if errors:
        result.failures.append(f"soak: {errors} errors or non-2xx answers of {requests} requests")

    plot(args.plot, p99s, quiet["p99_ms"], minutes)
    hostile_text = ", ".join(f"{name} {count}" for name, count in hostile.counts.items())
    result.rows.append((f"soak {minutes:g} min, 64 connections, mixed (10 % writes), retrain every {retrain_every / 60:g} min, "
                        "with slowloris, never-reading clients and connection bursts", 1,
                        f"{requests:,} requests", f"{errors} errors", "",
                        f"p99 per minute {min(p99s):.1f}-{max(p99s):.1f} ms (quiet run {quiet['p99_ms']:.1f} ms, "
                        f"limit 2x); RSS settled {settled / 1024:.0f} MB, ended {final['rss_kb'] / 1024:.0f} MB "
                        f"({drift:+.1%}); fds {baseline['fds']} -> {final['fds']}, threads {baseline['threads']} -> "
                        f"{final['threads']}; {len(retrains)} retrains; {hostile_text}"))
    return result


def plot(path, p99s, quiet, minutes):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(figsize=(8, 3.5))
    axes.plot(range(1, len(p99s) + 1), p99s, marker="o", label="p99 of the normal clients, per minute")
    axes.axhline(quiet, color="grey", linestyle="--", label=f"quiet run {quiet:.1f} ms")
    axes.axhline(2 * quiet, color="red", linestyle=":", label="limit: 2x the quiet run")
    axes.set_xlabel("minute of the soak")
    axes.set_ylabel("p99 latency (ms)")
    axes.set_title(f"Soak of {minutes:g} min with hostile clients, 64 connections")
    axes.set_ylim(bottom=0)
    axes.legend(loc="upper right", fontsize=8)
    figure.tight_layout()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    figure.savefig(path, dpi=100)
