"""A job as schema.org JobPosting (for the job page's JSON-LD and the JSON feed).

Everything here is also shown on the public job page.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from gigmarket.masking import mask_address, mask_name
from jobs.models import Employer, Job

UNIT_TEXT = {Job.PayUnit.HOUR: "HOUR", Job.PayUnit.DAY: "DAY", Job.PayUnit.MONTH: "MONTH"}
EMPLOYMENT_TYPE = {
    Job.Nature.HOURLY: "PART_TIME",
    Job.Nature.DAILY: "PER_DIEM",
    Job.Nature.SHORT_TERM: "TEMPORARY",
    Job.Nature.SEASONAL: "TEMPORARY",
    Job.Nature.PART_TIME: "PART_TIME",
}


def employer_public_name(employer: Employer) -> str:
    """An enterprise's name; a person's or household's name masked to the family name."""
    if employer.kind == Employer.Kind.ENTERPRISE:
        return employer.name
    return f"{mask_name(employer.name)}（{employer.get_kind_display()}）"


def public_address(job: Job) -> str:
    """A household's address is its home: only the area is public."""
    if job.employer.kind == Employer.Kind.HOUSEHOLD:
        return mask_address(job.address)
    return job.address


def valid_through_moment(job: Job) -> datetime.datetime:
    """The end of the valid-through day, Asia/Shanghai."""
    end = datetime.datetime.combine(job.valid_through, datetime.time(23, 59, 59))
    return timezone.make_aware(end)


def _number(value: Decimal | None):
    if value is None:
        return None
    return float(value) if value != value.to_integral() else int(value)


def job_posting(job: Job, url: str) -> dict:
    """The JobPosting dict for ``job`` (``url``: its absolute public address)."""
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.content,
        "url": url,
        "datePosted": timezone.localtime(job.opened_at).date().isoformat()
        if job.opened_at
        else None,
        "validThrough": valid_through_moment(job).isoformat(),
        "employmentType": EMPLOYMENT_TYPE.get(job.nature, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": employer_public_name(job.employer)},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": public_address(job),
                "addressLocality": job.region.name,
                "addressCountry": "CN",
            },
        },
        "occupationalCategory": job.occupation.name,
        "totalJobOpenings": job.headcount,
        "jobStartDate": job.start_date.isoformat(),
    }
    if job.skills:
        data["skills"] = job.skills
    # The insurance in words (schema.org has no field of its own for it): "No insurance" too,
    # since whether a job is covered is what a worker asks first.
    data["jobBenefits"] = job.insurance_text
    unit = UNIT_TEXT.get(job.pay_unit)
    if unit:
        value = {"@type": "QuantitativeValue", "unitText": unit}
        if job.pay_max is not None and job.pay_max != job.pay_min:
            value["minValue"] = _number(job.pay_min)
            value["maxValue"] = _number(job.pay_max)
        else:
            value["value"] = _number(job.pay_min)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "CNY", "value": value}
    return {k: v for k, v in data.items() if v is not None}
