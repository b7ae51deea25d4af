"""What of a citizen anyone may see: the name masked as "Nguyễn T** H***".

One rule for every public face (the waiting-room board, the server's lookup page): the family
name stays, so a citizen recognises their line; every other word keeps its first letter. The
ID number, phone, address and e-mail are never shown there at all, so they need no mask.
"""

from __future__ import annotations

from desk.text import clean


def mask_name(name: str) -> str:
    words = clean(name).split(" ")
    if not words[0]:
        return ""
    if len(words) == 1:
        return _masked(words[0])
    return " ".join([words[0], *(_masked(word) for word in words[1:])])


def _masked(word: str) -> str:
    return word[0] + "*" * (len(word) - 1)
