"""Password rules for staff accounts (at least 10 characters from 3 of the 4 character classes),
and the one way services check and set a password."""

import re

from django.contrib.auth.password_validation import validate_password
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


def check_password_for(password: str, user) -> None:
    """Django's password validators for ``user``, their messages under the ``password`` field."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error


def give_password(user, *, password: str = "", password_hash: str = "") -> None:
    """Set ``user``'s password: a hash made (and checked) when it was typed, earlier in a
    registration, or else ``password``, checked now. Does not save."""
    if password_hash:
        user.password = password_hash
    else:
        check_password_for(password, user)
        user.set_password(password)
