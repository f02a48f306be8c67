"""Validators for the identifiers the service handles: resident ID, unified social credit code, mobile."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")


def _fold(value: str) -> str:
    """NFKC-fold full-width characters and drop surrounding spaces."""
    return unicodedata.normalize("NFKC", value or "").strip()


# ---- resident identity number (GB 11643-1999) ----


def id_check_char(first17: str) -> str:
    """The check character for the first 17 digits of a resident ID (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalize_resident_id(value: str) -> str:
    """Fold full-width characters and spaces, upper-case the X."""
    return re.sub(r"\s+", "", _fold(value)).upper()


def resident_id_birth_date(value: str) -> datetime.date | None:
    """The birth date written in a (normalised, valid-format) resident ID, or None if impossible."""
    if len(value) == 18:
        digits = value[6:14]
    elif len(value) == 15:
        digits = "19" + value[6:12]
    else:
        return None
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def resident_id_gender(value: str) -> str:
    """'male' or 'female' from the sequence digit (odd = male)."""
    digit = value[16] if len(value) == 18 else value[14]
    return "male" if int(digit) % 2 else "female"


def validate_resident_id(value: str, *, today: datetime.date | None = None) -> str:
    """Check a resident ID number and return it normalised; raise ValidationError with the reason."""
    value = normalize_resident_id(value)
    if len(value) == 18:
        if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
            raise ValidationError(
                _("An ID number has 17 digits followed by a digit or X."), code="id_format"
            )
    elif len(value) == 15:
        if not re.fullmatch(r"[0-9]{15}", value):
            raise ValidationError(_("An old 15-digit ID number has digits only."), code="id_format")
    else:
        raise ValidationError(
            _("An ID number has 18 characters (or 15 digits for an old card); this one has %(n)d."),
            code="id_length",
            params={"n": len(value)},
        )
    born = resident_id_birth_date(value)
    if born is None:
        raise ValidationError(
            _("The birth date in this ID number is not a real date."), code="id_birth_date"
        )
    if born > (today or timezone.localdate()):  # Asia/Shanghai, whatever the server's zone
        raise ValidationError(
            _("The birth date in this ID number is in the future."), code="id_birth_future"
        )
    if len(value) == 18 and id_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The last character of this ID number does not match the others; please check it."),
            code="id_check",
        )
    return value


# ---- unified social credit code (GB 32100-2015) ----


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a unified social credit code."""
    total = sum(
        CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    """Fold full-width characters and spaces, upper-case."""
    return re.sub(r"\s+", "", _fold(value)).upper()


def validate_credit_code(value: str, *, allow_bad_check: bool = False) -> str:
    """Check a unified social credit code and return it normalised.

    ``allow_bad_check`` lets staff accept a code whose only fault is its check character
    (some real codes fail it); the caller must record the reason.
    """
    value = normalize_credit_code(value)
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="credit_length",
            params={"n": len(value)},
        )
    bad = sorted({c for c in value if c not in CREDIT_CODE_CHARS})
    if bad:
        raise ValidationError(
            _(
                "A unified social credit code cannot contain %(chars)s (I, O, Z, S and V are never used)."
            ),
            code="credit_chars",
            params={"chars": "、".join(bad)},
        )
    if not re.fullmatch(r"[0-9]{6}", value[2:8]):
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the region code digits."),
            code="credit_region",
        )
    if not allow_bad_check and credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("The last character of this credit code does not match the others; please check it."),
            code="credit_check",
        )
    return value


# ---- mobile numbers ----


def normalize_mobile(value: str) -> str:
    """NFKC-fold, strip spaces, dashes, brackets and a leading +86/86."""
    value = re.sub(r"[\s\-()（）]", "", _fold(value))
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("86") and len(value) == 13:
        value = value[2:]
    return value


def validate_mobile(value: str) -> str:
    """Check a mainland mobile number and return its 11 normalised digits."""
    normal = normalize_mobile(value)
    if not MOBILE_RE.match(normal):
        raise ValidationError(
            _("Enter an 11-digit mobile number starting with 1, such as 13800138000."),
            code="mobile",
        )
    return normal


# ---- control characters in text people type or paste ----

#: C0 and C1 control characters except tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control_characters(value: str) -> str:
    """Text without control characters (NUL and friends): they are never meant, and PostgreSQL
    refuses NUL in text, so a pasted one turned a search or a saved form into a server error."""
    return CONTROL_CHARACTERS_RE.sub("", value) if value else value
