"""Forms of the kernel."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The longest free text a form takes (a complaint, a job's work content, a comment): a page
#: of writing. Without a bound, 20,000 characters were accepted and stored.
TEXT_MAX_LENGTH = 2000
#: The longest password a form takes (hashing a megabyte-long one ties up a worker).
PASSWORD_MAX_LENGTH = 128


def capped_formset_factory(form: type[forms.BaseForm], *, max_num: int, extra: int = 1, **kwargs):
    """A formset that never builds more than ``max_num`` forms, whatever ``TOTAL_FORMS`` says.

    Django's own cap (``absolute_max``) is ``max_num + 1000``: ``skills-TOTAL_FORMS=1000`` built a
    thousand forms, took seconds and answered 2.9 MB. Here ``absolute_max = max_num`` and
    ``validate_max`` is on, so more rows than allowed is a message above the rows.
    """
    return forms.formset_factory(
        form, extra=extra, max_num=max_num, absolute_max=max_num, validate_max=True, **kwargs
    )


def bounded_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """``Meta.formfield_callback`` for model forms: a model ``TextField`` (unbounded in the database)
    gets a form field of at most ``TEXT_MAX_LENGTH`` characters."""
    if isinstance(db_field, models.TextField) and not db_field.max_length:
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
    return db_field.formfield(**kwargs)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (the rest above the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class PhoneCodeForm(forms.Form):
    """The code texted to a mobile (``gigmarket.phone_codes``), which finishes a registration."""

    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 12}
        ),
    )


class LoginForm(AuthenticationForm):
    """Log in with a username or mobile number."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "The account or password is wrong. After 5 wrong tries the account is locked for 30 minutes."
        ),
        "inactive": _("This account has been disabled."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Account or mobile")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none"}
        )
