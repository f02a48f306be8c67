"""FIELD_ENCRYPTION_KEY rotation: re-encrypted, re-hashed, resumable, with a dry run."""

import pytest
from django.core.management import call_command

from gigmarket import crypto
from gigmarket.validators import id_check_char
from seekers import services
from seekers.key_rotation import Progress, rotate_field_key
from seekers.models import Seeker
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def _id(n: int) -> str:
    first17 = f"52270119800101{n:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def seekers(settings):
    settings.FIELD_ENCRYPTION_KEY = "old-key"
    settings.STORAGES = {**settings.STORAGES}  # no progress left by another test
    return [SeekerFactory(id_number=_id(n)) for n in range(5)] + [SeekerFactory()]


def _tokens():
    return dict(Seeker.objects.values_list("pk", "id_number_encrypted"))


def test_rotation_re_encrypts_and_re_hashes_every_resident_id_and_resumes_where_it_stopped(
    seekers, settings
):
    before = _tokens()
    settings.FIELD_ENCRYPTION_KEY = "new-key,old-key"

    dry = rotate_field_key(dry_run=True)
    assert (dry.rotated, dry.unreadable) == (5, [])
    assert _tokens() == before

    stopped = rotate_field_key(batch=2, max_batches=1)  # as if killed after the first batch
    assert stopped.rotated == 2 and not stopped.finished
    resumed = rotate_field_key(batch=2)
    assert resumed.finished and resumed.rotated == 5  # 2 before the stop, 3 after: none twice
    assert Progress.load(crypto.key_fingerprint()).finished

    settings.FIELD_ENCRYPTION_KEY = "new-key"  # the old key is gone
    for n, seeker in enumerate(seekers[:5]):
        stored = Seeker.objects.get(pk=seeker.pk)
        assert stored.id_number_encrypted != before[seeker.pk]
        assert stored.id_number == _id(n)
        assert Seeker.objects.search(_id(n)).get() == seeker  # found by the new lookup hash
    assert rotate_field_key(restart=True).rotated == 0


def test_rows_under_a_key_no_longer_listed_are_reported_and_left_alone(seekers, settings):
    before = _tokens()
    settings.FIELD_ENCRYPTION_KEY = "new-key"  # the old key was dropped too early
    progress = rotate_field_key()
    assert len(progress.unreadable) == 5 and progress.rotated == 0
    assert _tokens() == before


def test_a_claim_code_issued_before_the_rotation_still_works_while_the_old_key_is_listed(
    seekers, settings
):
    seeker = seekers[-1]
    code = services.claim_code_issue(seeker=seeker, by=None)
    settings.FIELD_ENCRYPTION_KEY = "new-key,old-key"
    call_command("rotate_field_key")
    user = services.seeker_claim_account(mobile=seeker.mobile, code=code, password="Gm-9f3k2-x7")
    assert Seeker.objects.get(pk=seeker.pk).user == user


def test_the_command_dry_run_changes_nothing(seekers, settings, capsys):
    before = _tokens()
    settings.FIELD_ENCRYPTION_KEY = "new-key,old-key"
    call_command("rotate_field_key", "--dry-run")
    assert "would rotate 5" in capsys.readouterr().out
    assert _tokens() == before
