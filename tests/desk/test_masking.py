"""The one masking rule of every public face, and the dossier code as a stranger may type it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.codes import parse_code
from desk.masking import mask_name


@pytest.mark.parametrize(("name", "masked"), [
    ("Nguyễn Thị Hồng", "Nguyễn T** H***"),
    ("Đặng Văn Đức", "Đặng V** Đ**"),
    ("  Lê   Ý ", "Lê Ý"),
    ("Hùng", "H***"),
    ("", ""),
])
def test_the_family_name_stays_and_every_other_word_keeps_its_first_letter(name, masked):
    assert mask_name(name) == masked


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ", min_size=2,
                        max_size=8), min_size=2, max_size=5))
def test_a_masked_name_shows_no_letter_of_a_given_name_beyond_its_first(words):
    masked = mask_name(" ".join(words)).split(" ")
    assert masked[0] == words[0]
    for word, shown in zip(words[1:], masked[1:], strict=True):
        assert shown == word[0] + "*" * (len(word) - 1)


@pytest.mark.parametrize(("text", "code"), [
    ("000.00.12.H12-261123-0001", "000.00.12.H12-261123-0001"),
    ("  000.00.12.h12-261123-1001\n", "000.00.12.H12-261123-1001"),
    ("26734-261123-0001", "26734-261123-0001"),
    ("000.00.12.H12-261123-001", None),
    ("000.00.12.H12-2611230001", None),
    ("' OR 1=1 --", None),
    ("<script>", None),
    ("A" * 40 + "-261123-0001", None),
    ("", None),
])
def test_only_something_shaped_like_a_dossier_code_is_taken(text, code):
    assert parse_code(text) == code
