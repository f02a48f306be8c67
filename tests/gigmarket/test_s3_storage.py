"""Private files on an S3-compatible bucket: moto's server as a local process stands in for MinIO/OSS.

Skips (with the reason) when moto is not installed; CI installs it (requirements-dev.txt).
"""

import datetime
import os
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gigmarket import backups
from rights import services
from rights.orphans import sweep_orphans
from tests.rights.conftest import PNG
from tests.stations.factories import StationFactory

boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (requirements.txt)")
pytest.importorskip("moto.server", reason="moto[server] is not installed (requirements-dev.txt)")

BUCKET = "gigmarket-private"
KEY, SECRET = "test-access-key", "test-secret-key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free local port, for this module's tests."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):  # up to two minutes on a busy machine (moto imports a lot)
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("moto server exited at start")
                time.sleep(0.1)
        else:
            pytest.fail("moto server did not start")
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=KEY,
            aws_secret_access_key=SECRET,
            region_name="us-east-1",
        )
        client.create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    """The site's default (private) storage is the bucket, configured as base.py does it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "access_key": KEY,
                "secret_key": SECRET,
                "region_name": "us-east-1",
                "location": f"t{time.monotonic_ns()}",  # each test its own folder
                "addressing_style": "path",
                "signature_version": "s3v4",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    return default_storage


def test_s3_is_chosen_from_the_environment_and_the_local_folder_otherwise():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'])"
    )
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "gigmarket.settings.local"}
    base.pop("S3_BUCKET", None)
    run = [sys.executable, "-c", code]
    cwd = Path(django_settings.BASE_DIR)
    local = subprocess.run(run, env=base, cwd=cwd, capture_output=True, text=True, check=True)
    assert local.stdout.strip().endswith("FileSystemStorage")
    s3_env = {**base, "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": "http://127.0.0.1:9"}
    s3 = subprocess.run(run, env=s3_env, cwd=cwd, capture_output=True, text=True, check=True)
    assert s3.stdout.strip() == "storages.backends.s3.S3Storage"


@pytest.mark.django_db
def test_evidence_goes_to_the_bucket_and_reads_back(s3_storage):
    complaint, _ = services.complaint_file(
        by=None,
        station=StationFactory(code="chengguan"),
        kind="other",
        name="王德明",
        mobile="13900000101",
        description="押金不退。",
        respondent_text="某公司",
        files=[SimpleUploadedFile("slip.png", PNG, content_type="image/png")],
    )
    evidence = complaint.evidence.get()
    with evidence.file.open("rb") as handle:
        assert handle.read() == PNG
    # It is in the bucket itself, under the configured folder (not on this host's disk).
    client = boto3.client(
        "s3",
        endpoint_url=s3_storage.endpoint_url,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )
    key = f"{s3_storage.location}/{evidence.file.name}"
    assert client.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PNG


@pytest.mark.django_db
def test_orphan_sweep_and_backup_work_on_the_bucket(s3_storage, tmp_path):
    stray = s3_storage.save("rights/evidence/2026/10/stray.png", ContentFile(PNG))
    other = s3_storage.save("audit-archive/access/a.json.gz", ContentFile(b"gz"))
    later = timezone.now() + datetime.timedelta(hours=2)
    sums = backups.copy_private_files(tmp_path / "media.tar", storage=s3_storage)
    assert set(sums) == {stray, other}
    with tarfile.open(tmp_path / "media.tar") as archive:
        assert archive.extractfile(stray).read() == PNG
    assert sweep_orphans(now=later) == [stray]
    assert not s3_storage.exists(stray) and s3_storage.exists(other)
