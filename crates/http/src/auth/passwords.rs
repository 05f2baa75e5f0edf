//! argon2id password hashes, computed on the blocking pool with a bound on how many run at
//! once: each takes ~20 ms of a core, and unbounded logins would starve every other request.

use crate::error::{ApiError, ApiResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

pub struct Passwords {
    slots: Semaphore,
    /// Verified against when the account does not exist, so that an unknown user costs the
    /// same time as a wrong password.
    decoy: String,
}

pub use huzhu_domain::field_rules::MIN_PASSWORD_CHARS;

pub fn hash_blocking(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn verify_blocking(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks the rules a new password must meet.
pub fn check_new_password(password: &str) -> ApiResult<()> {
    Ok(huzhu_domain::field_rules::new_password(password)?)
}

impl Passwords {
    pub fn new(slots: usize) -> Self {
        let decoy = hash_blocking("decoy password that no account has")
            .unwrap_or_else(|_| String::from("$argon2id$v=19$m=19456,t=2,p=1$invalid"));
        Self {
            slots: Semaphore::new(slots.max(1)),
            decoy,
        }
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        actix_web::web::block(move || hash_blocking(&password))
            .await?
            .map_err(ApiError::Internal)
    }

    /// Verifies `password` against `hash`, or against the decoy when there is no account.
    pub async fn verify(&self, hash: Option<String>, password: String) -> ApiResult<bool> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy.clone());
        let ok = actix_web::web::block(move || verify_blocking(&hash, &password)).await?;
        Ok(ok && known)
    }
}
