//! Where a session's refresh token travels: only in an HttpOnly, SameSite=Strict cookie scoped to
//! the auth routes, so that script in the page (an injected one included) can never read it and
//! the browser sends it nowhere else. Spending it needs a custom header as well, which a form or
//! link on another site cannot add (docs/security.md, "Sessions").

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::HttpRequest;
use huzhu_domain::ErrorCode;

use crate::error::ApiError;

/// The cookie's name.
pub const COOKIE: &str = "huzhu_refresh";
/// The only routes the browser sends the cookie to: login, refresh and logout live here.
pub const PATH: &str = "/api/v1/auth";
/// The header a refresh must carry (any non-empty value).
pub const CSRF_HEADER: &str = "x-huzhu-csrf";

/// How the cookie is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookiePolicy {
    /// `Secure` (sent over HTTPS only). Off only for a server configured for plain HTTP on its
    /// own loopback address, where no network is crossed.
    pub secure: bool,
}

impl Default for CookiePolicy {
    fn default() -> Self {
        Self { secure: true }
    }
}

impl CookiePolicy {
    /// The cookie carrying a new refresh token, living as long as the token.
    pub fn carrying(self, token: &str, lifetime_seconds: i64) -> Cookie<'static> {
        self.base(token.to_owned())
            .max_age(time::Duration::seconds(lifetime_seconds))
            .finish()
    }

    /// The cookie that makes the browser forget the refresh token (logout).
    pub fn removal(self) -> Cookie<'static> {
        self.base(String::new())
            .max_age(time::Duration::ZERO)
            .expires(time::OffsetDateTime::UNIX_EPOCH)
            .finish()
    }

    fn base(self, value: String) -> actix_web::cookie::CookieBuilder<'static> {
        Cookie::build(COOKIE, value)
            .path(PATH)
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure)
    }
}

/// The refresh token a refresh request presents: the CSRF header must be there, then the
/// cookie. A missing cookie is the same answer as a spent one: the session cannot go on.
pub fn presented(req: &HttpRequest) -> Result<String, ApiError> {
    let has_header = req
        .headers()
        .get(CSRF_HEADER)
        .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace));
    if !has_header {
        return Err(ApiError::NotForYou {
            code: ErrorCode::AuthCsrfHeaderMissing,
            message: format!(
                "a refresh must carry the `{CSRF_HEADER}` header (any value), which pages of other sites cannot send"
            ),
        });
    }
    match req.cookie(COOKIE) {
        Some(c) if !c.value().trim().is_empty() => Ok(c.value().trim().to_owned()),
        _ => Err(ApiError::unauthorized(
            ErrorCode::AuthRefreshInvalid,
            format!("no `{COOKIE}` cookie came with the request; log in again"),
        )),
    }
}
