"""The one place this feature writes messages (employer notices, re-hire asks, rating links):
through the kernel outbox (``gigmarket.notify.enqueue``), idempotent on the event key.

Every message is a kind with named variables (SMS in China go out from approved templates);
the kinds are registered from ``JobsConfig.ready`` (``register_kinds``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gigmarket import notify

#: Message kind → (label, local template with {variables}).
KINDS = {
    "employer_signup": (
        gettext_lazy("Sign-up on your job"),
        gettext_lazy("Someone signed up for your job {job}. See who is coming: {link}"),
    ),
    "employer_sent": (
        gettext_lazy("Person sent to your job"),
        gettext_lazy("The station sends {name} for your job {job}. Confirm or decline: {link}"),
    ),
    "employer_result": (
        gettext_lazy("Result to confirm"),
        gettext_lazy(
            "The work on {job} is recorded as done. Please confirm it and the pay: {link}"
        ),
    ),
    "job_approved": (
        gettext_lazy("Posting approved"),
        gettext_lazy("Your job {job} is approved and open."),
    ),
    "job_rejected": (
        gettext_lazy("Posting not approved"),
        gettext_lazy("Your job {job} was not approved: {reason}. Edit it and send it again."),
    ),
    "rehire_ask": (
        gettext_lazy("Asked to work again"),
        gettext_lazy("{employer} asks you again for {job} from {date}. Answer here: {link}"),
    ),
    "rehire_answer": (
        gettext_lazy("Answer to a re-hire request"),
        gettext_lazy("{name} {answer} your request for {job}."),
    ),
    "rate": (
        gettext_lazy("Rating after the work"),
        gettext_lazy("How did {job} go? Please rate it (1 to 5): {link}"),
    ),
}


def register_kinds() -> None:
    for kind, (label, text) in KINDS.items():
        notify.register_kind(kind, label=label, text=text)


def link(name: str, **kwargs) -> str:
    """An absolute link for a message (the site's address from settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def send(
    *,
    key: str,
    kind: str,
    to: str,
    variables: dict,
    recipient=None,
    urgent: bool | None = None,
    about=None,
) -> None:
    """Write one message (once per ``key``); ``to`` is a mobile, or nothing to skip quietly.
    ``urgent`` lets it go in quiet hours (work today or tomorrow); ``about`` is the record whose
    staff page lists it."""
    if not to:
        return
    notify.enqueue(
        key=key,
        kind=kind,
        to=to,
        variables=variables,
        recipient=recipient,
        urgent=urgent,
        about=notify.about(about),
    )


def soon(job) -> bool:
    """Work starting today or tomorrow: its messages cannot wait for the end of quiet hours."""
    return job.start_date <= timezone.localdate() + datetime.timedelta(days=1)


def to_employer(employer, *, key: str, kind: str, variables: dict, urgent=None) -> None:
    """A message to an employer's contact mobile."""
    send(
        key=key,
        kind=kind,
        to=employer.contact_mobile,
        variables=variables,
        recipient=employer.user,
        urgent=urgent,
        about=employer,
    )


def to_seeker(seeker, *, key: str, kind: str, variables: dict, urgent=None) -> None:
    """A message to a worker's mobile (nothing when the register has none)."""
    send(
        key=key,
        kind=kind,
        to=seeker.mobile or "",
        variables=variables,
        recipient=seeker.user,
        urgent=urgent,
        about=seeker,
    )


def answer_word(accepted: bool) -> str:
    return _("accepted") if accepted else _("declined")
