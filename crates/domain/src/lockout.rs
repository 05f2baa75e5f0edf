//! Login throttling (docs/domain.md §8.8): 5 failed logins within 15 minutes lock the account
//! for 15 minutes.
//!
//! An attempt is counted before its password is judged ([`LoginThrottle::reserve`]) and
//! forgotten only when it turns out right, so attempts that race each other cannot slip past
//! the count: of any number arriving at once, five are judged and the rest refused unjudged.

use chrono::{DateTime, Duration, Utc};

pub const MAX_FAILURES: i32 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
pub const LOCK_MINUTES: i64 = 15;

/// Whether a login attempt may have its password judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Judged,
    /// The account is locked: the attempt is refused whatever its password.
    Refused,
}

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

    /// Counts an attempt before its password is judged. A locked account's attempt is refused
    /// unjudged (and does not extend the lock); any other is counted as a failure at once, so
    /// the fifth in a window locks the account even while it is still being judged. A right
    /// password then clears the count ([`Self::after_success`]).
    pub fn reserve(self, now: DateTime<Utc>) -> (Self, Attempt) {
        if self.is_locked(now) {
            (self, Attempt::Refused)
        } else {
            (self.after_failure(now), Attempt::Judged)
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

    #[test]
    fn of_attempts_racing_each_other_five_are_judged() {
        let mut s = LoginThrottle::default();
        let judged = (0..300)
            .filter(|_| {
                let (next, attempt) = s.reserve(t0());
                s = next;
                attempt == Attempt::Judged
            })
            .count();
        assert_eq!(judged, MAX_FAILURES as usize);
        assert!(s.is_locked(t0()));
        // A right password among the five clears the lock it was counted towards.
        assert!(!s.after_success().is_locked(t0()));
    }

    proptest! {
        /// Whatever came before, a burst of attempts at one instant has at most five judged
        /// and leaves the account locked.
        #[test]
        fn a_burst_after_any_history_judges_at_most_five(
            gaps in proptest::collection::vec(0i64..1200, 0..30),
            burst in 6usize..400,
        ) {
            let mut s = LoginThrottle::default();
            let mut now = t0();
            for g in gaps {
                now += Duration::seconds(g);
                s = s.reserve(now).0;
            }
            let mut judged = 0;
            for _ in 0..burst {
                let (next, attempt) = s.reserve(now);
                s = next;
                judged += usize::from(attempt == Attempt::Judged);
            }
            prop_assert!(judged <= MAX_FAILURES as usize);
            prop_assert!(s.is_locked(now));
        }


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
