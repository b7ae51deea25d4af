"""The receipt compared pixel by pixel with a stored rendering, to catch layout drift.

After an intended change of layout, regenerate with MOTCUA_UPDATE_GOLDEN=1 and look at the
new PNG before committing it.
"""

import os
from pathlib import Path

from PIL import Image, ImageChops

from printing import render_receipt
from tests.printing import samples
from tests.printing.conftest import needs_poppler, render_png, write

GOLDEN = Path(__file__).parent / "golden" / "receipt-a5-page1.png"
DPI = 75


def differing_share(a: Image.Image, b: Image.Image, threshold: int = 64) -> float:
    """Share of pixels whose grey levels differ by more than `threshold`."""
    diff = ImageChops.difference(a, b)
    histogram = diff.histogram()
    return sum(histogram[threshold + 1 :]) / (a.width * a.height)


@needs_poppler
def test_receipt_looks_like_the_golden_rendering(tmp_path, fonts):
    path = write(tmp_path, render_receipt(samples.receipt(), fonts=fonts))
    actual = Image.open(render_png(path, tmp_path, DPI, gray=True)).convert("L")
    if os.environ.get("MOTCUA_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        actual.save(GOLDEN, optimize=True)
    assert GOLDEN.exists(), f"no golden image; make one with MOTCUA_UPDATE_GOLDEN=1: {GOLDEN}"
    expected = Image.open(GOLDEN).convert("L")
    assert actual.size == expected.size
    # Anti-aliasing differs a little between poppler versions; a moved or changed line of text
    # does not (one changed time in item 5 alters ~0.17 % of the pixels). The exact wording,
    # diacritics included, is the job of the pdftotext tests.
    assert differing_share(actual, expected) < 0.0003
