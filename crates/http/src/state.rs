use crate::auth::login_limits::LoginLimits;
use crate::auth::passwords::Passwords;
use crate::auth::tokens::Tokens;
use crate::auth::Caller;
use crate::config::HttpConfig;
use crate::error::ApiError;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use huzhu_app::{Actor, Answer, App, IdempotencyKey};
pub use huzhu_app::{Clock, SystemClock};
use huzhu_store::{DbConn, Store};
use std::sync::Arc;

/// Everything a handler may use; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The use cases and their unit of work.
    pub app: App,
    pub config: Arc<HttpConfig>,
    pub clock: Arc<dyn Clock>,
    pub tokens: Arc<Tokens>,
    pub passwords: Arc<Passwords>,
    pub login_limits: Arc<LoginLimits>,
}

/// The header a client sends to make a request that moves money safe to retry.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

impl AppState {
    pub fn new(store: Store, config: HttpConfig, clock: Arc<dyn Clock>) -> Self {
        let tokens = Arc::new(Tokens::new(&config));
        let passwords = Arc::new(Passwords::new(config.password_hashing));
        let login_limits = Arc::new(LoginLimits::new(config.login_rate));
        let app = App::new(
            store.clone(),
            config.audit_key.clone(),
            clock.clone(),
            config.access_log,
        )
        .with_config(huzhu_app::AppConfig {
            claims: huzhu_app::ClaimRules {
                second_approval_above: config.second_approval_above,
                time_limit_days: config.claim_time_limit_days,
                settlement_auto_approve_up_to: config.settlement_auto_approve_up_to,
            },
            documents_dir: config.documents_dir.clone(),
            meeting_notice_days: config.meeting_notice_days,
            roster_part_rows: config.roster_part_rows,
            pictures: config.pictures,
        })
        .with_keys(huzhu_app::protect::Keys::new(
            &config.data_key.0,
            &config.lookup_key.0,
        ));
        Self {
            store,
            app,
            config: Arc::new(config),
            clock,
            tokens,
            passwords,
            login_limits,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The association's business day (China time).
    pub fn today(&self) -> chrono::NaiveDate {
        huzhu_domain::plan::china_date(self.now())
    }

    /// Runs blocking application work off the async workers.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&App) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let app = self.app.clone();
        actix_web::web::block(move || f(&app)).await?
    }

    /// Runs use cases for `caller` off the async workers: the one way a handler reaches them.
    pub async fn act<T: Send + 'static>(
        &self,
        caller: &Caller,
        f: impl FnOnce(&App, &Actor) -> Result<T, huzhu_app::AppError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let actor = caller.actor();
        self.run(move |app| f(app, &actor).map_err(ApiError::from))
            .await
    }

    /// Runs a point-read use case for `caller` (the coverage enquiry): on the async worker
    /// itself when a point-read connection is free, which takes microseconds and never waits
    /// for a writer (SQLite in WAL mode) and spares the two thread switches of the hand-off to
    /// a blocking thread; otherwise (PostgreSQL, or every point reader busy) on a blocking
    /// thread like any other read.
    pub async fn point<T: Send + 'static>(
        &self,
        caller: &Caller,
        f: impl Fn(&App, &mut huzhu_app::coverage::Reader<'_>, &Actor) -> Result<T, huzhu_app::AppError>
            + Send
            + 'static,
    ) -> Result<T, ApiError> {
        let actor = caller.actor();
        let once = |app: &App, r: &mut huzhu_app::coverage::Reader<'_>| f(app, r, &actor);
        if let Some((done, unqueued)) = self.app.try_point_read(&once) {
            // The access log's queue was full (its writer far behind): the reads wait for room
            // on a blocking thread, so the worker goes on serving health checks and logins.
            if !unqueued.is_empty() {
                let app = self.app.clone();
                actix_web::web::block(move || app.queue_waiting(unqueued)).await?;
            }
            return done.map_err(ApiError::from);
        }
        let app = self.app.clone();
        actix_web::web::block(move || app.read(|app, r| f(app, r, &actor)))
            .await?
            .map_err(ApiError::from)
    }

    /// Runs a use case that moves money for `caller` with the request's `Idempotency-Key`
    /// (same key and same request → the first answer again, marked `Idempotent-Replayed:
    /// true`; same key, other request → 422). `request` identifies the request (its canonical
    /// body).
    pub async fn act_once(
        &self,
        caller: &Caller,
        req: &HttpRequest,
        request: &[u8],
        f: impl FnOnce(&App, &Actor, Option<&IdempotencyKey>) -> Result<Answer, huzhu_app::AppError>
            + Send
            + 'static,
    ) -> Result<HttpResponse, ApiError> {
        let actor = caller.actor();
        let key = idempotency_key(&actor, req, request)?;
        let answer = self
            .run(move |app| f(app, &actor, key.as_ref()).map_err(ApiError::from))
            .await?;
        Ok(answered(answer))
    }
}

/// The request's `Idempotency-Key`, bound to its method, path and canonical body.
fn idempotency_key(
    actor: &Actor,
    req: &HttpRequest,
    request: &[u8],
) -> Result<Option<IdempotencyKey>, ApiError> {
    Ok(match req.headers().get(IDEMPOTENCY_KEY) {
        None => None,
        Some(v) => Some(IdempotencyKey::new(
            actor,
            v.to_str().unwrap_or(""),
            &[
                req.method().as_str().as_bytes(),
                req.path().as_bytes(),
                request,
            ],
        )?),
    })
}

/// The answer as the response: made now or replayed.
fn answered(answer: Answer) -> HttpResponse {
    let mut res =
        HttpResponse::build(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK));
    if answer.replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    res.content_type("application/json").body(answer.body)
}

/// A point read for the request's authentication (loading the caller): on the async worker
/// when a point-read connection is free (SQLite), otherwise on a blocking thread.
pub async fn point_read<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    if let Some(mut conn) = store.point_reader() {
        return f(&mut conn);
    }
    let store = store.clone();
    actix_web::web::block(move || store.read(|c| f(c))).await?
}
