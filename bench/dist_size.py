"""The frozen desk's unpacked size (goal: at most 180 MB), and what takes the room.

    python bench/dist_size.py [dist/MotCuaDesk]      (make dist runs it after the build)
Prints the total, the largest groups (Qt libraries, ICU, Qt plugins, Python packages) and the
twelve largest files, so a size regression names its cause.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

GOAL_MB = 180
MB = 1_000_000


def group(path: Path, root: Path) -> str:
    parts = path.relative_to(root).parts
    if len(parts) == 1:
        return "the two programs (each with the Python modules inside)"
    inside = parts[1:] if parts[0] == "_internal" else parts
    if inside[-1].startswith(("libicu", "icu")):
        return "ICU (Qt's text library)"
    if len(inside) == 1:
        name = inside[0]
        if name.startswith(("libQt6", "Qt6")):
            return "Qt libraries"
        if name.startswith(("libpython", "python3")):
            return "Python runtime"
        return "system and other libraries"
    if inside[0] == "PySide6":
        if "plugins" in inside:
            return "Qt plugins"
        if inside[1:2] == ("Qt",) and "lib" in inside:
            return "Qt libraries"
        return "PySide6 bindings"
    if inside[0] in ("desk", "ui", "models", "printing"):
        return "the desk's own files"
    return inside[0]


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/MotCuaDesk")
    if not root.is_dir():
        print(f"no frozen folder at {root}: run `make dist` first", file=sys.stderr)
        return 2
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    groups: Counter[str] = Counter()
    for p in files:
        groups[group(p, root)] += p.stat().st_size
    print(f"frozen desk {root}: {total / MB:.1f} MB unpacked in {len(files)} files "
          f"(goal ≤ {GOAL_MB} MB: {'met' if total <= GOAL_MB * MB else 'NOT met'})")
    for name, size in groups.most_common(10):
        print(f"  {size / MB:7.1f} MB  {name}")
    print("largest files:")
    for p in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:12]:
        print(f"  {p.stat().st_size / MB:7.1f} MB  {p.relative_to(root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
