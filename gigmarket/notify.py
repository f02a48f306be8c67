"""The kernel outbox: every app's messages to people, and the senders that deliver them.

An app registers each kind of message it sends once, in its ``AppConfig.ready()``::

    notify.register_kind(
        "placement_confirmed",
        label=_("Placement confirmed"),
        text=_("You are confirmed for {job}: start {date} at {place}. Call {phone}."),
    )

and writes a message with ONE call, in the same transaction as the event it tells about::

    notify.enqueue(key=f"placement:{p.pk}:confirmed:{log.pk}", kind="placement_confirmed",
                   to=seeker.mobile, variables={...}, about=notify.about(seeker))

``enqueue`` is idempotent on ``key``. The SMS provider is given the kind's approved template id
(``settings.SMS_TEMPLATE_IDS``) and the variables; the local text (log sender, the site, staff
pages) is rendered from the kind's template in Chinese, with the opt-out words and the service
name at its end. ``deliver`` (the beat task ``gigmarket.tasks.send_notifications``, every minute)
sends what is due: once each (row lock), not in quiet hours unless the kind is urgent, at most
``SMS_DAILY_CAP`` a day to one number, retrying transient failures with back-off and stopping on
permanent ones; every attempt is kept with the provider's answer (``MessageAttempt``).

``settings.NOTIFICATION_SENDER`` names the sender: ``LogSender`` (default), ``MemorySender``
(tests, demos) or ``gigmarket.sms.AliyunSender`` (Alibaba Cloud SMS).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.db.models import Model

    from gigmarket.models import Message, User

logger = logging.getLogger("gigmarket.notify")

SHANGHAI = ZoneInfo("Asia/Shanghai")


# ---- kinds ----


@dataclass(frozen=True)
class Kind:
    """One kind of message: its label, local template, and whether it may wake people up."""

    name: str
    label: Any
    text: Any
    urgent: bool = False
    #: The switch a person turns off to refuse this kind (several kinds may share one);
    #: None for messages that cannot be refused (login codes).
    opt_out_kind: str | None = None


#: Every registered kind, by name.
KINDS: dict[str, Kind] = {}


def register_kind(
    kind: str,
    *,
    label: Any,
    text: Any,
    urgent: bool = False,
    opt_out_kind: str | None | bool = True,
) -> Kind:
    """Register a kind of message (from an ``AppConfig.ready()``); re-registering replaces it.

    ``text`` is the local template with ``{variable}`` placeholders (an English source string
    translated to Chinese); the provider's template for the kind is named by
    ``settings.SMS_TEMPLATE_IDS[kind]``. ``opt_out_kind`` True means the kind is its own switch,
    a string shares another's, False/None means it cannot be refused.
    """
    if opt_out_kind is True:
        opt_out_kind = kind
    spec = Kind(kind, label, text, urgent, opt_out_kind or None)
    KINDS[kind] = spec
    return spec


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unregistered message kind {name!r}") from None


def opt_out_choices() -> list[tuple[str, str]]:
    """(switch, label) of every kind a person may refuse, once per switch."""
    seen: dict[str, str] = {}
    for spec in KINDS.values():
        if spec.opt_out_kind and spec.opt_out_kind not in seen:
            owner = KINDS.get(spec.opt_out_kind, spec)
            seen[spec.opt_out_kind] = str(owner.label)
    return sorted(seen.items(), key=lambda item: item[1])


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render(kind: str, variables: dict, *, token: str = "") -> str:
    """The message's local text in the site's language, ending with the opt-out words (and the
    opt-out link when the kind may be refused) and the service name."""
    spec = kind_of(kind)
    with translation.override(settings.LANGUAGE_CODE):
        body = str(spec.text).format_map(_Blank({k: str(v) for k, v in variables.items()}))
        tail = []
        if spec.opt_out_kind and token:
            tail.append(str(translation.gettext("Stop: %(link)s")) % {"link": opt_out_link(token)})
        tail.append(settings.SMS_OPT_OUT_WORDS)
    return f"{body} {' '.join(tail)}【{settings.SITE_NAME}】"


def opt_out_link(token: str) -> str:
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("core:message_opt_out", args=[token])


def site_link(path: str) -> str:
    """An absolute link to a page of the site (for a message's variables)."""
    return settings.SITE_URL.rstrip("/") + path


def about(record: Model | None) -> str:
    """The ``about`` value naming ``record`` (whose staff page lists the message)."""
    if record is None:
        return ""
    return f"{record._meta.label_lower}:{record.pk}"


# ---- senders ----


class SendError(Exception):
    """The provider refused or could not be reached. ``permanent`` failures are not retried
    (a wrong number, an unapproved template); the rest are (throttling, timeouts, outages)."""

    def __init__(self, detail: str, *, code: str = "", permanent: bool = False):
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.permanent = permanent


class Sender(Protocol):
    def send(self, *, channel: str, to: str, text: str, kind: str, variables: dict) -> str:
        """Hand one message over; return the provider's id for it ("" if none). Raise
        ``SendError`` (or any exception: treated as transient) when it did not go."""
        ...


class LogSender:
    """Writes messages to the log (the personal-data filter masks the number)."""

    def send(self, *, channel: str, to: str, text: str, kind: str = "", variables=None) -> str:
        logger.info("notify via %s to %s: %s", channel, to, text)
        return ""


#: What ``MemorySender`` delivered in this process (tests read it).
outbox: list[dict] = []


class MemorySender:
    """Keeps messages in ``outbox`` (for tests and demos; nothing leaves the process)."""

    def send(self, *, channel: str, to: str, text: str, kind: str = "", variables=None) -> str:
        outbox.append(
            {"channel": channel, "to": to, "text": text, "kind": kind, "variables": variables}
        )
        return ""


def get_sender() -> Sender:
    return import_string(settings.NOTIFICATION_SENDER)()


def send_now(*, kind: str, to: str, variables: dict, text: str) -> None:
    """Send at once, outside the outbox (login codes: never stored, never delayed)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(text)
    get_sender().send(channel="sms", to=to, text=text, kind=kind, variables=variables)


# ---- time rules ----


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, SHANGHAI)


def next_allowed(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` itself outside quiet hours, else the next end of quiet hours (Shanghai)."""
    local = _local(moment)
    start, end = settings.SMS_QUIET_HOURS
    if end <= local.hour < start:
        return moment
    day = local.date() + datetime.timedelta(days=1 if local.hour >= start else 0)
    return datetime.datetime.combine(day, datetime.time(end), tzinfo=SHANGHAI)


def start_of_day(moment: datetime.datetime) -> datetime.datetime:
    local = _local(moment)
    return datetime.datetime.combine(local.date(), datetime.time(0), tzinfo=SHANGHAI)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait after the ``attempts``-th failed try: 1, 5, 15, 60, 60… minutes."""
    steps = settings.SMS_RETRY_MINUTES
    return datetime.timedelta(minutes=steps[min(attempts, len(steps)) - 1])


# ---- writing ----


def opted_out(to: str, kind: str) -> bool:
    from gigmarket.models import MessageOptOut

    spec = KINDS.get(kind)
    if spec is None or not spec.opt_out_kind or not to:
        return False
    return MessageOptOut.objects.filter(to=to, kind__in=[spec.opt_out_kind, "*"]).exists()


def enqueue(
    *,
    key: str,
    kind: str,
    to: str,
    variables: dict,
    recipient: User | int | None = None,
    channel: str = "sms",
    urgent: bool | None = None,
    about: str = "",
) -> Message:
    """Write one message to the outbox (once per ``key``: a second call returns the first).

    ``recipient`` is the account (or its id) when the person has one. ``urgent`` (default: the
    kind's) lets it go in quiet hours. A number that refused the kind
    gets a row in state "not sent (opted out)", so staff see why nothing went.
    """
    from gigmarket.models import Message

    spec = kind_of(kind)
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    urgent = spec.urgent if urgent is None else urgent
    now = timezone.now()
    message = Message(
        key=key,
        kind=kind,
        channel=channel,
        to=to,
        recipient_id=recipient if isinstance(recipient, int) or recipient is None else recipient.pk,
        about=about,
        variables=_strings(variables),
        urgent=urgent,
        created_at=now,
        due_at=now if urgent or channel != Message.Channel.SMS else next_allowed(now),
    )
    message.text = render(kind, message.variables, token=message.token)
    if channel == Message.Channel.SMS and opted_out(to, kind):
        message.state = Message.State.SUPPRESSED
        message.last_error = "opted out"
    with transaction.atomic():
        message.save()
    return message


def _strings(variables: dict) -> dict:
    """Every variable as text in the site's language (lazy labels, dates, numbers)."""
    with translation.override(settings.LANGUAGE_CODE):
        return {k: str(v) for k, v in variables.items()}


def enqueue_exists(key: str) -> bool:
    """Whether a message with this key was already written."""
    from gigmarket.models import Message

    return Message.objects.filter(key=key).exists()


# ---- delivering ----


def _record(message: Message, outcome: str, code: str = "", detail: str = "") -> None:
    from gigmarket.models import MessageAttempt

    MessageAttempt.objects.create(
        message=message, outcome=outcome, code=code[:64], detail=detail[:300]
    )


def _sent_today(to: str, now: datetime.datetime) -> int:
    from gigmarket.models import Message

    return Message.objects.filter(
        to=to, channel=Message.Channel.SMS, sent_at__gte=start_of_day(now)
    ).count()


def deliver(*, limit: int = 500) -> int:
    """Send the outbox's due messages once each through the configured sender; returns how
    many went. Each row is locked while it is sent (on PostgreSQL another run skips it)."""
    from gigmarket.models import Message, MessageAttempt

    Outcome = MessageAttempt.Outcome
    sender = get_sender()
    sent = 0
    now = timezone.now()
    ids = list(
        Message.objects.filter(state=Message.State.QUEUED, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    skip = {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}
    for pk in ids:
        with transaction.atomic():
            row = (
                Message.objects.select_for_update(**skip)
                .filter(pk=pk, state=Message.State.QUEUED)
                .first()
            )
            if row is None:
                continue
            now = timezone.now()
            if row.channel == Message.Channel.SITE:
                row.state, row.sent_at = Message.State.SENT, now
                row.save(update_fields=["state", "sent_at"])
                sent += 1
                continue
            if opted_out(row.to, row.kind):
                row.state, row.last_error = Message.State.SUPPRESSED, "opted out"
                row.save(update_fields=["state", "last_error"])
                continue
            if not row.urgent:
                allowed = next_allowed(now)
                if allowed > now:
                    row.due_at = allowed
                    row.save(update_fields=["due_at"])
                    continue
                if _sent_today(row.to, now) >= settings.SMS_DAILY_CAP:
                    row.due_at = next_allowed(start_of_day(now) + datetime.timedelta(days=1))
                    row.last_error = "daily cap reached"
                    row.save(update_fields=["due_at", "last_error"])
                    continue
            row.attempts += 1
            try:
                provider_id = sender.send(
                    channel=row.channel,
                    to=row.to,
                    text=row.text,
                    kind=row.kind,
                    variables=row.variables,
                )
            except Exception as error:  # noqa: BLE001 — every failure is recorded
                code = getattr(error, "code", "") or type(error).__name__
                detail = str(getattr(error, "detail", "") or error)
                give_up = getattr(error, "permanent", False) or (
                    row.attempts >= settings.SMS_MAX_ATTEMPTS
                )
                _record(row, Outcome.FAILED if give_up else Outcome.RETRY, code, detail)
                row.last_error = f"{code}: {detail}"[:200]
                if give_up:
                    row.state = Message.State.FAILED
                else:
                    row.due_at = now + backoff(row.attempts)
                row.save(update_fields=["attempts", "last_error", "state", "due_at"])
                continue
            _record(row, Outcome.SENT, "OK", provider_id or "")
            row.state, row.sent_at = Message.State.SENT, now
            row.provider_id = (provider_id or "")[:64]
            row.last_error = ""
            row.save(update_fields=["attempts", "state", "sent_at", "provider_id", "last_error"])
            sent += 1
    return sent


def check_deliveries(*, limit: int = 500) -> int:
    """Ask the provider whether texts sent in the last two days reached the handset (senders
    with a ``delivery`` method); marks them delivered, or failed with the carrier's reason.
    Returns how many changed."""
    from gigmarket.models import Message

    sender = get_sender()
    if not hasattr(sender, "delivery"):
        return 0
    since = timezone.now() - datetime.timedelta(days=2)
    rows = list(
        Message.objects.filter(
            state=Message.State.SENT, channel=Message.Channel.SMS, sent_at__gte=since
        )
        .exclude(provider_id="")
        .order_by("sent_at")[:limit]
    )
    changed = 0
    for row in rows:
        try:
            state, detail = sender.delivery(
                to=row.to, provider_id=row.provider_id, sent_at=row.sent_at
            )
        except Exception:  # noqa: BLE001 — asked again next time
            logger.warning("delivery report for message %s not available", row.pk)
            continue
        if state == "delivered":
            Message.objects.filter(pk=row.pk, state=Message.State.SENT).update(
                state=Message.State.DELIVERED, delivered_at=timezone.now()
            )
            changed += 1
        elif state == "failed":
            Message.objects.filter(pk=row.pk, state=Message.State.SENT).update(
                state=Message.State.FAILED, last_error=f"carrier: {detail}"[:200]
            )
            changed += 1
    return changed
