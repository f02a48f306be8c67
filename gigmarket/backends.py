"""Authentication by username or by mobile number."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from gigmarket.models import User
from gigmarket.validators import validate_mobile


class UsernameOrMobileBackend(ModelBackend):
    """Accept the username, or the mobile number (in any common spelling) of the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            try:
                user = User.objects.filter(phone=validate_mobile(username)).first()
            except ValidationError:
                user = None
        if user is None:
            User().set_password(password)  # same work either way, so timing tells nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The name django-axes counts failures under: a mobile in any spelling counts as one.

    The backend accepts "+86 139-1234-5678", "139 1234 5678", full-width digits…; without this,
    each spelling had its own five tries and the lockout could be walked around.
    """
    data = credentials if credentials else getattr(request, "data", request.POST)
    username = data.get("username") if data else None
    if not username:
        return username
    try:
        return validate_mobile(username)
    except ValidationError:
        return username
