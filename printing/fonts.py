"""The serif faces the documents are set in: Times New Roman where the OS has a complete one,
otherwise the bundled Crimson Text.

Official documents are set in Times New Roman (Decree 30/2020), so a system copy is preferred.
But a copy only counts if it has every Vietnamese letter: Debian's Liberation Serif 2.1 and the
old msttcorefonts Times lack most of the Vietnamese block (ả, ạ, ầ, …) and would print boxes.
The fallback, Crimson Text (fontpkg-crimson-text, SIL OFL), ships static regular/bold/italic
files (reportlab cannot use variable fonts), covers Vietnamese fully, and is within about 1 % of
Times' width, so lines break nearly where they would in Times.

Fonts are registered with reportlab on first use and cached for the life of the process.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng


def _vietnamese_letters() -> str:
    """Every precomposed Vietnamese letter, lower and upper case, with đ and Đ."""
    lower = [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES] + ["đ"]
    return "".join(lower) + "".join(c.upper() for c in lower)


VIETNAMESE_LETTERS = _vietnamese_letters()


@dataclass(frozen=True)
class FontFiles:
    """The TrueType files of one family; bold italic falls back to bold when absent."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path | None = None

    def exist(self) -> bool:
        """Whether the three required faces are on disk."""
        return all(p.is_file() for p in (self.regular, self.bold, self.italic))


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names of one family; `family` works with <b> and <i>."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str


def _windows_times() -> FontFiles:
    fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return FontFiles(
        fonts / "times.ttf", fonts / "timesbd.ttf", fonts / "timesi.ttf", fonts / "timesbi.ttf"
    )


def _named(folder: str, stem: str, styles: tuple[str, str, str, str]) -> FontFiles:
    base = Path(folder)
    return FontFiles(*(base / f"{stem}{style}.ttf" for style in styles))


def system_candidates() -> tuple[FontFiles, ...]:
    """Times New Roman (or a metric twin) where each OS keeps it, most official first."""
    core = ("", "_Bold", "_Italic", "_Bold_Italic")
    mac = ("", " Bold", " Italic", " Bold Italic")
    liberation = ("-Regular", "-Bold", "-Italic", "-BoldItalic")
    return (
        _windows_times(),
        _named("/usr/share/fonts/truetype/msttcorefonts", "Times_New_Roman", core),
        _named("/System/Library/Fonts/Supplemental", "Times New Roman", mac),
        _named("/Library/Fonts", "Times New Roman", mac),
        _named("/usr/share/fonts/truetype/liberation2", "LiberationSerif", liberation),
        _named("/usr/share/fonts/truetype/liberation", "LiberationSerif", liberation),
    )


def bundled_files() -> FontFiles:
    """Crimson Text from the fontpkg-crimson-text package."""
    folder = resources.files("fontpkg_crimson_text").joinpath("files")
    styles = ("Regular", "Bold", "Italic", "BoldItalic")
    return FontFiles(*(Path(str(folder.joinpath(f"CrimsonText-{s}.ttf"))) for s in styles))


def missing_letters(font: TTFont, letters: str = VIETNAMESE_LETTERS) -> str:
    """The letters of `letters` that `font` has no glyph for."""
    cmap = font.face.charToGlyph
    return "".join(c for c in letters if ord(c) not in cmap)


_lock = threading.Lock()


def _register(files: FontFiles, family: str, source: str) -> FontSet | None:
    """Register a family's faces; None when one of them lacks a Vietnamese letter."""
    bold_italic = files.bold_italic
    if bold_italic is None or not bold_italic.is_file():
        bold_italic = files.bold
    paths = (files.regular, files.bold, files.italic, bold_italic)
    names = tuple(f"{family}-{style}" for style in ("Regular", "Bold", "Italic", "BoldItalic"))
    faces = []
    for name, path in zip(names, paths, strict=True):
        face = TTFont(name, str(path))
        if missing_letters(face):  # checked face by face: a bad regular stops us early
            return None
        faces.append(face)
    with _lock:
        for face in faces:
            pdfmetrics.registerFont(face)
        for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
            addMapping(family, bold, italic, name)
    return FontSet(family, *names, source=source)


@cache
def bundled_fonts() -> FontSet:
    """The bundled Crimson Text, the same on every machine (used by the golden tests)."""
    files = bundled_files()
    fonts = _register(files, "MotCuaCrimson", f"bundled {files.regular.name}")
    if fonts is None:  # the package changed under us: a broken install, not a user error
        raise RuntimeError("the bundled Crimson Text lacks Vietnamese letters")
    return fonts


@cache
def system_fonts() -> FontSet | None:
    """The first system Times New Roman (or Liberation Serif) with every Vietnamese letter."""
    for number, files in enumerate(system_candidates()):
        if not files.exist():
            continue
        try:
            fonts = _register(files, f"MotCuaTimes{number}", f"system {files.regular}")
        except Exception:  # a corrupt or unreadable font file is just not a candidate
            continue
        if fonts is not None:
            return fonts
    return None


def default_fonts() -> FontSet:
    """The fonts documents use unless told otherwise: system Times, else bundled."""
    return system_fonts() or bundled_fonts()
