"""Writes of the partners app: a partner registers and refers a person (with consent); the station
accepts, finishes (with the outcome) or declines. Each step one function, each logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gigmarket.models import Occupation, User
from gigmarket.roles import Role
from gigmarket.services import transition
from partners.models import Partner, PartnerMember, Referral, ReferralLog
from rights.evidence import check_upload
from seekers.models import Seeker
from seekers.services import DuplicateSeeker, seeker_register
from stations.models import Station

S = Referral.Status

ALLOWED = {
    S.SENT: [S.ACCEPTED, S.DECLINED],
    S.ACCEPTED: [S.DONE, S.DECLINED],
    S.DONE: [],
    S.DECLINED: [],
}


def partner_of(user: User) -> Partner:
    """The organisation ``user`` acts for; PermissionDenied if none (or inactive)."""
    if not (user.is_authenticated and user.has_role(Role.PARTNER)):
        raise PermissionDenied
    member = (
        PartnerMember.objects.select_related("partner", "partner__region")
        .filter(user=user, active=True, partner__active=True)
        .first()
    )
    if member is None:
        raise PermissionDenied(_("Your account is not attached to a partner organisation."))
    return member.partner


def stations_for(partner: Partner):
    """Stations a partner may refer people to: open stations of its county (its region's county)."""
    code = partner.region.code[:6]
    return Station.objects.active().filter(region__code__startswith=code).order_by("name")


@transaction.atomic
def partner_register_and_refer(
    *,
    by: User,
    name: str,
    mobile: str,
    primary_occupation: Occupation,
    station: Station,
    purpose: str,
    consent_file,
    note: str = "",
    id_number: str = "",
) -> Referral:
    """Register a person on their behalf (through the seekers' registration service) and refer them.

    The person's consent is the signed slip uploaded here (an image or PDF, checked like complaint
    evidence, kept in private storage). Someone already in the register is referred as they are,
    without saying so (the partner sees only their own referrals)."""
    partner = partner_of(by)
    errors = {}
    if not stations_for(partner).filter(pk=station.pk).exists():
        errors["station"] = _("Choose a station of your county.")
    if purpose not in Referral.Purpose.values:
        errors["purpose"] = _("Choose what the person is referred for.")
    if consent_file is None:
        errors["consent_file"] = _("Upload the consent slip the person signed.")
    else:
        try:
            content_type, extension = check_upload(consent_file)
        except ValidationError as error:
            errors["consent_file"] = error.messages
    if errors:
        raise ValidationError(errors)
    registered = True
    try:
        with transaction.atomic():
            seeker = seeker_register(
                by=by,
                name=name,
                mobile=mobile,
                primary_occupation=primary_occupation,
                channel=Seeker.Channel.WALK_IN,
                station=None,
                id_number=id_number,
                details={"home_station": station},
            )
    except DuplicateSeeker as duplicate:
        seeker = duplicate.existing
        registered = False
    if seeker.is_withdrawn:
        raise ValidationError(_("This person has withdrawn from the register."))
    referral = Referral(
        partner=partner,
        seeker=seeker,
        station=station,
        purpose=purpose,
        note=(note or "").strip()[:500],
        registered_by_partner=registered,
        consent=Referral.Consent.SIGNED_SLIP,
        consent_content_type=content_type,
        created_by=by,
    )
    referral.consent_file.save(f"consent.{extension}", consent_file, save=False)
    referral.full_clean()
    referral.save()
    ReferralLog.objects.create(
        referral=referral,
        by=by,
        from_state="",
        to_state=S.SENT,
        reason=_("Registered and referred with signed consent")
        if registered
        else _("Referred with signed consent"),
    )
    return referral


def _handled(referral: Referral, by: User) -> Referral:
    if not Referral.objects.to_stations_of(by).filter(pk=referral.pk).exists():
        raise PermissionDenied(_("This referral is for another station."))
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _move(referral: Referral, *, to: str, by: User, reason: str = "") -> ReferralLog:
    return transition(
        obj=referral,
        to=to,
        by=by,
        allowed=ALLOWED,
        log_model=ReferralLog,
        log_fk="referral",
        reason=reason,
        reason_required=[S.DONE, S.DECLINED],
    )


@transaction.atomic
def referral_accept(*, referral: Referral, by: User, note: str = "") -> Referral:
    """The station takes the person on."""
    referral = _handled(referral, by)
    _move(referral, to=S.ACCEPTED, by=by, reason=note)
    return referral


@transaction.atomic
def referral_done(*, referral: Referral, by: User, outcome: str) -> Referral:
    """The station has served the person; the outcome is what the partner reads."""
    referral = _handled(referral, by)
    referral.outcome = (outcome or "").strip()[:500]
    _move(referral, to=S.DONE, by=by, reason=outcome or "")
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, by: User, reason: str) -> Referral:
    """The station cannot take the person (wrong station, person did not come ...), with a reason."""
    referral = _handled(referral, by)
    referral.outcome = (reason or "").strip()[:500]
    _move(referral, to=S.DECLINED, by=by, reason=reason or "")
    return referral
