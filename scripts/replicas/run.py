#!/usr/bin/env python3
"""Three replicas (`solemate serve --no-train`) behind a real nginx on loopback, on the project's
PostgreSQL (a database of the run's own): what scripts/replicas-test.sh runs in `make test`.

Checks, each a promise of issue 14, and exits non-zero when one is broken:
  - wrk at 64 connections through nginx while one replica is SIGKILLed: zero failed requests;
  - the killed replica started again rejoins and serves the current version;
  - `solemate train` publishes a new version and every replica serves it within 5 s;
  - an event posted through one replica changes the list fetched through another within 1 s;
  - with --restart-postgres (the checkout's own server only): PostgreSQL restarted under load,
    no read fails and every replica loads the next published version by itself.
Measures and prints: req/s and p99 through nginx with 1, 2 and 3 replicas; the failover run's
error count; version load time at start and propagation delay of a new version; event
propagation delay; one replica without nginx as the yardstick of the req/s figures. Every wait is bounded and waits for the event itself, never a fixed sleep.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=5):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, OSError, ValueError):
        return None, None


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def wait_until(condition, seconds, step=0.05):
    """Polls `condition` until it is truthy or `seconds` pass; answers its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


class Run:
    def __init__(self, args):
        self.args = args
        self.dir = tempfile.mkdtemp(prefix="solemate-replicas-")
        self.database = f"solemate_replicas_{os.getpid()}"
        base, _, query = args.maintenance_url.partition("?")
        self.url = base.rsplit("/", 1)[0] + "/" + self.database + ("?" + query if query else "")
        self.env = dict(os.environ, DATABASE_URL=self.url, OPENAPI_PATH=os.path.join(ROOT, "openapi.yaml"),
                        DEMO_DIR=os.path.join(ROOT, "web"), EXPOSURE_LOG="off")
        self.env.pop("ADMIN_TOKEN", None)
        self.replicas = {}      # name -> (port, Popen, log path)
        self.nginx = None
        self.nginx_port = free_port()
        self.failures = []
        self.figures = []

    def check(self, ok, promise):
        print(("ok   " if ok else "FAIL ") + promise, flush=True)
        if not ok:
            self.failures.append(promise)

    def solemate(self, *arguments):
        return subprocess.run([self.args.bin, *arguments], env=self.env, check=True, capture_output=True, text=True)

    # -- the database, the trainer --------------------------------------------------------------
    def prepare_database(self):
        subprocess.run(["psql", self.args.maintenance_url, "-qc", f"CREATE DATABASE {self.database}"], check=True,
                       stdout=subprocess.DEVNULL)
        self.solemate("migrate", "--migrations", os.path.join(ROOT, "migrations"))
        self.solemate("import", "--dir", os.path.join(ROOT, "data"))

    def train(self):
        """`solemate train`; answers the version it published and when it exited."""
        output = self.solemate("train").stdout
        return re.search(r"published (\S+):", output).group(1), time.monotonic()

    # -- replicas -------------------------------------------------------------------------------
    def start_replica(self, name, port=None):
        port = port or free_port()
        log = os.path.join(self.dir, f"{name}.log")
        process = subprocess.Popen([self.args.bin, "serve", "--no-train", "--port", str(port)], env=self.env,
                                   stdout=open(log, "a"), stderr=subprocess.STDOUT)
        self.replicas[name] = (port, process, log)
        return port

    def ready_version(self, name):
        status, body = get(self.replicas[name][0], "/ready", timeout=2)
        return body.get("model_version") if status == 200 and body else None

    def load_seconds(self, name, version):
        """The load time the replica logged for `version`."""
        for line in open(self.replicas[name][2]):
            if '"model version loaded"' in line and version in line:
                return float(json.loads(line)["load_s"])
        return None

    # -- nginx ----------------------------------------------------------------------------------
    def start_nginx(self, names):
        """nginx as the current user, with docker/nginx.conf's settings, this run's ports and paths."""
        self.stop_nginx()
        config = open(os.path.join(ROOT, "docker", "nginx.conf")).read()
        upstreams = "".join(f"        server 127.0.0.1:{self.replicas[n][0]} max_fails=1 fail_timeout=2s;\n" for n in names)
        config = re.sub(r"^.*# REPLICA\n", "", config, flags=re.M)
        config = config.replace("        keepalive 64;", upstreams + "        keepalive 64;")
        config = re.sub(r"^(\s*)listen 8080;.*$", rf"\1listen 127.0.0.1:{self.nginx_port};", config, flags=re.M)
        config = config.replace("/tmp/nginx", os.path.join(self.dir, "nginx"))
        if os.geteuid() == 0:
            config = "user root;\n" + config   # workers as the current user: they read nothing but sockets
        os.makedirs(os.path.join(self.dir, "nginx"), exist_ok=True)
        path = os.path.join(self.dir, "nginx.conf")
        open(path, "w").write(config)
        self.nginx = subprocess.Popen(["nginx", "-e", "stderr", "-p", self.dir, "-c", path, "-g", "daemon off;"],
                                      stdout=open(os.path.join(self.dir, "nginx.log"), "a"), stderr=subprocess.STDOUT)
        ok = wait_until(lambda: get(self.nginx_port, "/health")[0] == 200, 10)
        self.check(bool(ok), f"nginx answers through {len(names)} replica(s)")

    def stop_nginx(self):
        if self.nginx:
            self.nginx.send_signal(signal.SIGQUIT)
            self.nginx.wait(timeout=10)
            self.nginx = None

    def wrk(self, seconds, connections=64, port=None):
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s",
                   os.path.join(ROOT, "Benchmarks", "service", "recommendations.lua"),
                   f"http://127.0.0.1:{port or self.nginx_port}"]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        summary = subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "wrk_summary.py")], input=output,
                                 capture_output=True, text=True, check=True).stdout.split()
        return float(summary[0]), float(summary[2]), int(summary[3]), output

    # -- the run --------------------------------------------------------------------------------
    def run(self):
        self.prepare_database()
        first, _ = self.train()
        for name in ("r1", "r2", "r3"):
            self.start_replica(name)
        for name in ("r1", "r2", "r3"):
            ok = wait_until(lambda: self.ready_version(name) == first, 60)
            self.check(bool(ok), f"{name} loads the published version {first} at start")
        loads = [self.load_seconds(n, first) for n in ("r1", "r2", "r3")]
        self.figures.append(("version load at start (fetch, check, parse)",
                             " / ".join(f"{s:.3f} s" for s in loads if s is not None)))

        # The yardstick, in the same run: one replica without nginx in front.
        direct, direct_p99, direct_errors, _ = self.wrk(self.args.seconds, port=self.replicas["r1"][0])
        self.figures.append((f"yardstick: one replica directly, 64 connections, {self.args.seconds} s",
                             f"{direct:,.0f} req/s, p99 {direct_p99:.1f} ms, {direct_errors} errors"))
        for count in (1, 2, 3):
            self.start_nginx(["r1", "r2", "r3"][:count])
            rps, p99, errors, _ = self.wrk(self.args.seconds)
            self.figures.append((f"through nginx, {count} replica(s), 64 connections, {self.args.seconds} s",
                                 f"{rps:,.0f} req/s ({rps / direct:.2f}x the yardstick), p99 {p99:.1f} ms "
                                 f"({p99 / direct_p99:.2f}x), {errors} errors"))
        self.failover()
        self.event_propagation()
        if self.args.restart_postgres:
            self.postgres_restart()

    def failover(self):
        """Load through nginx while r2 is killed, restarted, and a new version is published."""
        result = {}
        load = threading.Thread(target=lambda: result.update(zip(("rps", "p99", "errors", "text"),
                                                                 self.wrk(self.args.failover_seconds))))
        load.start()
        time.sleep(2)   # the load is under way (wrk has no signal for it)
        port, process, _ = self.replicas["r2"]
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed = time.monotonic()
        self.start_replica("r2", port)
        current = self.ready_version("r1")
        ok = wait_until(lambda: self.ready_version("r2") == current, 60)
        rejoined = time.monotonic() - killed
        self.check(bool(ok), f"the killed replica started again serves the current version {current} ({rejoined:.1f} s)")
        version, published = self.train()
        delays = {}
        for name in ("r1", "r2", "r3"):
            if wait_until(lambda: self.ready_version(name) == version, 5, step=0.02):
                delays[name] = time.monotonic() - published
        self.check(len(delays) == 3, f"every replica serves the new version {version} within 5 s of `solemate train`")
        self.figures.append(("new version: `solemate train` exit to served by every replica",
                             " / ".join(f"{n} {d:.2f} s" for n, d in sorted(delays.items()))))
        load.join()
        self.check(result.get("errors") == 0, f"zero failed requests through nginx while a replica was killed "
                   f"(errors {result.get('errors')})")
        self.figures.append((f"failover run, 64 connections, {self.args.failover_seconds} s, kill -9 of one replica",
                             f"{result.get('rps', 0):,.0f} req/s, p99 {result.get('p99', 0):.1f} ms, "
                             f"{result.get('errors')} errors"))

    def event_propagation(self):
        """A purchase posted to r1 drops that shoe from the list r3 serves."""
        user = 17
        status, body = get(self.replicas["r3"][0], f"/users/{user}/recommendations?k=5")
        shoe = body["items"][0]["shoe_id"]
        posted = time.monotonic()
        post(self.replicas["r1"][0], "/interactions", {"user_id": user, "shoe_id": shoe, "interaction_type": "purchase"})
        gone = wait_until(lambda: shoe not in [i["shoe_id"] for i in
                                               (get(self.replicas["r3"][0], f"/users/{user}/recommendations?k=5")[1] or
                                                {"items": [{"shoe_id": shoe}]})["items"]], 5, step=0.01)
        delay = time.monotonic() - posted
        self.check(bool(gone) and delay < 1, f"a purchase posted to one replica leaves another's list in {delay:.3f} s (< 1 s)")
        self.figures.append(("event propagation (POST to r1 until r3's list changes)", f"{delay:.3f} s"))

    def try_train(self):
        try:
            return self.train()
        except subprocess.CalledProcessError:
            return None

    def postgres_restart(self):
        """PostgreSQL restarted under load: reads keep being answered from memory, and the
        replicas recover by themselves (a version published afterwards reaches every one)."""
        result = {}
        load = threading.Thread(target=lambda: result.update(zip(("rps", "p99", "errors", "text"), self.wrk(8))))
        load.start()
        time.sleep(1)
        subprocess.run(self.args.restart_postgres, shell=True, check=True, stdout=subprocess.DEVNULL)
        load.join()
        self.check(result.get("errors") == 0, f"reads through nginx answered while PostgreSQL restarted "
                   f"(errors {result.get('errors')})")
        trained = wait_until(lambda: self.try_train(), 30, step=1)
        if not trained:
            self.check(False, "`solemate train` works again within 30 s of the restart")
            return
        version, published = trained
        recovered = all(wait_until(lambda: self.ready_version(n) == version, 30, step=0.05) for n in ("r1", "r2", "r3"))
        self.check(recovered, f"after the restart every replica loads the next version {version} by itself "
                   f"({time.monotonic() - published:.2f} s)")
        self.figures.append(("PostgreSQL restarted under load, 8 s of wrk", f"{result.get('rps', 0):,.0f} req/s, "
                             f"{result.get('errors')} errors; next version everywhere {time.monotonic() - published:.2f} s "
                             "after `solemate train`"))

    def cleanup(self):
        self.stop_nginx()
        for _, process, _ in self.replicas.values():
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        subprocess.run(["psql", self.args.maintenance_url, "-qc", f"DROP DATABASE IF EXISTS {self.database}"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.failures:
            print(f"replica logs kept in {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "solemate"))
    parser.add_argument("--maintenance-url", required=True, help="a URL of the server's maintenance database")
    parser.add_argument("--seconds", type=int, default=5, help="each scaling run")
    parser.add_argument("--failover-seconds", type=int, default=20)
    parser.add_argument("--restart-postgres", help="a shell command that restarts the server (only for a server of the run's own)")
    args = parser.parse_args()
    run = Run(args)
    try:
        run.run()
    except Exception as error:   # a step that could not even run is a broken promise too
        run.failures.append(f"the run stopped: {error!r}")
        print(f"FAIL the run stopped: {error!r}")
    finally:
        run.cleanup()
    print()
    print("| figure | value |")
    print("|---|---|")
    for name, value in run.figures:
        print(f"| {name} | {value} |")
    if run.failures:
        print(f"\n{len(run.failures)} promise(s) broken")
        sys.exit(1)


if __name__ == "__main__":
    main()
