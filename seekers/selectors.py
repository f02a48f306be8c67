"""Reads that shape a seeker's data for the person themself (the JSON download)."""

from __future__ import annotations

from seekers.models import Seeker


def _date(value) -> str | None:
    return value.isoformat() if value else None


def personal_data_export(seeker: Seeker) -> dict:
    """Everything the register keeps about a person, in their own words, for download."""
    return {
        "seeker_number": seeker.number,
        "name": seeker.name,
        "mobile": seeker.mobile,
        "id_number": seeker.id_number if seeker.id_number_encrypted else "",
        "gender": seeker.get_gender_display(),
        "birth_date": _date(seeker.birth_date),
        "home_region": str(seeker.home_region or ""),
        "address": seeker.address,
        "education": seeker.get_education_display(),
        "household": seeker.get_household_display(),
        "priority_groups": seeker.priority_group_labels,
        "primary_occupation": str(seeker.primary_occupation or ""),
        "other_occupations": [str(o) for o in seeker.other_occupations.all()],
        "intended_industry": str(seeker.intended_industry or ""),
        "work_natures": seeker.work_natures,
        "available_days": seeker.available_days,
        "available_slots": seeker.available_slots,
        "min_daily_pay": str(seeker.min_daily_pay) if seeker.min_daily_pay is not None else None,
        "travel_km": seeker.travel_km,
        "home_station": str(seeker.home_station or ""),
        "status": seeker.get_status_display(),
        "registered_at": seeker.registered_at.isoformat(),
        "privacy_notice": {
            "version": seeker.consent_version,
            "agreed_at": _date(seeker.consent_at),
        },
        "skills": [
            {
                "occupation": str(s.occupation),
                "level": s.get_level_display(),
                "certificate_number": s.certificate_number,
                "years": s.years,
            }
            for s in seeker.skills.select_related("occupation")
        ],
        "seeking_periods": [
            {
                "start": _date(p.start),
                "valid_until": _date(p.end),
                "ended_early_on": _date(p.ended_on),
                "main_kind_of_work": str(p.primary_occupation),
                "station": str(p.station or ""),
            }
            for p in seeker.periods.select_related("primary_occupation", "station")
        ],
    }
