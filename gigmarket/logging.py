"""Logging filter that masks mobiles and ID numbers so personal data never reaches the logs."""

import logging
import re

from gigmarket.masking import mask_id_number, mask_mobile

_ID_RE = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")


def scrub(text: str) -> str:
    """Mask every ID number and mobile number found in a string."""
    text = _ID_RE.sub(lambda m: mask_id_number(m.group(1)), text)
    return _MOBILE_RE.sub(lambda m: mask_mobile(m.group(1)), text)


class PersonalDataFilter(logging.Filter):
    """Rewrite each record's message with personal numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a badly formatted record is logged as it is
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
