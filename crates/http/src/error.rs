//! The one mapping from failures to HTTP responses. Every error leaves as `ErrorBody`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use huzhu_api_types::ErrorBody;
use huzhu_domain::ErrorCode;
use huzhu_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Malformed request: not JSON, wrong content type, bad path or query.
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    /// Well-formed but unacceptable input.
    #[error("{message}")]
    Invalid {
        code: ErrorCode,
        message: String,
        details: Option<serde_json::Value>,
    },
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: String },
    #[error("you do not have permission to do this")]
    Forbidden { code: ErrorCode },
    /// Allowed in general, but not to this person for this object (e.g. maker-checker).
    #[error("{message}")]
    NotForYou { code: ErrorCode, message: String },
    #[error("{what} not found")]
    NotFound { code: ErrorCode, what: &'static str },
    /// A known path asked with a method it does not take; `allow` lists those it does.
    #[error("this address does not take {method} requests; it takes {}", allow.join(", "))]
    MethodNotAllowed {
        method: String,
        allow: Vec<&'static str>,
    },
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    /// Refused for now (a rate limit, a full queue); `Retry-After` says when to try again.
    #[error("{message}")]
    TooManyRequests {
        code: ErrorCode,
        message: String,
        retry_after_seconds: u64,
    },
    #[error("the request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("the service is not ready: {0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
            details: None,
        }
    }

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

    pub fn not_found(code: ErrorCode, what: &'static str) -> Self {
        Self::NotFound { code, what }
    }

    pub fn unauthorized(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Unauthorized {
            code,
            message: message.into(),
        }
    }

    pub fn forbidden() -> Self {
        Self::Forbidden {
            code: ErrorCode::AuthForbidden,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest { code, .. }
            | Self::Invalid { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Forbidden { code }
            | Self::NotForYou { code, .. }
            | Self::NotFound { code, .. }
            | Self::Conflict { code, .. }
            | Self::TooManyRequests { code, .. } => *code,
            Self::MethodNotAllowed { .. } => ErrorCode::RouteMethodNotAllowed,
            Self::TooLarge { .. } => ErrorCode::RequestTooLarge,
            Self::UnsupportedMediaType => ErrorCode::RequestUnsupportedMediaType,
            Self::Unavailable(_) => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } | Self::NotForYou { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            // The cause goes to the log, never to the caller.
            Self::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                "an internal error occurred; it has been logged".to_string()
            }
            other => other.to_string(),
        };
        let details = match self {
            Self::Invalid { details, .. } => details.clone(),
            _ => None,
        };
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, Self::Unauthorized { .. }) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        if let Self::TooManyRequests {
            retry_after_seconds,
            ..
        } = self
        {
            response.insert_header((
                actix_web::http::header::RETRY_AFTER,
                retry_after_seconds.to_string(),
            ));
        }
        if let Self::MethodNotAllowed { allow, .. } = self {
            response.insert_header((actix_web::http::header::ALLOW, allow.join(", ")));
        }
        response.json(ErrorBody {
            code: self.code(),
            message,
            details,
        })
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::not_found(ErrorCode::NotFound, "the requested item"),
            StoreError::Conflict { code, message } => Self::Conflict { code, message },
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<huzhu_domain::field_rules::FieldError> for ApiError {
    fn from(e: huzhu_domain::field_rules::FieldError) -> Self {
        Self::invalid_field(e.code(), e.field(), e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::Internal(e.to_string())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<huzhu_app::AppError> for ApiError {
    fn from(e: huzhu_app::AppError) -> Self {
        use huzhu_app::AppError;
        match e {
            AppError::Store(s) => s.into(),
            AppError::Invalid {
                code,
                message,
                details,
            } => Self::Invalid {
                code,
                message,
                details,
            },
            AppError::NotFound { code, what } => Self::NotFound { code, what },
            AppError::BadRequest { code, message } => Self::BadRequest { code, message },
            AppError::Unauthorized { code, message } => Self::Unauthorized { code, message },
            AppError::Conflict { code, message } => Self::Conflict { code, message },
            AppError::Forbidden { code, message } => Self::NotForYou { code, message },
            AppError::Busy {
                code,
                message,
                retry_after_seconds,
            } => Self::TooManyRequests {
                code,
                message,
                retry_after_seconds,
            },
        }
    }
}
