//! Rate limits on logins, per client address and per login name, kept in memory in bounded
//! space: each key counts its attempts in the current window (a minute by default), and a key
//! over its limit is told 429 with `Retry-After` until its window ends, before any database
//! read or password check. The lockout (docs/domain.md §8.8) protects an account across
//! instances; these limits protect an instance's cores from one source and keep a guesser who
//! spreads over many accounts, or many addresses, slow.

use crate::error::ApiError;
use huzhu_domain::ErrorCode;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Logins one client address may try per window.
    pub per_address: u32,
    /// Logins one login name (known or not) may be tried with per window.
    pub per_account: u32,
    pub window: Duration,
    /// Keys remembered at once; when all are in their window a new key is refused, so an
    /// attacker spraying names or addresses costs bounded memory.
    pub max_keys: usize,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_address: 60,
            per_account: 10,
            window: Duration::from_secs(60),
            max_keys: 100_000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Address(IpAddr),
    /// A keyed hash of the login name: the limiter keeps no ID number or username.
    Name(u64),
}

struct Window {
    started: Instant,
    count: u32,
}

pub struct LoginLimits {
    limits: RateLimits,
    hasher: RandomState,
    windows: Mutex<HashMap<Key, Window>>,
}

fn too_many(retry_after: Duration) -> ApiError {
    let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    ApiError::TooManyRequests {
        code: ErrorCode::AuthTooManyAttempts,
        message: format!(
            "too many login attempts from this address or for this account; try again in {} seconds",
            seconds.max(1)
        ),
        retry_after_seconds: seconds.max(1),
    }
}

impl LoginLimits {
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            hasher: RandomState::new(),
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt from `address` for `name` (normalised by the caller); refused with
    /// 429 `auth.too_many_attempts` when either is over its limit. Both keys are counted only
    /// when both are admitted.
    pub fn admit(&self, address: Option<IpAddr>, name: &str, now: Instant) -> Result<(), ApiError> {
        let name_key = Key::Name(self.hasher.hash_one(name));
        let mut windows = self
            .windows
            .lock()
            .map_err(|_| ApiError::Internal("the login limits are poisoned".into()))?;
        let mut keys = vec![(name_key, self.limits.per_account)];
        if let Some(a) = address {
            keys.push((Key::Address(a), self.limits.per_address));
        }
        for (key, limit) in &keys {
            if let Some(wait) = self.over(&windows, key, *limit, now) {
                return Err(too_many(wait));
            }
        }
        let new_keys = keys
            .iter()
            .filter(|(k, _)| !windows.contains_key(k))
            .count();
        if windows.len() + new_keys > self.limits.max_keys {
            let window = self.limits.window;
            windows.retain(|_, w| now.duration_since(w.started) < window);
            if windows.len() + new_keys > self.limits.max_keys {
                return Err(too_many(window));
            }
        }
        for (key, _) in keys {
            let w = windows.entry(key).or_insert(Window {
                started: now,
                count: 0,
            });
            if now.duration_since(w.started) >= self.limits.window {
                *w = Window {
                    started: now,
                    count: 0,
                };
            }
            w.count += 1;
        }
        Ok(())
    }

    /// How long until `key` may try again, if it is over `limit` now.
    fn over(
        &self,
        windows: &HashMap<Key, Window>,
        key: &Key,
        limit: u32,
        now: Instant,
    ) -> Option<Duration> {
        let w = windows.get(key)?;
        let elapsed = now.duration_since(w.started);
        (elapsed < self.limits.window && w.count >= limit).then(|| self.limits.window - elapsed)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn limits() -> LoginLimits {
        LoginLimits::new(RateLimits {
            per_address: 5,
            per_account: 3,
            window: Duration::from_secs(60),
            max_keys: 4,
        })
    }

    fn addr(n: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, n]))
    }

    fn retry_after(e: ApiError) -> u64 {
        match e {
            ApiError::TooManyRequests {
                code,
                retry_after_seconds,
                ..
            } => {
                assert_eq!(code, ErrorCode::AuthTooManyAttempts);
                retry_after_seconds
            }
            other => panic!("expected 429, got {other:?}"),
        }
    }

    #[test]
    fn an_account_is_limited_whatever_the_address() {
        let l = LoginLimits::new(RateLimits {
            max_keys: 100,
            ..limits().limits
        });
        let t = Instant::now();
        for n in 0..3 {
            l.admit(addr(n), "alice", t).unwrap();
        }
        let wait = retry_after(
            l.admit(addr(9), "alice", t + Duration::from_secs(20))
                .unwrap_err(),
        );
        assert_eq!(wait, 40);
        // Another name from the same addresses is not affected, and the window ends.
        l.admit(addr(0), "bob", t).unwrap();
        l.admit(addr(9), "alice", t + Duration::from_secs(60))
            .unwrap();
    }

    #[test]
    fn an_address_is_limited_whatever_the_names() {
        let l = LoginLimits::new(RateLimits {
            max_keys: 100,
            ..limits().limits
        });
        let t = Instant::now();
        for n in 0..5 {
            l.admit(addr(1), &format!("user{n}"), t).unwrap();
        }
        retry_after(l.admit(addr(1), "user9", t).unwrap_err());
        l.admit(addr(2), "user9", t).unwrap();
    }

    #[test]
    fn a_refused_attempt_counts_nothing() {
        let l = limits();
        let t = Instant::now();
        for _ in 0..3 {
            l.admit(addr(1), "alice", t).unwrap();
        }
        for _ in 0..10 {
            retry_after(l.admit(addr(1), "alice", t).unwrap_err());
        }
        // Address 1 spent 3 of its 5 attempts: two more names get through.
        l.admit(addr(1), "bob", t).unwrap();
        l.admit(addr(1), "carol", t).unwrap();
    }

    #[test]
    fn memory_is_bounded_by_the_number_of_keys() {
        let l = limits();
        let t = Instant::now();
        l.admit(addr(1), "a", t).unwrap();
        l.admit(addr(1), "b", t).unwrap();
        // Three keys are remembered (a, b, address 1); c from address 2 needs two more of the
        // four places, so it is refused while the others are in their window, and taken once
        // they have expired.
        retry_after(l.admit(addr(2), "c", t).unwrap_err());
        l.admit(addr(2), "c", t + Duration::from_secs(61)).unwrap();
        assert!(l.windows.lock().unwrap().len() <= 4);
    }
}
