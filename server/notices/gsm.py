"""The GSM 03.38 7-bit alphabet: what one 160-character text message can carry.

A character outside it makes the whole message UCS-2, 70 characters a segment; the extension
characters take two septets each.
"""

from __future__ import annotations

SEGMENT = 160
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
EXTENSION = frozenset("^{}\\[~]|€\f")


def septets(text: str) -> int | None:
    """How many septets ``text`` takes, or None when it cannot travel as GSM-7."""
    total = 0
    for char in text:
        if char in BASIC:
            total += 1
        elif char in EXTENSION:
            total += 2
        else:
            return None
    return total


def fits_one_segment(text: str) -> bool:
    count = septets(text)
    return count is not None and count <= SEGMENT
