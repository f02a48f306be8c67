"""Writes of the training app: institutions, programmes and sessions, referrals and attendance,
demand orders. One function per write; every state change is logged."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import facts
from gigmarket.logging import scrub
from gigmarket.masking import mask_name
from gigmarket.models import Occupation, Region, User
from gigmarket.services import transition
from stations.models import ServiceRecord, Station
from stations.services import service_record_add
from training.models import (
    Attendance,
    DemandOrder,
    DemandOrderTransition,
    Institution,
    Programme,
    ProgrammeTransition,
    Referral,
    ReferralTransition,
    Session,
    first_of_month,
)

# ---- institutions and programmes ----


@transaction.atomic
def institution_create(
    *,
    by: User,
    name: str,
    credit_code: str = "",
    filing_number: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> Institution:
    """Record a training institution (培训机构)."""
    institution = Institution(
        name=name.strip(),
        credit_code=credit_code.strip(),
        filing_number=filing_number.strip(),
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
    )
    institution.full_clean()
    institution.save()
    return institution


def _require_admin_region(by: User, region: Region) -> None:
    if by.is_superuser:
        return
    if by.region is not None and not by.region.contains(region):
        raise ValidationError({"region": _("This region is outside your area.")})


@transaction.atomic
def programme_create(
    *,
    by: User,
    title: str,
    occupation: Occupation,
    institution: Institution,
    region: Region,
    start_date: datetime.date,
    end_date: datetime.date,
    capacity: int,
    station: Station | None = None,
    place: str = "",
    description: str = "",
    fee: Decimal = Decimal("0"),
    subsidised: bool = False,
    subsidy_amount: Decimal | None = None,
    eligibility: str = Programme.Eligibility.REGISTERED,
) -> Programme:
    """Plan a programme (status "planned"; publishing opens it for sign-ups)."""
    _require_admin_region(by, region)
    programme = Programme(
        title=title.strip(),
        occupation=occupation,
        institution=institution,
        region=region,
        station=station,
        place=place.strip(),
        start_date=start_date,
        end_date=end_date,
        description=description.strip(),
        capacity=capacity,
        fee=fee,
        subsidised=subsidised,
        subsidy_amount=subsidy_amount,
        eligibility=eligibility,
        created_by=by,
    )
    programme.full_clean()
    programme.save()
    ProgrammeTransition.objects.create(
        programme=programme, by=by, from_state="", to_state=programme.status
    )
    return programme


#: What may be changed on a programme after it is planned (status changes have their own services).
EDITABLE_FIELDS = (
    "title",
    "occupation",
    "institution",
    "region",
    "station",
    "place",
    "start_date",
    "end_date",
    "description",
    "capacity",
    "fee",
    "subsidised",
    "subsidy_amount",
    "eligibility",
)


@transaction.atomic
def programme_update(*, programme: Programme, by: User, **changes) -> Programme:
    """Change a programme's details; the seats can never drop below the people already on it."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status in (Programme.Status.FINISHED, Programme.Status.CANCELLED):
        raise ValidationError(_("This programme is over and can no longer be changed."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "region" in changes:
        _require_admin_region(by, changes["region"])
    for field, value in changes.items():
        setattr(programme, field, value.strip() if isinstance(value, str) else value)
    taken = Referral.objects.holding_seats().filter(programme=programme).count()
    if programme.capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(n)d people are already on this programme; the seats cannot be fewer."
                )
                % {"n": taken}
            }
        )
    programme.full_clean()
    outside = programme.sessions.exclude(
        date__gte=programme.start_date, date__lte=programme.end_date
    ).count()
    if outside:
        raise ValidationError(
            {
                "start_date": _(
                    "%(n)d sessions would fall outside the new dates; move the dates to cover them."
                )
                % {"n": outside}
            }
        )
    programme.save()
    return programme


@transaction.atomic
def session_add(
    *,
    programme: Programme,
    by: User,
    date: datetime.date,
    starts: datetime.time,
    ends: datetime.time,
    topic: str = "",
) -> Session:
    """Add a dated session to a programme (attendance is taken per session)."""
    if programme.status in (Programme.Status.FINISHED, Programme.Status.CANCELLED):
        raise ValidationError(_("This programme is over; sessions can no longer be added."))
    session = Session(programme=programme, date=date, starts=starts, ends=ends, topic=topic.strip())
    try:
        session.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                {"starts": _("There is already a session at this date and time.")}
            ) from error
        raise
    session.save()
    return session


def _programme_move(*, programme: Programme, to: str, by: User, reason: str = "") -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    transition(
        obj=programme,
        to=to,
        by=by,
        allowed=Programme.TRANSITIONS,
        log_model=ProgrammeTransition,
        log_fk="programme",
        reason=reason,
        reason_required=(Programme.Status.CANCELLED,),
    )
    return programme


@transaction.atomic
def programme_publish(*, programme: Programme, by: User) -> Programme:
    """Open a planned programme for sign-ups and referrals (发布); it appears on the public list."""
    if programme.status == Programme.Status.PLANNED and not programme.sessions.exists():
        raise ValidationError(_("Add at least one dated session before publishing."))
    return _programme_move(programme=programme, to=Programme.Status.ENROLLING, by=by)


@transaction.atomic
def programme_start(*, programme: Programme, by: User) -> Programme:
    """The class has begun: no more sign-ups."""
    return _programme_move(programme=programme, to=Programme.Status.RUNNING, by=by)


@transaction.atomic
def programme_finish(*, programme: Programme, by: User) -> Programme:
    """The class is over."""
    return _programme_move(programme=programme, to=Programme.Status.FINISHED, by=by)


@transaction.atomic
def programme_cancel(*, programme: Programme, by: User, reason: str) -> Programme:
    """Cancel a programme, with a reason."""
    return _programme_move(programme=programme, to=Programme.Status.CANCELLED, by=by, reason=reason)


# ---- referrals ----


def class_full_message(programme: Programme) -> str:
    return _(
        "This class is full: all %(n)d seats of “%(title)s” are taken. "
        "Ask a station about the next class, or record a training wish."
    ) % {"n": programme.capacity, "title": programme.title}


def _acting_station(by: User | None, seeker, programme: Programme) -> Station | None:
    """Where a staff member's step is written in the ledger: their own station, else the seeker's home
    station or the programme's station if they may write there."""
    if by is None or not by.is_authenticated or by.kind != User.Kind.STAFF:
        return None
    station = Station.objects.staffed_by(by).order_by("code").first()
    if station is not None:
        return station
    writable = Station.objects.writable_by(by)
    for candidate in (seeker.home_station_id, programme.station_id):
        if candidate and writable.filter(pk=candidate).exists():
            return writable.get(pk=candidate)
    return None


def _ledger(referral: Referral, *, by: User | None, note: str) -> None:
    station = _acting_station(by, referral.seeker, referral.programme)
    if station is None:
        return
    service_record_add(
        station=station,
        by=by,
        kind=ServiceRecord.Kind.TRAINING_REFERRAL,
        subject=referral.seeker,
        subject_label=f"{mask_name(referral.seeker.name)} · {referral.programme.title}"[:100],
        note=note,
    )


def _take_seat(
    *, programme: Programme, seeker, by: User | None, origin: str, status: str
) -> Referral:
    """Lock the programme row, check eligibility and seats, then create the referral.

    The row lock (SELECT … FOR UPDATE) serialises every sign-up and referral on one programme, so the
    count of seat-holders read below cannot change before this transaction commits.
    """
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status != Programme.Status.ENROLLING:
        raise ValidationError(_("This programme is not taking sign-ups now."), code="not_enrolling")
    if seeker.status == seeker.Status.WITHDRAWN:
        raise ValidationError(_("This person has withdrawn from the register."), code="withdrawn")
    if programme.eligibility == Programme.Eligibility.PRIORITY and not seeker.priority_groups:
        raise ValidationError(
            _(
                "This programme is only for people in a priority group (such as hard to employ, older or "
                "low-income workers)."
            ),
            code="not_eligible",
        )
    if Referral.objects.holding_seats().filter(programme=programme, seeker=seeker).exists():
        raise ValidationError(_("This person is already on this programme."), code="already")
    taken = Referral.objects.holding_seats().filter(programme=programme).count()
    if taken >= programme.capacity:
        raise ValidationError(class_full_message(programme), code="full")
    referral = Referral(
        programme=programme,
        seeker=seeker,
        origin=origin,
        status=status,
        created_by=by,
        station=_acting_station(by, seeker, programme),
    )
    referral.full_clean(exclude=["programme", "seeker"])
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This person is already on this programme."), code="already"
        ) from error
    ReferralTransition.objects.create(referral=referral, by=by, from_state="", to_state=status)
    return referral


@transaction.atomic
def referral_sign_up(*, programme: Programme, seeker, by: User) -> Referral:
    """A registered seeker signs themself up (报名) in one tap; staff then accept it."""
    if seeker.user_id != by.pk:
        raise PermissionDenied
    return _take_seat(
        programme=programme,
        seeker=seeker,
        by=by,
        origin=Referral.Origin.SELF,
        status=Referral.Status.SIGNED_UP,
    )


@transaction.atomic
def referral_refer(*, programme: Programme, seeker, by: User, note: str = "") -> Referral:
    """Staff refer a seeker to a programme (培训推荐); written in the ledger at the staff member's station."""
    referral = _take_seat(
        programme=programme,
        seeker=seeker,
        by=by,
        origin=Referral.Origin.STAFF,
        status=Referral.Status.REFERRED,
    )
    _ledger(referral, by=by, note=note or _("Referred to training"))
    return referral


def _referral_move(
    *,
    referral: Referral,
    to: str,
    by: User,
    note: str,
    reason: str = "",
    changes: dict | None = None,
) -> Referral:
    referral = (
        Referral.objects.select_for_update()
        .select_related("programme", "seeker")
        .get(pk=referral.pk)
    )
    if referral.programme.status == Programme.Status.CANCELLED and to != Referral.Status.DROPPED:
        raise ValidationError(
            _("This programme was cancelled: its trainees can only be dropped."), code="cancelled"
        )
    for field, value in (changes or {}).items():
        setattr(referral, field, value)
    transition(
        obj=referral,
        to=to,
        by=by,
        allowed=Referral.TRANSITIONS,
        log_model=ReferralTransition,
        log_fk="referral",
        reason=reason,
        reason_required=(Referral.Status.DROPPED,),
    )
    _ledger(referral, by=by, note=note)
    return referral


@transaction.atomic
def referral_enrol(*, referral: Referral, by: User) -> Referral:
    """Accept a sign-up or confirm a referral: the person is enrolled in the class."""
    return _referral_move(
        referral=referral, to=Referral.Status.ENROLLED, by=by, note=_("Enrolled in training")
    )


@transaction.atomic
def referral_complete(*, referral: Referral, by: User) -> Referral:
    """The person finished the class."""
    referral = _referral_move(
        referral=referral, to=Referral.Status.COMPLETED, by=by, note=_("Completed training")
    )
    facts.tell(facts.TRAINING_COMPLETED, referral=referral, by=by)
    return referral


@transaction.atomic
def referral_certify(
    *, referral: Referral, by: User, certificate_number: str, certificate_date: datetime.date | None
) -> Referral:
    """The person obtained the certificate (number and date recorded)."""
    number = (certificate_number or "").strip()
    return _referral_move(
        referral=referral,
        to=Referral.Status.CERTIFIED,
        by=by,
        # Not the number itself: the ledger is listed and exported, and outlives the person's withdrawal.
        note=_("Certificate recorded."),
        changes={"certificate_number": number, "certificate_date": certificate_date},
    )


@transaction.atomic
def referral_drop(*, referral: Referral, by: User, reason: str) -> Referral:
    """The person left the programme (or never came), with the reason; the seat is freed."""
    reason = (reason or "").strip()
    return _referral_move(
        referral=referral,
        to=Referral.Status.DROPPED,
        by=by,
        reason=reason,
        note=_("Dropped from training: %(reason)s") % {"reason": reason},
        changes={"drop_reason": reason[:200]},
    )


@transaction.atomic
def referrals_drop_withdrawn(*, seeker, by: User | None = None) -> list[Referral]:
    """A seeker withdrew from the register: their seats on programmes not yet over are freed
    (dropped, logged with the reason); finished courses stay as they were. Told by the seekers app
    through ``gigmarket.facts``."""
    holding = Referral.objects.filter(
        seeker=seeker,
        status__in=[Referral.Status.SIGNED_UP, Referral.Status.REFERRED, Referral.Status.ENROLLED],
        programme__status__in=[
            Programme.Status.PLANNED,
            Programme.Status.ENROLLING,
            Programme.Status.RUNNING,
        ],
    )
    reason = _("Withdrew from the register")
    return [
        _referral_move(
            referral=referral,
            to=Referral.Status.DROPPED,
            by=by,
            reason=reason,
            note=_("Dropped from training: %(reason)s") % {"reason": reason},
            changes={"drop_reason": reason},
        )
        for referral in holding
    ]


@transaction.atomic
def attendance_record(*, session: Session, by: User, present: Iterable[int]) -> list[Attendance]:
    """Take attendance for a session: everyone enrolled (or further) whose steps ``by`` may record
    is present or absent (another station's trainees are left as they are).

    Two staff saving the same session at once are taken one after the other (the session row is
    locked first, and people are written in one order): the later sheet wins, nobody gets an error.
    """
    Session.objects.select_for_update().filter(pk=session.pk).first()
    present_ids = {int(pk) for pk in present}
    people = (
        Referral.objects.writable_by(by)
        .filter(
            programme_id=session.programme_id,
            status__in=[
                Referral.Status.ENROLLED,
                Referral.Status.COMPLETED,
                Referral.Status.CERTIFIED,
            ],
        )
        .order_by("pk")
    )
    rows = []
    now = timezone.now()
    for referral in people:
        row, _created = Attendance.objects.update_or_create(
            session=session,
            referral=referral,
            defaults={"present": referral.pk in present_ids, "recorded_by": by, "recorded_at": now},
        )
        rows.append(row)
    return rows


# ---- demand orders ----


@transaction.atomic
def demand_order_create(
    *,
    by: User,
    occupation: Occupation,
    people: int,
    month: datetime.date,
    note: str = "",
    seeker=None,
    employer=None,
    requester: str = "",
    requester_label: str = "",
    station: Station | None = None,
) -> DemandOrder:
    """Record what training someone wants (订单式培训): a seeker, an employer, or staff on their behalf."""
    if seeker is not None:
        requester = DemandOrder.Requester.SEEKER
        region = seeker.home_station.region if seeker.home_station_id else seeker.home_region
        station = station or seeker.home_station
        label = requester_label or mask_name(seeker.name)
    elif employer is not None:
        requester = DemandOrder.Requester.EMPLOYER
        region = employer.region
        station = station or employer.station
        label = requester_label or employer.name
    else:
        if station is None or not Station.objects.writable_by(by).filter(pk=station.pk).exists():
            raise ValidationError({"station": _("Choose a station you work for.")})
        requester = requester or DemandOrder.Requester.SEEKER
        region = station.region
        label = requester_label
    if region is None:
        raise ValidationError(_("Choose the station that takes this order."))
    if month and month < first_of_month(timezone.localdate()):
        raise ValidationError({"month": _("Choose this month or a later one.")})
    order = DemandOrder(
        occupation=occupation,
        people=people,
        month=month,
        # Shown to every desk on the demand page: a mobile or ID number typed in is masked.
        note=scrub(note.strip())[:200],
        requester=requester,
        seeker=seeker,
        employer=employer,
        requester_label=scrub(label)[:100],
        region=region,
        station=station,
        created_by=by,
    )
    order.full_clean()
    order.save()
    DemandOrderTransition.objects.create(order=order, by=by, from_state="", to_state=order.status)
    return order


@transaction.atomic
def demand_order_serve(*, order: DemandOrder, programme: Programme, by: User) -> DemandOrder:
    """Mark an order served by a programme that covers it (same occupation)."""
    order = DemandOrder.objects.select_for_update().get(pk=order.pk)
    if programme.occupation_id != order.occupation_id:
        raise ValidationError(
            {"programme": _("The programme must train the occupation the order asks for.")}
        )
    if programme.status == Programme.Status.CANCELLED:
        raise ValidationError({"programme": _("A cancelled programme serves no one.")})
    order.served_by = programme
    transition(
        obj=order,
        to=DemandOrder.Status.SERVED,
        by=by,
        allowed=DemandOrder.TRANSITIONS,
        log_model=DemandOrderTransition,
        log_fk="order",
        reason=programme.title,
    )
    return order


def class_reminders_send(*, today: datetime.date | None = None) -> int:
    """Text each person signed up, referred or enrolled in a programme whose session is tomorrow
    (one message per session and person; the daily beat task ``training.tasks.
    remind_class_tomorrow``). Returns how many were written."""
    from gigmarket import notify

    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    written = 0
    sessions = Session.objects.filter(date=tomorrow).select_related("programme")
    for session in sessions:
        programme = session.programme
        referrals = (
            Referral.objects.filter(
                programme=programme,
                status__in=[
                    Referral.Status.SIGNED_UP,
                    Referral.Status.REFERRED,
                    Referral.Status.ENROLLED,
                ],
            )
            .exclude(seeker__mobile="")
            .select_related("seeker")
        )
        for referral in referrals:
            seeker = referral.seeker
            notify.enqueue(
                key=f"training-session:{session.pk}:{referral.pk}",
                kind="training_class_tomorrow",
                to=seeker.mobile,
                recipient=seeker.user_id,
                variables={
                    "programme": programme.title[:20],
                    "time": session.starts.strftime("%H:%M"),
                    "place": (programme.place or "")[:30],
                },
                about=notify.about(seeker),
            )
            written += 1
    return written
