"""QuerySets for the shared vocabulary and users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from gigmarket.models import Region


class RegionQuerySet(models.QuerySet):
    """Regions (行政区划)."""

    def within(self, region: Region | None) -> RegionQuerySet:
        """The region and everything below it; all regions when ``region`` is None."""
        if region is None:
            return self
        return self.filter(code__startswith=region.prefix)

    def current(self) -> RegionQuerySet:
        """Codes still in use (retired ones stay valid for old records)."""
        return self.filter(retired=False)

    def townships(self) -> RegionQuerySet:
        """Township-level regions (乡镇街道)."""
        return self.filter(level="township")


class OccupationQuerySet(models.QuerySet):
    """Occupations (职业)."""

    def major_groups(self) -> OccupationQuerySet:
        """The 8 major groups of the national classification."""
        return self.filter(parent__isnull=True)

    def kinds(self) -> OccupationQuerySet:
        """The concrete kinds of gig work (leaves under a major group)."""
        return self.filter(parent__isnull=False).select_related("parent")


class UserQuerySet(models.QuerySet):
    """Accounts."""

    def with_role(self, role: str) -> UserQuerySet:
        """Users holding a role (a group)."""
        return self.filter(groups__name=role)

    def staff_accounts(self) -> UserQuerySet:
        """Accounts of the public employment service's staff."""
        return self.filter(kind="staff", is_active=True)


class MessageQuerySet(models.QuerySet):
    """The kernel outbox."""

    def queued(self) -> MessageQuerySet:
        return self.filter(state="queued").order_by("due_at", "pk")

    def for_person(self, record: models.Model, mobile: str = "") -> MessageQuerySet:
        """Messages about ``record`` (a seeker, an employer), and to its mobile, newest first."""
        about = f"{record._meta.label_lower}:{record.pk}"
        where = models.Q(about=about)
        if mobile:
            where |= models.Q(to=mobile)
        return self.filter(where).order_by("-created_at", "-pk")

    def failures(self) -> MessageQuerySet:
        """Texts that failed for good (the county's follow-up list), newest first."""
        return self.filter(state="failed").order_by("-created_at", "-pk")
