"""Logging filter that masks mobiles and ID numbers so personal data never reaches the logs.

It cleans everything a handler writes from a record: the message with its arguments, the
exception's traceback (a database error carries ``Key (mobile)=(138…) already exists``) and the
stack. Every handler in ``settings.LOGGING`` carries it (a test checks that).
"""

import logging
import re
import traceback

from gigmarket.masking import mask_id_number, mask_mobile

_ID_RE = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
# 13800138000, +86 138 0013 8000, 86-138-0013-8000: digits may be split by a space or a dash.
_MOBILE_RE = re.compile(
    r"(?<![0-9])(?:\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])"
)


def scrub(text: str) -> str:
    """Mask every ID number and mobile number found in a string."""
    text = _ID_RE.sub(lambda m: mask_id_number(m.group(1)), text)
    return _MOBILE_RE.sub(lambda m: mask_mobile("".join(m.groups())), text)


class PersonalDataFilter(logging.Filter):
    """Rewrite each record's message, traceback and stack with personal numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a badly formatted record: keep its parts, cleaned
            message = scrub(str(record.msg))
            record.args = ()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_info != (None, None, None):
            # Format the traceback once, cleaned, and drop the live exception so that no
            # formatter can render the raw one again.
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
