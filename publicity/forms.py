"""Forms of the publicity app: the article editor, attachments, reasons, filters."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import Region, User
from gigmarket.roles import Role
from publicity.models import Article, Audience
from stations.models import Station


class ArticleForm(forms.ModelForm):
    """Write or change an article; the region and station lists hold only what the user may use."""

    class Meta:
        model = Article
        fields = (
            "kind",
            "title",
            "summary",
            "body",
            "region",
            "station",
            "valid_from",
            "valid_to",
            "source_office",
            "document_number",
            "for_older",
            "for_hard_to_employ",
            "for_relocated",
            "for_graduates",
        )
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.TextInput(attrs={"maxlength": 200}),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        stations = Station.objects.writable_by(user).active().select_related("region")
        self.fields["station"].queryset = stations
        regions = Region.objects.filter(level__in=("county", "township"), retired=False)
        if user.has_role(Role.COUNTY_ADMIN) and not user.is_superuser:
            if user.region is not None:
                regions = regions.filter(code__startswith=user.region.prefix)
        elif not user.is_superuser:
            # Staff: the region follows their station (they write only its own articles).
            self.fields["station"].required = True
            self.fields["region"].required = False
            self.fields["region"].widget = forms.HiddenInput()
            codes = {s.region.code[:9] for s in stations} | {s.region.code for s in stations}
            regions = regions.filter(Q(code__in=codes))
        self.fields["region"].queryset = regions
        self.user = user

    def clean(self):
        data = super().clean()
        station = data.get("station")
        if station is not None and not data.get("region"):
            data["region"] = _station_region(station)
        return data


def _station_region(station: Station) -> Region:
    """The township (or county) a station's articles belong to."""
    code = station.region.code
    if len(code) > 9:
        township = Region.objects.filter(code=code[:9]).first()
        if township is not None:
            return township
    return station.region


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ArticleFilterForm(forms.Form):
    """The public list's filters: kind of article and the group it speaks to."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Article.Kind.choices], required=False
    )
    group = forms.ChoiceField(
        label=_("For"), choices=[("", _("Everyone")), *Audience.choices], required=False
    )


class ConsultationForm(forms.Form):
    """The window's one tap: which article was asked about, at which station."""

    article = forms.ModelChoiceField(queryset=Article.objects.none())
    station = forms.ModelChoiceField(queryset=Station.objects.none(), to_field_name="code")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = Article.objects.current()
        self.fields["station"].queryset = Station.objects.writable_by(user).active()


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @staticmethod
    def default_initial() -> dict:
        today = timezone.localdate()
        return {"start": today - datetime.timedelta(days=89), "end": today}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data
