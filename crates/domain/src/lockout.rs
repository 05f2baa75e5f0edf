//! Login throttling: 5 failed logins within 15 minutes lock the account for 15 minutes.

use chrono::{DateTime, Duration, Utc};

pub const MAX_FAILURES: i32 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
pub const LOCK_MINUTES: i64 = 15;

/// The failed-login state kept with each account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginThrottle {
    pub failed_count: i32,
    pub window_started_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginThrottle {
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    /// The state after one more failed attempt at `now`. Attempts while locked do not extend
    /// the lock, so a locked account always opens again 15 minutes after it was locked.
    pub fn after_failure(self, now: DateTime<Utc>) -> Self {
        if self.is_locked(now) {
            return self;
        }
        let window_open = self
            .window_started_at
            .is_some_and(|start| now - start < Duration::minutes(FAILURE_WINDOW_MINUTES));
        let (count, start) = if window_open {
            (self.failed_count + 1, self.window_started_at)
        } else {
            (1, Some(now))
        };
        if count >= MAX_FAILURES {
            Self {
                failed_count: 0,
                window_started_at: None,
                locked_until: Some(now + Duration::minutes(LOCK_MINUTES)),
            }
        } else {
            Self {
                failed_count: count,
                window_started_at: start,
                locked_until: None,
            }
        }
    }

    /// A successful login clears the failures.
    pub fn after_success(self) -> Self {
        Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn five_failures_lock_for_fifteen_minutes() {
        let mut s = LoginThrottle::default();
        for i in 0..4 {
            s = s.after_failure(t0() + Duration::minutes(i));
            assert!(!s.is_locked(t0() + Duration::minutes(i)));
        }
        s = s.after_failure(t0() + Duration::minutes(4));
        assert!(s.is_locked(t0() + Duration::minutes(4)));
        assert!(s.is_locked(t0() + Duration::minutes(18) + Duration::seconds(59)));
        assert!(!s.is_locked(t0() + Duration::minutes(19)));
    }

    #[test]
    fn failures_outside_the_window_start_over() {
        let mut s = LoginThrottle::default();
        for i in 0..4 {
            s = s.after_failure(t0() + Duration::minutes(i));
        }
        s = s.after_failure(t0() + Duration::minutes(15));
        assert!(!s.is_locked(t0() + Duration::minutes(15)));
        assert_eq!(s.failed_count, 1);
    }

    proptest! {
        /// However the failures are spaced, the account is never locked while fewer than five
        /// of them fell inside one 15-minute window, and a lock always ends after 15 minutes.
        #[test]
        fn lock_needs_five_close_failures(gaps in proptest::collection::vec(0i64..1200, 1..20)) {
            let mut s = LoginThrottle::default();
            let mut now = t0();
            let mut recent: Vec<DateTime<Utc>> = Vec::new();
            for g in gaps {
                now += Duration::seconds(g);
                let was_locked = s.is_locked(now);
                s = s.after_failure(now);
                if !was_locked {
                    recent.push(now);
                }
                if s.is_locked(now) && !was_locked {
                    let in_window = recent.iter().filter(|t| now - **t < Duration::minutes(15)).count();
                    prop_assert!(in_window >= 5);
                    recent.clear();
                    prop_assert!(!s.is_locked(now + Duration::minutes(15)));
                }
            }
        }
    }
}
