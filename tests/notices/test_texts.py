"""What a notice says: one GSM-7 segment for a text, Vietnamese with diacritics for an e-mail."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from server.notices import gsm, kinds
from server.notices.texts import NoticeFacts, email, sms, unit_name
from tests.conftest import vn

CODE = "000.00.12.H12-261123-0001"


def facts(kind=kinds.RESULT_READY, **changes):
    values = {"kind": kind, "code": CODE, "procedure": "Đăng ký khai sinh",
              "unit": "UBND xã Tân Phú", "applicant": "Đặng Văn Đức",
              "when": vn(2026, 11, 25, 9, 30), "hotline": "0251 3822 123"}
    return NoticeFacts(**{**values, **changes})


def test_each_kind_of_text_says_the_code_what_happened_the_date_and_the_hotline():
    expected = {
        kinds.RESULT_READY: "da co ket qua ngay 25/11/2026",
        kinds.NEW_DUE: "hen lai ngay tra ket qua 25/11/2026",
        kinds.STOPPED: "da dung giai quyet ngay 25/11/2026",
        kinds.REFUSED: "khong duoc giai quyet ngay 25/11/2026",
        kinds.RECEIVED: "da tiep nhan ho so",
    }
    for kind, words in expected.items():
        text = sms(facts(kind))
        assert text.startswith("UBND xa Tan Phu: ") and CODE in text and words in text
        assert text.endswith(". LH 0251 3822 123")
        assert gsm.fits_one_segment(text), (kind, len(text))


def test_a_unit_name_too_long_for_the_segment_gives_way_the_hotline_never_does():
    text = sms(facts(unit="UBND " + "phường Hòa Thạnh Tây Nam Bắc Trung " * 4))
    assert text.startswith("Ho so ") and text.endswith("LH 0251 3822 123")
    assert gsm.fits_one_segment(text)


@given(code=st.text(min_size=1, max_size=48), unit=st.text(max_size=200),
       hotline=st.text(alphabet="0123456789 .()+-", max_size=20),
       kind=st.sampled_from(sorted(kinds.LABELS)))
def test_any_text_fits_one_gsm7_segment(code, unit, hotline, kind):
    text = sms(facts(kind, code=code, unit=unit, hotline=hotline,
                     due=vn(2026, 12, 1, 17) if kind == kinds.RECEIVED else None))
    assert gsm.fits_one_segment(text)


def test_the_email_is_vietnamese_with_its_diacritics_and_escapes_what_it_quotes():
    content = email(facts(kinds.REFUSED, reason="Thiếu <giấy tờ> & chữ ký",
                          lookup_url="https://motcua.example.gov.vn/tra-cuu?ma=" + CODE))
    assert content.subject == f"[UBND xã Tân Phú] Hồ sơ {CODE} không được giải quyết"
    assert "Lý do: Thiếu <giấy tờ> & chữ ký" in content.plain
    assert "Thiếu &lt;giấy tờ&gt; &amp; chữ ký" in content.html
    assert "Mời ông/bà đến bộ phận một cửa để nhận văn bản nêu rõ lý do." in content.plain
    assert 'href="https://motcua.example.gov.vn/tra-cuu?ma=000.00.12.H12-261123-0001"' \
        in content.html


def test_the_new_appointment_is_said_in_vietnam_time():
    content = email(facts(kinds.NEW_DUE, when=dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)))
    assert "Thời gian hẹn trả kết quả mới: 16:00 ngày 30/11/2026." in content.plain
    assert "thành thật xin lỗi" in content.plain


def test_unit_names_are_in_sentence_case():
    assert unit_name("Xã Tân Phú") == "UBND xã Tân Phú"
    assert unit_name("Phường Bến Thành") == "UBND phường Bến Thành"
