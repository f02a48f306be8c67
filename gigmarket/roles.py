"""Roles (groups) and the checks views use to enforce them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The back-office roles; each is a Django group made by a data migration."""

    COUNTY_ADMIN = "county_admin", _("County admin")
    STATION_STAFF = "station_staff", _("Station staff")
    REVIEWER = "reviewer", _("Reviewer")
    AUDITOR = "auditor", _("Auditor")
    #: A partner organisation's user (village committee, community, federation ...): registers
    #: and refers people, and sees only what became of the people they referred (partners app).
    PARTNER = "partner", _("Partner")


#: Roles that work at a desk on the register, the postings and the cases (the auditor does not).
OPERATING_ROLES = (Role.COUNTY_ADMIN, Role.STATION_STAFF, Role.REVIEWER)


def role_required(*roles: str) -> Callable:
    """View decorator: 403 unless the (logged-in) user holds one of ``roles``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated or not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin:
    """Class-based view mixin: 403 unless the user holds one of ``required_roles``."""

    required_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.has_role(*self.required_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
