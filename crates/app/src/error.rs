//! What a use case refuses, and why; the HTTP layer maps each kind to its status
//! (docs/errors.md lists every code).

use huzhu_domain::ErrorCode;
use huzhu_store::StoreError;
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request itself is wrong (422); `details` names the field or lists the problems.
    #[error("{message}")]
    Invalid {
        code: ErrorCode,
        message: String,
        details: Option<Value>,
    },
    /// The request is right but the state of things refuses it (409).
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    /// The actor may not do this (403).
    #[error("{message}")]
    Forbidden { code: ErrorCode, message: String },
    /// The request breaks the protocol (400): an unsupported grant, an unknown scope.
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    /// Who is asking could not be established (401): wrong credentials, a spent token.
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: String },
    /// Nothing of that kind the actor can reach (404): someone else's record is as unknown as
    /// one that does not exist.
    #[error("{what} not found")]
    NotFound { code: ErrorCode, what: &'static str },
    /// Refused for now (429): the work is queued beyond its bound; try again after
    /// `retry_after_seconds`.
    #[error("{message}")]
    Busy {
        code: ErrorCode,
        message: String,
        retry_after_seconds: u64,
    },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
            details: None,
        }
    }

    /// A refusal about one field of the request.
    pub fn invalid_field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
            details: Some(serde_json::json!({ "field": field })),
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

    /// The plain refusal of an actor whose role or kind does not allow the use case.
    pub fn not_allowed() -> Self {
        Self::forbidden(
            ErrorCode::AuthForbidden,
            "you do not have permission to do this",
        )
    }

    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            message: message.into(),
        }
    }

    pub fn unauthorized(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Unauthorized {
            code,
            message: message.into(),
        }
    }

    pub fn not_found(code: ErrorCode, what: &'static str) -> Self {
        Self::NotFound { code, what }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Store(StoreError::NotFound) => ErrorCode::NotFound,
            Self::Store(StoreError::Conflict { code, .. }) => *code,
            Self::Store(_) => ErrorCode::Internal,
            Self::Invalid { code, .. }
            | Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. }
            | Self::Forbidden { code, .. }
            | Self::NotFound { code, .. }
            | Self::Busy { code, .. } => *code,
        }
    }

    /// Data the store holds that cannot be read back (a broken row): an internal error.
    pub fn corrupt(what: impl Into<String>) -> Self {
        Self::Store(StoreError::Corrupt(what.into()))
    }
}

/// One of several problems found with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field at fault, where there is one.
    pub field: Option<&'static str>,
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    /// A refusal that lists every problem found at once: the message says them all (after
    /// `lead`, when given), and `details.problems` gives each with its code and field.
    pub fn problems(code: ErrorCode, lead: Option<String>, problems: &[Problem]) -> Self {
        let said = problems
            .iter()
            .map(|p| p.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let listed: Vec<Value> = problems
            .iter()
            .map(|p| {
                let mut one = serde_json::Map::new();
                if let Some(field) = p.field {
                    one.insert("field".into(), Value::from(field));
                }
                one.insert("code".into(), Value::from(p.code.as_str()));
                one.insert("message".into(), Value::from(p.message.clone()));
                Value::Object(one)
            })
            .collect();
        Self::Invalid {
            code,
            message: match lead {
                Some(lead) => format!("{lead}: {said}"),
                None => said,
            },
            details: Some(serde_json::json!({ "problems": listed })),
        }
    }
}

impl From<huzhu_domain::field_rules::FieldError> for AppError {
    fn from(e: huzhu_domain::field_rules::FieldError) -> Self {
        Self::invalid_field(e.code(), e.field(), e.to_string())
    }
}

/// Maps the store's "not found" to the use case's own code; other errors pass.
pub(crate) fn or_not_found(code: ErrorCode, what: &'static str) -> impl Fn(StoreError) -> AppError {
    move |e| match e {
        StoreError::NotFound => AppError::not_found(code, what),
        other => other.into(),
    }
}
