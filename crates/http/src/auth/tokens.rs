//! Access tokens: HS256 JWTs, pinned algorithm, `iss`/`aud`/`exp`/`nbf` checked, ≤ 15 minutes
//! (a longer lifetime, even under the right key, is refused).
//! Token lifetimes follow the real clock, not the business clock of `AppState`.

use crate::config::HttpConfig;
use crate::error::ApiError;
use huzhu_domain::ErrorCode;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// `account:<id>` or `client:<id>`.
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: String,
    /// The session family of a login; absent for integrators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<i64>,
    /// Space-separated scopes of an integrator's token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Account(i64),
    Client(i64),
}

impl Subject {
    fn encode(self) -> String {
        match self {
            Subject::Account(id) => format!("account:{id}"),
            Subject::Client(id) => format!("client:{id}"),
        }
    }

    pub fn parse(sub: &str) -> Option<Self> {
        let (kind, id) = sub.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "account" => Some(Subject::Account(id)),
            "client" => Some(Subject::Client(id)),
            _ => None,
        }
    }
}

pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    ttl: i64,
}

impl Tokens {
    pub fn new(config: &HttpConfig) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(&config.jwt_secret.0),
            decoding: DecodingKey::from_secret(&config.jwt_secret.0),
            validation,
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
            ttl: config.access_token_seconds.min(900),
        }
    }

    pub fn ttl(&self) -> i64 {
        self.ttl
    }

    pub fn issue(
        &self,
        subject: Subject,
        sid: Option<i64>,
        scope: Option<String>,
    ) -> Result<String, ApiError> {
        let now = jsonwebtoken::get_current_timestamp() as i64;
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: subject.encode(),
            exp: now + self.ttl,
            nbf: now,
            iat: now,
            jti: uuid::Uuid::new_v4().to_string(),
            sid,
            scope,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("cannot sign a token: {e}")))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::unauthorized(
                    ErrorCode::AuthTokenExpired,
                    "the access token has expired; refresh it or log in again",
                ),
                _ => ApiError::unauthorized(
                    ErrorCode::AuthTokenInvalid,
                    "the access token is not valid; log in again",
                ),
            })?;
        // No token we issue lives longer than the configured lifetime: one that claims to (a
        // key that leaked and signed a ten-year token, say) is refused, whatever its `iat`.
        let now = jsonwebtoken::get_current_timestamp() as i64;
        let leeway = self.validation.leeway as i64;
        if claims.exp - claims.iat > self.ttl || claims.exp > now + self.ttl + leeway {
            return Err(ApiError::unauthorized(
                ErrorCode::AuthTokenInvalid,
                "the access token is not valid; log in again",
            ));
        }
        Ok(claims)
    }
}
