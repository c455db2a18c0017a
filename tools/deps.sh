#!/bin/bash
# Installs what Parastudy needs to build, test and benchmark on Debian 12.
# Idempotent: it asks apt only for what is missing.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libjson-glib-dev libgsl-dev libgtk-4-dev
  libopenmpi-dev openmpi-bin librandom123-dev libsqlite3-dev
  xvfb xauth poppler-utils desktop-file-utils appstream
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libxlsxwriter-dev
  python3-numpy python3-numba python3-joblib python3-openturns
  iproute2
  clang libclang-rt-14-dev
  locales
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The translations are tested in Brazilian Portuguese and Spanish (tests/test-i18n.c):
# generate those locales when `locale -a` lacks them.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need_locales=0
for l in pt_BR es_ES; do
  if ! locale -a 2>/dev/null | grep -qix "$l\.utf-\?8"; then
    need_locales=1
    if ! grep -qx "$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
      echo "$l.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
    fi
  fi
done
if [ $need_locales -eq 1 ]; then
  $SUDO locale-gen >/dev/null
fi
