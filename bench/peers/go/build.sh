#!/bin/sh
# Builds the Go peer offline from Debian's golang-golang-x-crypto-dev (GOPATH mode, no module
# downloads) into the folder $1, with the build cache in that folder too.
#   bench/peers/go/build.sh OUT_DIR   ->  OUT_DIR/go-peer
set -eu
if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
gopath=/usr/share/gocode
if ! command -v go >/dev/null 2>&1; then
    echo "$0: go not found: apt-get install -y golang-go golang-golang-x-crypto-dev" >&2
    exit 1
fi
for pkg in ssh ssh/knownhosts; do
    if [ ! -d "$gopath/src/golang.org/x/crypto/$pkg" ]; then
        echo "$0: $gopath/src/golang.org/x/crypto/$pkg missing:" \
             "apt-get install -y golang-golang-x-crypto-dev" >&2
        exit 1
    fi
done
version=$(dpkg-query -W -f='${Version}' golang-golang-x-crypto-dev 2>/dev/null || echo unknown)
version=${version#*:} # drop the Debian epoch
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$here"
GO111MODULE=off GOPATH=$gopath GOCACHE="$out/gocache" GOFLAGS= CGO_ENABLED=0 \
    go build -trimpath -ldflags "-X main.cryptoVersion=$version" -o "$out/go-peer" .
echo "$out/go-peer"
