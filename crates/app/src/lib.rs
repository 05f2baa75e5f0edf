//! Huzhu's use cases (huzhu-app). Every change runs through [`App::change`] (or
//! [`App::change_once`] when the caller sent an `Idempotency-Key`): one write transaction in
//! which the use case's work, its audit entries, its notices to the outbox and the idempotency
//! answer are all written, or none of them. Reads of personal data go to the [`AccessLog`],
//! off the request path. Plain functions, no HTTP types: the HTTP handlers and the command
//! line call the same code (docs/architecture.md).

pub mod access_log;
pub mod actor;
pub mod api_clients;
pub mod audit;
mod background;
pub mod claim_documents;
pub mod claims;
pub mod clock;
pub mod coverage;
pub mod enrollment;
pub mod error;
pub mod finance;
pub mod governance;
pub mod identity;
pub mod inspections;
pub mod meetings;
pub mod members;
pub mod org_units;
pub mod outbox;
pub mod payments;
pub mod pictures;
pub mod plan_terms;
pub mod plans;
pub mod protect;
pub mod records;
pub mod rosters;
pub mod settlements;
pub mod staff;
pub mod sweeper;
mod unit;

pub use access_log::{AccessLog, AccessLogConfig};
pub use actor::{Actor, ActorId, Reach};
pub use background::Running;
pub use clock::{Clock, FixedClock, ShiftedClock, SystemClock};
pub use error::{AppError, AppResult};
pub use outbox::{Dispatcher, LogNotifier, Notice, Notifier, RetryPolicy};
pub use sweeper::Sweeper;
pub use unit::{Answer, Done, Event, IdempotencyKey};

use huzhu_domain::audit::AuditKey;
use huzhu_domain::Money;
use huzhu_store::Store;
use plan_terms::PlanTermsCache;
use std::sync::Arc;

/// The association's configurable claim rules (docs/domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRules {
    /// A claim whose benefit is above this needs a second provincial approver.
    pub second_approval_above: Money,
    /// Days after the event (or the discharge) within which a claim may be filed.
    pub time_limit_days: u32,
    /// Settlement-feed claims up to this are approved at once (zero: none are).
    pub settlement_auto_approve_up_to: Money,
}

/// What the use cases take from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    pub claims: ClaimRules,
    /// Where claim documents are kept, each named by its SHA-256 under its claim's folder.
    pub documents_dir: std::path::PathBuf,
    /// Days of written notice a meeting of a body needs.
    pub meeting_notice_days: u32,
    /// Rows of a roster written per transaction on SQLite, so that no part holds the one
    /// write lock for long (docs/architecture.md, "Long imports").
    pub roster_part_rows: usize,
    /// What a picture among claim documents may declare and what checking it may cost.
    pub pictures: pictures::PictureLimits,
}

/// Rows per part of a roster written on SQLite: about 60 ms of the write lock each on the
/// benchmark machine (docs/benchmarks.md).
pub const DEFAULT_ROSTER_PART_ROWS: usize = 1_000;

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            claims: ClaimRules::default(),
            documents_dir: std::env::temp_dir().join("huzhu-documents"),
            meeting_notice_days: huzhu_domain::governance::DEFAULT_NOTICE_DAYS,
            roster_part_rows: DEFAULT_ROSTER_PART_ROWS,
            pictures: pictures::PictureLimits::default(),
        }
    }
}

impl Default for ClaimRules {
    fn default() -> Self {
        Self {
            second_approval_above: Money::from_fen(5_000_000),
            time_limit_days: 730,
            settlement_auto_approve_up_to: Money::from_fen(100_000),
        }
    }
}

/// The application: the store, the audit key, the clock and the access log's writer. Cheap to
/// clone; one per process.
#[derive(Clone)]
pub struct App {
    store: Store,
    audit_key: AuditKey,
    clock: Arc<dyn Clock>,
    access: AccessLog,
    access_store: Store,
    plan_terms: Arc<PlanTermsCache>,
    config: Arc<AppConfig>,
    keys: Option<Arc<protect::Keys>>,
    pictures: Arc<pictures::Decoders>,
}

impl App {
    pub fn new(
        store: Store,
        audit_key: AuditKey,
        clock: Arc<dyn Clock>,
        access: AccessLogConfig,
    ) -> Self {
        // Without its own file the log would be written into the register's: see
        // `huzhu_store::access_log::open`. Failing that, the register's database still works.
        let access_store = huzhu_store::access_log::open(&store).unwrap_or_else(|e| {
            tracing::error!(error = %e, "cannot open the access log's database; using the main one");
            store.clone()
        });
        let access = AccessLog::start(access_store.clone(), access);
        Self {
            store,
            audit_key,
            clock,
            access,
            access_store,
            plan_terms: Arc::default(),
            config: Arc::default(),
            keys: None,
            pictures: Arc::new(pictures::Decoders::new(Default::default())),
        }
    }

    /// The same application under the given configuration.
    pub fn with_config(mut self, config: AppConfig) -> Self {
        self.pictures = Arc::new(pictures::Decoders::new(config.pictures));
        self.config = Arc::new(config);
        self
    }

    /// The same application with the keys that protect personal information.
    pub fn with_keys(mut self, keys: protect::Keys) -> Self {
        self.keys = Some(Arc::new(keys));
        self
    }

    /// The keys that protect personal information; use cases that seal or look up ID
    /// numbers, mobiles or bank cards refuse to run without them.
    pub(crate) fn keys(&self) -> AppResult<&protect::Keys> {
        self.keys
            .as_deref()
            .ok_or_else(|| AppError::corrupt("no data key and lookup key are configured"))
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// The parsed terms of plan versions, shared by every use case.
    pub fn plan_terms(&self) -> &Arc<PlanTermsCache> {
        &self.plan_terms
    }

    /// The database the access log is kept in (see `huzhu_store::access_log::open`).
    pub fn access_store(&self) -> &Store {
        &self.access_store
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Whether the database answers a query; its kind (`sqlite`, `postgres`) when it does.
    pub fn database_ready(&self) -> AppResult<&'static str> {
        self.store.ping()?;
        Ok(self.store.backend().as_str())
    }

    /// Where reads of personal data are recorded.
    pub fn access_log(&self) -> &AccessLog {
        &self.access
    }
}
