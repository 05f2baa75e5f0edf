//! What a use case refuses, and why; the HTTP layer maps each kind to its status.

use huzhu_domain::ErrorCode;
use huzhu_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request itself is wrong (422).
    #[error("{message}")]
    Invalid { code: ErrorCode, message: String },
    /// The request is right but the state of things refuses it (409).
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    /// The actor may not do this (403).
    #[error("{message}")]
    Forbidden { code: ErrorCode, message: String },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
        }
    }

    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Forbidden {
            code,
            message: message.into(),
        }
    }
}
