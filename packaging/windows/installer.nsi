; Sổ Khuyến công: the Windows installer (NSIS 3, Unicode, 64 bit).
;
; Built by scripts/windows-release.sh, which passes:
;   /DVERSION=0.1.0  /DEXE=…/khuyencong.exe  /DNOTICES=…/GIAY-PHEP-THU-VIEN.txt
;   /DREADME=…/Doc-truoc.txt  /DICON=…/khuyencong.ico  /DOUTFILE=…/SoKhuyenCong-0.1.0-setup.exe
;   and, in CI only, /DFAST (no compression: the smoke test installs a debug exe).
;
; Per user, no administrator rights: office PCs rarely give them. The program goes to
; %LOCALAPPDATA%\Programs\SoKhuyenCong (Windows' own per-user programs folder); the data is the
; app's and lives elsewhere (%LOCALAPPDATA%\KhuyenCong\SoKhuyenCong\data): neither installing
; a newer version over an older one nor uninstalling touches it. The app itself migrates the
; database at its next start, after its usual backup.

!ifndef VERSION | EXE | NOTICES | README | ICON | OUTFILE
  !error "Chạy qua scripts/windows-release.sh (thiếu /DVERSION, /DEXE, /DNOTICES, /DREADME, /DICON hoặc /DOUTFILE)"
!endif

Unicode true
Target amd64-unicode
RequestExecutionLevel user
ManifestDPIAware true

!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!define PRODUCT "Sổ Khuyến công"
!define PUBLISHER "Dự án Sổ Khuyến công"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SoKhuyenCong"
!define DATA_DIR "$LOCALAPPDATA\KhuyenCong\SoKhuyenCong\data"

Name "${PRODUCT}"
Caption "Cài đặt ${PRODUCT} ${VERSION}"
UninstallCaption "Gỡ ${PRODUCT}"
BrandingText "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\SoKhuyenCong"
InstallDirRegKey HKCU "Software\SoKhuyenCong" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!include "MUI2.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${PRODUCT} ${VERSION} cho tài khoản Windows này (không cần quyền quản trị).$\r$\n$\r$\nNếu máy đã có bản cũ, bản mới sẽ thay chương trình; dữ liệu đã nhập được giữ nguyên.$\r$\n$\r$\nHãy đóng ${PRODUCT} (nếu đang mở) trước khi tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\khuyencong.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT} ngay"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} sẽ được gỡ khỏi máy. Dữ liệu (sổ, bản sao lưu, hồ sơ đính kèm) KHÔNG bị xóa; chúng vẫn ở ${DATA_DIR}."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "Giấy phép MIT hoặc Apache-2.0"

Function .onInit
  ; The exe needs Windows 10 (Rust's standard library asks bcryptprimitives.dll for ProcessPrng):
  ; on Windows 7 or 8 it would stop with an English loader error, so say it here instead.
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} cần Windows 10 hoặc Windows 11 (64 bit). Máy này chạy phiên bản Windows cũ hơn nên không cài được." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT}"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; A running copy holds its exe open: ask for it to be closed rather than fail half-way.
  retry:
  Delete "$INSTDIR\khuyencong.exe"
  IfFileExists "$INSTDIR\khuyencong.exe" 0 replaced
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT} đang mở. Hãy đóng cửa sổ ${PRODUCT} rồi bấm Thử lại." /SD IDCANCEL IDRETRY retry
    Abort "${PRODUCT} đang mở nên chưa thay được chương trình."
  replaced:
  File "/oname=khuyencong.exe" "${EXE}"
  File "/oname=GIAY-PHEP-THU-VIEN.txt" "${NOTICES}"
  File "/oname=Doc-truoc.txt" "${README}"
  WriteUninstaller "$INSTDIR\go-cai-dat.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\khuyencong.exe" "" "$INSTDIR\khuyencong.exe" 0
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\khuyencong.exe" "" "$INSTDIR\khuyencong.exe" 0

  WriteRegStr HKCU "Software\SoKhuyenCong" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\khuyencong.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\go-cai-dat.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\go-cai-dat.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Only what the installer put there: the data folder is never named here.
  Delete "$INSTDIR\khuyencong.exe"
  Delete "$INSTDIR\GIAY-PHEP-THU-VIEN.txt"
  Delete "$INSTDIR\Doc-truoc.txt"
  Delete "$INSTDIR\go-cai-dat.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\SoKhuyenCong"
  MessageBox MB_OK|MB_ICONINFORMATION "Đã gỡ ${PRODUCT}.$\r$\n$\r$\nDữ liệu vẫn được giữ nguyên tại:$\r$\n${DATA_DIR}$\r$\n$\r$\nCài lại phần mềm sẽ mở tiếp dữ liệu này. Nếu không cần nữa, có thể tự xóa thư mục đó." /SD IDOK
SectionEnd
