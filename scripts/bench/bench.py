"""The benchmark: the production configuration under gunicorn (2 workers, gunicorn.conf.py) on
PostgreSQL and a Redis of its own, driven by wrk, against a bare view served by the same
gunicorn behind the same middleware (the stack's own limit).

    make bench                                   # everything, at the sizes below
    .venv/bin/python scripts/bench/bench.py --seconds 5 --rounds 3 --clients 20

It prints each page's throughput as a share of the bare view's (bare and page runs alternate, so
that drift cancels), the booking form's rate and latency with N clients posting real forms (a
CSRF token and a fresh one-time key each) to one session, the reminder scan and the outbox
sweep at 10,000 (against a local SMTP server), the volunteers' register on the wire at 200 and
1,000 bookings, and the admin's changelists at 10, 1,000 and 100,000 rows. Timings live here,
never in the test suite. It needs PostgreSQL (DATABASE_ADMIN_URL, default
postgres://postgres@127.0.0.1:5432/postgres), redis-server and wrk on the PATH; it makes and
drops databases of its own (sanctuary_bench, sanctuary_bench_admin).
"""

import argparse
import collections
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
BENCH_DB = "sanctuary_bench"
ADMIN_DB = "sanctuary_bench_admin"
REDIS_SERVER = ["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
CELERY = [PYTHON, "-m", "celery", "-A", "sanctuary"]

sys.path.insert(0, str(ROOT / "scripts"))
from outage_drill import FormReader, free_port, wait_for_port  # noqa: E402


class SmtpSink:
    """Takes every message and counts them, and the connections they came on."""

    def __init__(self):
        self.messages = 0
        self.connections = 0
        self.first = self.last = None
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += len(envelope.rcpt_tos)
            now = time.monotonic()
            self.first = self.first or now
            self.last = now
        return "250 Message accepted"


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def psql(url: str, statement: str, env) -> None:
    run(["psql", url, "-q", "-c", statement], env, stdout=subprocess.DEVNULL)


def measure(env, *arguments) -> dict:
    """One step of scripts/bench/measure.py, in the production settings."""
    command = [PYTHON, str(HERE / "measure.py"), *map(str, arguments)]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"measure.py {arguments} failed:\n{result.stdout}{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return json.loads(line.removeprefix("BENCH-JSON "))
    raise SystemExit(f"measure.py {arguments} printed nothing:\n{result.stdout}{result.stderr}")


def wrk(url: str, *, seconds: int, connections: int, threads: int, extra=()) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip, br",
        *extra[:2],
        url,
        *extra[2:],
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"wrk failed: {result.stdout}{result.stderr}")
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = re.search(r"BENCH-LATENCY (.*)", out)
    found = {
        "rate": rate,
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }
    if latency:
        found.update({k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", latency.group(1))})
    return found


def fetch_form(url: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token, as a browser showing the form gets them."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own server)
        cookies = response.headers.get_all("Set-Cookie") or []
        body = response.read().decode()
    cookie = next(c.split(";", 1)[0].split("=", 1)[1] for c in cookies if "csrftoken=" in c)
    reader = FormReader()
    reader.feed(body)
    return cookie, reader.fields["csrfmiddlewaretoken"]


def pages_run(base: str, paths: dict, args) -> list[tuple[str, float, float, int]]:
    """Each page against the bare view, alternating, the same number of runs of each."""
    results = []
    bare = base + paths["bare"]
    for name in ("home", "list", "session", "venue", "find_support", "not_found"):
        page = base + paths[name]
        bare_rates, page_rates, odd = [], [], 0
        for _ in range(args.rounds):
            for target, rates in ((bare, bare_rates), (page, page_rates)):
                found = wrk(
                    target,
                    seconds=args.seconds,
                    connections=args.connections,
                    threads=args.threads,
                )
                rates.append(found["rate"])
                if target == page and name != "not_found":
                    odd += found["non_2xx_3xx"]
        share = sum(page_rates) / sum(bare_rates)
        results.append((name, sum(page_rates) / args.rounds, share, odd))
        print(f"  {name:<14} {share:6.1%} of the bare view ({results[-1][1]:.0f}/s)", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each page run")
    parser.add_argument("--rounds", type=int, default=3, help="bare/page pairs per page")
    parser.add_argument("--connections", type=int, default=10, help="wrk connections, pages")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--clients", type=int, default=20, help="clients booking one session")
    parser.add_argument("--post-seconds", type=int, default=15, help="length of the booking run")
    parser.add_argument("--reminders", type=int, default=10_000, help="bookings due tomorrow")
    parser.add_argument("--sweep-minutes", type=float, default=5, help="longest sweep wait")
    parser.add_argument("--register", default="200,1000", help="register sizes")
    parser.add_argument("--admin", default="10,1000,100000", help="changelist sizes")
    parser.add_argument(
        "--only",
        default="pages,post,register,scheduled,admin",
        help="parts to run, comma-separated",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))

    admin_url = os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    server = admin_url.rsplit("/", 1)[0]
    scratch = Path(tempfile.mkdtemp(prefix="sanctuary-bench-"))
    redis_port, smtp_port, web_port = free_port(), free_port(), free_port()
    sink = SmtpSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    processes: list[subprocess.Popen] = []
    base_env = {
        **os.environ,
        "DATABASE_URL": f"{server}/{BENCH_DB}",
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "ERROR",
    }
    for name in ("REDIS_URL", "SANCTUARY_PRODUCTION", "BENCH_BARE_VIEW"):
        base_env.pop(name, None)
    production = {
        **base_env,
        "SANCTUARY_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": "https://sanctuary.example.org",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(scratch / "static"),
        "LOG_LEVEL": "ERROR",
        "BENCH_BARE_VIEW": "true",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_LOG_LEVEL": "error",
    }
    report = collections.OrderedDict()
    try:
        smtp.start()
        admin_env = {**base_env, "DATABASE_URL": admin_url}
        for database in (BENCH_DB, ADMIN_DB):
            psql(admin_url, f"DROP DATABASE IF EXISTS {database}", admin_env)
        psql(admin_url, f"CREATE DATABASE {BENCH_DB}", admin_env)
        print("Migrating a fresh database", flush=True)
        run([PYTHON, "manage.py", "migrate", "-v", "0"], base_env)
        psql(admin_url, f"CREATE DATABASE {ADMIN_DB} TEMPLATE {BENCH_DB}", admin_env)
        run([PYTHON, "manage.py", "demo_data"], base_env, stdout=subprocess.DEVNULL)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], production)
        run([PYTHON, "manage.py", "compile_translations"], production, stdout=subprocess.DEVNULL)
        redis = subprocess.Popen(
            [*REDIS_SERVER, "--port", str(redis_port)],
            stdout=subprocess.DEVNULL,
        )
        processes.append(redis)
        wait_for_port(redis_port)
        paths = measure(production, "prepare")
        web_log = open(scratch / "web.log", "w")  # noqa: SIM115 (closed with the scratch folder)
        web = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "sanctuary.wsgi"],
            env=production,
            cwd=ROOT,
            stderr=web_log,
        )
        processes.append(web)
        wait_for_port(web_port)
        base = f"http://127.0.0.1:{web_port}"
        for name in ("bare", "home", "list", "session", "venue", "find_support"):
            urllib.request.urlopen(base + paths[name], timeout=10).read()  # noqa: S310

        if "pages" in parts:
            print(f"Pages against the bare view ({args.rounds} × {args.seconds} s each)")
            report["pages"] = pages_run(base, paths, args)

        if "post" in parts:
            print(f"Booking: {args.clients} clients on one session for {args.post_seconds} s")
            before = measure(production, "bookings", paths["post_session_id"])["bookings"]
            cookie, token = fetch_form(base + paths["post"])
            found = wrk(
                base + paths["post"],
                seconds=args.post_seconds,
                connections=args.clients,
                threads=min(args.threads * 2, args.clients),
                extra=["-s", str(HERE / "book.lua"), "--", cookie, token],
            )
            after = measure(production, "bookings", paths["post_session_id"])["bookings"]
            found["bookings_made"] = after - before
            found["per_minute"] = round((after - before) * 60 / args.post_seconds)
            report["post"] = found
            print(f"  {found}", flush=True)
            report["lock"] = measure(production, "lock", paths["post_session_id"])
            print(f"  the session's lock held: {report['lock']}", flush=True)

        web.terminate()
        web.wait(timeout=30)

        if "register" in parts:
            print("The volunteers' register")
            report["register"] = []
            for size in map(int, args.register.split(",")):
                found = measure(production, "register", size)
                report["register"].append(found)
                print(f"  {found}", flush=True)

        if "scheduled" in parts:
            print(f"Reminder scan: {args.reminders} bookings due within the day")
            found = measure(production, "reminders", args.reminders)
            report["reminders"] = found
            print(f"  {found}", flush=True)
            # The tasks queued as the reminders committed are dropped: the sweep finds them.
            run(["redis-cli", "-p", str(redis_port), "flushall"], base_env, capture_output=True)
            overdue = measure(production, "sweep-ready")["overdue"]
            print(f"Outbox sweep: {overdue} overdue messages, a worker of 2 processes")
            worker = subprocess.Popen(
                [*CELERY, "worker", "-l", "ERROR", "-c", "2"],
                env=production,
                cwd=ROOT,
                stdout=web_log,
                stderr=web_log,
            )
            processes.append(worker)
            sink.messages = sink.connections = 0
            sink.first = sink.last = None
            started = time.monotonic()
            deadline = started + args.sweep_minutes * 60
            next_sweep = started
            while time.monotonic() < deadline and sink.messages < overdue:
                if time.monotonic() >= next_sweep:  # beat sends it every minute
                    run(
                        [*CELERY, "call", "sanctuary.tasks.outbox_sweep"],
                        production,
                        capture_output=True,
                    )
                    next_sweep += 60
                time.sleep(1)
            elapsed = time.monotonic() - started
            report["sweep"] = {
                "overdue": overdue,
                "handed_to_smtp": sink.messages,
                "seconds": round(elapsed, 1),
                "per_minute": round(sink.messages * 60 / elapsed),
                "smtp_connections": sink.connections,
            }
            print(f"  {report['sweep']}", flush=True)
            worker.terminate()
            worker.wait(timeout=60)

        if "admin" in parts:
            print("Admin changelists")
            admin_production = {**production, "DATABASE_URL": f"{server}/{ADMIN_DB}"}
            report["admin"] = []
            for size in map(int, args.admin.split(",")):
                found = measure(admin_production, "admin", size)
                report["admin"].append(found)
                print(f"  {found}", flush=True)

        table(report, args)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        smtp.stop()
        if not os.environ.get("BENCH_KEEP_SCRATCH"):
            shutil.rmtree(scratch, ignore_errors=True)


def table(report, args) -> None:
    print("\n| what | measured |\n|---|---|")
    for name, rate, share, odd in report.get("pages", []):
        note = f", {odd} answers not 2xx/3xx" if odd else ""
        print(f"| {name.replace('_', ' ')} | {share:.0%} of the bare view ({rate:.0f}/s{note}) |")
    if "post" in report:
        post = report["post"]
        print(
            f"| booking POST, {args.clients} clients on one session | "
            f"p50 {post['p50'] / 1000:.0f} ms, p95 {post['p95'] / 1000:.0f} ms, "
            f"{post['per_minute']} bookings a minute, {post['errors']} errors |"
        )
    if "lock" in report:
        lock = report["lock"]
        print(
            f"| the session's row lock held, {lock['bookings']} bookings one after another | "
            f"median {lock['median_ms']} ms, p95 {lock['p95_ms']} ms |"
        )
    if "reminders" in report:
        r = report["reminders"]
        print(
            f"| reminder scan, {r['bookings']} bookings | {r['queries']} queries, "
            f"{r['seconds']} s, {r['runs_with_work']} run(s) |"
        )
    if "sweep" in report:
        s = report["sweep"]
        print(
            f"| outbox sweep, {s['overdue']} overdue | {s['handed_to_smtp']} handed to SMTP in "
            f"{s['seconds']} s ({s['per_minute']} a minute), {s['smtp_connections']} "
            "SMTP connections |"
        )
    for r in report.get("register", []):
        print(
            f"| register, {r['bookings']} bookings | {r['queries']} queries, "
            f"{r['wire_bytes'] / 1000:.0f} KB on the wire ({r['encoding']}; "
            f"{r['html_bytes'] / 1000:.0f} KB of HTML); change feed "
            f"{r['changes_first_wire_bytes'] / 1000:.1f} KB first, "
            f"{r['changes_steady_wire_bytes']} B steady |"
        )
    for r in report.get("admin", []):
        print(
            f"| admin changelists, {r['rows']} rows | bookings {r['bookings']['queries']} "
            f"queries {r['bookings']['ms']} ms; outbox {r['outbox']['queries']} queries "
            f"{r['outbox']['ms']} ms |"
        )


if __name__ == "__main__":
    main()
