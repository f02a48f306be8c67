"""Personal numbers never reach the logs: messages, tracebacks and stacks are masked."""

import io
import logging
import logging.config

import pytest
from django.conf import settings
from django.db import IntegrityError

from gigmarket.logging import PersonalDataFilter, scrub


def _handler_output(emit) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.logging.masking")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_a_traceback_in_the_error_log_has_the_mobile_masked():
    """Issue #12: ``Key (mobile)=(138…) already exists`` reached the error log in full."""

    def emit(logger):
        try:
            raise IntegrityError(
                'duplicate key value violates unique constraint "seekers_seeker_mobile_key"\n'
                "DETAIL:  Key (mobile)=(13812345678) already exists."
            )
        except IntegrityError:
            logger.exception("Internal Server Error: %s", "/seekers/new/")

    text = _handler_output(emit)
    assert "Traceback" in text and "IntegrityError" in text
    assert "13812345678" not in text
    assert "138****5678" in text


def test_an_id_number_in_a_chained_exception_and_the_stack_is_masked():
    def emit(logger):
        try:
            try:
                raise ValueError("bad id 11010519491231002X")
            except ValueError as inner:
                raise RuntimeError("while importing 13812345678") from inner
        except RuntimeError:
            logger.error("import failed", exc_info=True, stack_info=True)

    text = _handler_output(emit)
    assert "11010519491231002X" not in text and "13812345678" not in text
    assert "11**************2X" in text


def test_mobiles_written_with_spaces_dashes_or_the_country_code_are_masked():
    for written in ("138 1234 5678", "138-1234-5678", "+86 13812345678", "8613812345678"):
        assert "5678" in scrub(written) and "1234" not in scrub(written), written


@pytest.mark.parametrize("name", sorted(settings.LOGGING.get("handlers", {})))
def test_every_configured_log_handler_masks_personal_data(name):
    """A handler added later (a file, a JSON stream, a mail) must carry the filter too."""
    filters = settings.LOGGING["handlers"][name].get("filters", [])
    classes = {
        settings.LOGGING["filters"][f].get("()")
        for f in filters
        if f in settings.LOGGING["filters"]
    }
    assert "gigmarket.logging.PersonalDataFilter" in classes
