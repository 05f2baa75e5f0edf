#!/usr/bin/env bash
# Builds the SPA (frontend/, crate huzhu-web) in release mode into frontend/dist/:
#   index.html, boot.js, style.css   (copied from frontend/static/)
#   huzhu_web.js, huzhu_web_bg.wasm   (wasm-bindgen --target web)
# `huzhu serve` serves that directory at `/`.
#
# Sets up the toolchain first (scripts/setup-wasm.sh: rustup's wasm target, or Debian's
# rustc-web with -Zbuild-std where rustup cannot download it). Compiles in frontend/target, never
# the workspace's target/, so the server's build cache stays untouched. Needs no network but
# crates.io (and apt, the first time on a machine without rustup's wasm target).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
DIST="$FRONTEND/dist"
TARGET=wasm32-unknown-unknown
export CARGO_TARGET_DIR="$FRONTEND/target"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf 'build-web: %s\n' "$*" >&2; }
die() { printf 'build-web: ERROR: %s\n' "$*" >&2; exit 1; }

started=$SECONDS

# setup-wasm.sh prints only shell assignments on stdout (HUZHU_WASM_MODE=..., ...).
toolchain="$("$ROOT/scripts/setup-wasm.sh")" || die "toolchain setup failed (see above)"
eval "$toolchain"
log "toolchain mode: $HUZHU_WASM_MODE"

cd "$FRONTEND"
# No --locked: when the shared crates (crates/api-types, crates/domain) gain a dependency, cargo
# adds it to frontend/Cargo.lock instead of failing; wasm-bindgen itself is pinned with `=`.
case "$HUZHU_WASM_MODE" in
    rustup)
        log "cargo build --release --target $TARGET"
        RUSTC="$HUZHU_WASM_RUSTC" "$HUZHU_WASM_CARGO" build --release --target "$TARGET"
        ;;
    debian)
        log "cargo build --release --target $TARGET -Zbuild-std=std,panic_abort (Debian rustc-web)"
        # Debian's compiler first on PATH so build scripts and proc macros use it too;
        # RUSTC_BOOTSTRAP lets its stable compiler accept -Zbuild-std.
        PATH="/usr/bin:$PATH" RUSTC="$HUZHU_WASM_RUSTC" RUSTC_BOOTSTRAP=1 \
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$HUZHU_WASM_LINKER" \
            "$HUZHU_WASM_CARGO" build --release --target "$TARGET" -Zbuild-std=std,panic_abort
        ;;
    *)
        die "unknown toolchain mode '$HUZHU_WASM_MODE'"
        ;;
esac

WASM="$CARGO_TARGET_DIR/$TARGET/release/huzhu_web.wasm"
[ -f "$WASM" ] || die "the build did not produce $WASM"

# Assemble beside dist/ (in the ignored target dir) and swap it in, so a running server never
# serves a half-written app.
STAGE="$CARGO_TARGET_DIR/dist.new"
rm -rf "$STAGE"
mkdir -p "$STAGE"
log "wasm-bindgen --target web"
# The name section (function names for stack traces) is over a third of the file; panics are
# reported with their message anyway.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$STAGE" "$WASM"
cp "$FRONTEND/static/index.html" "$FRONTEND/static/boot.js" "$FRONTEND/static/style.css" "$STAGE/"
rm -rf "$DIST"
mv "$STAGE" "$DIST"

for f in index.html boot.js style.css huzhu_web.js huzhu_web_bg.wasm; do
    [ -s "$DIST/$f" ] || die "$DIST/$f is missing or empty"
done
wasm_bytes=$(wc -c <"$DIST/huzhu_web_bg.wasm")
gzip_bytes=$(gzip -9 -c "$DIST/huzhu_web_bg.wasm" | wc -c)
log "done in $((SECONDS - started)) s: $DIST"
log "huzhu_web_bg.wasm: $((wasm_bytes / 1024)) KiB ($((gzip_bytes / 1024)) KiB gzipped)"
