//! Huzhu's use cases (huzhu-app). Every change runs through [`App::change`] (or
//! [`App::change_once`] when the caller sent an `Idempotency-Key`): one write transaction in
//! which the use case's work, its audit entries, its notices to the outbox and the idempotency
//! answer are all written, or none of them. Reads of personal data go to the [`AccessLog`],
//! off the request path. Plain functions, no HTTP types: the HTTP handlers and the command
//! line call the same code (docs/architecture.md).

pub mod access_log;
pub mod actor;
pub mod audit;
pub mod clock;
pub mod error;
pub mod finance;
pub mod outbox;
mod unit;

pub use access_log::{AccessLog, AccessLogConfig};
pub use actor::{Actor, ActorId, Reach};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, AppResult};
pub use outbox::{Dispatcher, LogNotifier, Notice, Notifier};
pub use unit::{Answer, Done, Event, IdempotencyKey};

use huzhu_domain::audit::AuditKey;
use huzhu_store::Store;
use std::sync::Arc;

/// The application: the store, the audit key, the clock and the access log's writer. Cheap to
/// clone; one per process.
#[derive(Clone)]
pub struct App {
    store: Store,
    audit_key: AuditKey,
    clock: Arc<dyn Clock>,
    access: AccessLog,
    access_store: Store,
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
        }
    }

    /// The database the access log is kept in (see `huzhu_store::access_log::open`).
    pub fn access_store(&self) -> &Store {
        &self.access_store
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Where reads of personal data are recorded.
    pub fn access_log(&self) -> &AccessLog {
        &self.access
    }
}
