#!/bin/sh
# Starts Chromium full screen on a kiosk or display PC (Debian/Ubuntu, Raspberry Pi OS).
#   vuoro-kiosk.sh http://vuoro.hall.local:8080/kiosk?id=entrance
#   vuoro-kiosk.sh http://vuoro.hall.local:8080/display?id=hall
# Run it from the desktop session's autostart (see README, "Kiosk and display PCs"); after a power cut the PC starts,
# logs in automatically, this script runs again, and the screen reconnects to the server by itself.
set -eu
URL="${1:?usage: vuoro-kiosk.sh <screen URL>}"
BROWSER="${VUORO_BROWSER:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || echo chromium)}"
PROFILE="${VUORO_KIOSK_PROFILE:-${XDG_CONFIG_HOME:-$HOME/.config}/vuoro-kiosk}"

# A power cut leaves the profile marked as crashed, and Chromium would offer to restore the last session over the
# screen. Mark the last exit as clean first.
PREFS="$PROFILE/Default/Preferences"
if [ -f "$PREFS" ]; then
  sed -i -e 's/"exited_cleanly":false/"exited_cleanly":true/' -e 's/"exit_type":"[A-Za-z]*"/"exit_type":"Normal"/' "$PREFS"
fi

# --kiosk                                 full screen, no address bar, no way out by mouse
# --autoplay-policy=...                   the display may play its call chime and speech without a tap
# --disable-pinch, --overscroll-history-navigation=0   no pinch-zoom and no swipe back on touch screens
# --disable-features=Translate            no "translate this page?" bar over the screen
# --noerrdialogs, --hide-crash-restore-bubble, --disable-session-crashed-bubble   no crash or restore bubbles
# --disable-infobars, --no-first-run, --password-store=basic   no prompts on a PC nobody sits at
# --check-for-update-interval             no update nag
# shellcheck disable=SC2086 # VUORO_BROWSER_EXTRA is a list of flags
exec "$BROWSER" \
  --kiosk \
  --autoplay-policy=no-user-gesture-required \
  --disable-pinch \
  --overscroll-history-navigation=0 \
  --disable-features=Translate,TranslateUI \
  --noerrdialogs \
  --hide-crash-restore-bubble \
  --disable-session-crashed-bubble \
  --disable-infobars \
  --no-first-run \
  --no-default-browser-check \
  --password-store=basic \
  --check-for-update-interval=31536000 \
  --user-data-dir="$PROFILE" \
  ${VUORO_BROWSER_EXTRA:-} \
  "$URL"
