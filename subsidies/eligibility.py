"""Whether a person is eligible for a scheme, from what the system knows, with the reasons said.

Facts consulted: training certificates (training.Referral, certified), priority groups on the
seeker's record, placements on jobs that state insurance (jobs.Placement), and — the hook for
later — a registration record (就业/失业登记) that another app may keep: ``registration_facts``
asks the fact ``"seeker_registrations"`` (``gigmarket.facts``); an app that records employment
or unemployment registrations provides it as ``func(seeker) -> list[dict]`` with at least
``{"kind": "unemployment" | "employment", "hard_to_employ": bool, "date": date}``.
Until one does, "registered as hard to employ" is read from the seeker's priority groups.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import facts
from subsidies.models import Rule, Scheme

#: The name of the fact a registration app provides (see the module docstring).
REGISTRATION_FACT = "seeker_registrations"


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)


def registration_facts(seeker) -> list[dict]:
    """Employment/unemployment registrations recorded for ``seeker`` (empty until an app provides them)."""
    return list(facts.ask(REGISTRATION_FACT, seeker, default=[]) or [])


def _certificates(seeker, occupation_code: str):
    from training.models import Referral

    found = Referral.objects.filter(seeker=seeker, status=Referral.Status.CERTIFIED)
    if occupation_code:
        found = found.filter(programme__occupation__code=occupation_code)
    return list(found.select_related("programme").order_by("-certificate_date")[:3])


def _insured_placements(seeker):
    from jobs.models import Job, Placement

    return list(
        Placement.objects.filter(
            seeker=seeker,
            state__in=(
                Placement.State.CONFIRMED,
                Placement.State.ON_DUTY,
                Placement.State.COMPLETED,
            ),
        )
        .exclude(job__insurance_kind=Job.Insurance.NONE)
        .select_related("job")[:3]
    )


def check(scheme: Scheme, seeker, *, on: datetime.date | None = None) -> Eligibility:
    """Eligible or not, and every reason why, in plain words."""
    from seekers.models import PriorityGroup

    day = on or timezone.localdate()
    result = Eligibility(eligible=True)
    if not scheme.is_open_on(day):
        result.eligible = False
        result.reasons.append(_("The scheme is not open for claims on %(day)s.") % {"day": day})
    if seeker.is_withdrawn:
        result.eligible = False
        result.reasons.append(_("The person has withdrawn from the register."))
    groups = set(seeker.priority_groups or [])
    labels = dict(PriorityGroup.choices)
    if scheme.rule == Rule.CERTIFICATE:
        certificates = _certificates(seeker, scheme.rule_value)
        if certificates:
            first = certificates[0]
            result.reasons.append(
                _("Holds certificate %(number)s of “%(programme)s”, dated %(date)s.")
                % {
                    "number": first.certificate_number,
                    "programme": first.programme.title,
                    "date": first.certificate_date,
                }
            )
        else:
            result.eligible = False
            result.reasons.append(
                _("No training certificate of this kind is recorded for the person.")
            )
    elif scheme.rule == Rule.PRIORITY_GROUP:
        label = labels.get(scheme.rule_value, scheme.rule_value)
        if scheme.rule_value in groups:
            result.reasons.append(
                _("Belongs to the priority group “%(group)s”.") % {"group": label}
            )
        else:
            result.eligible = False
            result.reasons.append(
                _("Is not recorded in the priority group “%(group)s”.") % {"group": label}
            )
    elif scheme.rule == Rule.HARD_TO_EMPLOY:
        registered = [r for r in registration_facts(seeker) if r.get("hard_to_employ")]
        if registered:
            result.reasons.append(
                _("Registered as hard to employ on %(date)s.") % {"date": registered[0].get("date")}
            )
        elif PriorityGroup.HARD_TO_EMPLOY in groups:
            result.reasons.append(_("Recorded as hard to employ in the register."))
        else:
            result.eligible = False
            result.reasons.append(_("Is not registered as hard to employ."))
    elif scheme.rule == Rule.INSURED_PLACEMENT:
        placements = _insured_placements(seeker)
        if placements:
            result.reasons.append(
                _("Placed on “%(job)s”, which states insurance: %(insurance)s.")
                % {"job": placements[0].job.title, "insurance": placements[0].job.insurance_text}
            )
        else:
            result.eligible = False
            result.reasons.append(_("No placement on a job with accident insurance is recorded."))
    return result
