#!/usr/bin/env python3
"""The reliability campaign of scripts/reliability.sh: faults under write load, a training that
fails halfway, `solemate import` killed at random points and, with --soak-minutes, a soak with
hostile clients. Prints one table of figures; exits non-zero when a promise is broken.

Deterministic where it can be: events are numbered, never random, each with its own time, so
that "acknowledged == stored" is an exact count; the import's kill points come from a seeded
generator. Only the machine's timing varies.
"""
import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load import Service, Writers, psql, wait_until  # noqa: E402
import soak  # noqa: E402

DAY = 86_400


class Campaign:
    def __init__(self, args):
        self.args = args
        self.url = args.database_url
        self.maintenance = args.maintenance_url
        self.database = args.database
        self.rows = []      # the table: (what, how often, acknowledged, stored, lost, recovery)
        self.failures = []

    # -- the database server -------------------------------------------------------------------
    def pg(self, *command):
        subprocess.run(["scripts/pg.sh", "--dir", self.args.pg_dir, *command], check=True,
                       stdout=subprocess.DEVNULL)

    def pg_ctl(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(prefix + [os.path.join(self.args.pg_bin, "pg_ctl"), "-D", self.args.pg_data, *command],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")

    def start_server_again(self):
        """After a crash the old backends may hold shared memory a moment; start until it works."""
        deadline = time.time() + 60
        while True:
            try:
                self.pg("start")
                return
            except subprocess.CalledProcessError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)

    def terminate_service_connections(self):
        psql(self.maintenance, f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               f"WHERE datname = '{self.database}' AND pid <> pg_backend_pid()")

    # -- the faults ----------------------------------------------------------------------------
    def fault_immediate_stop(self):
        self.pg_ctl("-m", "immediate", "stop")
        time.sleep(self.args.hold)
        self.start_server_again()

    def fault_sigkill_postmaster(self):
        with open(os.path.join(self.args.pg_data, "postmaster.pid")) as pid_file:
            postmaster = int(pid_file.readline())
        os.kill(postmaster, signal.SIGKILL)
        time.sleep(self.args.hold)
        self.start_server_again()

    def fault_terminate_backends(self):
        end = time.time() + self.args.hold
        while time.time() < end:
            self.terminate_service_connections()
            time.sleep(0.5)

    def fault_read_only(self):
        psql(self.maintenance, f"ALTER DATABASE {self.database} SET default_transaction_read_only = on")
        self.terminate_service_connections()
        time.sleep(self.args.hold)
        psql(self.maintenance, f"ALTER DATABASE {self.database} RESET default_transaction_read_only")
        # Sessions opened while read-only keep the setting: the service must get fresh ones.
        self.terminate_service_connections()

    def under_write_load(self, service, name, fault, runs):
        acknowledged = stored = lost = refused = 0
        recoveries, gaps, first_writes = [], [], []
        for run in range(runs):
            band = self.next_band()
            writers = Writers(service, band, users=self.args.users, shoes=self.args.shoes, connections=8)
            writers.start()
            time.sleep(2)
            lifted_at = None
            try:
                fault()
                lifted_at = time.time()
            finally:
                ready = wait_until(lambda: service.ready(), timeout=120)
            recovered = (ready - lifted_at) if ready and lifted_at else None
            time.sleep(2)
            writers.stop()
            after = [t for t in writers.ack_times if lifted_at and t >= lifted_at]
            first_writes.append(min(after) - lifted_at if after else None)
            counts = self.count_band(band, writers.acknowledged_ids())
            acknowledged += len(writers.acknowledged_ids())
            stored += counts["stored"]
            lost += counts["lost"]
            refused += writers.refusals
            gaps.append(writers.longest_gap())
            recoveries.append(recovered)
            if counts["stored"] != len(writers.acknowledged_ids()) or counts["lost"] or writers.unacknowledged:
                self.failures.append(f"{name} run {run + 1}: acknowledged {len(writers.acknowledged_ids())}, "
                                     f"stored {counts['stored']}, lost {counts['lost']}, "
                                     f"never acknowledged {writers.unacknowledged}")
            if recovered is None:
                self.failures.append(f"{name} run {run + 1}: /ready did not recover within 120 s")
        worst = max((r for r in recoveries if r is not None), default=None)
        first = max((r for r in first_writes if r is not None), default=None)
        if any(r is None for r in first_writes):
            self.failures.append(f"{name}: no write was acknowledged after the fault ended")
        self.rows.append((name, runs, f"{acknowledged:,}", f"{stored:,}", lost,
                          f"/ready {fmt(worst)} s and the first 201 {fmt(first)} s after the fault ended (worst run); "
                          f"longest gap between 201s {max(gaps):.1f} s; {refused:,} answers not 201, each retried"))

    def next_band(self):
        """A time band of its own for each run's events: 30 days from 2001-01-01 on, never overlapping."""
        self.band_index = getattr(self, "band_index", 0) + 1
        return 978_307_200 + self.band_index * 30 * DAY

    def count_band(self, band, ids):
        stored = int(psql(self.url, f"SELECT count(*) FROM interactions WHERE occurred_at >= to_timestamp({band}) "
                                    f"AND occurred_at < to_timestamp({band + 30 * DAY})"))
        lost = 0
        if ids:
            listed = ",".join(str(i) for i in ids)
            lost = int(psql(self.url, f"SELECT count(*) FROM unnest('{{{listed}}}'::bigint[]) AS a(id) "
                                      f"WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.id = a.id)"))
        return {"stored": stored, "lost": lost}

    # -- a training that fails halfway ---------------------------------------------------------
    def failing_training(self, service, runs):
        kept = 0
        said = ""
        recovery = []
        for run in range(runs):
            before = service.admin_models()["current"]
            open(service.fault_file, "w").close()
            try:
                writers = Writers(service, self.next_band(), users=self.args.users, shoes=self.args.shoes, connections=2)
                writers.start()
                service.train()
                wait_until(lambda: not service.admin_models()["training_in_progress"], timeout=300)
                models = service.admin_models()
                serving = service.get_json("/users/1/recommendations?k=3")
                writers.stop()
                said = models.get("last_training_error", "")
                ok = (models["current"] == before and serving.get("model_version") == before
                      and "injected" in said and len(writers.acknowledged_ids()) > 0)
                kept += ok
                if not ok:
                    self.failures.append(f"failing training run {run + 1}: current {models['current']} (was {before}), "
                                         f"served {serving.get('model_version')}, said {said!r}")
            finally:
                os.remove(service.fault_file)
            started = time.time()
            service.train()
            wait_until(lambda: not service.admin_models()["training_in_progress"], timeout=300)
            after = service.admin_models()
            recovery.append(time.time() - started)
            if after["current"] == before or "last_training_error" in after:
                self.failures.append(f"failing training run {run + 1}: the next training did not publish: {after}")
        self.rows.append(("training fails before publishing (injected)", runs, f"old version kept {kept}/{runs}",
                          "", "", f"/admin/models said {said!r}; the next training published in {max(recovery):.1f} s"))

    # -- solemate import killed at random points -----------------------------------------------
    def killed_imports(self, runs, rows_per_file):
        folder = os.path.join(self.args.work, "import")
        os.makedirs(folder, exist_ok=True)
        for name in ("users.csv", "shoes.csv"):
            shutil.copy(os.path.join(self.args.data, name), folder)
        generator = random.Random(17)
        env = dict(os.environ, DATABASE_URL=self.url)

        def write_file(band):
            with open(os.path.join(folder, "interactions.csv"), "w") as out:
                out.write("user_id,shoe_id,interaction_type,timestamp\n")
                for n in range(rows_per_file):
                    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(band + n))
                    out.write(f"{1 + n % self.args.users},{1 + n % self.args.shoes},view,{stamp}\n")

        def run_import():
            return subprocess.Popen([self.args.bin, "import", "--dir", folder], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        band = self.next_band()
        write_file(band)
        started = time.time()
        if run_import().wait() != 0:
            self.failures.append("the calibrating import failed")
        duration = time.time() - started
        nothing = whole = partial = 0
        for run in range(runs):
            band = self.next_band()
            write_file(band)
            process = run_import()
            time.sleep(generator.uniform(0, duration * 1.5))
            process.send_signal(signal.SIGKILL)
            process.wait()
            found = int(psql(self.url, f"SELECT count(*) FROM interactions WHERE occurred_at >= to_timestamp({band}) "
                                       f"AND occurred_at < to_timestamp({band + 30 * DAY})"))
            if found == 0:
                nothing += 1
            elif found == rows_per_file:
                whole += 1
            else:
                partial += 1
                self.failures.append(f"import run {run + 1}: {found} of {rows_per_file} rows stored")
        self.rows.append((f"`solemate import` of {rows_per_file:,} events SIGKILLed at a random point "
                          f"(0-{duration * 1.5:.1f} s)", runs, f"nothing {nothing}, whole file {whole}",
                          "", f"partial {partial}", f"an import takes {duration:.1f} s"))


def fmt(value):
    return "n/a" if value is None else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["short", "full"], required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--maintenance-url", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--pg-dir", required=True)
    parser.add_argument("--pg-data", required=True)
    parser.add_argument("--pg-bin", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--shoes", type=int, required=True)
    parser.add_argument("--hold", type=float, default=3.0, help="seconds each fault lasts")
    parser.add_argument("--soak-minutes", type=float, default=0)
    parser.add_argument("--plot", default="docs/reliability-soak-p99.png")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    campaign = Campaign(args)
    runs = 1 if args.mode == "short" else 3
    started = time.time()
    with Service(args.bin, args.database_url, args.work) as service:
        campaign.under_write_load(service, "PostgreSQL stopped with `pg_ctl -m immediate`", campaign.fault_immediate_stop, runs)
        campaign.under_write_load(service, "SIGKILL of the postmaster", campaign.fault_sigkill_postmaster, runs)
        campaign.under_write_load(service, "`pg_terminate_backend` of the service's connections",
                                  campaign.fault_terminate_backends, runs)
        campaign.under_write_load(service, "database read-only (`default_transaction_read_only`)",
                                  campaign.fault_read_only, runs)
        campaign.failing_training(service, runs)
        if args.soak_minutes > 0:
            result = soak.run(service, args, minutes=args.soak_minutes)
            campaign.rows.extend(result.rows)
            campaign.failures.extend(result.failures)
    campaign.killed_imports(runs=5 if args.mode == "short" else 20, rows_per_file=50_000)

    print()
    print(f"Reliability campaign, {args.mode} mode, {time.time() - started:.0f} s "
          f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}); each fault lasted {args.hold:.0f} s under write load")
    print()
    print("| what was tried | runs | acknowledged | stored | lost | recovery and notes |")
    print("|---|---|---|---|---|---|")
    for row in campaign.rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print()
    if campaign.failures:
        print("BROKEN PROMISES:")
        for failure in campaign.failures:
            print("  - " + failure)
        sys.exit(1)
    print("every promise held: nothing acknowledged was lost, nothing partial was stored, the service recovered by itself")


if __name__ == "__main__":
    main()
