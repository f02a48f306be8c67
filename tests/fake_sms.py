"""A local HTTP server that speaks Alibaba Cloud SMS's API (2017-05-25: SendSms and
QuerySendDetails, RPC style, ACS3-HMAC-SHA256 signed), so the official SDK is tested end to end
by pointing its endpoint at 127.0.0.1 over plain HTTP. Nothing of the SDK is mocked.

The ``fake_sms`` fixture starts it and configures ``gigmarket.sms.AliyunSender`` against it.
How it answers is chosen per number: ``throttle`` (isv.BUSINESS_LIMIT_CONTROL, the
provider's per-number rate limit), numbers that are not 11 digits (isv.MOBILE_NUMBER_ILLEGAL),
``slow`` (answers after ``delay`` seconds). Every accepted text is in ``sent``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

ACCESS_KEY_ID = "test-key-id"
ACCESS_KEY_SECRET = "test-key-secret"


class FakeAliyunSms(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sent: list[dict] = []
        self.requests: list[dict] = []
        self.throttle: set[str] = set()
        self.slow: set[str] = set()
        self.delay = 3.0
        self.delivered: set[str] = set()
        self.ids = itertools.count(900000)
        self.lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.server_port}"


def _signature_ok(handler, query: list[tuple[str, str]], body: bytes) -> bool:
    """Checks the request's ACS3-HMAC-SHA256 signature as the provider does."""
    auth = handler.headers.get("Authorization", "")
    if not auth.startswith(f"ACS3-HMAC-SHA256 Credential={ACCESS_KEY_ID},"):
        return False
    parts = dict(p.split("=", 1) for p in auth.split(" ", 1)[1].split(","))
    signed = parts["SignedHeaders"].split(";")
    canonical_query = "&".join(
        f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(query)
    )
    headers = {k.lower(): v.strip() for k, v in handler.headers.items()}
    canonical = "\n".join(
        [
            handler.command,
            urlsplit(handler.path).path or "/",
            canonical_query,
            "".join(f"{h}:{headers.get(h, '')}\n" for h in signed),
            ";".join(signed),
            headers.get("x-acs-content-sha256", hashlib.sha256(body).hexdigest()),
        ]
    )
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    expected = hmac.new(ACCESS_KEY_SECRET.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["Signature"])


class _Handler(BaseHTTPRequestHandler):
    server: FakeAliyunSms

    def log_message(self, *args):
        pass

    def _answer(self, payload: dict, status: int = 200) -> None:
        out = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        query = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
        params = dict(query) | dict(parse_qsl(body.decode(), keep_blank_values=True))
        action = self.headers.get("x-acs-action", "")
        request_id = f"REQ-{next(self.server.ids)}"
        self.server.requests.append({"action": action, **params})
        if not _signature_ok(self, query, body):
            return self._answer(
                {
                    "Code": "SignatureDoesNotMatch",
                    "Message": "bad signature",
                    "RequestId": request_id,
                },
                400,
            )
        if action == "SendSms":
            return self._send(params, request_id)
        if action == "QuerySendDetails":
            return self._query(params, request_id)
        return self._answer({"Code": "InvalidAction.NotFound", "RequestId": request_id}, 404)

    def _send(self, params: dict, request_id: str):
        number = params.get("PhoneNumbers", "")
        if number in self.server.slow:
            time.sleep(self.server.delay)
        if number in self.server.throttle:
            return self._answer(
                {
                    "Code": "isv.BUSINESS_LIMIT_CONTROL",
                    "Message": "触发号码天级流控Permits:10",
                    "RequestId": request_id,
                }
            )
        if not (number.isdigit() and len(number) == 11 and number.startswith("1")):
            return self._answer(
                {
                    "Code": "isv.MOBILE_NUMBER_ILLEGAL",
                    "Message": "非法手机号",
                    "RequestId": request_id,
                }
            )
        biz_id = f"{next(self.server.ids)}^0"
        with self.server.lock:
            self.server.sent.append(
                {
                    "to": number,
                    "sign": params.get("SignName"),
                    "template": params.get("TemplateCode"),
                    "variables": json.loads(params.get("TemplateParam") or "{}"),
                    "biz_id": biz_id,
                }
            )
        return self._answer(
            {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": request_id}
        )

    def _query(self, params: dict, request_id: str):
        biz_id = params.get("BizId", "")
        status = 3 if biz_id in self.server.delivered else 1
        return self._answer(
            {
                "Code": "OK",
                "Message": "OK",
                "RequestId": request_id,
                "TotalCount": 1,
                "SmsSendDetailDTOs": {
                    "SmsSendDetailDTO": [
                        {
                            "PhoneNum": params.get("PhoneNumber"),
                            "SendStatus": status,
                            "ErrCode": "DELIVERED" if status == 3 else "",
                        }
                    ]
                },
            }
        )


@pytest.fixture
def fake_sms(settings):
    """The fake provider, with the site's SMS settings pointing at it."""
    server = FakeAliyunSms()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATION_SENDER = "gigmarket.sms.AliyunSender"
    settings.SMS_ACCESS_KEY_ID = ACCESS_KEY_ID
    settings.SMS_ACCESS_KEY_SECRET = ACCESS_KEY_SECRET
    settings.SMS_SIGN_NAME = "示范县零工市场"
    settings.SMS_ENDPOINT = server.endpoint
    settings.SMS_PROTOCOL = "HTTP"
    settings.SMS_TIMEOUT_SECONDS = 1
    settings.SMS_TEMPLATE_IDS = {
        "placement_signup": "SMS_100001",
        "placement_recommended": "SMS_100002",
        "placement_confirmed": "SMS_100003",
        "placement_cancelled": "SMS_100004",
        "job_alert": "SMS_100010",
        "job_alert_now": "SMS_100011",
    }
    yield server
    server.shutdown()
    server.server_close()
