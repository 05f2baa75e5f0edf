//! The headers every answer carries, whatever route or failure produced it
//! (docs/architecture.md, "Security headers").
//!
//! - A Content-Security-Policy per class of route: the SPA may run only its own script and wasm
//!   (no inline script, no eval beyond wasm compilation); Swagger UI may use the inline styles it
//!   is built with; API answers may load nothing at all.
//! - `X-Content-Type-Options: nosniff`, so an uploaded document is never read as HTML or script.
//! - No framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY` for older browsers), no
//!   referrer.
//! - `Cache-Control: no-store` on API answers: members, claims, tokens and unmasked values must
//!   not stay in a browser's or a proxy's cache. The OpenAPI document is the exception.
//! - `Strict-Transport-Security` when the server is configured to sit behind TLS.

use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

/// The SPA: its own files only; `'wasm-unsafe-eval'` lets it compile its wasm module. Style
/// attributes carry computed widths and depths (a meter's fill, a tree's indent), never markup.
pub const APP_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Swagger UI (vendored): its bundle sets inline styles and draws icons from data: URLs.
pub const DOCS_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// API answers are data: a browser that renders one anyway may load and run nothing.
pub const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RouteClass {
    Api,
    /// Answers that may be cached: the OpenAPI document, metrics.
    PublicApi,
    Docs,
    App,
}

fn class_of(path: &str) -> RouteClass {
    if path == "/api/docs" || path.starts_with("/api/docs/") {
        RouteClass::Docs
    } else if path == "/api/v1/openapi.json" || path == "/metrics" {
        RouteClass::PublicApi
    } else if path == "/api" || path.starts_with("/api/") {
        RouteClass::Api
    } else {
        RouteClass::App
    }
}

fn set(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    headers.insert(name, HeaderValue::from_static(value));
}

/// Adds the headers to `headers` for an answer to `path`.
fn apply(headers: &mut HeaderMap, path: &str, hsts: Option<&HeaderValue>) {
    let class = class_of(path);
    let policy = match class {
        RouteClass::Api | RouteClass::PublicApi => API_POLICY,
        RouteClass::Docs => DOCS_POLICY,
        RouteClass::App => APP_POLICY,
    };
    set(headers, header::CONTENT_SECURITY_POLICY, policy);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if class == RouteClass::Api {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if let Some(value) = hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value.clone());
    }
}

/// The `Strict-Transport-Security` value for a configured lifetime; none when it is zero.
pub fn hsts_value(seconds: u64) -> Option<HeaderValue> {
    (seconds > 0)
        .then(|| HeaderValue::from_str(&format!("max-age={seconds}; includeSubDomains")).ok())
        .flatten()
}

/// The middleware. A failure from inside (which reaches the server as an error, not as an
/// answer) is given its response here, with the headers, so that error answers carry them too.
pub async fn add(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let hsts = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| hsts_value(state.config.hsts_seconds));
    match next.call(req).await {
        Ok(mut res) => {
            apply(res.headers_mut(), &path, hsts.as_ref());
            Ok(res)
        }
        Err(e) => {
            let mut res = e.error_response();
            apply(res.headers_mut(), &path, hsts.as_ref());
            Err(InternalError::from_response(e.to_string(), res).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_fall_into_their_classes() {
        assert_eq!(class_of("/"), RouteClass::App);
        assert_eq!(class_of("/account"), RouteClass::App);
        assert_eq!(class_of("/apiary"), RouteClass::App);
        assert_eq!(class_of("/api"), RouteClass::Api);
        assert_eq!(class_of("/api/v1/members/1"), RouteClass::Api);
        assert_eq!(class_of("/api/v1/openapi.json"), RouteClass::PublicApi);
        assert_eq!(class_of("/api/docs/"), RouteClass::Docs);
        assert_eq!(class_of("/api/docs/swagger-ui.css"), RouteClass::Docs);
    }

    #[test]
    fn hsts_only_when_configured() {
        assert!(hsts_value(0).is_none());
        assert_eq!(
            hsts_value(31_536_000).map(|v| v.to_str().map(str::to_owned).ok()),
            Some(Some("max-age=31536000; includeSubDomains".to_owned()))
        );
    }

    #[test]
    fn the_app_may_run_no_inline_script() {
        let script = APP_POLICY
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "));
        assert_eq!(script, Some("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!DOCS_POLICY.contains("script-src 'self' 'unsafe-inline'"));
    }
}
