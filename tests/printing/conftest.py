"""Helpers that look at rendered PDFs with poppler-utils and zbar-tools, as a person would."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from printing.fonts import FontSet, bundled_fonts

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")
ZBAR = shutil.which("zbarimg")

needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdftoppm, pdfinfo) not installed"
)
needs_zbar = pytest.mark.skipif(
    not (POPPLER and ZBAR), reason="zbar-tools (zbarimg) or poppler-utils not installed"
)


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    """The bundled fonts, so every machine renders the same glyphs."""
    return bundled_fonts()


def write(tmp_path: Path, pdf: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_text(path: Path, page: int | None = None, layout: bool = False) -> str:
    """The PDF's text, NFC, with every run of whitespace folded to one space.

    `layout` keeps table rows together (pdftotext -layout), at the cost of interleaving the
    second lines of wrapped cells.
    """
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-layout"] if layout else []
    out = subprocess.run(
        ["pdftotext", *mode, *pages, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    )


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page."""
    info = pdf_info(path)
    sizes = []
    for key, value in info.items():
        if re.fullmatch(r"Page\s+\d+ size", key):
            match = re.match(r"([\d.]+) x ([\d.]+) pts", value)
            assert match, value
            sizes.append((float(match[1]), float(match[2])))
    return sizes


def render_png(path: Path, out_dir: Path, dpi: int, page: int = 1, gray: bool = False) -> Path:
    prefix = out_dir / f"page{page}-{dpi}"
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile"]
    if gray:
        args.append("-gray")
    subprocess.run([*args, str(path), str(prefix)], check=True)
    return prefix.with_suffix(".png")


def decoded_symbols(png: Path) -> list[tuple[str, str]]:
    """(symbology, text) of every barcode zbarimg finds in the image."""
    result = subprocess.run(
        ["zbarimg", "-q", str(png)], capture_output=True, text=True, check=False
    )
    symbols = []
    for line in result.stdout.splitlines():
        kind, _, text = line.partition(":")
        symbols.append((kind, text))
    return symbols
