//! Turns actix's extraction failures (JSON body, path, query) into `ApiError`s, so that bad
//! input always gets the one error body with a status that says what is wrong.

use crate::error::ApiError;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest};
use huzhu_domain::ErrorCode;

pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(move |err, _req: &HttpRequest| json_error(err, limit).into())
}

fn json_error(err: JsonPayloadError, limit: usize) -> ApiError {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::TooLarge { limit }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType,
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            let text = e.to_string();
            let code = if text.starts_with("unknown field") {
                ErrorCode::RequestUnknownField
            } else if text.starts_with("missing field") {
                ErrorCode::RequestMissingField
            } else {
                ErrorCode::RequestInvalidField
            };
            ApiError::Invalid {
                code,
                message: format!("the request body does not fit this operation: {text}"),
                details: Some(serde_json::json!({ "line": e.line(), "column": e.column() })),
            }
        }
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest {
            code: ErrorCode::RequestMalformedJson,
            message: format!("the request body is not valid JSON: {e}"),
        },
        other => ApiError::BadRequest {
            code: ErrorCode::RequestUnreadableBody,
            message: format!("the request body could not be read: {other}"),
        },
    }
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _| {
        ApiError::BadRequest {
            code: ErrorCode::RequestInvalidPath,
            message: format!("a path parameter is not valid: {err}"),
        }
        .into()
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _| {
        ApiError::BadRequest {
            code: ErrorCode::RequestInvalidQuery,
            message: format!("a query parameter is not valid: {err}"),
        }
        .into()
    })
}
