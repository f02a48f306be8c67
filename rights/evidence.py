"""Checking evidence files by their content (not their name): images and PDF only, size-limited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: Leading bytes → (content type, extension).
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"%PDF-", "application/pdf", "pdf"),
)
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "pdf"}


def max_bytes() -> int:
    return getattr(settings, "RIGHTS_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)


def max_files() -> int:
    return getattr(settings, "RIGHTS_EVIDENCE_MAX_FILES", 5)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) from a file's first bytes, or None if it is not an allowed kind."""
    for prefix, content_type, extension in SIGNATURES:
        if head.startswith(prefix):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def check_upload(upload) -> tuple[str, str]:
    """Raise ValidationError unless ``upload`` is an image or PDF within the size limit."""
    name = upload.name or ""
    if upload.size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is too large: at most %(size)s per file.")
            % {"name": name, "size": filesizeformat(max_bytes())},
            code="too_large",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found = sniff(head)
    if extension not in ALLOWED_EXTENSIONS or found is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a photo or a PDF; only JPG, PNG, GIF, WEBP and PDF files can be attached."
            )
            % {"name": name},
            code="bad_type",
        )
    return found
