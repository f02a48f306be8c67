"""One masking rule for personal data; the log filter applies it to anything logged."""

import logging

from hypothesis import given
from hypothesis import strategies as st

from gigmarket.logging import PersonalDataFilter, scrub
from gigmarket.masking import mask, mask_id_number, mask_mobile, mask_name, mask_unless


def test_masks_match_the_agreed_shapes():
    assert mask_mobile("13800138000") == "138****8000"
    assert mask_id_number("52010219900101123X") == "52**************3X"
    assert mask_name("张三丰") == "张**"
    assert mask("13800138000") == "138****8000"
    assert mask("52010219900101123X") == "52**************3X"


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_a_masked_mobile_hides_the_middle_four(number):
    masked = mask_mobile(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert masked[3:7] == "****"


@given(st.from_regex(r"[0-9]{17}[0-9X]", fullmatch=True))
def test_a_masked_id_shows_only_province_and_last_two(number):
    masked = mask_id_number(number)
    assert len(masked) == 18 and masked[2:16] == "*" * 14


def test_mask_unless_reveals_only_when_allowed():
    assert mask_unless("13800138000", True) == "13800138000"
    assert mask_unless("13800138000", False) == "138****8000"


def test_a_short_value_masked_without_a_kind_never_comes_back_whole():
    """mask() guesses "address" for text; a 2-character name must not survive it."""
    assert mask("王明") == "王****"
    assert mask_unless("王明", False) == "王****"
    assert mask("城关镇") == "城****"


def test_the_template_filter_masks_unless_allowed():
    from django.template import Context, Template

    template = Template("{% load gigmarket %}{{ m|mask_unless:ok }}")
    assert template.render(Context({"m": "13800138000", "ok": False})) == "138****8000"
    assert template.render(Context({"m": "13800138000", "ok": True})) == "13800138000"


def test_logs_never_carry_full_mobiles_or_id_numbers(caplog):
    assert (
        scrub("call 13800138000 id 52010219900101123X") == "call 138****8000 id 52**************3X"
    )
    logger = logging.getLogger("tests.masking")
    logger.addFilter(PersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="tests.masking"):
        logger.info("seeker %s registered with %s", "13800138000", "11010519491231002X")
    assert "13800138000" not in caplog.text and "11010519491231002X" not in caplog.text
    assert "138****8000" in caplog.text
