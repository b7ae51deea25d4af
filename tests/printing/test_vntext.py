from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from printing.vntext import (
    clean,
    clock_and_date,
    day_month_year,
    markup,
    money,
    place_and_date,
    short_datetime,
    two_digits,
)


def test_appointment_time_is_written_in_vietnam_time_with_hours_and_minutes():
    utc = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert clock_and_date(utc) == "10 giờ 00 phút, ngày 23 tháng 11 năm 2026"


def test_an_instant_after_utc_midnight_lands_on_the_vietnamese_date():
    late = datetime(2026, 11, 22, 18, 5, tzinfo=UTC)  # 01:05 on the 23rd in Hà Nội
    assert clock_and_date(late) == "01 giờ 05 phút, ngày 23 tháng 11 năm 2026"
    assert short_datetime(late) == "01:05 23/11/2026"


def test_small_days_and_january_february_get_a_leading_zero_as_decree_30_asks():
    assert day_month_year(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert day_month_year(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert day_month_year(date(2026, 12, 25)) == "ngày 25 tháng 12 năm 2026"


def test_place_and_date_line():
    at = datetime(2026, 11, 23, 10, 0, tzinfo=timezone(timedelta(hours=7)))
    assert place_and_date("Phú Lương", at) == "Phú Lương, ngày 23 tháng 11 năm 2026"


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        clock_and_date(datetime(2026, 11, 23, 10, 0))


def test_money_is_whole_dong_grouped_by_dots_and_zero_is_free():
    assert money(50_000) == "50.000 đồng"
    assert money(1_250_000) == "1.250.000 đồng"
    assert money(500) == "500 đồng"
    assert money(0) == "Miễn phí"


def test_counts_have_two_digits():
    assert [two_digits(n) for n in (1, 9, 10, 123)] == ["01", "09", "10", "123"]


def test_text_is_composed_and_escaped_for_paragraphs():
    decomposed = "Nguye\u0302\u0303n <Văn> & co"
    assert clean(decomposed) == "Nguyễn <Văn> & co"
    assert markup(decomposed) == "Nguyễn &lt;Văn&gt; &amp; co"
    assert clean("  a \n b\t") == "a b"
    assert clean(None) == ""
