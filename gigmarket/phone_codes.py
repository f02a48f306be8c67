"""Codes texted to a mobile to prove the person holds it (self-registration of seekers and employers).

``text_code`` sends either a fresh code (a number new to the register) or, for a number already
registered, a text telling its holder how to log in — so the web page after it can be the same
in both cases and never confirms to a stranger who is registered. A number gets at most
``TEXTS_PER_HOUR`` such texts an hour, and one address at most ``TEXTS_PER_ADDRESS_PER_HOUR``
whatever the numbers typed (the rest are silently not sent: the page stays the same).
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

from gigmarket import crypto, throttle
from gigmarket.notify import get_sender
from gigmarket.throttle import Limit

#: A code: six digits, valid for ten minutes, five tries.
CODE_MINUTES = 10
CODE_TRIES = 5
#: Texts one number may be sent per hour (per purpose).
TEXTS_PER_HOUR = 3
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
        get_sender().send(channel="sms", to=mobile, text=text)
    return "" if known else _hash(code)


def code_matches(*, code_hash: str, code: str) -> bool:
    """Whether ``code`` is the one texted (never true for a number that was already registered)."""
    return bool(code_hash) and secrets.compare_digest(code_hash, _hash(code or ""))
