"""manage.py rotate_field_key: re-encrypt personal fields and re-hash lookups under the current key."""

from django.core.management.base import BaseCommand, CommandError

from gigmarket import crypto
from seekers.key_rotation import live_claim_codes, rotate_field_key


class Command(BaseCommand):
    help = (
        "After putting the new key first in FIELD_ENCRYPTION_KEY (new,old), re-encrypt every "
        "resident ID and re-hash its lookup key under it, in batches; resumes where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="rows per transaction")
        parser.add_argument("--dry-run", action="store_true", help="count; change nothing")
        parser.add_argument(
            "--restart", action="store_true", help="start from the first row, not where it stopped"
        )

    def handle(self, *args, batch, dry_run, restart, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        keys = crypto.key_count()
        self.stdout.write(f"current key {crypto.key_fingerprint()}; {keys} key(s) listed")
        progress = rotate_field_key(batch=batch, dry_run=dry_run, restart=restart)
        verb = "would rotate" if dry_run else "rotated"
        self.stdout.write(
            f"{verb} {progress.rotated}, already current {progress.current}, "
            f"unreadable {len(progress.unreadable)}"
        )
        if progress.unreadable:
            self.stderr.write(
                f"{len(progress.unreadable)} row(s) are under a key no longer listed "
                f"(seeker ids {progress.unreadable[:20]}…): put that key back second and run again."
            )
        codes = live_claim_codes()
        if codes and keys > 1:
            self.stdout.write(
                f"{codes} claim code(s) still valid were issued under the old key: keep it listed "
                "until they expire, or issue new slips."
            )
        if not dry_run and progress.finished and not progress.unreadable:
            self.stdout.write("Done: every encrypted field is under the current key.")
