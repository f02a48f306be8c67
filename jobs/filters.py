"""The public job list's filters: all in the URL, so a filtered list can be shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gigmarket.models import Occupation, Region
from jobs.models import Job
from stations.models import Station

WHEN_CHOICES = [("today", _("Today")), ("week", _("This week"))]


def _occupations(request=None):
    return Occupation.objects.order_by("sort", "code")


def _places(request=None):
    return (
        Region.objects.current()
        .filter(code__startswith=settings.SITE_REGION_CODE, level__in=["county", "township"])
        .order_by("code")
    )


class PublicJobFilter(django_filters.FilterSet):
    """Kind of work, nature, township, station, minimum pay per day, when, keyword."""

    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    occupation = django_filters.ModelChoiceFilter(
        label=_("Kind of work"),
        queryset=_occupations,
        method="filter_occupation",
        to_field_name="code",
        empty_label=_("Any"),
    )
    nature = django_filters.ChoiceFilter(
        label=_("Nature of work"), choices=Job.Nature.choices, empty_label=_("Any")
    )
    place = django_filters.ModelChoiceFilter(
        label=_("Township"),
        queryset=_places,
        method="filter_place",
        to_field_name="code",
        empty_label=_("Any"),
    )
    station = django_filters.ModelChoiceFilter(
        label=_("Station"),
        queryset=Station.objects.active(),
        method="filter_station",
        to_field_name="code",
        empty_label=_("Any"),
    )
    min_pay = django_filters.NumberFilter(
        label=_("At least (yuan per day)"),
        method="filter_min_pay",
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "10"}),
    )
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN_CHOICES, method="filter_when", empty_label=_("Any time")
    )

    class Meta:
        model = Job
        fields = ["q", "occupation", "nature", "place", "station", "min_pay", "when"]

    def filter_q(self, queryset, name, value):
        return queryset.matching_text(value)

    def filter_occupation(self, queryset, name, value):
        return queryset.for_occupation(value)

    def filter_place(self, queryset, name, value):
        return queryset.near(value)

    def filter_station(self, queryset, name, value):
        return queryset.at_station(value)

    def filter_min_pay(self, queryset, name, value):
        return queryset.paying_at_least_per_day(value)

    def filter_when(self, queryset, name, value):
        return queryset.starting_within(0 if value == "today" else 6)
