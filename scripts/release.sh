#!/usr/bin/env bash
# Release binaries: one self-contained cls per system, each in a zip with
# the notices of what it carries (the Carlito fonts' SIL Open Font License,
# the sRGB profile's licence) and the coordinator's getting-started guide,
# then SHA256SUMS over the zips.
#
#   scripts/release.sh [VERSION]      → dist/VERSION/
#
# VERSION defaults to `git describe --tags --always --dirty`. The output is
# reproducible: the same sources, Go version and VERSION give the same
# bytes (no paths, build id or VCS stamp in the binaries; files in the zips
# in a fixed order with a fixed date, SOURCE_DATE_EPOCH or else the last
# commit's).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
case $version in
  "" | *[!A-Za-z0-9._+-]*) echo "release.sh: version \"$version\": expected letters, digits, . _ + -" >&2; exit 2 ;;
esac
command -v zip >/dev/null || { echo "release.sh: zip is needed (apt-get install zip)" >&2; exit 2; }

epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
# a zip stores local time: UTC, so that the bytes do not depend on where
# the release is made
export TZ=UTC
stamp=$(date -u -d "@$epoch" +%Y%m%d%H%M.%S 2>/dev/null || date -u -r "$epoch" +%Y%m%d%H%M.%S)

out=dist/$version
rm -rf "$out"
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

targets="windows/amd64 darwin/amd64 darwin/arm64 linux/amd64 linux/arm64"
go version
for t in $targets; do
  goos=${t%/*} goarch=${t#*/}
  name=cls-$version-$goos-$goarch
  dir=$stage/$name
  mkdir -p "$dir"
  exe=cls
  [ "$goos" = windows ] && exe=cls.exe
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOFLAGS=-buildvcs=false \
    go build -trimpath -ldflags "-s -w -buildid= -X main.version=$version" -o "$dir/$exe" ./cmd/cls
  cp fonts/OFL.txt "$dir/LICENCE-polices-Carlito-OFL.txt"
  cp internal/pdfwrite/icc/LICENCE "$dir/LICENCE-profil-sRGB.txt"
  cp docs/demarrer.md "$dir/DEMARRER.txt"
  [ -f LICENSE ] && cp LICENSE "$dir/LICENSE.txt"
  chmod 755 "$dir/$exe"
  chmod 644 "$dir"/*.txt
  touch -t "$stamp" "$dir" "$dir"/*
  # -X: no uid/gid or extra time fields; -D: no folder entries; the
  # files in name order
  (cd "$stage" && LC_ALL=C ls -d "$name"/* | LC_ALL=C sort | zip -q -X -D -9 "$OLDPWD/$out/$name.zip" -@)
  printf '%-36s %9d bytes (program alone: %d)\n' "$name.zip" "$(wc -c <"$out/$name.zip")" "$(wc -c <"$dir/$exe")"
done

(cd "$out" && if command -v sha256sum >/dev/null; then sha256sum -- *.zip; else shasum -a 256 -- *.zip; fi) >"$out/SHA256SUMS.tmp"
mv "$out/SHA256SUMS.tmp" "$out/SHA256SUMS"
echo "dist/$version/SHA256SUMS :"
cat "$out/SHA256SUMS"
