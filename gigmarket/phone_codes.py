"""Codes texted to a mobile to prove the person holds it (self-registration of seekers and employers).

``text_code`` sends either a fresh code (a number new to the register) or, for a number already
registered, a text telling its holder how to log in — so the web page after it can be the same
in both cases and never confirms to a stranger who is registered. A number gets at most
``TEXTS_PER_HOUR`` such texts an hour (the rest are silently not sent: the page stays the same).
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

from gigmarket import crypto
from gigmarket.notify import get_sender

#: A code: six digits, valid for ten minutes, five tries.
CODE_MINUTES = 10
CODE_TRIES = 5
#: Texts one number may be sent per hour (per purpose).
TEXTS_PER_HOUR = 3


def _hash(code: str) -> str:
    return crypto.lookup_hash(code.strip(), purpose="phone_code")


def text_code(*, mobile: str, purpose: str, known: bool, known_text: str, code_text: str) -> str:
    """Text ``mobile``: ``known_text`` if ``known``, else ``code_text`` with ``%(code)s`` filled in.

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
    if sent <= TEXTS_PER_HOUR:
        text = known_text if known else code_text % {"code": code}
        get_sender().send(channel="sms", to=mobile, text=text)
    return "" if known else _hash(code)


def code_matches(*, code_hash: str, code: str) -> bool:
    """Whether ``code`` is the one texted (never true for a number that was already registered)."""
    return bool(code_hash) and secrets.compare_digest(code_hash, _hash(code or ""))
