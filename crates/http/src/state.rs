use crate::auth::passwords::Passwords;
use crate::auth::tokens::Tokens;
use crate::config::HttpConfig;
use chrono::{DateTime, Utc};
use huzhu_store::Store;
use std::sync::Arc;

/// The source of "now" for business rules (lockouts, session records), replaceable in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Everything a handler may use; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<HttpConfig>,
    pub clock: Arc<dyn Clock>,
    pub tokens: Arc<Tokens>,
    pub passwords: Arc<Passwords>,
    pub sealer: Arc<crate::sealing::Sealer>,
    pub plan_terms: Arc<crate::plan_terms::PlanTermsCache>,
    /// Where members hear of their claims outside the SPA.
    pub notifier: Arc<dyn crate::notify::Notifier>,
}

impl AppState {
    pub fn new(store: Store, config: HttpConfig, clock: Arc<dyn Clock>) -> Self {
        let tokens = Arc::new(Tokens::new(&config));
        let passwords = Arc::new(Passwords::new(config.password_hashing_slots));
        let sealer = Arc::new(crate::sealing::Sealer::new(&config.data_key));
        Self {
            store,
            config: Arc::new(config),
            clock,
            tokens,
            passwords,
            sealer,
            plan_terms: Arc::default(),
            notifier: Arc::new(crate::notify::LogNotifier),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Runs blocking store work off the async workers.
    pub async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, crate::error::ApiError> + Send + 'static,
    ) -> Result<T, crate::error::ApiError> {
        let store = self.store.clone();
        actix_web::web::block(move || f(&store)).await?
    }
}
