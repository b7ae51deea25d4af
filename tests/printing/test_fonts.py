import unicodedata

from reportlab.pdfbase import pdfmetrics

from printing.fonts import (
    VIETNAMESE_LETTERS,
    bundled_files,
    bundled_fonts,
    default_fonts,
    missing_letters,
    system_fonts,
)


def test_vietnamese_letter_list_has_every_vowel_with_every_tone_in_both_cases_and_d_bar():
    # 12 vowels x 6 tones + đ, in lower and upper case
    assert len(VIETNAMESE_LETTERS) == (12 * 6 + 1) * 2
    assert len(set(VIETNAMESE_LETTERS)) == len(VIETNAMESE_LETTERS)
    for letter in "ạảãàáặẳẵằắậẩẫầấẹẻẽèéệểễềếịỉĩìíọỏõòóộổỗồốợởỡờớụủũùúựửữừứỵỷỹỳýđ":
        assert letter in VIETNAMESE_LETTERS
        assert letter.upper() in VIETNAMESE_LETTERS
    assert all(unicodedata.is_normalized("NFC", c) for c in VIETNAMESE_LETTERS)


def test_bundled_font_has_a_glyph_for_every_vietnamese_letter_in_every_face():
    fonts = bundled_fonts()
    for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        assert missing_letters(pdfmetrics.getFont(name)) == "", name


def test_bundled_font_files_are_static_ttf_shipped_by_the_font_package():
    files = bundled_files()
    assert files.exist()
    assert files.regular.name == "CrimsonText-Regular.ttf"
    assert files.bold.name == "CrimsonText-Bold.ttf"


def test_default_fonts_cover_vietnamese_whichever_font_the_machine_offers():
    fonts = default_fonts()
    assert missing_letters(pdfmetrics.getFont(fonts.regular)) == ""
    system = system_fonts()
    assert fonts == (system or bundled_fonts())


def test_fonts_are_registered_once_and_cached():
    assert bundled_fonts() is bundled_fonts()
    assert default_fonts() is default_fonts()
