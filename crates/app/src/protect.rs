//! Protection of sensitive personal information (PIPL, docs/domain.md §9): ID numbers, mobiles
//! and bank cards are stored as AES-256-GCM ciphertext under a key from the configuration,
//! never in clear; ID numbers are found again by a keyed hash. Each value gets a fresh random
//! nonce; the stored form is `v1:<base64 nonce‖ct>`.

use crate::error::{AppError, AppResult};
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use hmac::{Hmac, Mac};
use huzhu_domain::IdNumber;
use huzhu_store::members::Protected;
use rand::RngCore;
use sha2::{Digest, Sha256};

const PREFIX: &str = "v1:";
/// The first bytes of a sealed file.
const FILE_MAGIC: &[u8; 4] = b"HZS1";

/// Whether two secrets (hashes, tokens) are equal, taking the same time wherever they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub struct Sealer {
    cipher: Aes256Gcm,
}

impl Sealer {
    /// The AES key is the SHA-256 of the configured key, so any key of ≥ 32 characters works.
    pub fn new(key: &[u8]) -> Self {
        let digest = Sha256::digest(key);
        Self {
            cipher: Aes256Gcm::new(&digest),
        }
    }

    pub fn seal(&self, plaintext: &str) -> AppResult<String> {
        let mut nonce = [0u8; 12];
        // The thread-local generator is a CSPRNG seeded from the OS; it saves a system call per
        // value when thousands are sealed at once.
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext.as_bytes())
            .map_err(|_| AppError::corrupt("encryption failed"))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&ct);
        Ok(format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ))
    }

    /// A file sealed for keeping on disk: `HZS1`, the nonce, the ciphertext with its tag.
    pub fn seal_bytes(&self, plaintext: &[u8]) -> AppResult<Vec<u8>> {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext)
            .map_err(|_| AppError::corrupt("encryption failed"))?;
        Ok([FILE_MAGIC.as_slice(), &nonce, &ct].concat())
    }

    /// The plaintext of a sealed file; an error if it was not sealed under this key or was
    /// changed since (the tag no longer fits).
    pub fn open_bytes(&self, sealed: &[u8]) -> AppResult<Vec<u8>> {
        let failed =
            || AppError::corrupt("a stored file cannot be decrypted with the configured data key");
        let body = sealed
            .strip_prefix(FILE_MAGIC.as_slice())
            .ok_or_else(failed)?;
        if body.len() < 12 {
            return Err(failed());
        }
        let (nonce, ct) = body.split_at(12);
        self.cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| failed())
    }

    pub fn open(&self, sealed: &str) -> AppResult<String> {
        let failed =
            || AppError::corrupt("a stored value cannot be decrypted with the configured data key");
        let body = sealed.strip_prefix(PREFIX).ok_or_else(failed)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|_| failed())?;
        if bytes.len() < 12 {
            return Err(failed());
        }
        let (nonce, ct) = bytes.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| failed())?;
        String::from_utf8(plain).map_err(|_| failed())
    }
}

/// HMAC-SHA256 of the normalised ID number under the lookup key, hex-encoded.
#[allow(clippy::expect_used)]
pub fn id_number_hash(key: &[u8], id: &IdNumber) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(id.as_str().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// What the register keeps of an ID number: its keyed hash for look-ups, and its ciphertext
/// with the masked form for display.
pub fn protect_id_number(
    sealer: &Sealer,
    lookup_key: &[u8],
    id: &IdNumber,
) -> AppResult<(String, Protected)> {
    Ok((
        id_number_hash(lookup_key, id),
        Protected {
            ciphertext: sealer.seal(id.as_str())?,
            masked: id.masked(),
        },
    ))
}

/// The data key's sealer and the lookup key, as configured.
pub struct Keys {
    pub sealer: Sealer,
    pub lookup_key: Vec<u8>,
}

impl Keys {
    pub fn new(data_key: &[u8], lookup_key: &[u8]) -> Self {
        Self {
            sealer: Sealer::new(data_key),
            lookup_key: lookup_key.to_vec(),
        }
    }
}

impl crate::App {
    /// The sealer under the configured data key.
    pub fn sealer(&self) -> AppResult<&Sealer> {
        Ok(&self.keys()?.sealer)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trip_with_fresh_nonces() {
        let s = Sealer::new(b"0123456789abcdef0123456789abcdef");
        let a = s.seal("440106199003071231").unwrap();
        let b = s.seal("440106199003071231").unwrap();
        assert_ne!(a, b, "the same value encrypts differently each time");
        assert!(!a.contains("4401061990"));
        assert_eq!(s.open(&a).unwrap(), "440106199003071231");
        let other = Sealer::new(b"another-key-another-key-another!!");
        assert!(other.open(&a).is_err());
        assert!(s.open("v1:bm90IGNpcGhlcnRleHQ=").is_err());
    }
}
