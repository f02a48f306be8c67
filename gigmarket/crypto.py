"""Field encryption for personal data at rest (resident ID numbers) and keyed hashes for lookups.

The key comes from ``settings.FIELD_ENCRYPTION_KEY`` (several keys may be given, separated by
commas: the first encrypts, all decrypt, so a key can be rotated). Outside production an empty
key falls back to ``SECRET_KEY`` so a newcomer's first run works; in production it is an error.
The lookup hash (HMAC-SHA256) always uses the first key: rotating it means re-hashing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "InvalidToken",
    "decrypt",
    "encrypt",
    "is_current",
    "key_count",
    "key_fingerprint",
    "lookup_hash",
    "lookup_hashes",
]


def _is_production() -> bool:
    return str(getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".production")


def _key_materials() -> tuple[str, ...]:
    """The configured key strings, first one current."""
    raw = (getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "").strip()
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    if keys:
        return keys
    if _is_production():
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set in production.")
    return (settings.SECRET_KEY,)


def _derive(material: str, purpose: bytes) -> bytes:
    """A 32-byte key for one purpose, so the encryption key and the hash key differ."""
    return hashlib.sha256(b"gigmarket:" + purpose + b":" + material.encode("utf-8")).digest()


@lru_cache(maxsize=8)
def _fernet(materials: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derive(m, b"fernet"))) for m in materials])


def encrypt(plaintext: str) -> str:
    """Encrypt a short text; the empty string stays empty."""
    if not plaintext:
        return ""
    return _fernet(_key_materials()).encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt what ``encrypt`` produced; raises ``InvalidToken`` for a wrong key or tampering."""
    if not token:
        return ""
    return _fernet(_key_materials()).decrypt(token.encode("ascii")).decode("utf-8")


def lookup_hash(value: str, *, purpose: str = "lookup") -> str:
    """A keyed HMAC-SHA256 (hex) of a normalised value, for finding duplicates without the value."""
    if not value:
        return ""
    key = _derive(_key_materials()[0], b"hmac")
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def lookup_hashes(value: str, *, purpose: str = "lookup") -> tuple[str, ...]:
    """The value's lookup hash under every configured key, the current key's first.

    For hashes that cannot be recomputed after a key rotation (one-time codes, of which only the
    hash is kept): they keep matching while the old key is still listed second.
    """
    if not value:
        return ()
    return tuple(
        hmac.new(_derive(m, b"hmac"), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
        for m in _key_materials()
    )


def is_current(token: str) -> bool:
    """Whether ``token`` was encrypted under the current (first) key."""
    if not token:
        return True
    try:
        _fernet(_key_materials()[:1]).decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def key_fingerprint() -> str:
    """A short, non-secret name for the current key (for progress files and messages)."""
    return hashlib.sha256(_derive(_key_materials()[0], b"fingerprint")).hexdigest()[:12]


def key_count() -> int:
    """How many keys are configured (two during a rotation)."""
    return len(_key_materials())
