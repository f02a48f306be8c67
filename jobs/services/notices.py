"""The one place this feature writes messages (employer notices, re-hire asks, rating links).

Every message is a kind with named variables (SMS in China go out from approved templates), and
an event key that makes it idempotent. Today it writes a row in the jobs outbox
(``Notification``); when the kernel outbox (``gigmarket.notify.enqueue``) is in, the body of
``send`` becomes one call of ``enqueue`` with the same arguments.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Notification

#: Message kind → its text with named variables (the SMS template's wording).
TEXTS = {
    "employer_signup": gettext_lazy(
        "%(site)s: someone signed up for your job “%(job)s”. See who is coming: %(link)s"
    ),
    "employer_sent": gettext_lazy(
        "%(site)s: the station sends %(name)s for your job “%(job)s”. Confirm or decline: %(link)s"
    ),
    "employer_result": gettext_lazy(
        "%(site)s: the work on “%(job)s” is recorded as done. Please confirm it and the pay: %(link)s"
    ),
    "job_approved": gettext_lazy("%(site)s: your job “%(job)s” is approved and open."),
    "job_rejected": gettext_lazy(
        "%(site)s: your job “%(job)s” was not approved: %(reason)s. Edit it and send it again."
    ),
    "rehire_ask": gettext_lazy(
        "%(site)s: %(employer)s asks you again for “%(job)s” from %(date)s. Answer here: %(link)s"
    ),
    "rehire_answer": gettext_lazy("%(site)s: %(name)s %(answer)s your request for “%(job)s”."),
    "rate": gettext_lazy("%(site)s: how did “%(job)s” go? Please rate it (1 to 5): %(link)s"),
    "survey": gettext_lazy(
        "%(site)s: how was our service (%(what)s)? Three quick questions: %(link)s"
    ),
}


def link(name: str, **kwargs) -> str:
    """An absolute link for a message (the site's address from settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def send(*, key: str, kind: str, to: str, variables: dict, recipient=None) -> None:
    """Write one message (once per ``key``); ``to`` is a mobile, or nothing to skip quietly."""
    if not to:
        return
    values = {"site": settings.SITE_NAME, **{k: str(v) for k, v in variables.items()}}
    Notification.objects.get_or_create(
        key=key[:100],
        defaults={
            "kind": kind[:16],
            "channel": Notification.Channel.SMS,
            "to": to,
            "recipient": recipient,
            "text": str(TEXTS[kind]) % values,
        },
    )


def to_employer(employer, *, key: str, kind: str, variables: dict) -> None:
    """A message to an employer's contact mobile."""
    send(
        key=key,
        kind=kind,
        to=employer.contact_mobile,
        variables=variables,
        recipient=employer.user,
    )


def to_seeker(seeker, *, key: str, kind: str, variables: dict) -> None:
    """A message to a worker's mobile (nothing when the register has none)."""
    send(key=key, kind=kind, to=seeker.mobile or "", variables=variables, recipient=seeker.user)


def answer_word(accepted: bool) -> str:
    return _("accepted") if accepted else _("declined")
