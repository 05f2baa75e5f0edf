//! Huzhu's single-page web app: login, a role-aware shell and the first administration pages.
//! Built for wasm32 by `scripts/build-web.sh`; served by `huzhu serve` at `/`, talking to the
//! API at `/api/v1` on the same origin.

pub mod access_token;
pub mod api;
pub mod app;
pub mod audit_text;
pub mod components;
pub mod download;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod plan_text;
pub mod roster_text;
pub mod route;
pub mod session;
pub mod storage;
pub mod tab_lock;
pub mod validate;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point, run by wasm-bindgen's generated JS once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // index.html shows a plain "loading" line for the seconds the wasm takes to download on a
    // phone; it goes as soon as the app can draw itself.
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    yew::Renderer::<app::App>::new().render();
}
