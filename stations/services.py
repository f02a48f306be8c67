"""Writes of the stations app. Other apps write the service ledger through ``service_record_add``."""

from __future__ import annotations

from django.db import models, transaction

from gigmarket.models import User
from stations.models import ServiceRecord, Station


@transaction.atomic
def service_record_add(
    *,
    station: Station,
    by: User | None,
    kind: str,
    note: str = "",
    subject: models.Model | None = None,
    subject_label: str = "",
    at=None,
) -> ServiceRecord:
    """Write one entry in a station's service ledger (工作日志台账).

    ``subject_label`` must already be safe to show (masked personal data, or a job title).
    """
    record = ServiceRecord(
        station=station,
        staff=by if by is not None and by.is_authenticated else None,
        kind=kind,
        note=note,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=subject_label[:100],
    )
    if at is not None:
        record.at = at
    record.full_clean()
    record.save()
    return record
