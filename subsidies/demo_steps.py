"""Demo data of the subsidies app: one approved claim (in the finance export) and one returned
with everything missing listed (on the demo seeker's "Me" page)."""

from __future__ import annotations

from gigmarket import demo

#: A one-pixel PNG standing in for a scanned document.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


@demo.register(60, "subsidies")
def seed_subsidies(say) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from gigmarket.models import User
    from seekers.models import Seeker
    from stations.models import Station
    from subsidies import services
    from subsidies.models import Claim, Scheme

    staff = User.objects.filter(username="staff").first()
    station = Station.objects.staffed_by(staff).first() if staff else None
    scheme = Scheme.objects.filter(code="flexible-social-insurance").first()
    if station is None or scheme is None:
        say("subsidies: no staffed station or scheme yet, no demo claims")
        return
    made = 0
    with transaction.atomic():
        approved_for = Seeker.objects.filter(name="张桂兰").first()
        if approved_for and not Claim.objects.filter(seeker=approved_for).exists():
            claim = services.claim_draft(
                seeker=approved_for, scheme=scheme, station=station, by=staff
            )
            for name in scheme.documents:
                services.claim_documents_add(
                    claim=claim,
                    by=staff,
                    name=name,
                    files=[SimpleUploadedFile("scan.png", PNG)],
                )
            services.claim_submit(claim=claim, by=staff)
            if claim.eligible:
                services.claim_approve(claim=claim, by=staff, amount=scheme.amount or 1200)
            made += 1
        returned_for = Seeker.objects.filter(mobile="13900000001").first()
        if returned_for and not Claim.objects.filter(seeker=returned_for).exists():
            claim = services.claim_draft(
                seeker=returned_for, scheme=scheme, station=station, by=staff
            )
            services.claim_documents_add(
                claim=claim,
                by=staff,
                name=scheme.documents[0],
                files=[SimpleUploadedFile("scan.png", PNG)],
            )
            services.claim_submit(claim=claim, by=staff)
            services.claim_return(
                claim=claim, by=staff, missing=claim.still_missing(), note="复印件请本人签字"
            )
            made += 1
    say(f"subsidies: {made} demo claim(s)")
