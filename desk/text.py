"""Vietnamese text on the way in (NFC) and folded for search (no case, no tones, đ = d)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# FTS5 and unicodedata both leave đ/Đ alone: it is a letter of its own, not d with a mark.
_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def clean(text: str | None) -> str:
    """NFC-normalise and collapse white space, as every text field is stored."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower-case ASCII-ish form for matching: "Đặng Văn Đức" → "dang van duc"."""
    return _SPACES.sub(" ", strip_marks(text).lower()).strip()


def strip_marks(text: str | None) -> str:
    """Vietnamese without its tone and vowel marks, case kept: "Đặng Văn Đức" → "Dang Van Duc"
    (what a text message without diacritics says)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_FOLD))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
