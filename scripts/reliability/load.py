"""The service under test and the write load of the reliability campaign."""
import http.client
import json
import os
import resource
import socket
import subprocess
import threading
import time


def psql(url, sql):
    """One statement through psql; its single value (or '')."""
    out = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql], check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def wait_until(predicate, timeout, interval=0.05):
    """Polls `predicate` until it holds; answers when (time.time()), or None after `timeout`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return time.time()
        except (OSError, http.client.HTTPException, ValueError, KeyError):
            pass
        time.sleep(interval)
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Service:
    """`solemate serve` on a port of its own, with an admin token and the test-only training fault."""

    def __init__(self, binary, database_url, work):
        self.port = free_port()
        self.token = "reliability-" + os.urandom(8).hex()
        self.fault_file = os.path.join(work, "fail-training")
        self.log = open(os.path.join(work, "service.log"), "w")
        env = dict(os.environ, DATABASE_URL=database_url, ADMIN_TOKEN=self.token, SVD_FACTORS="16",
                   SOLEMATE_FAULT_TRAINING_FILE=self.fault_file, OPENAPI_PATH="openapi.yaml", DEMO_DIR="web")

        def more_descriptors():  # room for the connection cap (4,096) and then some
            _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

        # The log without its line per request and per write: a soak would otherwise fill gigabytes.
        self.log_filter = subprocess.Popen(["grep", "--line-buffered", "-v", "-e", '"msg":"request"',
                                            "-e", '"msg":"interactions written"'], stdin=subprocess.PIPE, stdout=self.log)
        self.process = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                        env=env, stdout=self.log_filter.stdin, stderr=subprocess.STDOUT,
                                        preexec_fn=more_descriptors)
        self.log_filter.stdin.close()

    def __enter__(self):
        if wait_until(self.ready, timeout=300) is None:
            raise RuntimeError("the service did not get ready in 300 s; see its log in " + self.log.name)
        return self

    def __exit__(self, *_):
        self.process.send_signal(15)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_filter.wait()
        self.log.close()

    def request(self, method, path, body=None, headers=None, timeout=10):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body, headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def ready(self):
        if self.process.poll() is not None:
            raise RuntimeError("the service exited")
        return self.request("GET", "/ready", timeout=2)[0] == 200

    def get_json(self, path):
        return json.loads(self.request("GET", path)[1])

    def admin_models(self):
        status, body = self.request("GET", "/admin/models", headers={"Authorization": "Bearer " + self.token})
        if status != 200:
            raise ValueError(f"/admin/models answered {status}")
        return json.loads(body)

    def train(self):
        status, body = self.request("POST", "/admin/train", headers={"Authorization": "Bearer " + self.token})
        if status != 202:
            raise RuntimeError(f"/admin/train answered {status}: {body[:200]!r}")


class Threads:
    """Threads running `targets` until `stop()`, which sets `stopping` and waits for them."""

    def __init__(self, targets):
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=target, daemon=True) for target in targets]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


class Writers(Threads):
    """Threads posting numbered events, one at a time on keep-alive connections, each retried
    until it is acknowledged with 201 (as a client would: the API makes a retry harmless).

    Event n of a run is user 1 + n % users, shoe 1 + n % shoes, a view, at `band` + n seconds:
    every event is distinct, so the rows stored in the band must be exactly the acknowledged ones.
    """

    def __init__(self, service, band, users, shoes, connections):
        self.service, self.band, self.users, self.shoes = service, band, users, shoes
        self.connections = connections
        self.lock = threading.Lock()
        self.next_number = 0
        self.ids = set()
        self.ack_times = []
        self.refusals = 0          # answers other than 201, and broken connections
        self.unacknowledged = 0    # events still unacknowledged when the run ended (must be 0)
        super().__init__([self.write] * connections)

    def acknowledged_ids(self):
        return self.ids

    def longest_gap(self):
        times = sorted(self.ack_times)
        return max((b - a for a, b in zip(times, times[1:])), default=0.0)

    def write(self):
        connection = None
        while not self.stopping.is_set():
            with self.lock:
                number = self.next_number
                self.next_number += 1
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.band + number))
            body = json.dumps({"user_id": 1 + number % self.users, "shoe_id": 1 + number % self.shoes,
                               "interaction_type": "view", "occurred_at": stamp})
            give_up = None
            while True:
                try:
                    if connection is None:
                        connection = http.client.HTTPConnection("127.0.0.1", self.service.port, timeout=15)
                    connection.request("POST", "/interactions", body, {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    payload = response.read()
                    if response.status == 201:
                        ids = json.loads(payload)["ids"]
                        with self.lock:
                            self.ids.update(ids)
                            self.ack_times.append(time.time())
                        break
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                        connection = None
                except (OSError, http.client.HTTPException):
                    if connection is not None:
                        connection.close()
                    connection = None
                with self.lock:
                    self.refusals += 1
                # Once asked to stop, an event gets 60 s more to be acknowledged, then counts as lost.
                if self.stopping.is_set():
                    give_up = give_up or time.time() + 60
                    if time.time() > give_up:
                        with self.lock:
                            self.unacknowledged += 1
                        break
                time.sleep(0.05)
        if connection is not None:
            connection.close()
