//! What the HTTP layer needs to know, built by the server from its settings.

use std::path::PathBuf;

/// Key material that never shows in `Debug` output.
#[derive(Clone)]
pub struct Secret(pub Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// HMAC key signing access tokens (HS256); at least 32 bytes.
    pub jwt_secret: Secret,
    /// Key of the keyed hash under which ID numbers are looked up.
    pub lookup_key: Secret,
    /// Key that encrypts sensitive fields (ID numbers, mobiles, bank cards) at rest.
    pub data_key: Secret,
    /// Key of the audit trail's keyed hash chain and its checkpoints; kept outside the database.
    pub audit_key: huzhu_domain::audit::AuditKey,
    /// How reads of personal data are grouped into the access log.
    pub access_log: huzhu_app::AccessLogConfig,
    pub issuer: String,
    pub audience: String,
    /// Lifetime of access tokens in seconds (at most 900).
    pub access_token_seconds: i64,
    /// Lifetime of refresh tokens in seconds.
    pub refresh_token_seconds: i64,
    /// How the refresh-token cookie is set (`Secure` unless the server is configured for plain
    /// HTTP on loopback).
    pub refresh_cookie: crate::auth::refresh_cookie::CookiePolicy,
    /// Largest accepted JSON body in bytes.
    pub json_limit: usize,
    /// How many password checks run at once (each takes ~20 ms of one core), how many may
    /// wait, and for how long, before a login is told 429.
    pub password_hashing: crate::auth::passwords::HashingLimits,
    /// Logins allowed per client address and per login name in each window.
    pub login_rate: crate::auth::login_limits::RateLimits,
    /// Proxies (load balancers) whose `X-Forwarded-For` is believed: a request from one of
    /// them is counted against the address it forwarded for, not the proxy's own.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Addresses `/metrics` answers (loopback by default); requests through a trusted proxy
    /// never count as one of them.
    pub metrics_addresses: Vec<std::net::IpAddr>,
    /// A bearer token that reads `/metrics` from anywhere; `None`: addresses only.
    pub metrics_token: Option<Secret>,
    /// The built SPA (`index.html` and its assets); `None` serves the API only.
    pub web_dir: Option<PathBuf>,
    /// Claims above this amount need a second provincial approver (docs/domain.md §4: 50,000).
    pub second_approval_above: huzhu_domain::Money,
    /// Claims filed more than this many days after the discharge (or the event) are late.
    pub claim_time_limit_days: u32,
    /// Claims from medical-insurance settlements up to this amount are approved at once
    /// (recorded as automatic); zero turns that off.
    pub settlement_auto_approve_up_to: huzhu_domain::Money,
    /// Where claim documents are kept (one folder per claim, files named by their SHA-256).
    pub documents_dir: PathBuf,
    /// Largest claim document accepted, in bytes (docs/domain.md §4: 5 MB).
    pub max_document_bytes: usize,
    /// Largest bank result file accepted, in bytes (2 MB).
    pub bank_result_max_bytes: usize,
    /// Largest batch of medical-insurance settlements accepted, in bytes (2 MB: a thousand
    /// records with room to spare).
    pub settlement_max_bytes: usize,
    /// Days of written notice a meeting needs (docs/domain.md §6: 10).
    pub meeting_notice_days: u32,
    /// `Strict-Transport-Security` max-age in seconds, for a server reached only over TLS
    /// (behind a terminating proxy); zero sends no such header.
    pub hsts_seconds: u64,
    /// What an uploaded roster may hold (bytes, rows, columns, a workbook's unpacked size).
    pub roster_limits: crate::roster_file::SheetLimits,
    /// Rows of a roster written per transaction on SQLite.
    pub roster_part_rows: usize,
    /// What a picture among claim documents may declare and what checking it may cost.
    pub pictures: huzhu_app::pictures::PictureLimits,
}

/// The loopback addresses, IPv4 and IPv6.
pub fn loopback() -> Vec<std::net::IpAddr> {
    vec![
        std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::Ipv6Addr::LOCALHOST.into(),
    ]
}

impl HttpConfig {
    /// A configuration for tests and examples with throw-away keys.
    pub fn for_tests() -> Self {
        Self {
            jwt_secret: Secret(b"test-secret-test-secret-test-secret!".to_vec()),
            lookup_key: Secret(b"test-lookup-key-test-lookup-key!".to_vec()),
            data_key: Secret(b"test-data-key-test-data-key-test".to_vec()),
            audit_key: huzhu_domain::audit::AuditKey::new(
                b"test-audit-key-test-audit-key-test!".to_vec(),
            )
            .unwrap_or_else(|| unreachable!("the test key is long enough")),
            access_log: huzhu_app::AccessLogConfig::default(),
            issuer: "huzhu".into(),
            audience: "huzhu-api".into(),
            access_token_seconds: 900,
            refresh_token_seconds: 14 * 24 * 3600,
            refresh_cookie: Default::default(),
            json_limit: 64 * 1024,
            password_hashing: Default::default(),
            login_rate: Default::default(),
            trusted_proxies: Vec::new(),
            metrics_addresses: loopback(),
            metrics_token: None,
            web_dir: None,
            second_approval_above: huzhu_domain::Money::from_fen(5_000_000),
            claim_time_limit_days: 730,
            settlement_auto_approve_up_to: huzhu_domain::Money::from_fen(100_000),
            documents_dir: std::env::temp_dir()
                .join(format!("huzhu-test-documents-{}", std::process::id())),
            max_document_bytes: 5 * 1024 * 1024,
            bank_result_max_bytes: 2 * 1024 * 1024,
            settlement_max_bytes: 2 * 1024 * 1024,
            meeting_notice_days: huzhu_domain::governance::DEFAULT_NOTICE_DAYS,
            hsts_seconds: 0,
            roster_limits: crate::roster_file::SheetLimits::default(),
            roster_part_rows: huzhu_app::DEFAULT_ROSTER_PART_ROWS,
            pictures: Default::default(),
        }
    }
}
