"""How dates, times, numbers and money are written on Vietnamese administrative documents.

Decree 30/2020 writes a day below 10 and the months January and February with a leading zero
("ngày 05 tháng 02 năm 2026", but "tháng 3"); money is whole đồng grouped by dots.
Instants are shown in Vietnam time whatever zone they arrive in.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BLANK = "…………………"  # where a field is unknown, leave a line to write on by hand


def local(instant: datetime) -> datetime:
    """`instant` in Vietnam time; a naive datetime is a programming error."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: pass a timezone-aware instant")
    try:
        return instant.astimezone(VIETNAM)
    except OverflowError:  # a stored 9999-12-31 past 17:00 UTC: printed as it is, not a crash
        return instant


def day_month_year(day: date) -> str:
    """ "ngày 23 tháng 11 năm 2026", with Decree 30's leading zeros."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def clock_and_date(instant: datetime) -> str:
    """ "10 giờ 00 phút, ngày 23 tháng 11 năm 2026" in Vietnam time."""
    at = local(instant)
    return f"{at.hour:02d} giờ {at.minute:02d} phút, {day_month_year(at.date())}"


def place_and_date(place: str, instant: datetime) -> str:
    """ "Phú Lương, ngày 23 tháng 11 năm 2026", the line under the national motto."""
    return f"{clean(place)}, {day_month_year(local(instant).date())}"


def short_date(day: date) -> str:
    """ "23/11/2026", for table cells."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def short_datetime(instant: datetime | None) -> str:
    """ "10:00 23/11/2026" in Vietnam time, or "" when there is no instant yet."""
    if instant is None:
        return ""
    at = local(instant)
    return f"{at.hour:02d}:{at.minute:02d} {short_date(at.date())}"


def two_digits(number: int) -> str:
    """Counts and sequence numbers as forms write them: 01, 02, …, 10, 123."""
    return f"{number:02d}"


def money(amount: int) -> str:
    """ "50.000 đồng" for whole đồng; 0 is printed as free of charge."""
    if amount == 0:
        return "Miễn phí"
    return f"{amount:,}".replace(",", ".") + " đồng"


def clean(text: str | None) -> str:
    """NFC text with runs of whitespace (including newlines) folded to one space.

    Decomposed input (a base letter plus combining marks) would print the marks as separate
    glyphs beside the letter, so everything is composed first.
    """
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def markup(text: str | None) -> str:
    """`text` cleaned and escaped for a reportlab Paragraph (which reads <, > and & as tags)."""
    return escape(clean(text))


def markup_or_blank(text: str | None) -> str:
    """Like markup(), but a handwriting line when the field is empty."""
    cleaned = markup(text)
    return cleaned if cleaned else BLANK


def no_orphan(marked: str) -> str:
    """Paragraph markup whose last two words cannot be split, so a wrapped caption never ends
    on a word alone ("… tra cứu hồ sơ", not "… tra cứu hồ / sơ")."""
    head, sep, tail = marked.rpartition(" ")
    return f"{head}&nbsp;{tail}" if sep and head else marked
