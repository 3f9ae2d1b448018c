;; Sote-suunnittelija: Windows installer (NSIS 3, Unicode). Per-user: no administrator rights.
;;
;; Built from the PyInstaller bundle (dist\sote-planner\ made by installer\sote-planner.spec):
;;   makensis /DAPP_VERSION=0.1.0 /DBUNDLE_DIR=..\..\dist\sote-planner /DOUTFILE=setup.exe sote-planner.nsi
;; installer/build.py --nsis passes every define below (read from desktop/__init__.py); see
;; installer/README.md. The file is UTF-8 with a byte-order mark so that makensis reads ä and ö right.
;;
;; Installs into %LOCALAPPDATA%\Programs\Sote-suunnittelija, adds a Start-menu entry (and optionally a
;; desktop shortcut), opens .sote project files with the app, and registers an uninstaller under
;; HKCU (Settings > Apps). Languages: Finnish (default), Swedish, English.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user

!ifndef APP_NAME
  !define APP_NAME "Sote-suunnittelija"
!endif
!ifndef APP_VERSION
  !error "define APP_VERSION (e.g. /DAPP_VERSION=0.1.0)"
!endif
!ifndef APP_VERSION_NUMERIC
  !define APP_VERSION_NUMERIC "${APP_VERSION}.0"
!endif
!ifndef APP_ID
  !define APP_ID "fi.soteplanner.desktop"
!endif
!ifndef STORE_SUFFIX
  !define STORE_SUFFIX ".sote"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\sote-planner"
!endif
!ifndef OUTFILE
  !define OUTFILE "sote-planner-${APP_VERSION}-windows-setup.exe"
!endif
!ifndef ICON
  !define ICON "${BUNDLE_DIR}\sote-planner.ico"
!endif
!define EXE "sote-planner.exe"
!define PUBLISHER "Sote-suunnittelija"
!define PROG_ID "SotePlanner.Project"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

!ifdef FAST_COMPRESSION  ; for checks of the script only
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif

Name "${APP_NAME} ${APP_VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${PUBLISHER}\${APP_NAME}" "InstallDir"
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${APP_VERSION_NUMERIC}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "Software\${PUBLISHER}\${APP_NAME}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Finnish"
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecAppName ${LANG_FINNISH} "${APP_NAME} (pakollinen)"
LangString SecAppName ${LANG_SWEDISH} "${APP_NAME} (krävs)"
LangString SecAppName ${LANG_ENGLISH} "${APP_NAME} (required)"
LangString SecAppDesc ${LANG_FINNISH} "Sovellus, Käynnistä-valikon kuvake ja .sote-projektitiedostojen avaaminen sovelluksella."
LangString SecAppDesc ${LANG_SWEDISH} "Programmet, genväg i Start-menyn och öppning av .sote-projektfiler med programmet."
LangString SecAppDesc ${LANG_ENGLISH} "The application, a Start-menu entry and opening .sote project files with it."
LangString SecDesktopName ${LANG_FINNISH} "Työpöydän pikakuvake"
LangString SecDesktopName ${LANG_SWEDISH} "Genväg på skrivbordet"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopDesc ${LANG_FINNISH} "Pikakuvake työpöydälle."
LangString SecDesktopDesc ${LANG_SWEDISH} "En genväg på skrivbordet."
LangString SecDesktopDesc ${LANG_ENGLISH} "A shortcut on the desktop."
LangString FileTypeName ${LANG_FINNISH} "Sote-suunnittelijan projekti"
LangString FileTypeName ${LANG_SWEDISH} "Sote-suunnittelija-projekt"
LangString FileTypeName ${LANG_ENGLISH} "Sote Planner project"
LangString AppComment ${LANG_FINNISH} "Hyvinvointialueen palveluiden suunnittelu"
LangString AppComment ${LANG_SWEDISH} "Planering av välfärdsområdets tjänster"
LangString AppComment ${LANG_ENGLISH} "Planning a wellbeing services county's services"

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "!$(SecAppName)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; a previous version's files go first (a removed library must not linger)
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  File "/oname=sote-planner.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\sote-planner.ico" 0 SW_SHOWNORMAL "" "$(AppComment)"

  ; .sote project files open in the app (per user: HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\${STORE_SUFFIX}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "$(FileTypeName)"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\sote-planner.ico,0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" gui "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Settings > Apps entry
  WriteRegStr HKCU "Software\${PUBLISHER}\${APP_NAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\sote-planner.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "$(SecDesktopName)" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\sote-planner.ico" 0 SW_SHOWNORMAL "" "$(AppComment)"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(SecAppDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; only what the installer put there: the user's projects and data (in %LOCALAPPDATA%\SotePlanner)
  ; are kept
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\sote-planner.exe"
  Delete "$INSTDIR\sote-planner-cli.exe"
  Delete "$INSTDIR\sote-planner.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ReadRegStr $0 HKCU "Software\Classes\${STORE_SUFFIX}" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${STORE_SUFFIX}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PUBLISHER}\${APP_NAME}"
  DeleteRegKey /ifempty HKCU "Software\${PUBLISHER}"
SectionEnd
