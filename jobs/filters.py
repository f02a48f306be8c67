"""The public job list's filters: all in the URL, so a filtered list can be shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gigmarket.models import Occupation, Region
from gigmarket.widgets import QuickSelect
from jobs.models import Job
from stations.models import Station

#: How long the kind-of-work choices (and their most-asked order) are reused.
KIND_CHOICES_SECONDS = 300

WHEN_CHOICES = [("today", _("Today")), ("week", _("This week"))]


def kind_of_work_choices() -> list:
    """The concrete kinds of gig work (no major groups such as 军队人员), grouped under their
    major group, most-asked first: groups and kinds by their listed jobs (then the reference
    order). Two small queries, cached briefly: it is the same for every visitor."""
    key = f"jobs:kind-choices:{timezone.localdate():%Y%m%d}:{translation.get_language()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    asked = dict(Job.objects.listed().order_by().values_list("occupation").annotate(n=Count("pk")))
    groups: dict = {}
    for kind in Occupation.objects.kinds():
        groups.setdefault(kind.parent, []).append(kind)
    ordered = sorted(
        groups.items(),
        key=lambda item: (-sum(asked.get(k.pk, 0) for k in item[1]), item[0].sort, item[0].code),
    )
    choices = [
        (
            group.name,
            [
                (k.code, k.name)
                for k in sorted(kinds, key=lambda k: (-asked.get(k.pk, 0), k.sort, k.code))
            ],
        )
        for group, kinds in ordered
    ]
    cache.set(key, choices, KIND_CHOICES_SECONDS)
    return choices


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
    occupation = django_filters.ChoiceFilter(
        label=_("Kind of work"),
        widget=QuickSelect,
        choices=kind_of_work_choices,
        method="filter_occupation",
        empty_label=_("Any"),
    )
    nature = django_filters.ChoiceFilter(
        label=_("Nature of work"),
        choices=Job.Nature.choices,
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    place = django_filters.ModelChoiceFilter(
        label=_("Township"),
        widget=QuickSelect,
        queryset=_places,
        method="filter_place",
        to_field_name="code",
        empty_label=_("Any"),
    )
    station = django_filters.ModelChoiceFilter(
        label=_("Station"),
        widget=QuickSelect,
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
        label=_("When"),
        choices=WHEN_CHOICES,
        method="filter_when",
        empty_label=_("Any time"),
        widget=QuickSelect,
    )

    class Meta:
        model = Job
        fields = ["q", "occupation", "nature", "place", "station", "min_pay", "when"]

    def filter_q(self, queryset, name, value):
        return queryset.matching_text(value, open_only=True)

    def filter_occupation(self, queryset, name, value):
        return queryset.for_occupation(Occupation.objects.filter(code=value).first())

    def filter_place(self, queryset, name, value):
        return queryset.near(value)

    def filter_station(self, queryset, name, value):
        return queryset.at_station(value)

    def filter_min_pay(self, queryset, name, value):
        return queryset.paying_at_least_per_day(value)

    def filter_when(self, queryset, name, value):
        return queryset.starting_within(0 if value == "today" else 6)
