"""Does a translated Inno Setup messages file match the compiler's Default.isl?

    python installer/check_isl.py installer/Vietnamese.isl PATH\\TO\\Inno Setup 6\\Default.isl

Every message of [Messages] and [CustomMessages] must be there, none unknown, each with the
same %1..%9 arguments and [name]-style fields as the English one, or Setup would show an empty
line or a raw placeholder to the IT person. build.ps1 runs this before iscc; exit 1 lists
every difference.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FIELDS = re.compile(r"%[1-9]|\[(?:name|name/ver|mb|gb)\]")


def messages(path: Path) -> dict[str, str]:
    """``{"[Section] Name": text}`` for the two message sections (UTF-8, with or without BOM)."""
    found, section = {}, ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith("["):
            section = line.strip()
        elif section in ("[Messages]", "[CustomMessages]") and "=" in line \
                and not line.startswith(";"):
            name, _, text = line.partition("=")
            found[f"{section} {name.strip()}"] = text
    return found


def differences(translated: Path, default: Path) -> list[str]:
    ours, english = messages(translated), messages(default)
    problems = [f"missing: {key}" for key in english if key not in ours]
    problems += [f"unknown to this compiler: {key}" for key in ours if key not in english]
    for key in english.keys() & ours.keys():
        want, got = sorted(FIELDS.findall(english[key])), sorted(FIELDS.findall(ours[key]))
        if want != got:
            problems.append(f"arguments differ in {key}: English {want}, translated {got}")
    return sorted(problems)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = differences(Path(argv[0]), Path(argv[1]))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{argv[0]}: {'matches' if not problems else f'{len(problems)} difference(s) with'} "
          f"{argv[1]}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
