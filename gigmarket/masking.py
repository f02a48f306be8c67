"""The one masking rule for personal data, used by pages, exports and messages alike."""

from __future__ import annotations

MASK = "*"


def mask_mobile(value: str) -> str:
    """13800138000 → 138****8000."""
    if not value:
        return ""
    if len(value) < 7:
        return MASK * len(value)
    return f"{value[:3]}{MASK * (len(value) - 7)}{value[-4:]}"


def mask_id_number(value: str) -> str:
    """52010219900101123X → 52**************3X: the province and the last two characters."""
    if not value:
        return ""
    if len(value) <= 4:
        return MASK * len(value)
    return f"{value[:2]}{MASK * (len(value) - 4)}{value[-2:]}"


def mask_name(value: str) -> str:
    """张三丰 → 张**: the family name only."""
    if not value:
        return ""
    return value[0] + MASK * max(len(value) - 1, 1)


def mask_address(value: str) -> str:
    """Keep the first six characters (the area), hide the rest; a short value keeps at most half."""
    if not value:
        return ""
    return value[:6] + MASK * 4 if len(value) > 6 else value[: min(2, len(value) // 2)] + MASK * 4


MASKERS = {
    "mobile": mask_mobile,
    "id": mask_id_number,
    "name": mask_name,
    "address": mask_address,
}


def mask(value: object, kind: str | None = None) -> str:
    """Mask a value by kind; without a kind, guess mobile (11 digits) or ID (15/18 chars)."""
    text = "" if value is None else str(value)
    if kind:
        return MASKERS[kind](text)
    if len(text) == 11 and text.isdigit():
        return mask_mobile(text)
    if len(text) in (15, 18):
        return mask_id_number(text)
    return mask_address(text)


def mask_unless(value: object, allowed: bool, kind: str | None = None) -> str:
    """The value itself when the viewer may see it, masked otherwise."""
    if allowed:
        return "" if value is None else str(value)
    return mask(value, kind)
