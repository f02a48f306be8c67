"""Codes texted to a mobile to prove the person holds it (self-registration of seekers and employers).

``text_code`` sends either a fresh code (a number new to the register) or, for a number already
registered, a text telling its holder how to log in — so the web page after it can be the same
in both cases and never confirms to a stranger who is registered. A number gets at most
``TEXTS_PER_HOUR`` such texts an hour, and one address at most ``TEXTS_PER_ADDRESS_PER_HOUR``
whatever the numbers typed (the rest are silently not sent: the page stays the same).

``PendingRegistration`` keeps what a registration form took in the session until the code comes
back: ``begin`` after the text is sent, ``check`` each code typed, ``end`` once the registration is
made. ``code_page`` is the page that asks for the code (its template extends
``includes/_phone_code.html``) and finishes the registration.
"""

from __future__ import annotations

import datetime
import enum
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket import crypto, notify, throttle
from gigmarket.forms import PhoneCodeForm, add_service_errors
from gigmarket.masking import mask_mobile
from gigmarket.throttle import Limit

if TYPE_CHECKING:
    from gigmarket.models import User

#: A code: six digits, valid for ten minutes, five tries.
CODE_MINUTES = 10
CODE_TRIES = 5
#: Texts one number may be sent per hour (per purpose).
TEXTS_PER_HOUR = 3
#: What the page says for a code that does not finish the registration, whatever the reason
#: (wrong, expired, or too many tries).
WRONG_CODE = _("The code is wrong or has expired.")
#: Texts one address may have sent per hour, to any numbers: each text costs the county money,
#: and without it one visitor could have every number in a list texted three times an hour.
#: Generous, since many honest people share one address (a station's Wi-Fi on a registration
#: day, a mobile carrier's NAT) and a code that is not sent is not said on the page.
TEXTS_PER_ADDRESS_PER_HOUR = 60


def _hash(code: str) -> str:
    return crypto.lookup_hash(code.strip(), purpose="phone_code")


def text_code(
    *,
    mobile: str,
    purpose: str,
    known: bool,
    known_text: str,
    code_text: str,
    client: str = "",
) -> str:
    """Text ``mobile``: ``known_text`` if ``known``, else ``code_text`` with ``%(code)s`` filled in.
    ``client`` is the address the request came from (``gigmarket.network.client_ip``).

    Returns the hash of the code sent, or "" for a known number (no code will ever match).
    """
    code = "".join(secrets.choice("0123456789") for _ in range(6))
    key = f"phone-codes:{purpose}:{mobile}"
    cache.add(key, 0, 3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, 3600)
        sent = 1
    by_address = [Limit(f"phone-codes:address:{client}", TEXTS_PER_ADDRESS_PER_HOUR, 3600)]
    if sent <= TEXTS_PER_HOUR and (not client or throttle.acquire(by_address)):
        text = known_text if known else code_text % {"code": code}
        notify.send_now(
            kind="phone_registered" if known else "phone_code",
            to=mobile,
            variables={} if known else {"code": code},
            text=text,
        )
    return "" if known else _hash(code)


def code_matches(*, code_hash: str, code: str) -> bool:
    """Whether ``code`` is the one texted (never true for a number that was already registered)."""
    return bool(code_hash) and secrets.compare_digest(code_hash, _hash(code or ""))


class Check(enum.Enum):
    """What ``PendingRegistration.check`` found of a typed code."""

    OK = "ok"
    EXPIRED = "expired"
    TOO_MANY_TRIES = "too many tries"
    WRONG = "wrong"


class PendingRegistration:
    """A registration waiting for the code texted to its mobile, kept in the session under ``key``.

    The session holds what the registration form took (plain, JSON-serialisable values), the
    mobile, the hash of the code texted, when the code expires (``CODE_MINUTES`` after it was sent)
    and how many codes have been typed so far. Read the form's values as ``pending["name"]``.
    """

    def __init__(self, session: SessionBase, key: str, stored: dict[str, Any]):
        self.session = session
        self.key = key
        self.stored = stored

    @classmethod
    def begin(
        cls, session: SessionBase, key: str, *, mobile: str, code_hash: str, **data: Any
    ) -> PendingRegistration:
        """Keep ``data`` until the code sent to ``mobile`` (``code_hash``, from ``text_code``) is typed."""
        expires = timezone.now() + datetime.timedelta(minutes=CODE_MINUTES)
        stored = {
            **data,
            "mobile": mobile,
            "code_hash": code_hash,
            "expires": expires.timestamp(),
            "tries": 0,
        }
        session[key] = stored
        return cls(session, key, stored)

    @classmethod
    def load(cls, session: SessionBase, key: str) -> PendingRegistration | None:
        """The registration pending in this session, or None (none begun, or ended)."""
        stored = session.get(key)
        return cls(session, key, stored) if stored else None

    def __getitem__(self, name: str) -> Any:
        return self.stored[name]

    @property
    def mobile(self) -> str:
        return self.stored["mobile"]

    def check(self, code: str) -> Check:
        """Count a try of ``code`` and say whether it finishes the registration (``Check.OK``).

        Every try counts, even on an expired code: after ``CODE_TRIES`` of them no code does.
        """
        self.stored["tries"] += 1
        self.session[self.key] = self.stored
        if self.stored["expires"] <= timezone.now().timestamp():
            return Check.EXPIRED
        if self.stored["tries"] > CODE_TRIES:
            return Check.TOO_MANY_TRIES
        if not code_matches(code_hash=self.stored["code_hash"], code=code):
            return Check.WRONG
        return Check.OK

    def end(self) -> None:
        """Forget the registration (it is made)."""
        self.session.pop(self.key, None)


def code_page(
    request: HttpRequest,
    *,
    key: str,
    start: str,
    template: str,
    register: Callable[[PendingRegistration], User],
    welcome: str,
    done: str,
) -> HttpResponse:
    """The page that asks for the code of the registration pending under ``key``, and finishes it.

    With none pending it sends back to ``start`` (the registration form's URL name). When the code
    is right, ``register(pending)`` makes the account and returns its user, who is logged in,
    told ``welcome`` and sent to ``done``; a ValidationError it raises is shown above the form (the
    code proved the number is theirs: they may learn it is registered). ``template`` (extending
    ``includes/_phone_code.html``) is rendered with ``form``, ``masked_mobile`` and ``start_url``.
    """
    if request.user.is_authenticated:
        return redirect("core:after_login")
    pending = PendingRegistration.load(request.session, key)
    if pending is None:
        return redirect(start)
    form = PhoneCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pending.check(form.cleaned_data["code"]) is Check.OK:
            try:
                user = register(pending)
            except ValidationError as error:
                add_service_errors(form, ValidationError(error.messages))
            else:
                pending.end()
                login(request, user, backend="gigmarket.backends.UsernameOrMobileBackend")
                messages.success(request, welcome)
                return redirect(done)
        else:
            form.add_error("code", WRONG_CODE)
    return render(
        request,
        template,
        {"form": form, "masked_mobile": mask_mobile(pending.mobile), "start_url": reverse(start)},
    )
