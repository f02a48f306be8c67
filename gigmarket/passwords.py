"""Password rules for staff accounts: at least 10 characters from 3 of the 4 character classes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaffPasswordValidator:
    """Staff passwords: ≥ 10 characters using 3 of lower case, upper case, digits, symbols."""

    def __init__(self, min_length: int = 10, min_classes: int = 3):
        self.min_length = min_length
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if user is not None and getattr(user, "kind", "staff") != "staff":
            return
        errors = []
        if len(password) < self.min_length:
            errors.append(
                ValidationError(
                    _("A staff password needs at least %(n)d characters.") % {"n": self.min_length},
                    code="staff_password_too_short",
                )
            )
        classes = sum(
            bool(re.search(pattern, password))
            for pattern in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]")
        )
        if classes < self.min_classes:
            errors.append(
                ValidationError(
                    _(
                        "A staff password must mix at least three of: lower-case letters, upper-case letters, digits, symbols."
                    ),
                    code="staff_password_classes",
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_help_text(self) -> str:
        return _(
            "Staff passwords: at least 10 characters, mixing three of lower-case letters, upper-case letters, digits and symbols."
        )
