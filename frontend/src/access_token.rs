//! A tab's access token: held in memory only (never in storage), with when to renew it.

use huzhu_api_types::SessionToken;

use crate::storage::now_ms;

/// A tab's access token, with its expiry turned into an instant on the browser's clock.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessToken {
    pub token: String,
    /// When the access token expires, in milliseconds since the epoch by the browser's clock.
    pub expires_at_ms: f64,
    /// When it was received, on the same clock.
    pub issued_at_ms: f64,
}

impl AccessToken {
    pub fn from_answer(answer: &SessionToken) -> Self {
        let now = now_ms();
        Self {
            token: answer.access_token.clone(),
            expires_at_ms: now + answer.expires_in as f64 * 1000.0,
            issued_at_ms: now,
        }
    }

    /// When to refresh: `margin_ms` before expiry, but not before half the token's lifetime,
    /// so that a server configured with very short-lived tokens is not asked in a tight loop.
    pub fn refresh_due_ms(&self, margin_ms: f64) -> f64 {
        let halfway = self.issued_at_ms + (self.expires_at_ms - self.issued_at_ms) / 2.0;
        (self.expires_at_ms - margin_ms).max(halfway)
    }

    /// The token's subject (`sub`), read without checking the signature: only to notice that
    /// the shared cookie now belongs to someone else (another tab logged in as another person).
    pub fn subject(&self) -> Option<String> {
        let payload = self.token.split('.').nth(1)?;
        let mut b64: String = payload
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        while !b64.len().is_multiple_of(4) {
            b64.push('=');
        }
        let json = gloo::utils::window().atob(&b64).ok()?;
        let claims: serde_json::Value = serde_json::from_str(&json).ok()?;
        claims.get("sub")?.as_str().map(str::to_owned)
    }
}
