"""The Inno Setup script, checked where Windows is not: every file it names exists, the
version comes from desk/__init__.py, data survives, and the Vietnamese messages are complete.

ISCC itself only runs on Windows (installer/build.ps1); these checks catch what would make it
fail or build a wrong installer before anyone gets there.
"""

import importlib.util
import re
from pathlib import Path, PureWindowsPath

import desk

ROOT = Path(__file__).parents[2]
INSTALLER = ROOT / "installer"
BOM = b"\xef\xbb\xbf"


def _load(name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_isl = _load("check_isl")


def script() -> str:
    return (INSTALLER / "motcua.iss").read_text(encoding="utf-8-sig")


def sections(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if re.match(r"^\[\w+\]$", line.strip()):
            current = line.strip()[1:-1]
            found[current] = []
        elif current and line.strip() and not line.startswith(";"):
            found[current].append(line)
    return found


def test_the_script_and_its_messages_are_utf8_with_a_bom():
    # without the BOM ISCC reads them in the ANSI code page and the Vietnamese turns to noise
    for name in ("motcua.iss", "Vietnamese.isl", "build.ps1"):
        assert (INSTALLER / name).read_bytes().startswith(BOM), name


def test_every_file_the_script_names_exists_or_is_what_the_spec_builds():
    text = script()
    named = re.findall(r'(?:Source|MessagesFile): "([^"]+)"', text)
    named += re.findall(r"^SetupIconFile=(.+)$", text, re.MULTILINE)
    assert len(named) >= 3
    spec = (INSTALLER / "motcua.spec").read_text(encoding="utf-8")
    for name in named:
        path = PureWindowsPath(name)
        if path.parts[:2] == ("..", "dist"):
            assert path.parts[2] == "MotCuaDesk" and 'name="MotCuaDesk"' in spec
            continue
        assert (INSTALLER / Path(*path.parts)).is_file(), name
    programs = set(re.findall(r'#define (?:AppExe|CliExe) "([^"]+)"', text))
    assert programs == {"motcua.exe", "motcua-cli.exe"}
    assert '("motcua", False), ("motcua-cli", True)' in spec  # windowed, console


def test_the_version_is_injected_not_written():
    text = script()
    assert not re.search(r'#define AppVersion\b', text)
    assert "#ifndef AppVersion" in text and "#error" in text
    assert text.count("{#AppVersion}") >= 3  # AppVersion, VersionInfoVersion, the file name
    build = (INSTALLER / "build.ps1").read_text(encoding="utf-8-sig")
    assert "import desk; print(desk.__version__)" in build
    assert '"/DAppVersion=$Version"' in build
    assert re.fullmatch(r"\d+\.\d+\.\d+", desk.__version__)


def test_per_machine_install_shortcuts_for_both_programs_and_data_left_alone():
    text = script()
    found = sections(text)
    assert "PrivilegesRequired=admin" in found["Setup"]
    assert not any(line.startswith("PrivilegesRequiredOverridesAllowed") for line in found["Setup"])
    assert found["InstallDelete"] == ['Type: filesandordirs; Name: "{app}\\_internal"']
    assert "UninstallDelete" not in found  # the clerks' data folders stay
    icons = found["Icons"]
    for place in ("{group}", "{autodesktop}"):
        assert any(line.startswith(f'Name: "{place}') and "{#AppExe}" in line for line in icons)
        assert any(line.startswith(f'Name: "{place}') and "{#CliExe}" in line for line in icons)
    # the data folder is the per-user app-data folder, outside {app}
    paths = (ROOT / "desk" / "paths.py").read_text(encoding="utf-8")
    assert 'APP_NAME = "MotCuaDesk"' in paths and "user_data_dir" in paths


def test_the_vietnamese_messages_cover_what_the_script_uses():
    messages = check_isl.messages(INSTALLER / "Vietnamese.isl")
    used = set(re.findall(r"\{cm:(\w+)", script()))
    assert used and all(f"[CustomMessages] {name}" in messages for name in used)
    assert len([k for k in messages if k.startswith("[Messages]")]) >= 280
    empty_by_design = {"HelpTextNote", "BeveledLabel", "AboutSetupNote"}
    assert [k for k, v in messages.items() if not v and k.split()[1] not in empty_by_design] == []
    assert messages["[Messages] ButtonNext"] == "&Tiếp >"
    text = (INSTALLER / "Vietnamese.isl").read_text(encoding="utf-8-sig")
    assert "LanguageID=$042A" in text


def test_the_message_check_names_missing_unknown_and_changed_arguments(tmp_path):
    english = tmp_path / "Default.isl"
    english.write_text("[Messages]\nButtonNext=&Next >\nWelcomeLabel1=Welcome to [name]\n"
                       "DirExists=The folder %1 exists\n[CustomMessages]\nLaunchProgram=Run %1\n")
    ours = tmp_path / "vi.isl"
    ours.write_bytes(BOM + "[Messages]\nButtonNext=&Tiếp >\nWelcomeLabel1=Chào mừng\n"
                     "Extra=x\n[CustomMessages]\nLaunchProgram=Mở %1\n".encode())
    assert check_isl.differences(ours, english) == [
        "arguments differ in [Messages] WelcomeLabel1: English ['[name]'], translated []",
        "missing: [Messages] DirExists",
        "unknown to this compiler: [Messages] Extra",
    ]
    assert check_isl.main([str(ours), str(english)]) == 1
