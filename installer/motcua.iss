; Inno Setup script for Một Cửa Desk (Windows 10 or later, 64-bit).
; Build after PyInstaller:  iscc installer\motcua.iss
; The data directory (%LOCALAPPDATA%\MotCuaDesk) is never touched by install, upgrade or
; uninstall: a clerk's dossiers outlive the program that wrote them.

#define AppName "Một Cửa Desk"
; The version is not written here: build.ps1 passes the one in desk/__init__.py.
#ifndef AppVersion
  #error Build with installer\build.ps1 (it passes /DAppVersion=<desk.__version__>)
#endif

[Setup]
AppId={{6F1D2C9A-3B7E-4C51-9E0A-7D2B8C4E1F60}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Một Cửa Desk
DefaultDirName={autopf}\MotCuaDesk
DefaultGroupName={#AppName}
OutputBaseFilename=MotCuaDesk-{#AppVersion}-setup
OutputDir=..\dist
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern
UninstallDisplayName={#AppName}

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; GroupDescription: "Biểu tượng:"

[Files]
Source: "..\dist\MotCuaDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\motcua.exe"
Name: "{group}\Gỡ cài đặt {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\motcua.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\motcua.exe"; Description: "Mở {#AppName}"; Flags: nowait postinstall skipifsilent
