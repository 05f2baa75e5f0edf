//! What the app keeps in the browser's localStorage: the language, whether this browser has a
//! session to resume, and which tab may renew it. Never a token: the access token lives in the
//! memory of each tab, the refresh token in an HttpOnly cookie that script cannot read.

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

const SIGNED_IN_KEY: &str = "huzhu.signed_in";
const LEGACY_TOKENS_KEY: &str = "huzhu.tokens";
const LANG_KEY: &str = "huzhu.lang";
const REFRESH_LEASE_KEY: &str = "huzhu.refresh_lease";
/// How long one tab may hold the right to refresh before others stop waiting for it.
pub const REFRESH_LEASE_MS: f64 = 10_000.0;

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Whether this browser logged in and has not logged out since: then a reload tries to resume
/// the session from the cookie instead of showing the login form at once.
pub fn has_session() -> bool {
    // Earlier versions kept the token pair here; nothing should read it again.
    LocalStorage::delete(LEGACY_TOKENS_KEY);
    LocalStorage::get::<bool>(SIGNED_IN_KEY).unwrap_or(false)
}

/// Storage can refuse writes (quota, some private modes); a reload then shows the login form.
pub fn remember_session() {
    let _ = LocalStorage::set(SIGNED_IN_KEY, true);
}

pub fn forget_session() {
    LocalStorage::delete(SIGNED_IN_KEY);
}

/// Which tab is exchanging the shared refresh token, and until when.
#[derive(Debug, Serialize, Deserialize)]
struct RefreshLease {
    owner: String,
    until_ms: f64,
}

/// Claims the right to refresh for this tab. Tabs share one refresh token through storage, and
/// spending it twice makes the server revoke the session, so only the holder may refresh.
/// localStorage has no compare-and-swap; writing and reading back narrows the race to the same
/// millisecond, which the per-tab jitter of the refresh timer makes unlikely.
pub fn claim_refresh(owner: &str) -> bool {
    let now = now_ms();
    if let Ok(lease) = LocalStorage::get::<RefreshLease>(REFRESH_LEASE_KEY) {
        if lease.owner != owner && lease.until_ms > now {
            return false;
        }
    }
    let lease = RefreshLease {
        owner: owner.to_owned(),
        until_ms: now + REFRESH_LEASE_MS,
    };
    if LocalStorage::set(REFRESH_LEASE_KEY, &lease).is_err() {
        // Without storage there are no other tabs to coordinate with.
        return true;
    }
    LocalStorage::get::<RefreshLease>(REFRESH_LEASE_KEY).map_or(true, |l| l.owner == owner)
}

pub fn release_refresh(owner: &str) {
    if let Ok(lease) = LocalStorage::get::<RefreshLease>(REFRESH_LEASE_KEY) {
        if lease.owner == owner {
            LocalStorage::delete(REFRESH_LEASE_KEY);
        }
    }
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|tag| Lang::from_tag(&tag))
}

pub fn save_lang(lang: Lang) {
    // Losing the preference only means Chinese next time: not worth bothering the user.
    let _ = LocalStorage::set(LANG_KEY, lang.tag());
}
