//! Keyed hashes for looking up sensitive values (ID numbers) without storing them in clear.

pub use huzhu_app::protect::id_number_hash;
use sha2::{Digest, Sha256};

/// SHA-256 of a high-entropy token (refresh tokens, client secrets): enough, since such
/// tokens cannot be guessed, and fast enough to check on every use.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token: 32 bytes, URL-safe base64.
pub fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
