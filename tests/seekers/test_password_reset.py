"""#12: a seeker who forgot the password gets a new one at the station (there is no SMS code):
staff check who they are and issue a one-time code; the code sets a new password, once."""

import pytest
from django.core.exceptions import ValidationError

from seekers.services import claim_code_issue, seeker_claim_account, seeker_self_register
from tests.seekers.factories import occupation

pytestmark = pytest.mark.django_db


def test_a_station_code_sets_a_new_password_for_an_existing_account():
    seeker = seeker_self_register(
        name="孙七", mobile="13622223333", password="Old-Pass-2026", primary_occupation=occupation()
    )
    code = claim_code_issue(seeker=seeker, by=None)
    with pytest.raises(ValidationError):
        seeker_claim_account(mobile="13622223333", code="WRONG123", password="New-Pass-2026")
    user = seeker_claim_account(mobile="13622223333", code=code, password="New-Pass-2026")
    assert user == seeker.user
    user.refresh_from_db()
    assert user.check_password("New-Pass-2026") and not user.check_password("Old-Pass-2026")
    with pytest.raises(ValidationError):  # the code works once
        seeker_claim_account(mobile="13622223333", code=code, password="Other-Pass-2026")
