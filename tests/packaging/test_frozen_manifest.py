"""The frozen desk holds every file the desk loads, and nothing of the server's.

The build itself is slow (minutes) and runs in .ci/run; these tests check the same rules
(installer/manifest.py, which the spec obeys) in seconds, against what the desk really opens.
"""

import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
spec = importlib.util.spec_from_file_location("manifest", ROOT / "installer" / "manifest.py")
manifest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(manifest)


@pytest.fixture(scope="module")
def opened(tmp_path_factory) -> list[Path]:
    """Every file the desk's flows opened, by Python or by Qt (strace sees both)."""
    strace = shutil.which("strace")
    assert strace, "strace is needed (apt-get install strace; .ci/run installs it)"
    data, out = tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("out")
    trace = out / "trace.txt"
    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=open,openat", "-e", "signal=none", "-o", str(trace),
         sys.executable, str(Path(__file__).with_name("desk_flows.py")), str(data), str(out)],
        capture_output=True, text=True, timeout=240, cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
             # the database key goes to the test keyring (tests/conftest.py), as in every test
             "PYTHON_KEYRING_BACKEND": os.environ["PYTHON_KEYRING_BACKEND"],
             "MOTCUA_TEST_KEYRING_FILE": os.environ["MOTCUA_TEST_KEYRING_FILE"],
             "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = re.findall(r'open(?:at)?\((?:AT_FDCWD, )?"([^"]+)", [^)]*\) = \d+',
                       trace.read_text(errors="replace"))
    return sorted({Path(os.path.realpath(name)) for name in found})


def _app_data_loaded(opened: list[Path]) -> list[Path]:
    packages = [(ROOT / p).resolve() for p in manifest.APP_PACKAGES]
    return [p for p in opened if p.suffix not in manifest.NOT_DATA
            and any(p.is_relative_to(pkg) for pkg in packages) and p.is_file()]


def test_every_data_file_the_desk_opens_is_frozen(opened):
    loaded = _app_data_loaded(opened)
    # the flows above read at least the catalogue, the calendar, the migrations and the forms
    assert {p.name for p in loaded} >= {"procedures.json", "calendar_overrides.json",
                                        "m0001_initial.sql", "forms.json", "motcua.ico"}
    frozen = {Path(src).resolve() for src, _ in manifest.app_data()}
    assert [p for p in loaded if p not in frozen] == [], "see installer/manifest.py app_data"
    names = [manifest.frozen_name(str(p)) for p in loaded]
    problems = manifest.check(pure=manifest.app_modules(), binaries=[], datas=names)
    assert not [p for p in problems if p.startswith("data file missing: ") and "/" in p
                and not p.startswith("data file missing: fontpkg")
                and Path(ROOT / p.split(": ", 1)[1]) in loaded]


def test_every_data_file_the_desk_opens_is_in_the_wheel(opened):
    """`pip install .[desk]` (and the server's install) ship what setuptools' package-data
    patterns match; a new kind of file the desk reads must be added there too."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["*"]
    missing = [p for p in _app_data_loaded(opened)
               if not any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)]
    assert missing == [], "add the file's pattern to [tool.setuptools.package-data]"


def test_the_font_the_documents_use_is_a_collected_third_party_file(opened):
    fonts = [p for p in opened if p.suffix == ".ttf"]
    pattern = manifest.THIRD_PARTY_DATA["fontpkg_crimson_text"]
    assert any("fontpkg_crimson_text" in p.parts and pattern.search(p.name) for p in fonts)


def test_the_build_keeps_exactly_the_qt_modules_the_window_imports():
    used = set()
    for path in (ROOT / "ui").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert used == set(manifest.QT_MODULES), (
        "the window's Qt modules changed: update QT_MODULES (and QT_PLUGINS, FORBIDDEN_BINARY) "
        "in installer/manifest.py, then `make dist`")


def test_the_check_names_what_is_missing_and_what_must_not_ride_along():
    datas = [manifest.frozen_name(src) for src, _ in manifest.app_data()]
    datas.remove("desk/data/procedures.json")
    problems = manifest.check(
        pure=[m for m in manifest.app_modules() if m != "desk.commands.sync"]
        + ["fastapi", "zstandard.backend_cffi"],
        binaries=["zstandard/_cffi.cpython-311-x86_64-linux-gnu.so",
                  "PySide6/Qt/lib/libQt6Quick.so.6"],
        datas=datas + ["PySide6/Qt/translations/qtbase_de.qm"],
    )
    assert "module missing: desk.commands.sync" in problems
    assert "data file missing: desk/data/procedures.json" in problems
    assert "must not be frozen: module fastapi" in problems
    assert "must not be frozen: module zstandard.backend_cffi" in problems
    assert "must not be frozen: zstandard/_cffi.cpython-311-x86_64-linux-gnu.so" in problems
    assert "must not be frozen: PySide6/Qt/lib/libQt6Quick.so.6" in problems
    assert "Qt translation not in use: PySide6/Qt/translations/qtbase_de.qm" in problems
    assert any(p.startswith("Qt plugin missing: platforms/") for p in problems)


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqico.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/translations/qtbase_fr.qm", False),
    ("ui/translations/qtbase_vi.qm", True),
    ("libQt6Core.so.6", True),
    ("PySide6\\opengl32sw.dll", False),
    ("PySide6\\d3dcompiler_47.dll", False),
    ("PySide6\\Qt6Widgets.dll", True),
])
def test_unused_qt_plugins_and_translations_are_dropped(dest, kept):
    assert manifest.keep_binary(dest) is kept
