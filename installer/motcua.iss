; Inno Setup 6 script for Một Cửa Desk (Windows 10 or later, 64-bit), per-machine install.
; Build with installer\build.ps1, which freezes the desk, checks it and runs:
;   iscc /DAppVersion=<desk.__version__> installer\motcua.iss
; The version is written once, in desk\__init__.py; the icon once, in ui\assets\motcua.ico.
; Saved as UTF-8 with a byte-order mark so that ISCC reads the Vietnamese texts as UTF-8.
;
; A clerk's dossiers live in the per-user app-data folder (%LOCALAPPDATA%\MotCuaDesk), never in
; {app}: install, upgrade and uninstall leave them untouched. An upgrade installs over the
; previous version (same AppId) after removing the old {app}\_internal, so no library of the
; old release lingers beside the new one.

#ifndef AppVersion
  #error Build with installer\build.ps1 (it passes /DAppVersion=<desk.__version__>)
#endif
#define AppName "Một Cửa Desk"
#define AppExe "motcua.exe"
#define CliExe "motcua-cli.exe"

[Setup]
AppId={{6F1D2C9A-3B7E-4C51-9E0A-7D2B8C4E1F60}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Một Cửa Desk
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\MotCuaDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per machine: every clerk's Windows account on the counter PC gets the same program
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\ui\assets\motcua.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=MotCuaDesk-{#AppVersion}-setup
OutputDir=..\dist
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; a running window would hold its DLLs open during an upgrade: close it, do not restart it
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "vi"; MessagesFile: "Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; the previous release's libraries: PyInstaller's folder is replaced whole on every upgrade
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\MotCuaDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{#AppName} - dòng lệnh"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{app}"; IconFilename: "{app}\{#CliExe}"; Comment: "motcua-cli: đăng ký máy, đồng bộ, kiểm tra (cho cán bộ kỹ thuật)"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{autodesktop}\{#AppName} - dòng lệnh"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{app}"; IconFilename: "{app}\{#CliExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete]: the data folder of each user stays, with its backups and logs.
