"""Permission matrix rows for the subsidies app (the matrix's staff works at station ``matrix-home``).

Claims are handled by staff of the claim's station and county admins (the matrix admin has no
region, so reaches every station); a claim at another station is a 404 for the matrix's staff.
The finance export is the county admin's. Seekers see their claims on "Me" (a panel, no URL);
partners see nothing of claims.
"""

from tests.permissions import LOGIN, Check

DENY = {
    "anonymous": LOGIN,
    "seeker": 403,
    "employer": 403,
    "reviewer": 403,
    "auditor": 403,
    "partner": 403,
}
HANDLERS_GET = {**DENY, "staff": 200, "admin": 200}
HANDLERS_POST = {**DENY, "staff": 400, "admin": 400}


def _claim(code="matrix-home"):
    from tests.stations.factories import StationFactory
    from tests.subsidies.factories import ClaimFactory

    return ClaimFactory(station=StationFactory(code=code))


def _home(world):
    return {"public_id": _claim().public_id}


def _other(world):
    return {"public_id": _claim("matrix-other").public_id}


def _step(step):
    return lambda world: {"public_id": _claim().public_id, "step": step}


def _document(world):
    from django.core.files.base import ContentFile

    from subsidies.models import ClaimDocument

    claim = _claim()
    document = ClaimDocument(
        claim=claim,
        name="身份证复印件",
        original_name="id.pdf",
        content_type="application/pdf",
        size=9,
    )
    document.file.save("d.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return {"public_id": claim.public_id, "pk": document.pk}


CHECKS = [
    Check("subsidies:claim_list", HANDLERS_GET),
    Check("subsidies:claim_new", HANDLERS_GET),
    Check("subsidies:claim_new", HANDLERS_POST, method="post", note="empty form: errors"),
    Check("subsidies:claim_export", {**DENY, "staff": 403, "admin": 200}),
    Check(
        "subsidies:claim_export",
        {**DENY, "staff": 403, "admin": 200},
        query="?month=2026-11&format=xlsx",
        note="the file itself",
    ),
    Check("subsidies:claim_detail", HANDLERS_GET, kwargs=_home),
    Check(
        "subsidies:claim_detail",
        {**DENY, "staff": 404, "admin": 200},
        kwargs=_other,
        note="another station's claim",
    ),
    Check("subsidies:claim_documents", HANDLERS_POST, method="post", kwargs=_home),
    Check("subsidies:claim_documents", {**DENY, "staff": 405, "admin": 405}, kwargs=_home),
    Check("subsidies:document_download", HANDLERS_GET, kwargs=_document),
    Check("subsidies:claim_step", HANDLERS_POST, method="post", kwargs=_step("reject")),
    Check(
        "subsidies:claim_step",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_step("submit"),
        note="a draft is submitted",
    ),
]
