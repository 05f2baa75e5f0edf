//! The signed-in session as the pages see it, and the timer that keeps its tokens fresh.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use huzhu_api_types::{Me, PrincipalKind};
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::Api;
use crate::storage;

/// Provided by the app to everything below the layout once `/me` has answered.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub me: Rc<Me>,
    pub api: Api,
    pub logout: Callback<()>,
}

impl Session {
    pub fn can(&self, permission: Permission) -> bool {
        self.me.permissions.contains(&permission)
    }

    pub fn is_member(&self) -> bool {
        self.me.kind == PrincipalKind::Member
    }
}

/// The session; only call from components rendered inside the signed-in layout.
#[hook]
pub fn use_session() -> Option<Session> {
    use_context::<Session>()
}

/// Refresh about this long before the access token expires...
const REFRESH_MARGIN_MS: f64 = 60_000.0;
/// ...give or take up to this much (at most a tenth of the token's lifetime), chosen once per
/// tab, so that several open tabs sharing the refresh cookie do not all wake at the same moment.
const REFRESH_JITTER_MS: f64 = 10_000.0;
/// Never sleep longer than this before looking again: a laptop that slept through the expiry
/// wakes up with timers that fire late, and a 401-retry may have refreshed meanwhile.
const MAX_NAP_MS: f64 = 30_000.0;
/// After a refresh that failed for a passing reason (network), wait this long before retrying.
const RETRY_MS: u32 = 15_000;

/// Keeps this tab's access token fresh while `active`: looks at its expiry (which a 401-retry in
/// the API client may have moved), sleeps until about a minute before it, then refreshes. Stops when the component unmounts or the session ends.
#[hook]
pub fn use_token_refresher(api: Api, active: bool) {
    use_effect_with((api, active), |(api, active)| {
        let cancelled = Rc::new(Cell::new(false));
        if *active {
            let api = api.clone();
            let cancelled = cancelled.clone();
            let jitter = js_sys::Math::random() * 2.0 - 1.0;
            yew::platform::spawn_local(async move {
                while !cancelled.get() {
                    let Some(token) = api.access_token_times() else {
                        break;
                    };
                    let lifetime = token.expires_at_ms - token.issued_at_ms;
                    let spread = REFRESH_JITTER_MS.min(lifetime / 10.0).max(0.0);
                    let due_in = token.refresh_due_ms(REFRESH_MARGIN_MS) + jitter * spread
                        - storage::now_ms();
                    if due_in > 0.0 {
                        TimeoutFuture::new(due_in.min(MAX_NAP_MS) as u32).await;
                        continue;
                    }
                    match api.refresh().await {
                        Ok(()) => {}
                        // The API client has already told the app; nothing left to refresh.
                        Err(e) if e.is_session_end() => break,
                        Err(_) => TimeoutFuture::new(RETRY_MS).await,
                    }
                }
            });
        }
        move || cancelled.set(true)
    });
}
