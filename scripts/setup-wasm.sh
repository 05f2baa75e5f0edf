#!/usr/bin/env bash
# Makes sure this machine can build the SPA (frontend/, crate huzhu-web) for wasm32-unknown-unknown:
#   1. a Rust compiler with a standard library for wasm32-unknown-unknown, either
#      - "rustup": `rustup target add wasm32-unknown-unknown` (the normal developer machine), or
#      - "debian": Debian's rustc-web/cargo-web/rust-web-src, building std from source with
#        -Zbuild-std (for machines where rustup cannot download components);
#   2. the wasm-bindgen CLI of exactly the version of the wasm-bindgen crate in frontend/Cargo.lock
#      (the two must match or the generated JS does not fit the wasm).
#
# Idempotent and non-interactive (fine with CI=true and no TTY). Needs root or sudo only when an
# apt package has to be installed.
#
# Progress goes to stderr. stdout carries only shell assignments describing the chosen toolchain,
# so scripts/build-web.sh can `eval "$(scripts/setup-wasm.sh)"`:
#   HUZHU_WASM_MODE=rustup|debian  HUZHU_WASM_CARGO=...  HUZHU_WASM_RUSTC=...  HUZHU_WASM_LINKER=...
# Set HUZHU_WASM_MODE=rustup or =debian beforehand to force a mode instead of detecting it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCKFILE="$ROOT/frontend/Cargo.lock"
TARGET=wasm32-unknown-unknown
DEBIAN_PACKAGES=(rustc-web cargo-web rust-web-src)
DEBIAN_STD_SRC=/usr/lib/rustlib/src/rust/library

log() { printf 'setup-wasm: %s\n' "$*" >&2; }
die() { printf 'setup-wasm: ERROR: %s\n' "$*" >&2; exit 1; }

# cargo install puts binaries here; rustup lives here too.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        # Without a terminal a password prompt would hang: fail fast instead.
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root (or sudo) to run: $*"
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install these packages by hand: $*"
    log "installing with apt-get: $*"
    export DEBIAN_FRONTEND=noninteractive
    # An out-of-date package list is the usual reason an install fails on a fresh machine.
    if ! as_root apt-get install -y --no-install-recommends "$@" >&2; then
        as_root apt-get update >&2 || die "apt-get update failed"
        as_root apt-get install -y --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
    fi
}

# Compiles an empty library for wasm32: proves that the standard library for the target is there.
rustc_has_wasm_std() {
    local rustc="$1" out
    out="$(mktemp -d)"
    if echo '' | "$rustc" --target "$TARGET" --crate-type lib --crate-name probe --emit metadata \
        --out-dir "$out" - >/dev/null 2>&1; then
        rm -rf "$out"; return 0
    fi
    rm -rf "$out"; return 1
}

try_rustup() {
    command -v rustup >/dev/null 2>&1 || { log "rustup not found"; return 1; }
    local installed
    # Captured first: with pipefail, `grep -q` closing the pipe early could fail the pipeline.
    installed="$(rustup target list --installed 2>/dev/null || true)"
    if ! grep -qx "$TARGET" <<<"$installed"; then
        log "running: rustup target add $TARGET"
        # Bounded: on a machine without access to the rustup servers this must not hang.
        if ! timeout 600 rustup target add "$TARGET" >&2; then
            log "rustup could not add $TARGET"
            return 1
        fi
    fi
    if ! rustc_has_wasm_std "$(rustup which rustc)"; then
        log "rustup lists $TARGET but its standard library does not work"
        return 1
    fi
    return 0
}

# A wasm linker for Debian's compiler, which ships none: rustup's rust-lld if present, otherwise
# LLVM's wasm-ld from the lld package.
find_wasm_linker() {
    local host_rustc sysroot host lld candidate
    if command -v rustup >/dev/null 2>&1 && host_rustc="$(rustup which rustc 2>/dev/null)"; then
        sysroot="$("$host_rustc" --print sysroot)"
        host="$("$host_rustc" -vV | sed -n 's/^host: //p')"
        lld="$sysroot/lib/rustlib/$host/bin/rust-lld"
        if [ -x "$lld" ]; then echo "$lld"; return 0; fi
    fi
    for candidate in wasm-ld $(ls /usr/bin/wasm-ld-* /usr/lib/llvm-*/bin/wasm-ld 2>/dev/null | sort -rV); do
        if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
    done
    return 1
}

setup_debian() {
    local missing=() pkg
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
    else
        log "Debian packages already installed: ${DEBIAN_PACKAGES[*]}"
    fi
    [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] || die "/usr/bin/rustc or /usr/bin/cargo missing after installing ${DEBIAN_PACKAGES[*]}"
    [ -d "$DEBIAN_STD_SRC/std" ] || die "the standard library source is missing at $DEBIAN_STD_SRC (package rust-web-src)"
    if ! LINKER="$(find_wasm_linker)"; then
        apt_install lld
        LINKER="$(find_wasm_linker)" || die "no wasm linker found (neither rustup's rust-lld nor wasm-ld from lld)"
    fi
    log "Debian compiler: $(/usr/bin/rustc --version); wasm linker: $LINKER"
}

wasm_bindgen_version_in_lock() {
    [ -f "$LOCKFILE" ] || die "$LOCKFILE is missing (run: cd frontend && cargo generate-lockfile)"
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' "$LOCKFILE"
}

ensure_wasm_bindgen_cli() {
    local want have
    want="$(wasm_bindgen_version_in_lock)"
    [ -n "$want" ] || die "no wasm-bindgen package in $LOCKFILE"
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    if [ "$have" = "$want" ]; then
        log "wasm-bindgen CLI $want already installed at $(command -v wasm-bindgen)"
        return 0
    fi
    log "installing wasm-bindgen CLI $want (found: ${have:-none}); this compiles for a few minutes"
    command -v cc >/dev/null 2>&1 || apt_install gcc libc6-dev
    # A native build, so any working cargo will do: rustup's if there, Debian's otherwise.
    # No --locked: the CLI's own lock file has pinned a yanked crate before.
    local installer=(cargo)
    if ! command -v cargo >/dev/null 2>&1; then installer=(env RUSTC=/usr/bin/rustc /usr/bin/cargo); fi
    "${installer[@]}" install wasm-bindgen-cli --version "$want" >&2 \
        || die "cargo install wasm-bindgen-cli --version $want failed"
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    [ "$have" = "$want" ] || die "wasm-bindgen on PATH is ${have:-missing}, expected $want (is ~/.cargo/bin early enough in PATH?)"
    log "wasm-bindgen CLI $want installed at $(command -v wasm-bindgen)"
}

main() {
    local mode="${HUZHU_WASM_MODE:-}"
    LINKER=""
    case "$mode" in
        rustup)
            try_rustup || die "HUZHU_WASM_MODE=rustup was requested but rustup cannot provide $TARGET" ;;
        debian)
            setup_debian ;;
        "")
            if try_rustup; then
                mode=rustup
            else
                log "falling back to Debian's rustc-web with -Zbuild-std"
                setup_debian
                mode=debian
            fi ;;
        *)
            die "HUZHU_WASM_MODE must be rustup or debian, not '$mode'" ;;
    esac
    log "mode: $mode"

    ensure_wasm_bindgen_cli

    if [ "$mode" = rustup ]; then
        printf 'HUZHU_WASM_MODE=rustup\n'
        printf 'HUZHU_WASM_CARGO=%q\n' "$(rustup which cargo)"
        printf 'HUZHU_WASM_RUSTC=%q\n' "$(rustup which rustc)"
        printf 'HUZHU_WASM_LINKER=\n'
    else
        printf 'HUZHU_WASM_MODE=debian\n'
        printf 'HUZHU_WASM_CARGO=%q\n' /usr/bin/cargo
        printf 'HUZHU_WASM_RUSTC=%q\n' /usr/bin/rustc
        printf 'HUZHU_WASM_LINKER=%q\n' "$LINKER"
    fi
}

main "$@"
