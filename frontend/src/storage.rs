//! What the app keeps in the browser's localStorage: the session's tokens and the language.

use gloo::storage::{LocalStorage, Storage};
use huzhu_api_types::TokenPair;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

const TOKENS_KEY: &str = "huzhu.tokens";
const LANG_KEY: &str = "huzhu.lang";
const REFRESH_LEASE_KEY: &str = "huzhu.refresh_lease";
/// How long one tab may hold the right to refresh before others stop waiting for it.
pub const REFRESH_LEASE_MS: f64 = 10_000.0;

/// The token pair as stored, with the expiry turned into an instant so that it survives reloads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredTokens {
    pub access_token: String,
    pub refresh_token: String,
    /// When the access token expires, in milliseconds since the epoch by the browser's clock.
    pub expires_at_ms: f64,
    /// When the pair was received, on the same clock.
    #[serde(default)]
    pub issued_at_ms: f64,
}

impl StoredTokens {
    pub fn from_pair(pair: &TokenPair) -> Self {
        let now = now_ms();
        Self {
            access_token: pair.access_token.clone(),
            refresh_token: pair.refresh_token.clone(),
            expires_at_ms: now + pair.expires_in as f64 * 1000.0,
            issued_at_ms: now,
        }
    }

    /// When to refresh: `margin_ms` before expiry, but not before half the token's lifetime,
    /// so that a server configured with very short-lived tokens is not asked in a tight loop.
    pub fn refresh_due_ms(&self, margin_ms: f64) -> f64 {
        let halfway = self.issued_at_ms + (self.expires_at_ms - self.issued_at_ms) / 2.0;
        (self.expires_at_ms - margin_ms).max(halfway)
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub fn load_tokens() -> Option<StoredTokens> {
    LocalStorage::get(TOKENS_KEY).ok()
}

/// Storage can refuse writes (quota, some private modes); the session then lasts only as long
/// as the current access token, which is the best that can be done without storage.
pub fn save_tokens(tokens: &StoredTokens) {
    if let Err(e) = LocalStorage::set(TOKENS_KEY, tokens) {
        gloo::console::warn!(format!("could not store the session: {e}"));
    }
}

pub fn clear_tokens() {
    LocalStorage::delete(TOKENS_KEY);
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
