"""Forms of the feedback app: the three survey questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

_SCALE = [(n, str(n)) for n in range(5, 0, -1)]


def _score(label):
    return forms.TypedChoiceField(label=label, choices=_SCALE, coerce=int, widget=forms.RadioSelect)


class SurveyForm(forms.Form):
    environment = _score(_("The place: clean, tidy, easy to find (5 is best)"))
    process = _score(_("The service: quick, clear, polite (5 is best)"))
    result = _score(_("The result: did you get what you came for (5 is best)"))
    comment = forms.CharField(label=_("Anything to add"), max_length=200, required=False)
