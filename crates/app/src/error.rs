//! What a use case refuses, and why; the HTTP layer maps each kind to its status.

use huzhu_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request itself is wrong (422).
    #[error("{message}")]
    Invalid { code: &'static str, message: String },
    /// The request is right but the state of things refuses it (409).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// The actor may not do this (403).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::Forbidden {
            code,
            message: message.into(),
        }
    }
}
