#!/usr/bin/env bash
# Packaging step: puts the better-sqlite3 binary built for the desktop app's Electron into build/native/, after
# checking it against the SHA-256 pinned in scripts/electron-binding.sha256. The packaged app ships that folder as
# resources/native/ (electron-builder: extraResources from build/native to native); the app itself never downloads
# or compiles anything when it runs, and refuses to start without the file.
#
#   bash scripts/build-electron-binding.sh               this computer's platform and CPU
#   bash scripts/build-electron-binding.sh --arch arm64  another CPU (e.g. both halves of a macOS universal build)
#   bash scripts/build-electron-binding.sh --pin         a new Electron or better-sqlite3 version: download, print the
#                                                        checksum line to review and commit; installs nothing
set -euo pipefail
cd "$(dirname "$0")/.."

arch=$(node -p process.arch)
platform=$(node -p process.platform)
pin=0
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arch="$2"; shift 2 ;;
    --platform) platform="$2"; shift 2 ;;
    --pin) pin=1; shift ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
done

electron=$(node -p "require('electron/package.json').version")
sqlite=$(node -p "require('better-sqlite3-multiple-ciphers/package.json').version")
# node-abi comes with better-sqlite3-multiple-ciphers's prebuild-install: Electron's module ABI for this version.
abi=$(node -p "require('node-abi').getAbi('$electron', 'electron')")
asset="better-sqlite3-multiple-ciphers-v${sqlite}-electron-v${abi}-${platform}-${arch}.tar.gz"
url="https://github.com/m4heshd/better-sqlite3-multiple-ciphers/releases/download/v${sqlite}/${asset}"
target="build/native/better_sqlite3-electron-${electron}-${platform}-${arch}.node"
pins=scripts/electron-binding.sha256

sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi; }

expected=$(awk -v a="$asset" '$2 == a { print $1 }' "$pins")
if [ "$pin" = "0" ] && [ -z "$expected" ]; then
  echo "No pinned checksum for $asset in $pins." >&2
  echo "Run this script with --pin on a trusted machine, review the line it prints, and commit it to $pins." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "› Downloading $asset"
curl -fsSL --retry 3 -o "$work/$asset" "$url"
actual=$(sha256 "$work/$asset")

if [ "$pin" = "1" ]; then
  echo "$actual  $asset"
  echo "Review it (compare with a second download, or build from source and compare), then add the line to $pins." >&2
  exit 0
fi
if [ "$actual" != "$expected" ]; then
  echo "The checksum of $asset is $actual, not the pinned $expected. Nothing was installed." >&2
  exit 1
fi

tar -xzf "$work/$asset" -C "$work"
mkdir -p build/native
cp "$work/build/Release/better_sqlite3.node" "$target.partial"
mv "$target.partial" "$target"
echo "› $target (Electron $electron, ABI $abi, $platform-$arch, checksum verified)"
