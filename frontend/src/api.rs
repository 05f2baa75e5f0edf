//! Client for the REST API at `/api/v1` on the page's own origin.
//!
//! Every authenticated call goes through [`Api::send`], which adds the bearer token, and when the
//! server answers 401 refreshes once and retries. The access token lives only in this tab's
//! memory; the refresh token only in the HttpOnly cookie the server sets, which this code never
//! sees. Refreshing is single-flight: a refresh token can be spent only once (reusing it revokes
//! the whole session on the server), so the timer in `session.rs`, any number of concurrent 401s
//! and the other tabs sharing the cookie take turns.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo::net::http::{Request, RequestBuilder, Response};
use gloo_timers::future::TimeoutFuture;
use huzhu_api_types::{
    ApiClient, ApiClientCreated, LoginRequest, Me, NewApiClient, NewOrgUnit, NewStaffAccount,
    OrgUnit, OrgUnitChanges, Page, SessionToken, StaffAccount, StaffAccountChanges,
};
use huzhu_domain::{ErrorCode, OrgUnitKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::Callback;

use crate::access_token::AccessToken;
use crate::i18n::{Key, Lang};
use crate::storage;

mod claims;
mod finance;
mod governance;
mod members;
mod plans;
mod rosters;
pub use claims::{ClaimQuery, ClaimStep};
pub use members::MemberQuery;
pub use plans::PlanStep;
pub use rosters::{BatchQuery, RosterQuery};

const BASE: &str = "/api/v1";
/// Name of the Web Lock that serialises refreshes across tabs.
const REFRESH_LOCK: &str = "huzhu.refresh";
/// How often a tab waiting for another tab's refresh looks at storage.
const LEASE_POLL_MS: u32 = 250;
/// The header that proves a refresh comes from this app's own pages (the server refuses a
/// refresh without it; another site's form or link cannot add a header).
const CSRF_HEADER: &str = "X-Huzhu-Csrf";

/// Error codes made up on this side, for failures that never produced a server error body.
const CODE_NETWORK: &str = "client.network";
const CODE_BAD_RESPONSE: &str = "client.bad_response";
const CODE_SESSION_ENDED: &str = "client.session_ended";
/// The browser could not read a file the person chose.
pub const CODE_FILE_UNREADABLE: &str = "client.file_unreadable";

/// A failed call: the server's error body, or one of the client-side codes above.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// HTTP status; 0 when no response arrived.
    pub status: u16,
    pub code: String,
    pub message: String,
    /// The server's structured detail (a refused roster carries its report here).
    pub details: Option<serde_json::Value>,
}

impl ApiError {
    /// A failure found on this side, worded like the server's (the code picks the text).
    pub fn local(status: u16, code: &str) -> Self {
        Self::client(status, code, String::new())
    }

    fn client(status: u16, code: &str, message: String) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message,
            details: None,
        }
    }

    fn network(e: impl std::fmt::Display) -> Self {
        Self::client(0, CODE_NETWORK, e.to_string())
    }

    fn session_ended() -> Self {
        Self::client(401, CODE_SESSION_ENDED, String::new())
    }

    pub fn is_session_end(&self) -> bool {
        self.code == CODE_SESSION_ENDED
    }

    /// Whether the server refused a bank card number only because it fails the Luhn check
    /// (it may be sent again with the override).
    pub fn is_luhn_failure(&self) -> bool {
        self.error_code() == Some(ErrorCode::BankCardLuhnFailed)
    }

    /// The server's code, when it is one of the catalogue's (client-side failures are not).
    pub fn error_code(&self) -> Option<ErrorCode> {
        ErrorCode::parse(&self.code)
    }

    /// What to show a person: every server code has wording in both languages in the error
    /// catalogue, so the page never switches language in the middle of a sentence; the
    /// client-side failures have their own. A code this build does not know (a newer server)
    /// shows the server's own message.
    pub fn text(&self, lang: Lang) -> String {
        let key = match self.code.as_str() {
            CODE_NETWORK => Key::ErrNetwork,
            CODE_SESSION_ENDED => Key::SessionEnded,
            CODE_FILE_UNREADABLE => Key::ErrFileRead,
            code => match ErrorCode::parse(code) {
                Some(known) => return crate::i18n::error_text(lang, known).to_owned(),
                None if self.message.trim().is_empty() || code == CODE_BAD_RESPONSE => {
                    return crate::i18n::tf(lang, Key::ErrBadResponse, &[&self.status.to_string()])
                }
                None => return self.message.clone(),
            },
        };
        crate::i18n::t(lang, key).to_owned()
    }
}

#[derive(Clone, Copy, Debug)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// What a request carries.
enum Body {
    Json(String),
    /// A file's bytes as they are, with their media type (rosters).
    Bytes(Rc<Vec<u8>>, String),
}

/// One request, kept as data so that it can be sent again after a refresh.
struct Call<'a> {
    method: Method,
    path: String,
    query: Vec<(&'a str, String)>,
    body: Option<Body>,
}

impl<'a> Call<'a> {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }

    fn json(mut self, body: &impl Serialize) -> Result<Self, ApiError> {
        let text = serde_json::to_string(body)
            .map_err(|e| ApiError::client(0, CODE_BAD_RESPONSE, e.to_string()))?;
        self.body = Some(Body::Json(text));
        Ok(self)
    }

    fn bytes(mut self, bytes: Rc<Vec<u8>>, content_type: &str) -> Self {
        self.body = Some(Body::Bytes(bytes, content_type.to_owned()));
        self
    }

    fn query_opt(mut self, name: &'a str, value: Option<impl ToString>) -> Self {
        if let Some(v) = value {
            self.query.push((name, v.to_string()));
        }
        self
    }

    /// `limit` and `offset` of a list endpoint.
    fn page(self, query: &ListQuery) -> Self {
        self.query_opt("limit", query.limit)
            .query_opt("offset", query.offset)
    }

    /// `q`, `limit` and `offset` of a list endpoint that can search.
    fn search(self, query: &ListQuery) -> Self {
        self.query_opt("q", query.q.clone()).page(query)
    }

    async fn send(&self, bearer: Option<&str>) -> Result<Response, ApiError> {
        self.send_with(bearer, &[]).await
    }

    async fn send_with(
        &self,
        bearer: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Result<Response, ApiError> {
        let url = format!("{BASE}{}", self.path);
        let mut builder: RequestBuilder = match self.method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Patch => Request::patch(&url),
            Method::Delete => Request::delete(&url),
        };
        builder = builder
            .header("Accept", "application/json")
            .query(self.query.iter().map(|(k, v)| (*k, v.as_str())));
        if let Some(token) = bearer {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let request = match &self.body {
            Some(Body::Json(text)) => builder
                .header("Content-Type", "application/json")
                .body(text.as_str()),
            Some(Body::Bytes(bytes, content_type)) => builder
                .header("Content-Type", content_type)
                .body(js_sys::Uint8Array::from(bytes.as_slice())),
            None => builder.build(),
        }
        .map_err(ApiError::network)?;
        let response = request.send().await.map_err(ApiError::network)?;
        crate::format::learn_server_time(response.headers().get("huzhu-time"));
        Ok(response)
    }
}

/// Turns a non-success response into an [`ApiError`].
async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    // Read loosely rather than as `ErrorBody`: a code this build does not know (a newer server)
    // still carries the server's message.
    #[derive(serde::Deserialize)]
    struct LooseErrorBody {
        code: String,
        message: String,
        #[serde(default)]
        details: Option<serde_json::Value>,
    }
    match response.json::<LooseErrorBody>().await {
        Ok(body) => ApiError {
            status,
            code: body.code,
            message: body.message,
            details: body.details,
        },
        // A proxy's HTML error page, an empty body...
        Err(_) => ApiError::client(status, CODE_BAD_RESPONSE, String::new()),
    }
}

async fn json_of<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let status = response.status();
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::client(status, CODE_BAD_RESPONSE, e.to_string()))
}

async fn empty_of(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

struct Inner {
    /// This tab's access token; `None` before the first refresh after a reload.
    access: RefCell<Option<AccessToken>>,
    refreshing: RefCell<Option<RefreshFuture>>,
    /// Identifies this tab in the cross-tab refresh lease.
    tab_id: String,
    /// Told when the session can no longer be used (refresh refused, tokens gone).
    on_session_end: Callback<()>,
}

/// Cheap to clone; all clones share the single-flight refresh.
#[derive(Clone)]
pub struct Api {
    inner: Rc<Inner>,
}

impl PartialEq for Api {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// Query of the list endpoints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Api {
    pub fn new(on_session_end: Callback<()>) -> Self {
        Self {
            inner: Rc::new(Inner {
                access: RefCell::new(None),
                refreshing: RefCell::new(None),
                tab_id: format!("{:x}", (js_sys::Math::random() * 1e15) as u64),
                on_session_end,
            }),
        }
    }

    fn end_session(&self) {
        self.inner.access.replace(None);
        storage::forget_session();
        self.inner.on_session_end.emit(());
    }

    /// This tab's access token (when it was received, when it expires), if it has one.
    pub fn access_token_times(&self) -> Option<AccessToken> {
        self.inner.access.borrow().clone()
    }

    fn access_token(&self) -> Option<String> {
        self.inner.access.borrow().as_ref().map(|t| t.token.clone())
    }

    /// A file the API returns (a workbook, a bank file), as bytes.
    async fn binary(&self, call: &Call<'_>) -> Result<Vec<u8>, ApiError> {
        let response = self.send(call).await?;
        if !response.ok() {
            return Err(error_of(response).await);
        }
        let status = response.status();
        response
            .binary()
            .await
            .map_err(|e| ApiError::client(status, CODE_BAD_RESPONSE, e.to_string()))
    }

    /// Sends an authenticated call; without an access token (after a reload) refreshes first,
    /// and on 401 refreshes once and tries again.
    async fn send(&self, call: &Call<'_>) -> Result<Response, ApiError> {
        let used = match self.access_token() {
            Some(token) => token,
            None => {
                self.refresh().await?;
                self.access_token().ok_or_else(ApiError::session_ended)?
            }
        };
        let response = call.send(Some(&used)).await?;
        if response.status() != 401 {
            return Ok(response);
        }
        // A concurrent call may have refreshed meanwhile; then just use its token.
        if self.access_token().as_ref() == Some(&used) {
            self.refresh().await?;
        }
        let Some(token) = self.access_token() else {
            self.end_session();
            return Err(ApiError::session_ended());
        };
        let response = call.send(Some(&token)).await?;
        if response.status() == 401 {
            // Refused with a fresh token: the account was disabled or the session revoked.
            self.end_session();
            return Err(ApiError::session_ended());
        }
        Ok(response)
    }

    /// Exchanges the refresh cookie for a new access token. Concurrent callers share one
    /// request.
    pub async fn refresh(&self) -> Result<(), ApiError> {
        let shared = {
            let mut slot = self.inner.refreshing.borrow_mut();
            match slot.as_ref() {
                Some(in_flight) => in_flight.clone(),
                None => {
                    let this = self.clone();
                    let fut = async move {
                        let result = this.refresh_now().await;
                        *this.inner.refreshing.borrow_mut() = None;
                        result
                    }
                    .boxed_local()
                    .shared();
                    *slot = Some(fut.clone());
                    fut
                }
            }
        };
        shared.await
    }

    /// The tabs of one browser share the cookie, so they take turns: a tab's refresh starts
    /// only after the previous one's answer has put the next refresh token into the cookie.
    async fn refresh_now(&self) -> Result<(), ApiError> {
        if crate::tab_lock::available() {
            let this = self.clone();
            let locked =
                crate::tab_lock::with_lock(
                    REFRESH_LOCK,
                    move || async move { this.exchange().await },
                )
                .await;
            if let Some(result) = locked {
                return result;
            }
            // The lock request itself failed: fall back to the storage lease below.
        }
        self.refresh_with_lease().await
    }

    /// The fallback without Web Locks: a best-effort lease in localStorage.
    async fn refresh_with_lease(&self) -> Result<(), ApiError> {
        let steps = (storage::REFRESH_LEASE_MS / LEASE_POLL_MS as f64) as u32;
        for _ in 0..=steps {
            if storage::claim_refresh(&self.inner.tab_id) {
                let result = self.exchange().await;
                storage::release_refresh(&self.inner.tab_id);
                return result;
            }
            // Another tab is spending the cookie's refresh token right now.
            TimeoutFuture::new(LEASE_POLL_MS).await;
        }
        Err(ApiError::network(
            "refresh still in progress in another tab",
        ))
    }

    async fn exchange(&self) -> Result<(), ApiError> {
        let response = Call::new(Method::Post, "/auth/refresh")
            .send_with(None, &[(CSRF_HEADER, "1")])
            .await?;
        match response.status() {
            200..=299 => {
                let answer: SessionToken = json_of(response).await?;
                let next = AccessToken::from_answer(&answer);
                let before = self
                    .inner
                    .access
                    .borrow()
                    .as_ref()
                    .and_then(AccessToken::subject);
                if before.is_some() && before != next.subject() {
                    // Another tab logged in as someone else and the cookie is now theirs: this
                    // tab's session is over rather than silently becoming that person's.
                    self.end_session();
                    return Err(ApiError::session_ended());
                }
                self.inner.access.replace(Some(next));
                Ok(())
            }
            // The refresh token is missing, unknown, spent or expired: this session is over.
            400 | 401 | 403 => {
                self.end_session();
                Err(ApiError::session_ended())
            }
            // The server is in trouble; let a later attempt try again.
            _ => Err(error_of(response).await),
        }
    }

    /// Logs in; the server sets the refresh cookie, the access token stays in this tab.
    pub async fn login(&self, request: &LoginRequest) -> Result<(), ApiError> {
        let response = Call::new(Method::Post, "/auth/login")
            .json(request)?
            .send(None)
            .await?;
        let answer: SessionToken = json_of(response).await?;
        self.inner
            .access
            .replace(Some(AccessToken::from_answer(&answer)));
        storage::remember_session();
        Ok(())
    }

    /// Ends the session on the server (which also clears the cookie) and forgets it here.
    pub async fn logout(&self) {
        // Through `send`, so that a tab whose access token expired still ends the session (and
        // has the cookie cleared) instead of leaving it to live on.
        let _ = self.send(&Call::new(Method::Post, "/auth/logout")).await;
        self.inner.access.replace(None);
        storage::forget_session();
    }

    pub async fn me(&self) -> Result<Me, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/me")).await?).await
    }

    /// Without `parent_id`: the caller's own unit (or search results with `q`).
    pub async fn org_units(
        &self,
        parent_id: Option<i64>,
        query: &ListQuery,
    ) -> Result<Page<OrgUnit>, ApiError> {
        self.org_units_of_kind(parent_id, None, query).await
    }

    /// [`Api::org_units`], only units of `kind` when given.
    pub async fn org_units_of_kind(
        &self,
        parent_id: Option<i64>,
        kind: Option<OrgUnitKind>,
        query: &ListQuery,
    ) -> Result<Page<OrgUnit>, ApiError> {
        let call = Call::new(Method::Get, "/org-units")
            .query_opt("parent_id", parent_id)
            .query_opt("kind", kind.map(OrgUnitKind::as_str))
            .search(query);
        json_of(self.send(&call).await?).await
    }

    pub async fn org_unit(&self, id: i64) -> Result<OrgUnit, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, format!("/org-units/{id}")))
                .await?,
        )
        .await
    }

    pub async fn create_org_unit(&self, unit: &NewOrgUnit) -> Result<OrgUnit, ApiError> {
        let call = Call::new(Method::Post, "/org-units").json(unit)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn update_org_unit(
        &self,
        id: i64,
        changes: &OrgUnitChanges,
    ) -> Result<OrgUnit, ApiError> {
        let call = Call::new(Method::Patch, format!("/org-units/{id}")).json(changes)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn delete_org_unit(&self, id: i64) -> Result<(), ApiError> {
        empty_of(
            self.send(&Call::new(Method::Delete, format!("/org-units/{id}")))
                .await?,
        )
        .await
    }

    pub async fn staff(
        &self,
        org_unit_id: Option<i64>,
        query: &ListQuery,
    ) -> Result<Page<StaffAccount>, ApiError> {
        let call = Call::new(Method::Get, "/staff")
            .query_opt("org_unit_id", org_unit_id)
            .search(query);
        json_of(self.send(&call).await?).await
    }

    pub async fn create_staff(&self, account: &NewStaffAccount) -> Result<StaffAccount, ApiError> {
        let call = Call::new(Method::Post, "/staff").json(account)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn update_staff(
        &self,
        id: i64,
        changes: &StaffAccountChanges,
    ) -> Result<StaffAccount, ApiError> {
        let call = Call::new(Method::Patch, format!("/staff/{id}")).json(changes)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn api_clients(&self, query: &ListQuery) -> Result<Page<ApiClient>, ApiError> {
        // This endpoint has no search: `q` is not sent.
        let call = Call::new(Method::Get, "/api-clients").page(query);
        json_of(self.send(&call).await?).await
    }

    pub async fn create_api_client(
        &self,
        client: &NewApiClient,
    ) -> Result<ApiClientCreated, ApiError> {
        let call = Call::new(Method::Post, "/api-clients").json(client)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn revoke_api_client(&self, id: i64) -> Result<(), ApiError> {
        empty_of(
            self.send(&Call::new(Method::Delete, format!("/api-clients/{id}")))
                .await?,
        )
        .await
    }
}
