"""What the frozen desk must hold and what it must not: one list read by the spec and the tests.

This module imports nothing from PyInstaller, so ``tests/packaging`` checks the same rules
without building. The spec (``motcua.spec``) calls ``check`` on its Analysis and stops the build
with every problem listed: a build that "succeeds" without ``desk.commands`` or the catalogue is
worse than no build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parents[1]
# The desk's own packages; the server is a separate install and never frozen.
APP_PACKAGES = ("desk", "ui", "models", "printing")
NOT_DATA = {".py", ".pyc", ".pyo", ".pyi"}
# Qt modules the window imports (a test keeps this equal to what ui/ imports); every other
# PySide6 module is excluded, and with it its libraries, plugins and translations.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")
# Qt plugins the window loads, per platform: the windowing system, offscreen (CI, services),
# printing, the .ico reader for the window icon, and the native style.
QT_PLUGINS = {
    "linux": ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
              "printsupport/libcupsprintersupport.so", "imageformats/libqico.so",
              "platforminputcontexts/libibusplatforminputcontextplugin.so",
              "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
              "xcbglintegrations/libqxcb-glx-integration.so"),
    "win32": ("platforms/qwindows.dll", "platforms/qoffscreen.dll", "imageformats/qico.dll",
              "styles/qmodernwindowsstyle.dll"),
}
# Qt's own translations: only Vietnamese ones (Qt ships none today; ui/ brings its own .qm).
QT_TRANSLATION_KEPT = re.compile(r"_vi\.qm$")
# Third-party packages that import their own modules by name at run time (reportlab's barcode
# widgets, keyring's backends): every submodule is frozen.
IMPORTED_BY_NAME = ("reportlab.graphics.barcode", "keyring.backends")
# Third-party packages whose data files the desk reads, with the file the desk needs.
THIRD_PARTY_DATA = {"fontpkg_crimson_text": re.compile(r"CrimsonText-Regular\.ttf$")}
# Never in the desk's folder: the server's packages, tkinter, and zstandard's cffi backend
# (12 MB; the C backend is what zstandard uses on CPython).
FORBIDDEN_MODULES = ("fastapi", "starlette", "uvicorn", "psycopg2", "jinja2", "multipart",
                     "pydantic", "server", "tkinter", "zstandard.backend_cffi")
# Left out of the analysis: the forbidden modules, and what the desk never calls although a
# dependency may import it: Pillow's AVIF, WebP, FreeType, colour-management and Tk parts with
# their 10 MB of libraries (reportlab imports Pillow's core, but the desk draws no raster image
# and pypdfium2 hands the printer raw bitmaps), phonenumbers' geocoder, carrier and time-zone
# tables (20 MB of Python; the desk only parses and formats numbers), pydoc's topics; the
# interpreter's developer tools (test runner, debugger, documentation browser, an interactive
# console with readline and its terminal libraries) and the CJK codecs, which a Vietnamese desk
# reading UTF-8 never looks up: 2 MB, frozen twice (both programs carry the Python modules).
EXCLUDED = FORBIDDEN_MODULES + (
    "_tkinter", "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingcms", "PIL.ImageCms", "PIL._imagingtk",
    "PIL.ImageTk", "PIL.ImageQt", "phonenumbers.geocoder", "phonenumbers.geodata",
    "phonenumbers.carrier", "phonenumbers.carrierdata", "phonenumbers.timezone",
    "phonenumbers.tzdata", "pydoc_data",
    "PySide6.scripts",
    "unittest", "doctest", "pdb", "bdb", "pydoc", "cmd", "code", "codeop", "readline",
    "rlcompleter", "tracemalloc", "py_compile", "xmlrpc", "ftplib",
    "_codecs_cn", "_codecs_hk", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_codecs_iso2022",
)
FORBIDDEN_BINARY = re.compile(
    r"(^|/)(zstandard/_cffi\.|psycopg2|libpq|_tkinter|libtk|libtcl|libgtk|"
    r"opengl32sw\.dll|d3dcompiler_|(lib)?Qt6?(Quick|Qml|Pdf|Network|Svg|OpenGL|Designer|Sql|Test|"
    r"WaylandClient|WaylandEgl|VirtualKeyboard)[^/]*$)",
    re.IGNORECASE,
)
# Qt plugin folders the window never uses (whole folders are dropped before the checks).
UNUSED_QT_PLUGIN_DIRS = ("egldeviceintegrations", "generic", "iconengines", "networkinformation",
                         "platformthemes", "tls", "wayland-decoration-client",
                         "wayland-graphics-integration-client", "wayland-shell-integration",
                         "sqldrivers", "qmltooling", "designer", "vectorimageformats")
KEPT_IN_PLUGIN_DIR = {
    "platforms": re.compile(r"(q(xcb|offscreen|windows)\.|libq(xcb|offscreen)\.)"),
    "imageformats": re.compile(r"qico\."),
    "platforminputcontexts": re.compile(r"(ibus|compose)"),
    "xcbglintegrations": re.compile(r"glx"),
}


def platform_key() -> str:
    return "win32" if sys.platform == "win32" else "linux"


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of the desk's packages, by dotted name (some load by name at run time)."""
    names = []
    for package in APP_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def app_data(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every non-Python file of the desk's packages as (source, folder in the frozen tree).

    Generic on purpose: a catalogue, a migration, a template, a font or a .qm another change
    adds under desk/, ui/, models/ or printing/ is frozen without anyone editing the spec."""
    found = []
    for package in APP_PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix not in NOT_DATA and "__pycache__" not in path.parts:
                found.append((str(path), str(path.parent.relative_to(root))))
    return found


def frozen_name(source: str, root: Path = ROOT) -> str:
    """Where ``app_data`` puts a source file inside the frozen tree (posix form)."""
    return PurePath(source).relative_to(root).as_posix()


def _posix(name: str) -> str:
    return name.replace("\\", "/")


# Qt's software OpenGL and Direct3D shader compiler (Windows, 25 MB): widgets draw without them.
UNUSED_QT_LIBRARIES = re.compile(r"(?:^|/)(opengl32sw|d3dcompiler_\d+)\.dll$", re.IGNORECASE)


def keep_binary(dest: str) -> bool:
    """False for Qt plugins, libraries and translations the window never loads."""
    name = _posix(dest)
    if UNUSED_QT_LIBRARIES.search(name):
        return False
    match = re.search(r"(?:^|/)plugins/([^/]+)/([^/]+)$", name)
    if match:
        folder, file = match.groups()
        if folder in UNUSED_QT_PLUGIN_DIRS:
            return False
        rule = KEPT_IN_PLUGIN_DIR.get(folder)
        return rule is None or bool(rule.search(file))
    if re.search(r"(?:^|/)translations/[^/]+\.qm$", name) and "PySide6" in name:
        return bool(QT_TRANSLATION_KEPT.search(name))
    return True


def check(pure: Iterable[str], binaries: Iterable[str], datas: Iterable[str],
          root: Path = ROOT) -> list[str]:
    """Every problem with a frozen tree's contents (empty when it is complete and lean)."""
    pure, binaries, datas = set(pure), {_posix(b) for b in binaries}, {_posix(d) for d in datas}
    problems = [f"module missing: {m}" for m in app_modules(root) if m not in pure]
    problems += [f"data file missing: {frozen_name(src, root)}" for src, _ in app_data(root)
                 if frozen_name(src, root) not in datas]
    for package, pattern in THIRD_PARTY_DATA.items():
        if not any(d.startswith(package + "/") and pattern.search(d) for d in datas):
            problems.append(f"data file missing: {package}/{pattern.pattern}")
    for plugin in QT_PLUGINS[platform_key()]:
        if not any(b.endswith("plugins/" + plugin) for b in binaries):
            problems.append(f"Qt plugin missing: {plugin}")
    problems += [f"must not be frozen: module {m}" for m in sorted(pure) if _forbidden(m)]
    problems += [f"must not be frozen: {b}" for b in sorted(binaries | datas)
                 if FORBIDDEN_BINARY.search(b)]
    problems += [f"Qt translation not in use: {d}" for d in sorted(datas)
                 if d.endswith(".qm") and "PySide6" in d and not QT_TRANSLATION_KEPT.search(d)]
    return problems


def _forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN_MODULES)


def excluded_qt_modules(available: Iterable[str]) -> Iterator[str]:
    """``PySide6.QtX`` for every installed Qt module the window does not use."""
    for name in available:
        if name.startswith("Qt") and name not in QT_MODULES:
            yield "PySide6." + name
