"""A local HTTP server that speaks Twilio's Messages API as its documentation shows, for the
SDK to talk to over real HTTP (the backend's TWILIO_API_URL points at it).

POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP basic auth (the account SID and
auth token) and a form-encoded body (To, From or MessagingServiceSid, Body, StatusCallback)
creates a message: 201 and the message resource as JSON. An error is a JSON body with code,
message, more_info and status, under that HTTP status. Each test scripts the next answers.
"""

import base64
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "test-auth-token-0123456789abcdef"
MESSAGING_SERVICE_SID = "MG" + "fedcba9876543210" * 2


@dataclass
class Received:
    path: str
    auth: tuple[str, str]
    form: dict[str, str]


@dataclass
class FakeTwilio:
    url: str = ""
    received: list[Received] = field(default_factory=list)
    # Answers to give, in order, as (HTTP status, Twilio error code, message); then success.
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    # Raw answers (status, body) for non-JSON replies, taken before `errors`.
    raw: list[tuple[int, str]] = field(default_factory=list)

    def fail_next(self, status: int, code: int, message: str = "Refused") -> None:
        self.errors.append((status, code, message))


def _handler(fake: FakeTwilio):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _answer(self, status: int, payload) -> None:
            body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, code: int, message: str) -> None:
            self._answer(
                status,
                {
                    "code": code,
                    "message": message,
                    "more_info": f"https://www.twilio.com/docs/errors/{code}",
                    "status": status,
                },
            )

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            scheme, _, encoded = (self.headers.get("Authorization") or "").partition(" ")
            user, _, password = (
                base64.b64decode(encoded).decode().partition(":")
                if scheme == "Basic"
                else ("", "", "")
            )
            parts = self.path.strip("/").split("/")
            if len(parts) != 4 or parts[0] != "2010-04-01" or parts[3] != "Messages.json":
                return self._error(404, 20404, "The requested resource was not found")
            account = parts[2]
            fake.received.append(Received(self.path, (user, password), form))
            if (user, password) != (ACCOUNT_SID, AUTH_TOKEN) or account != user:
                return self._error(401, 20003, "Authenticate")
            if fake.raw:
                return self._answer(*fake.raw.pop(0))
            if fake.errors:
                return self._error(*fake.errors.pop(0))
            if "To" not in form or "Body" not in form:
                return self._error(400, 21604, "A 'To' phone number is required.")
            if "From" not in form and "MessagingServiceSid" not in form:
                return self._error(400, 21603, "A 'From' phone number is required.")
            sid = "SM" + secrets.token_hex(16)
            self._answer(
                201,
                {
                    "account_sid": account,
                    "api_version": "2010-04-01",
                    "body": form["Body"],
                    "direction": "outbound-api",
                    "error_code": None,
                    "error_message": None,
                    "from": form.get("From"),
                    "messaging_service_sid": form.get("MessagingServiceSid"),
                    "num_segments": "1",
                    "sid": sid,
                    "status": "queued" if "From" in form else "accepted",
                    "to": form["To"],
                    "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
                },
            )

    return Handler


@pytest.fixture
def fake_twilio(settings):
    """A fake Twilio on a free port, and the site set up to send texts through it."""
    fake = FakeTwilio()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SMS_BACKEND = "sanctuary.sms.twilio.TwilioSmsBackend"
    settings.TWILIO_API_URL = fake.url
    settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.SMS_SENDER = "NorwichThtr"
    settings.SMS_TIMEOUT = 5
    yield fake
    server.shutdown()
    server.server_close()
