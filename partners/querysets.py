"""QuerySets of partner referrals."""

from __future__ import annotations

from django.db import models

from gigmarket.models import Region, User


class ReferralQuerySet(models.QuerySet):
    def of_partner_user(self, user: User) -> ReferralQuerySet:
        """The referrals of the organisation ``user`` acts for (nothing else of the register)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            partner__members__user=user,
            partner__members__active=True,
            partner__active=True,
        )

    def to_stations_of(self, user: User) -> ReferralQuerySet:
        """Referrals to the stations ``user`` works at (a county admin: the region's)."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        return self.filter(station__in=Station.objects.writable_by(user))

    def open(self) -> ReferralQuerySet:
        return self.filter(status__in=("sent", "accepted"))

    def within(self, region: Region | None) -> ReferralQuerySet:
        if region is None:
            return self
        return self.filter(station__region__code__startswith=region.prefix)

    def for_list(self) -> ReferralQuerySet:
        return self.select_related("partner", "seeker", "station")
