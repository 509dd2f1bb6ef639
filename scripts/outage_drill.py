"""The Redis outage drill: the production configuration under gunicorn, a Celery worker and beat,
PostgreSQL, a Redis of its own and a local SMTP server, driven by simulated visitors booking
drop-in places, applying for bursaries and signing in, while Redis is stopped for a minute.

    make drill-outage                       # 20 s before, 60 s without Redis, 60 s after
    .venv/bin/python scripts/outage_drill.py --outage 60 --clients 4

It prints the answers by phase (how many 2xx, 3xx, 4xx and 5xx), what readiness said in each,
the slowest answer, and then checks that every booking and application answered as made is in
the database once and that every message went out exactly once after Redis returned.
It needs PostgreSQL (DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres),
and redis-server on the PATH; it makes and drops a database of its own (sanctuary_drill).
"""

import argparse
import collections
import html.parser
import http.client
import itertools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DRILL_DB = "sanctuary_drill"
SIGN_IN_EMAIL = "door.drill@example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port} after {seconds} s")


class SmtpSink:
    """Counts every message the site hands to SMTP, by recipient."""

    def __init__(self):
        self.received = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received[recipient.lower()] += 1
        return "250 Message accepted"


class FormReader(html.parser.HTMLParser):
    """The named fields of the page's forms with their first offered value."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.choices: dict[str, list[str]] = collections.defaultdict(list)
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") in {"checkbox", "radio"}:
                self.choices[name].append(attrs.get("value", "on"))
            else:
                self.fields.setdefault(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            self.choices[self._select].append(attrs["value"])
        elif tag == "textarea" and name:
            self.fields.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class Visitor:
    """One browser: its own address (as the load balancer forwards it) and cookies."""

    addresses = itertools.count(1)

    def __init__(self, port: int):
        self.port = port
        number = next(self.addresses)
        self.address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-For": self.address, "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.monotonic()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.monotonic() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, text, elapsed

    def form(self, path: str):
        status, text, elapsed = self.request("GET", path)
        reader = FormReader()
        reader.feed(text)
        return status, reader, elapsed


class Drill:
    def __init__(self, args):
        self.args = args
        self.phase = "before"
        self.answers = collections.defaultdict(collections.Counter)
        self.slowest = collections.defaultdict(float)
        self.readiness = collections.defaultdict(collections.Counter)
        self.made = collections.Counter()  # bookings/applications answered as made
        self.emails: list[str] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.serial = itertools.count(1)
        self.member: dict[int, Visitor] = {}  # the team member's own browser, per thread

    def record(self, what: str, status: int, elapsed: float) -> None:
        with self.lock:
            self.answers[self.phase][f"{status // 100}xx"] += 1
            self.answers[self.phase][f"{what} {status}"] += 1
            self.slowest[self.phase] = max(self.slowest[self.phase], elapsed)

    def book(self, port: int, session_path: str) -> None:
        visitor = Visitor(port)
        status, form, elapsed = visitor.form(session_path)
        self.record("session page", status, elapsed)
        if status != 200 or "submission_key" not in form.fields:
            return
        email = f"drill.{next(self.serial)}@example.org"
        fields = {
            **form.fields,
            "first_name": "Drill",
            "adults": "1",
            "children": "0",
            "email": email,
            "phone": "",
            "language": "en",
        }
        status, _text, elapsed = visitor.request("POST", session_path, fields)
        self.record("booking", status, elapsed)
        if status == 302:
            with self.lock:
                self.made["booking"] += 1
                self.emails.append(email)

    def apply(self, port: int, apply_path: str) -> None:
        visitor = Visitor(port)
        status, form, elapsed = visitor.form(apply_path)
        self.record("application page", status, elapsed)
        if status != 200:
            return
        email = f"applicant.{next(self.serial)}@example.org"
        fields = {
            **form.fields,
            "name": "Drill Applicant",
            "contact_method": "email",
            "email": email,
            "language": "en",
            "opportunity": form.choices.get("opportunity", [""])[0],
            "support": form.choices.get("support", [])[:1],
            "amount_requested": "40",
            "statement": "I would like to join the course.",
            "privacy_consent": "on",
        }
        fields.pop("referrer_consent", None)
        status, _text, elapsed = visitor.request("POST", apply_path, fields)
        self.record("application", status, elapsed)
        if status == 302:
            with self.lock:
                self.made["application"] += 1
                self.emails.append(email)

    def sign_in(self, port: int, password: str) -> None:
        """Strangers, each from an address of their own, guess the team member's password;
        between their tries the member signs in with the right one from their own browser."""
        wrong = next(self.serial) % 2 == 0
        if wrong:
            visitor = Visitor(port)
        else:
            visitor = self.member.setdefault(threading.get_ident(), Visitor(port))
            visitor.cookies.pop("sessionid", None)  # signed out since, the browser kept
        path = "/en/accounts/login/"
        status, form, elapsed = visitor.form(path)
        self.record("sign-in page", status, elapsed)
        if status != 200:
            return
        fields = {
            **form.fields,
            "login": SIGN_IN_EMAIL,
            "password": "not-the-password" if wrong else password,
        }
        status, _text, elapsed = visitor.request("POST", path, fields)
        self.record("wrong password" if wrong else "sign-in", status, elapsed)

    def watch_readiness(self, port: int) -> None:
        visitor = Visitor(port)
        while not self.stop.is_set():
            try:
                status, _text, _elapsed = visitor.request("GET", "/healthz/ready")
            except OSError:
                status = 0
            with self.lock:
                self.readiness[self.phase][status] += 1
            self.stop.wait(1)


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def shell(code: str, env) -> str:
    result = run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", code], env, capture_output=True, text=True
    )
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=int, default=20, help="seconds with Redis up first")
    parser.add_argument("--outage", type=int, default=60, help="seconds without Redis")
    parser.add_argument("--after", type=int, default=60, help="seconds with Redis back")
    parser.add_argument("--clients", type=int, default=3, help="visitors at once, per kind")
    args = parser.parse_args()

    admin_url = os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = admin_url.rsplit("/", 1)[0] + "/" + DRILL_DB
    scratch = Path(tempfile.mkdtemp(prefix="sanctuary-drill-"))
    redis_port, smtp_port, web_port = free_port(), free_port(), free_port()
    processes: list[subprocess.Popen] = []
    sink = SmtpSink()
    smtp = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    smtp.start()

    def start_redis():
        process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(redis_port)
        return process

    base_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    base_env.pop("REDIS_URL", None)
    base_env.pop("SANCTUARY_PRODUCTION", None)
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
    }
    redis = None
    try:
        print(f"Redis on port {redis_port}, SMTP on {smtp_port}, the site on {web_port}")
        admin = {**base_env, "DATABASE_URL": admin_url}
        shell_drop = f"DROP DATABASE IF EXISTS {DRILL_DB}"
        for statement in (shell_drop, f"CREATE DATABASE {DRILL_DB}"):
            run(["psql", admin_url, "-q", "-c", statement], admin, stdout=subprocess.DEVNULL)
        run([PYTHON, "manage.py", "migrate", "-v", "0"], base_env)
        run([PYTHON, "manage.py", "demo_data"], base_env, stdout=subprocess.DEVNULL)
        password = secrets.token_urlsafe(16)
        paths = shell(
            "from sanctuary import services; from sanctuary.roles import Role;"
            "from dropins import selectors; from bursaries import selectors as bursaries;"
            f"services.user_create(email='{SIGN_IN_EMAIL}', first_name='Dee',"
            f" roles=[Role.VOLUNTEERS], actor=None, password='{password}');"
            "from django.urls import reverse; from django.utils import translation;"
            "translation.activate('en');"
            "s = [x for x in selectors.sessions_upcoming_public()][0];"
            "f = [x for x in bursaries.fund_list_public() if x.is_open][0];"
            "print(reverse('dropins:session', args=[s.pk]));"
            "print(reverse('bursaries:apply', args=[f.slug]))",
            base_env,
        ).splitlines()
        session_path, apply_path = paths[-2], paths[-1]
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], production)
        run([PYTHON, "manage.py", "compile_translations"], production, stdout=subprocess.DEVNULL)
        redis = start_redis()
        processes.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "sanctuary.wsgi",
                    "-w",
                    "2",
                    "-b",
                    f"127.0.0.1:{web_port}",
                    "--log-level",
                    "error",
                ],
                env=production,
                cwd=ROOT,
            )
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "celery", "-A", "sanctuary", "worker", "-l", "ERROR", "-c", "2"],
                env=production,
                cwd=ROOT,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "celery",
                    "-A",
                    "sanctuary",
                    "beat",
                    "-l",
                    "ERROR",
                    "-s",
                    str(scratch / "beat-schedule"),
                ],
                env=production,
                cwd=ROOT,
            )
        )
        wait_for_port(web_port)
        drill = Drill(args)

        def visitors(action, *action_args):
            while not drill.stop.is_set():
                try:
                    action(web_port, *action_args)
                except OSError as error:
                    drill.record(f"no answer ({type(error).__name__})", 0, 0)

        threads = [threading.Thread(target=drill.watch_readiness, args=(web_port,))]
        for _ in range(args.clients):
            threads += [
                threading.Thread(target=visitors, args=(drill.book, session_path)),
                threading.Thread(target=visitors, args=(drill.apply, apply_path)),
                threading.Thread(target=visitors, args=(drill.sign_in, password)),
            ]
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        drill.phase = "outage"
        print(f"Stopping Redis for {args.outage} s")
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        time.sleep(args.outage)
        redis = start_redis()
        drill.phase = "after"
        print("Redis is back")
        time.sleep(args.after)
        drill.stop.set()
        for thread in threads:
            thread.join()

        print("\nAnswers by phase")
        for phase in ("before", "outage", "after"):
            counts = drill.answers[phase]
            summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items()))
            print(f"  {phase:<7} slowest {drill.slowest[phase]:.2f} s; {summary}")
            ready = ", ".join(f"{k}: {v}" for k, v in sorted(drill.readiness[phase].items()))
            print(f"          readiness answers {ready}")
        five = sum(drill.answers[phase]["5xx"] for phase in drill.answers)
        print(f"\n5xx in all: {five}")

        print("Waiting for the outbox to empty (the sweep runs each minute)")
        check = (
            "from sanctuary.models import OutgoingMessage as M;"
            "print(M.objects.filter(status__in=M.UNFINISHED).count(), M.objects.count())"
        )
        deadline = time.monotonic() + 300
        while True:
            unfinished, total = map(int, shell(check, base_env).split())
            if unfinished == 0 or time.monotonic() > deadline:
                break
            time.sleep(5)
        counted = shell(
            "from dropins.models import Booking; from bursaries.models import Application;"
            "print(Booking.objects.filter(email__startswith='drill.').count(),"
            " Application.objects.filter(email__startswith='applicant.').count())",
            base_env,
        ).split()
        print(
            f"Bookings answered as made: {drill.made['booking']}, in the database: {counted[0]}; "
            f"applications answered as made: {drill.made['application']}, "
            f"in the database: {counted[1]}"
        )
        print(f"Outbox: {total} messages, {unfinished} not yet finished")
        doubled = [email for email in drill.emails if sink.received[email] > 1]
        missing = [email for email in drill.emails if sink.received[email] == 0]
        print(
            f"Emails to drill contacts: {len(drill.emails)}; received none: {len(missing)}; "
            f"received more than one: {len(doubled)}"
        )
        ok = (
            five == 0
            and unfinished == 0
            and not doubled
            and not missing
            and int(counted[0]) == drill.made["booking"]
            and int(counted[1]) == drill.made["application"]
        )
        print("PASS" if ok else "FAIL")
        sys.exit(0 if ok else 1)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if redis is not None and redis.poll() is None:
            redis.kill()
        smtp.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
