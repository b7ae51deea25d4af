"""Draw the app's icon, ui/assets/motcua.ico (the window, both programs and the installer).

The .ico is committed; run this again only to change the drawing:
    .venv/bin/python installer/make_icon.py
A red tile (the commune's one-stop counter), an open door in cream and a gold star above it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "ui" / "assets" / "motcua.ico"
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
RED, GOLD, CREAM, SHADOW = (200, 16, 46), (255, 205, 0), (255, 248, 231), (130, 8, 28)


def star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    import math

    inner = outer * 0.4
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    s = size / 256
    pen.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=RED)
    pen.polygon(star(128 * s, 70 * s, 40 * s), fill=GOLD)
    # the door: an arch of cream, open, with its dark inside
    pen.rounded_rectangle((76 * s, 118 * s, 180 * s, 226 * s), radius=10 * s, fill=CREAM)
    pen.rectangle((92 * s, 134 * s, 164 * s, 226 * s), fill=SHADOW)
    pen.polygon([(92 * s, 134 * s), (136 * s, 148 * s), (136 * s, 236 * s), (92 * s, 226 * s)],
                fill=CREAM)
    pen.ellipse((122 * s, 184 * s, 130 * s, 192 * s), fill=RED)
    return image


def main() -> None:
    big = draw()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    big.resize((256, 256), Image.LANCZOS).save(OUT, format="ICO", sizes=SIZES)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
