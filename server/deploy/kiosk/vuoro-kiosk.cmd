@echo off
rem Starts a Vuoro kiosk or display full screen on Windows with Chrome or Edge.
rem   vuoro-kiosk.cmd http://vuoro-server:8080/kiosk?id=entrance
rem Put a shortcut to this file with the URL in shell:startup of the kiosk user (with automatic sign-in), so the
rem screen comes back by itself after a power cut. The flags are the same as in vuoro-kiosk.sh.
setlocal
if "%~1"=="" (echo usage: vuoro-kiosk.cmd ^<screen URL^> & exit /b 2)
set "BROWSER=%VUORO_BROWSER%"
if not defined BROWSER if exist "%ProgramFiles%\Google\Chrome\Application\chrome.exe" set "BROWSER=%ProgramFiles%\Google\Chrome\Application\chrome.exe"
if not defined BROWSER set "BROWSER=%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe"
set "PROFILE=%LOCALAPPDATA%\vuoro-kiosk"
start "" "%BROWSER%" --kiosk --autoplay-policy=no-user-gesture-required --disable-pinch --overscroll-history-navigation=0 --disable-features=Translate,TranslateUI --noerrdialogs --hide-crash-restore-bubble --disable-session-crashed-bubble --disable-infobars --no-first-run --no-default-browser-check --check-for-update-interval=31536000 --user-data-dir="%PROFILE%" "%~1"
