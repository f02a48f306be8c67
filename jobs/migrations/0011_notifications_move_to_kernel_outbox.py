"""The placement notifications move into the kernel outbox (gigmarket.Message): every row is
copied with its key, so nothing already written is sent again, then the jobs table goes."""

import secrets

from django.db import migrations

KINDS = {
    "signup": "placement_signup",
    "recommended": "placement_recommended",
    "confirmed": "placement_confirmed",
}


def forwards(apps, schema_editor):
    Notification = apps.get_model("jobs", "Notification")
    Message = apps.get_model("gigmarket", "Message")
    batch = []
    for row in Notification.objects.select_related("placement").iterator():
        batch.append(
            Message(
                key=row.key,
                kind=KINDS.get(row.kind, row.kind),
                channel=row.channel,
                recipient_id=row.recipient_id,
                to=row.to,
                about=f"seekers.seeker:{row.placement.seeker_id}" if row.placement_id else "",
                variables={},
                text=row.text,
                state="sent" if row.sent_at else "queued",
                due_at=row.created_at,
                created_at=row.created_at,
                sent_at=row.sent_at,
                attempts=row.attempts,
                last_error=row.last_error,
                token=secrets.token_urlsafe(12),
            )
        )
        if len(batch) >= 1000:
            Message.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Message.objects.bulk_create(batch, ignore_conflicts=True)


def backwards(apps, schema_editor):
    Notification = apps.get_model("jobs", "Notification")
    Message = apps.get_model("gigmarket", "Message")
    back = {v: k for k, v in KINDS.items()}
    for row in Message.objects.filter(kind__in=back).iterator():
        placement_id = row.key.split(":")[1] if row.key.startswith("placement:") else None
        Notification.objects.get_or_create(
            key=row.key,
            defaults={
                "kind": back[row.kind],
                "channel": row.channel,
                "recipient_id": row.recipient_id,
                "to": row.to,
                "text": row.text,
                "placement_id": placement_id,
                "created_at": row.created_at,
                "sent_at": row.sent_at,
                "attempts": row.attempts,
                "last_error": row.last_error,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("gigmarket", "0004_outbox_messages"),
        ("jobs", "0010_employer_credit_code_message"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Notification"),
    ]
