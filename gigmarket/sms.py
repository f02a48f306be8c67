"""Text messages through Alibaba Cloud SMS (阿里云短信服务, API 2017-05-25), by its official SDK.

``NOTIFICATION_SENDER=gigmarket.sms.AliyunSender`` turns it on. Configured from the environment
(``.env.example``, docs/notifications.md): ``SMS_ACCESS_KEY_ID`` / ``SMS_ACCESS_KEY_SECRET`` (a RAM
user allowed only ``dysms:SendSms`` and ``dysms:QuerySendDetails``), ``SMS_SIGN_NAME`` (the approved
signature), ``SMS_TEMPLATE_IDS`` (the approved template code of each message kind),
``SMS_ENDPOINT`` / ``SMS_PROTOCOL`` (defaults: dysmsapi.aliyuncs.com over HTTPS) and
``SMS_TIMEOUT_SECONDS``.

The provider answers every request with a ``Code``: "OK", or a reason. Reasons that will not
change by trying again (a wrong number, an unapproved template or signature, bad keys, the
number's daily limit) raise a permanent ``SendError``; the rest (throttling, the provider's own
faults, timeouts, a lost connection) a transient one, which the outbox retries with back-off.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings

from gigmarket.notify import SHANGHAI, SendError

#: Provider codes for which trying again cannot help.
PERMANENT = frozenset(
    {
        "isv.MOBILE_NUMBER_ILLEGAL",
        "isv.MOBILE_COUNT_OVER_LIMIT",
        "isv.DAY_LIMIT_CONTROL",
        "isv.BLACK_KEY_CONTROL_LIMIT",
        "isv.TEMPLATE_MISSING_PARAMETERS",
        "isv.TEMPLATE_PARAMS_ILLEGAL",
        "isv.PARAM_LENGTH_LIMIT",
        "isv.PARAM_NOT_SUPPORT_URL",
        "isv.SMS_TEMPLATE_ILLEGAL",
        "isv.SMS_SIGNATURE_ILLEGAL",
        "isv.SMS_SIGN_ILLEGAL",
        "isv.INVALID_PARAMETERS",
        "isv.INVALID_JSON_PARAM",
        "isv.ACCOUNT_NOT_EXISTS",
        "isv.ACCOUNT_ABNORMAL",
        "isv.PRODUCT_UN_SUBSCRIPT",
        "isv.PRODUCT_UNSUBSCRIBE",
        "isv.EXTEND_CODE_ERROR",
        "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
        "isv.DENY_IP_RANGE",
        "isp.RAM_PERMISSION_DENY",
        "InvalidAccessKeyId.NotFound",
        "SignatureDoesNotMatch",
        "Forbidden.RAM",
        "MissingPhoneNumbers",
    }
)


def _client():
    from alibabacloud_dysmsapi20170525.client import Client
    from alibabacloud_tea_openapi import models as openapi

    return Client(
        openapi.Config(
            access_key_id=settings.SMS_ACCESS_KEY_ID,
            access_key_secret=settings.SMS_ACCESS_KEY_SECRET,
            endpoint=settings.SMS_ENDPOINT,
            protocol=settings.SMS_PROTOCOL,
        )
    )


def _runtime():
    from alibabacloud_tea_util import models as util

    millis = settings.SMS_TIMEOUT_SECONDS * 1000
    # The outbox retries with its own back-off and records each try: no silent SDK retries.
    return util.RuntimeOptions(connect_timeout=millis, read_timeout=millis, autoretry=False)


def _error(code: str, detail: str) -> SendError:
    return SendError(detail or code, code=code, permanent=code in PERMANENT)


class AliyunSender:
    """Sends a message as its kind's approved template with its variables."""

    def send(self, *, channel: str, to: str, text: str, kind: str = "", variables=None) -> str:
        from alibabacloud_dysmsapi20170525 import models
        from Tea.exceptions import TeaException

        template = settings.SMS_TEMPLATE_IDS.get(kind, "")
        if not template:
            raise SendError(f"no SMS template id for {kind!r}", code="no-template", permanent=True)
        request = models.SendSmsRequest(
            phone_numbers=to,
            sign_name=settings.SMS_SIGN_NAME,
            template_code=template,
            template_param=json.dumps(variables or {}, ensure_ascii=False),
        )
        try:
            response = _client().send_sms_with_options(request, _runtime())
        except TeaException as error:
            raise _error(str(error.code or "error"), str(error.message or "")) from error
        except Exception as error:  # noqa: BLE001 — timeouts, lost connections: try again
            raise SendError(str(error)[:300], code=type(error).__name__) from error
        body = response.body
        if body.code != "OK":
            raise _error(body.code or "error", f"{body.message} (request {body.request_id})")
        return body.biz_id or ""

    def delivery(self, *, to: str, provider_id: str, sent_at: datetime.datetime) -> tuple[str, str]:
        """What the handset's carrier reported: ("delivered" | "failed" | "pending", detail)."""
        from alibabacloud_dysmsapi20170525 import models

        request = models.QuerySendDetailsRequest(
            phone_number=to,
            biz_id=provider_id,
            send_date=sent_at.astimezone(SHANGHAI).strftime("%Y%m%d"),
            page_size=10,
            current_page=1,
        )
        body = _client().query_send_details_with_options(request, _runtime()).body
        if body.code != "OK":
            return "pending", body.code or ""
        rows = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else []
        for row in rows or []:
            if row.send_status == 3:
                return "delivered", row.err_code or "DELIVERED"
            if row.send_status == 2:
                return "failed", row.err_code or "failed"
        return "pending", ""
