//! One `Settings` struct: defaults, then an optional TOML file (`--config` or `HUZHU_CONFIG`),
//! then `HUZHU_*` environment variables, in that order of precedence.

use anyhow::{bail, Context, Result};
use huzhu_app::pictures::PictureLimits;
use huzhu_http::auth::login_limits::RateLimits;
use huzhu_http::auth::passwords::HashingLimits;
use huzhu_http::{HttpConfig, Secret};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// SQLite file path (default `data/huzhu.sqlite3`) or a `postgres://` URL.
    pub database_url: String,
    /// Where files live: the SQLite database by default, generated keys.
    pub data_dir: PathBuf,
    pub bind: String,
    /// The built SPA; served at `/` when present.
    pub web_dir: PathBuf,
    /// HS256 key for access tokens (≥ 32 characters). Generated into `data_dir/keys` when unset:
    /// set it explicitly when several instances serve one database.
    pub jwt_secret: Option<String>,
    /// Key of the keyed hash used to look up ID numbers. Generated like `jwt_secret` when unset;
    /// losing it makes members unfindable by ID number, so back it up.
    pub lookup_key: Option<String>,
    /// Key encrypting ID numbers, mobiles and bank cards at rest. Generated like `jwt_secret`
    /// when unset; without it the encrypted fields cannot be read, so back it up.
    pub data_key: Option<String>,
    /// Key of the audit trail's keyed hash chain and checkpoints (≥ 32 characters). Keep it
    /// away from the database's host and its backups: whoever holds both can rewrite the trail
    /// unnoticed. Generated like `jwt_secret` when unset (fine for a single machine, not for
    /// production); losing it makes the trail unverifiable, so back it up separately.
    pub audit_key: Option<String>,
    /// How long reads of personal data gather before one insert writes them to the access
    /// log, in milliseconds (a crash loses at most this window).
    pub access_log_window_ms: u64,
    /// How many reads may wait for the access log's writer before requests wait for it.
    pub access_log_queue: usize,
    /// How often the outbox's dispatcher looks for notices to deliver, in milliseconds.
    pub outbox_poll_ms: u64,
    /// How long an instance's hold on the outbox lasts without renewal, in seconds: when an
    /// instance stops, another takes over after at most this long.
    pub outbox_lease_seconds: u64,
    /// Attempts at delivering a notice before it is given up (the pause between them doubles
    /// from 10 s to at most an hour).
    pub outbox_max_attempts: u32,
    /// Days the answer to a request with an `Idempotency-Key` is kept (a retry within them gets
    /// it again; after them the key is new).
    pub idempotency_days: u32,
    pub access_token_seconds: i64,
    pub refresh_token_days: i64,
    pub json_limit_bytes: usize,
    pub pool_size: u32,
    pub workers: Option<usize>,
    /// `json` (default) or `text`.
    pub log_format: String,
    /// Claims above this amount in yuan need a second provincial approver.
    pub second_approval_above_yuan: u32,
    /// Claims filed later than this many days after the discharge (or the event) are late.
    pub claim_time_limit_days: u32,
    /// Claims from medical-insurance settlements up to this many yuan are approved at once;
    /// 0 sends every one to review.
    pub settlement_auto_approve_yuan: u32,
    /// Where claim documents are kept (default: `documents` under `data_dir`).
    pub documents_dir: Option<PathBuf>,
    /// Largest claim document accepted, in bytes (default 5 MB).
    pub max_document_bytes: usize,
    /// Largest bank result file accepted, in bytes (default 2 MB).
    pub bank_result_max_bytes: usize,
    /// Largest batch of settlements accepted, in bytes (default 2 MB).
    pub settlement_max_bytes: usize,
    /// Days of written notice a meeting of a body needs (default 10).
    pub meeting_notice_days: u32,
    /// Where the association's clock starts (RFC 3339), for a test or rehearsal server whose
    /// business dates must not depend on the day it runs; unset, it is the system's clock.
    pub clock_starts_at: Option<String>,
    /// `Strict-Transport-Security` max-age in seconds. Set it (a year is 31536000) only when
    /// every client reaches Huzhu over TLS; 0 (default) sends no such header.
    pub hsts_seconds: u64,
    /// Plain HTTP on this machine's loopback address only (`just run`): the refresh-token
    /// cookie then goes without `Secure`. Refused with any other bind address; behind a
    /// TLS-terminating proxy leave it off, so the cookie never crosses a network in clear.
    pub plain_localhost: bool,
    /// Largest roster upload, in bytes (default 16 MB).
    pub roster_max_bytes: usize,
    /// Rows of a roster's sheet or lines of its CSV, header included (default 200,000).
    pub roster_max_rows: usize,
    /// Columns of a roster (default 64).
    pub roster_max_columns: usize,
    /// Distinct texts of a roster workbook (default 1,000,000).
    pub roster_max_shared_strings: usize,
    /// Megabytes a roster workbook may unpack to (default 128).
    pub roster_max_unpacked_mb: u64,
    /// Parts (files) inside a roster workbook (default 1,000).
    pub roster_max_parts: usize,
    /// Rows of a roster written per transaction on SQLite (default 1,000).
    pub roster_part_rows: usize,
    /// The longest side a picture among claim documents may have, in pixels (default 20,000).
    pub picture_max_side: u32,
    /// The most pixels a picture may have (default 40,000,000).
    pub picture_max_pixels: u64,
    /// Megabytes one picture's decode may take (default 96).
    pub picture_decode_mb: usize,
    /// Pictures decoded at once (default 2).
    pub picture_decodes: usize,
    /// Uploads that may wait for a decode before more are told 429 (default 16).
    pub picture_queue: usize,
    /// The longest an upload waits for its decode before it is told 429, in milliseconds
    /// (default 10,000).
    pub picture_max_wait_ms: u64,
    /// Password checks computed at once (default: one per core).
    pub login_slots: Option<usize>,
    /// Logins that may wait for a password check before more are told 429 (default 32).
    pub login_queue: usize,
    /// The longest a login waits for a password check before it is told 429, in milliseconds
    /// (default 700).
    pub login_max_wait_ms: u64,
    /// How far below the rest of the server password checks run, as a nice value from 0 to
    /// 19 (default 10): a login flood then takes only the CPU other requests leave.
    pub login_nice: i32,
    /// Logins one client address may try per minute (default 60).
    pub login_per_address_per_minute: u32,
    /// Logins one login name may be tried with per minute, from anywhere (default 10).
    pub login_per_account_per_minute: u32,
    /// Addresses and login names the rate limits remember at once (default 100,000).
    pub login_rate_keys: usize,
    /// Load balancers whose `X-Forwarded-For` is believed for the rate limits (IP addresses).
    pub trusted_proxies: Vec<String>,
    /// Addresses `/metrics` answers (default: loopback only).
    pub metrics_addresses: Vec<String>,
    /// A bearer token (≥ 32 characters) that reads `/metrics` from any address.
    pub metrics_token: Option<String>,
}

/// A comma-separated list, its entries trimmed, empty ones dropped.
fn address_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "data/huzhu.sqlite3".into(),
            data_dir: "data".into(),
            bind: "127.0.0.1:8080".into(),
            web_dir: "frontend/dist".into(),
            jwt_secret: None,
            lookup_key: None,
            data_key: None,
            audit_key: None,
            access_log_window_ms: 100,
            access_log_queue: 100_000,
            outbox_poll_ms: 1_000,
            outbox_lease_seconds: 30,
            outbox_max_attempts: 10,
            idempotency_days: 30,
            access_token_seconds: 900,
            refresh_token_days: 14,
            json_limit_bytes: 64 * 1024,
            pool_size: 16,
            workers: None,
            log_format: "json".into(),
            second_approval_above_yuan: 50_000,
            claim_time_limit_days: 730,
            settlement_auto_approve_yuan: 1_000,
            documents_dir: None,
            max_document_bytes: 5 * 1024 * 1024,
            bank_result_max_bytes: 2 * 1024 * 1024,
            settlement_max_bytes: 2 * 1024 * 1024,
            meeting_notice_days: huzhu_domain::governance::DEFAULT_NOTICE_DAYS,
            clock_starts_at: None,
            hsts_seconds: 0,
            plain_localhost: false,
            roster_max_bytes: huzhu_http::roster_file::SheetLimits::default().max_bytes,
            roster_max_rows: huzhu_http::roster_file::SheetLimits::default().max_rows,
            roster_max_columns: huzhu_http::roster_file::SheetLimits::default().max_columns,
            roster_max_shared_strings: huzhu_http::roster_file::SheetLimits::default()
                .max_shared_strings,
            roster_max_unpacked_mb: huzhu_http::roster_file::SheetLimits::default()
                .max_unpacked_bytes
                / (1024 * 1024),
            roster_max_parts: huzhu_http::roster_file::SheetLimits::default().max_parts,
            roster_part_rows: huzhu_app::DEFAULT_ROSTER_PART_ROWS,
            picture_max_side: PictureLimits::default().max_side,
            picture_max_pixels: PictureLimits::default().max_pixels,
            picture_decode_mb: PictureLimits::default().max_decode_bytes / (1024 * 1024),
            picture_decodes: PictureLimits::default().at_once,
            picture_queue: PictureLimits::default().queue,
            picture_max_wait_ms: PictureLimits::default().max_wait.as_millis() as u64,
            login_slots: None,
            login_queue: HashingLimits::default().queue,
            login_max_wait_ms: HashingLimits::default().max_wait.as_millis() as u64,
            login_nice: HashingLimits::default().nice,
            login_per_address_per_minute: RateLimits::default().per_address,
            login_per_account_per_minute: RateLimits::default().per_account,
            login_rate_keys: RateLimits::default().max_keys,
            trusted_proxies: Vec::new(),
            metrics_addresses: vec!["127.0.0.1".into(), "::1".into()],
            metrics_token: None,
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field(
                "database",
                &huzhu_store::DatabaseUrl::parse(&self.database_url)
                    .map(|u| format!("{u:?}"))
                    .unwrap_or_default(),
            )
            .field("data_dir", &self.data_dir)
            .field("bind", &self.bind)
            .field("web_dir", &self.web_dir)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "***"))
            .field("lookup_key", &self.lookup_key.as_ref().map(|_| "***"))
            .field("data_key", &self.data_key.as_ref().map(|_| "***"))
            .field("audit_key", &self.audit_key.as_ref().map(|_| "***"))
            .field("access_token_seconds", &self.access_token_seconds)
            .finish_non_exhaustive()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(format!("HUZHU_{name}"))
        .ok()
        .filter(|v| !v.is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str) -> Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    env(name)
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| anyhow::anyhow!("HUZHU_{name}={v:?} is not valid: {e}"))
        })
        .transpose()
}

impl Settings {
    pub fn load(file: Option<&Path>) -> Result<Self> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| env("CONFIG").map(PathBuf::from));
        let mut s = match &file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("cannot read the configuration file {}", path.display())
                })?;
                toml::from_str(&text).with_context(|| {
                    format!("configuration file {} is not valid", path.display())
                })?
            }
            None => Settings::default(),
        };
        if let Some(v) = env("DATA_DIR") {
            s.data_dir = v.into();
            if env("DATABASE_URL").is_none() && file.is_none() {
                s.database_url = s
                    .data_dir
                    .join("huzhu.sqlite3")
                    .to_string_lossy()
                    .into_owned();
            }
        }
        if let Some(v) = env("DATABASE_URL") {
            s.database_url = v;
        }
        if let Some(v) = env("BIND") {
            s.bind = v;
        }
        if let Some(v) = env("WEB_DIR") {
            s.web_dir = v.into();
        }
        if let Some(v) = env("JWT_SECRET") {
            s.jwt_secret = Some(v);
        }
        if let Some(v) = env("LOOKUP_KEY") {
            s.lookup_key = Some(v);
        }
        if let Some(v) = env("DATA_KEY") {
            s.data_key = Some(v);
        }
        if let Some(v) = env("AUDIT_KEY") {
            s.audit_key = Some(v);
        }
        if let Some(v) = parsed("ACCESS_LOG_WINDOW_MS")? {
            s.access_log_window_ms = v;
        }
        if let Some(v) = parsed("ACCESS_LOG_QUEUE")? {
            s.access_log_queue = v;
        }
        if let Some(v) = parsed("OUTBOX_POLL_MS")? {
            s.outbox_poll_ms = v;
        }
        if let Some(v) = parsed("OUTBOX_LEASE_SECONDS")? {
            s.outbox_lease_seconds = v;
        }
        if let Some(v) = parsed("OUTBOX_MAX_ATTEMPTS")? {
            s.outbox_max_attempts = v;
        }
        if let Some(v) = parsed("IDEMPOTENCY_DAYS")? {
            s.idempotency_days = v;
        }
        if let Some(v) = env("LOG_FORMAT") {
            s.log_format = v;
        }
        if let Some(v) = parsed("ACCESS_TOKEN_SECONDS")? {
            s.access_token_seconds = v;
        }
        if let Some(v) = parsed("REFRESH_TOKEN_DAYS")? {
            s.refresh_token_days = v;
        }
        if let Some(v) = parsed("JSON_LIMIT_BYTES")? {
            s.json_limit_bytes = v;
        }
        if let Some(v) = parsed("POOL_SIZE")? {
            s.pool_size = v;
        }
        if let Some(v) = parsed("WORKERS")? {
            s.workers = Some(v);
        }
        if let Some(v) = parsed("SECOND_APPROVAL_ABOVE_YUAN")? {
            s.second_approval_above_yuan = v;
        }
        if let Some(v) = parsed("CLAIM_TIME_LIMIT_DAYS")? {
            s.claim_time_limit_days = v;
        }
        if let Some(v) = parsed("SETTLEMENT_AUTO_APPROVE_YUAN")? {
            s.settlement_auto_approve_yuan = v;
        }
        if let Some(v) = env("DOCUMENTS_DIR") {
            s.documents_dir = Some(v.into());
        }
        if let Some(v) = parsed("MEETING_NOTICE_DAYS")? {
            s.meeting_notice_days = v;
        }
        if let Some(v) = parsed("MAX_DOCUMENT_BYTES")? {
            s.max_document_bytes = v;
        }
        if let Some(v) = parsed("BANK_RESULT_MAX_BYTES")? {
            s.bank_result_max_bytes = v;
        }
        if let Some(v) = parsed("SETTLEMENT_MAX_BYTES")? {
            s.settlement_max_bytes = v;
        }
        if let Some(v) = env("CLOCK_STARTS_AT") {
            s.clock_starts_at = Some(v);
        }
        if let Some(v) = parsed::<usize>("ROSTER_PART_ROWS")? {
            if v == 0 {
                bail!("HUZHU_ROSTER_PART_ROWS must be at least 1");
            }
            s.roster_part_rows = v;
        }
        if let Some(v) = parsed("HSTS_SECONDS")? {
            s.hsts_seconds = v;
        }
        if let Some(v) = parsed("PLAIN_LOCALHOST")? {
            s.plain_localhost = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_BYTES")? {
            s.roster_max_bytes = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_ROWS")? {
            s.roster_max_rows = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_COLUMNS")? {
            s.roster_max_columns = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_SHARED_STRINGS")? {
            s.roster_max_shared_strings = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_UNPACKED_MB")? {
            s.roster_max_unpacked_mb = v;
        }
        if let Some(v) = parsed("ROSTER_MAX_PARTS")? {
            s.roster_max_parts = v;
        }
        if let Some(v) = parsed("PICTURE_MAX_SIDE")? {
            s.picture_max_side = v;
        }
        if let Some(v) = parsed("PICTURE_MAX_PIXELS")? {
            s.picture_max_pixels = v;
        }
        if let Some(v) = parsed("PICTURE_DECODE_MB")? {
            s.picture_decode_mb = v;
        }
        if let Some(v) = parsed("PICTURE_DECODES")? {
            s.picture_decodes = v;
        }
        if let Some(v) = parsed("PICTURE_QUEUE")? {
            s.picture_queue = v;
        }
        if let Some(v) = parsed("PICTURE_MAX_WAIT_MS")? {
            s.picture_max_wait_ms = v;
        }
        if let Some(v) = parsed("LOGIN_SLOTS")? {
            s.login_slots = Some(v);
        }
        if let Some(v) = parsed("LOGIN_QUEUE")? {
            s.login_queue = v;
        }
        if let Some(v) = parsed("LOGIN_MAX_WAIT_MS")? {
            s.login_max_wait_ms = v;
        }
        if let Some(v) = parsed("LOGIN_NICE")? {
            s.login_nice = v;
        }
        if let Some(v) = parsed("LOGIN_PER_ADDRESS_PER_MINUTE")? {
            s.login_per_address_per_minute = v;
        }
        if let Some(v) = parsed("LOGIN_PER_ACCOUNT_PER_MINUTE")? {
            s.login_per_account_per_minute = v;
        }
        if let Some(v) = parsed("LOGIN_RATE_KEYS")? {
            s.login_rate_keys = v;
        }
        if let Some(v) = env("TRUSTED_PROXIES") {
            s.trusted_proxies = address_list(&v);
        }
        if let Some(v) = env("METRICS_ADDRESSES") {
            s.metrics_addresses = address_list(&v);
        }
        if let Some(v) = env("METRICS_TOKEN") {
            s.metrics_token = Some(v);
        }
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<()> {
        if !(60..=900).contains(&self.access_token_seconds) {
            bail!("access_token_seconds must be between 60 and 900 (15 minutes)");
        }
        if !(1..=90).contains(&self.refresh_token_days) {
            bail!("refresh_token_days must be between 1 and 90");
        }
        if self.json_limit_bytes < 1024 {
            bail!("json_limit_bytes must be at least 1024");
        }
        for (name, v) in [
            ("max_document_bytes", self.max_document_bytes),
            ("bank_result_max_bytes", self.bank_result_max_bytes),
            ("settlement_max_bytes", self.settlement_max_bytes),
        ] {
            if v < 1024 {
                bail!("{name} must be at least 1024");
            }
        }
        if self.claim_time_limit_days == 0 {
            bail!("claim_time_limit_days must be at least 1");
        }
        if !(1..=10_000).contains(&self.access_log_window_ms) {
            bail!("access_log_window_ms must be between 1 and 10000");
        }
        if self.access_log_queue == 0 {
            bail!("access_log_queue must be at least 1");
        }
        if self.outbox_poll_ms == 0 || self.outbox_lease_seconds < 2 {
            bail!("outbox_poll_ms must be at least 1 and outbox_lease_seconds at least 2");
        }
        if self.outbox_max_attempts == 0 {
            bail!("outbox_max_attempts must be at least 1");
        }
        if self.idempotency_days == 0 {
            bail!("idempotency_days must be at least 1");
        }
        if self.pool_size == 0 {
            bail!("pool_size must be at least 1");
        }
        if self.roster_max_bytes < 1024
            || self.roster_max_rows < 2
            || self.roster_max_columns < 2
            || self.roster_max_parts < 4
            || self.roster_max_unpacked_mb == 0
        {
            bail!("roster limits are too small to take any roster: roster_max_bytes ≥ 1024, roster_max_rows ≥ 2, roster_max_columns ≥ 2, roster_max_parts ≥ 4, roster_max_unpacked_mb ≥ 1");
        }
        if self.picture_max_side == 0
            || self.picture_max_pixels == 0
            || self.picture_decode_mb == 0
            || self.picture_decodes == 0
            || self.picture_max_wait_ms == 0
        {
            bail!("picture limits must let pictures in: picture_max_side, picture_max_pixels, picture_decode_mb, picture_decodes and picture_max_wait_ms ≥ 1");
        }
        if !(0..=19).contains(&self.login_nice) {
            bail!("login_nice must be from 0 (password checks run level with the rest) to 19");
        }
        if self.login_slots == Some(0)
            || self.login_max_wait_ms == 0
            || self.login_per_address_per_minute == 0
            || self.login_per_account_per_minute == 0
            || self.login_rate_keys < 2
        {
            bail!("login limits must let logins in: login_slots, login_max_wait_ms, login_per_address_per_minute and login_per_account_per_minute ≥ 1, login_rate_keys ≥ 2");
        }
        Self::addresses("trusted_proxies", &self.trusted_proxies)?;
        Self::addresses("metrics_addresses", &self.metrics_addresses)?;
        if !matches!(self.log_format.as_str(), "json" | "text") {
            bail!("log_format must be `json` or `text`");
        }
        for (name, value) in [
            ("jwt_secret", &self.jwt_secret),
            ("lookup_key", &self.lookup_key),
            ("audit_key", &self.audit_key),
            ("metrics_token", &self.metrics_token),
        ] {
            if value.as_ref().is_some_and(|v| v.len() < 32) {
                bail!("{name} must have at least 32 characters");
            }
        }
        Ok(())
    }

    /// A key from the settings, or else from `data_dir/keys/<name>.key`, created on first use.
    fn key(&self, configured: &Option<String>, name: &str) -> Result<Vec<u8>> {
        if let Some(v) = configured {
            return Ok(v.as_bytes().to_vec());
        }
        let dir = self.data_dir.join("keys");
        let path = dir.join(format!("{name}.key"));
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(existing.as_bytes().to_vec());
            }
            bail!("{} is shorter than 32 characters", path.display());
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let key = hex::encode(bytes);
        write_private(&path, &key)?;
        tracing::warn!(path = %path.display(), "generated a new {name} key; configure HUZHU_{} to share it between instances", name.to_uppercase());
        Ok(key.into_bytes())
    }

    /// The association's clock: the system's, or one started at `clock_starts_at`.
    pub fn clock(&self) -> Result<std::sync::Arc<dyn huzhu_app::Clock>> {
        match &self.clock_starts_at {
            None => Ok(std::sync::Arc::new(huzhu_app::SystemClock)),
            Some(text) => {
                let start = chrono::DateTime::parse_from_rfc3339(text)
                    .with_context(|| {
                        format!("clock_starts_at {text:?} is not an RFC 3339 instant such as 2026-03-02T09:00:00+08:00")
                    })?
                    .with_timezone(&chrono::Utc);
                tracing::warn!(%start, "the clock starts at a configured instant, not at the system's time");
                Ok(std::sync::Arc::new(huzhu_app::ShiftedClock::starting_at(
                    start,
                )))
            }
        }
    }

    /// The audit trail's key, configured or kept under `data_dir/keys`.
    pub fn audit_key(&self) -> Result<huzhu_domain::audit::AuditKey> {
        huzhu_domain::audit::AuditKey::new(self.key(&self.audit_key, "audit_key")?)
            .context("the audit key must have at least 32 characters")
    }

    fn addresses(name: &str, list: &[String]) -> Result<Vec<std::net::IpAddr>> {
        list.iter()
            .map(|a| {
                a.parse()
                    .with_context(|| format!("{name}: `{a}` is not an IP address"))
            })
            .collect()
    }

    /// Whether the server listens on a loopback address only.
    fn binds_loopback(&self) -> bool {
        match self.bind.parse::<std::net::SocketAddr>() {
            Ok(addr) => addr.ip().is_loopback(),
            Err(_) => self.bind.starts_with("localhost:"),
        }
    }

    pub fn http_config(&self) -> Result<HttpConfig> {
        if self.plain_localhost && !self.binds_loopback() {
            bail!(
                "plain_localhost: the server binds {}, which is not a loopback address; plain HTTP without Secure cookies is allowed only on 127.0.0.1, ::1 or localhost",
                self.bind
            );
        }
        Ok(HttpConfig {
            jwt_secret: Secret(self.key(&self.jwt_secret, "jwt_secret")?),
            lookup_key: Secret(self.key(&self.lookup_key, "lookup_key")?),
            data_key: Secret(self.key(&self.data_key, "data_key")?),
            audit_key: self.audit_key()?,
            access_log: huzhu_app::AccessLogConfig {
                window: std::time::Duration::from_millis(self.access_log_window_ms),
                queue: self.access_log_queue,
            },
            issuer: "huzhu".into(),
            audience: "huzhu-api".into(),
            access_token_seconds: self.access_token_seconds,
            refresh_token_seconds: self.refresh_token_days * 24 * 3600,
            refresh_cookie: huzhu_http::auth::refresh_cookie::CookiePolicy {
                secure: !self.plain_localhost,
            },
            json_limit: self.json_limit_bytes,
            password_hashing: HashingLimits {
                slots: self.login_slots.unwrap_or_else(|| {
                    std::thread::available_parallelism()
                        .map(|n| n.get())
                        .unwrap_or(2)
                }),
                queue: self.login_queue,
                max_wait: std::time::Duration::from_millis(self.login_max_wait_ms),
                nice: self.login_nice,
            },
            login_rate: RateLimits {
                per_address: self.login_per_address_per_minute,
                per_account: self.login_per_account_per_minute,
                window: std::time::Duration::from_secs(60),
                max_keys: self.login_rate_keys,
            },
            trusted_proxies: Self::addresses("trusted_proxies", &self.trusted_proxies)?,
            metrics_addresses: Self::addresses("metrics_addresses", &self.metrics_addresses)?,
            metrics_token: self
                .metrics_token
                .as_ref()
                .map(|t| Secret(t.as_bytes().to_vec())),
            web_dir: self
                .web_dir
                .join("index.html")
                .is_file()
                .then(|| self.web_dir.clone()),
            second_approval_above: huzhu_domain::Money::from_fen(
                i64::from(self.second_approval_above_yuan) * 100,
            ),
            claim_time_limit_days: self.claim_time_limit_days,
            settlement_auto_approve_up_to: huzhu_domain::Money::from_fen(
                i64::from(self.settlement_auto_approve_yuan) * 100,
            ),
            documents_dir: self
                .documents_dir
                .clone()
                .unwrap_or_else(|| self.data_dir.join("documents")),
            max_document_bytes: self.max_document_bytes,
            bank_result_max_bytes: self.bank_result_max_bytes,
            settlement_max_bytes: self.settlement_max_bytes,
            meeting_notice_days: self.meeting_notice_days,
            hsts_seconds: self.hsts_seconds,
            roster_limits: huzhu_http::roster_file::SheetLimits {
                max_bytes: self.roster_max_bytes,
                max_rows: self.roster_max_rows,
                max_columns: self.roster_max_columns,
                max_shared_strings: self.roster_max_shared_strings,
                max_unpacked_bytes: self.roster_max_unpacked_mb * 1024 * 1024,
                max_parts: self.roster_max_parts,
            },
            roster_part_rows: self.roster_part_rows,
            pictures: PictureLimits {
                max_side: self.picture_max_side,
                max_pixels: self.picture_max_pixels,
                max_decode_bytes: self.picture_decode_mb * 1024 * 1024,
                at_once: self.picture_decodes,
                queue: self.picture_queue,
                max_wait: std::time::Duration::from_millis(self.picture_max_wait_ms),
            },
        })
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot create {}", path.display()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn with_keys(bind: &str, plain_localhost: bool) -> Settings {
        let key = Some("k".repeat(32));
        Settings {
            bind: bind.into(),
            plain_localhost,
            jwt_secret: key.clone(),
            lookup_key: key.clone(),
            data_key: key.clone(),
            audit_key: key,
            ..Settings::default()
        }
    }

    #[test]
    fn the_refresh_cookie_goes_without_secure_only_on_loopback_when_asked() {
        let secure = |s: &Settings| s.http_config().unwrap().refresh_cookie.secure;
        assert!(secure(&with_keys("0.0.0.0:8080", false)));
        assert!(secure(&with_keys("127.0.0.1:8080", false)));
        for bind in ["127.0.0.1:8080", "[::1]:8080", "localhost:8080"] {
            assert!(!secure(&with_keys(bind, true)), "{bind}");
        }
        for bind in ["0.0.0.0:8080", "10.1.2.3:8080", "huzhu.example:8080"] {
            let refused = with_keys(bind, true).http_config().err().unwrap();
            assert!(refused.to_string().contains("not a loopback"), "{refused}");
        }
    }
}
