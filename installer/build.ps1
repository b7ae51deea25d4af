# Builds the Windows installer of Một Cửa Desk on a Windows 10/11 x64 machine:
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
# Needs Python 3.11 (the py launcher) and Inno Setup 6.5 or later. Steps (installer\README.md):
#   1. a build venv holding the desk set only (.[desk,freeze]): nothing of the server's
#   2. PyInstaller: dist\MotCuaDesk with motcua.exe (window) and motcua-cli.exe (console);
#      the spec stops on any missing module, data file, font or Qt plugin
#   3. the folder's size (bench\dist_size.py), then a smoke run of the frozen programs
#   4. the Vietnamese messages against this compiler's Default.isl
#   5. iscc with the version read from desk\__init__.py -> dist\MotCuaDesk-<version>-setup.exe
param(
    [string]$Python = "py -3.11",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Run([string]$What, [scriptblock]$Step) {
    Write-Host "== $What"
    & $Step
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 not found at $Iscc (pass -Iscc PATH)" }
$Venv = Join-Path $Root ".venv-dist"
$Py = Join-Path $Venv "Scripts\python.exe"

Run "build venv (desk set and PyInstaller)" {
    if (-not (Test-Path $Py)) { Invoke-Expression "$Python -m venv `"$Venv`"" }
    & $Py -m pip install --quiet --upgrade pip
    & $Py -m pip install --quiet -e ".[desk,freeze]"
}
$Version = (& $Py -c "import desk; print(desk.__version__)").Trim()
if ($Version -notmatch '^\d+\.\d+\.\d+') { throw "desk.__version__ is '$Version'" }
Write-Host "version $Version"

Run "PyInstaller" {
    & $Py -m PyInstaller installer\motcua.spec --noconfirm --clean --distpath dist `
        --workpath build\pyinstaller --log-level WARN
}
Run "size" { & $Py bench\dist_size.py dist\MotCuaDesk }

$Cli = Join-Path $Root "dist\MotCuaDesk\motcua-cli.exe"
$Data = Join-Path ([System.IO.Path]::GetTempPath()) ("motcua-smoke-" + [guid]::NewGuid())
Run "smoke: --version" {
    $shown = (& $Cli --version).Trim()
    if ($shown -ne "motcua $Version") { throw "motcua-cli --version says '$shown'" }
}
Run "smoke: init" {
    & $Cli --data-dir $Data init --commune-code 26734 --commune-name "Xã Tân Phú" `
        --agency-code 000.00.12.H12
}
$Code = (& $Cli --data-dir $Data intake --procedure 1.001193 --name "Đặng Văn Đức" `
         --id-number 079203001234 --phone 0912345678).Trim()
if ($Code -notmatch '^000\.00\.12\.H12-\d{6}-0001$') { throw "intake printed '$Code'" }
Run "smoke: receipt" { & $Cli --data-dir $Data receipt $Code --out (Join-Path $Data "r.pdf") }
Remove-Item -Recurse -Force $Data

$Default = Join-Path (Split-Path -Parent $Iscc) "Default.isl"
Run "Vietnamese messages against $Default" { & $Py installer\check_isl.py installer\Vietnamese.isl $Default }
Run "Inno Setup" { & $Iscc "/DAppVersion=$Version" installer\motcua.iss }

$Setup = Join-Path $Root "dist\MotCuaDesk-$Version-setup.exe"
$Hash = (Get-FileHash -Algorithm SHA256 $Setup).Hash.ToLower()
Write-Host "built $Setup"
Write-Host "SHA-256 $Hash"
