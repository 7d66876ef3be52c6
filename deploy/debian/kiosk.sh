#!/bin/sh
# /usr/bin/kiosk of the clinic-kiosk package: the kiosk command (`kiosk start`,
# `kiosk printer status`, `kiosk config check`, …) on the package's own Node 24,
# running the bridge built to plain JavaScript. Without --config or KIOSK_CONFIG
# the layers in /etc/clinic-kiosk apply, as for the kiosk-bridge service.
set -e
: "${KIOSK_CONFIG=/etc/clinic-kiosk/fleet.json:/etc/clinic-kiosk/site.json:/etc/clinic-kiosk/kiosk.json}"
export KIOSK_CONFIG
exec /opt/clinic-kiosk/node/bin/node /opt/clinic-kiosk/device-bridge/cli.mjs "$@"
