//! argon2id password hashes, computed by a few threads of their own, as many as there are
//! slots (one per core by default), behind a bounded queue.
//!
//! Each hash takes ~20 ms of a core and 19 MiB of memory. Run on the shared blocking pool,
//! a flood of logins grew that pool to a hundred threads, each keeping its own 19 MiB arenas,
//! and starved every other request; here the memory is that of the slots, and a login that
//! cannot get a slot within the configured wait, or finds the queue full, is told 429 with
//! `Retry-After` at once (docs/architecture.md, "Logins").

use crate::error::{ApiError, ApiResult};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use huzhu_app::protect::constant_time_eq;
use huzhu_domain::ErrorCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

pub use huzhu_domain::field_rules::MIN_PASSWORD_CHARS;

/// How many password checks run and wait at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingLimits {
    /// Checks computed at once, each on its own thread (one per core is the most that helps).
    pub slots: usize,
    /// Requests that may wait for a slot; beyond them a login is told 429 at once.
    pub queue: usize,
    /// The longest a request waits for a slot before it is told 429.
    pub max_wait: Duration,
    /// How far below the rest of the server the password threads run (a nice value, 0 to
    /// 19; 0 leaves them equal): a flood of logins then takes only the CPU that other
    /// requests leave.
    pub nice: i32,
}

impl Default for HashingLimits {
    fn default() -> Self {
        Self {
            slots: 2,
            queue: 32,
            max_wait: Duration::from_millis(700),
            nice: 10,
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

pub struct Passwords {
    slots: Arc<Semaphore>,
    /// Requests holding or waiting for a slot.
    admitted: AtomicUsize,
    limits: HashingLimits,
    jobs: Mutex<mpsc::Sender<Job>>,
    /// Verified against when the account does not exist or may not be judged, so that an
    /// unknown user costs the same time as a wrong password.
    decoy: String,
}

pub fn hash_blocking(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

// Each password thread's argon2 memory (19 MiB at the default cost), allocated once and used
// for every check it makes: allocated per check, the allocator kept several copies per
// thread, and a flood took the server past 300 MB.
thread_local! {
    static BLOCKS: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs argon2 in the calling thread's blocks, grown once to the size `params` need.
fn in_thread_memory(
    argon2: &Argon2<'_>,
    params: &Params,
    password: &str,
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    BLOCKS.with_borrow_mut(|blocks| {
        if blocks.len() < params.block_count() {
            blocks.resize(params.block_count(), Block::default());
        }
        argon2.hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            out,
            &mut blocks[..params.block_count()],
        )
    })
}

/// [`hash_blocking`] in the calling password thread's memory: the same PHC string
/// (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) without allocating 19 MiB for every new password.
fn hash_in_thread_memory(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut raw_salt = [0u8; 64];
    let raw_salt = salt
        .as_salt()
        .decode_b64(&mut raw_salt)
        .map_err(|e| e.to_string())?;
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    in_thread_memory(&argon2, &params, password, raw_salt, &mut out).map_err(|e| e.to_string())?;
    let output = argon2::password_hash::Output::new(&out).map_err(|e| e.to_string())?;
    Ok(format!(
        "$argon2id$v=19$m={},t={},p={}${}${output}",
        params.m_cost(),
        params.t_cost(),
        params.p_cost(),
        salt.as_str()
    ))
}

fn verify_blocking(hash: &str, password: &str) -> bool {
    let check = || -> Option<bool> {
        let parsed = PasswordHash::new(hash).ok()?;
        let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&parsed).ok()?;
        let expected = parsed.hash?;
        let mut salt = [0u8; 64];
        let salt = parsed.salt?.decode_b64(&mut salt).ok()?;
        let mut out = vec![0u8; expected.len()];
        let argon2 = Argon2::new(algorithm, version, params.clone());
        in_thread_memory(&argon2, &params, password, salt, &mut out).ok()?;
        Some(constant_time_eq(&out, expected.as_bytes()))
    };
    check().unwrap_or(false)
}

/// Lowers the calling thread's scheduling priority by `nice` (Linux keeps a nice value per
/// thread); elsewhere, or if refused, the thread keeps the process's priority.
#[allow(unsafe_code)]
fn lower_own_priority(nice: i32) {
    if nice <= 0 {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `gettid` and `setpriority` take plain integers and touch no memory of ours;
        // raising one's own nice value needs no privilege.
        let rc = unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, nice.min(19))
        };
        if rc != 0 {
            tracing::warn!(
                error = %std::io::Error::last_os_error(),
                "could not lower a password thread's priority"
            );
        }
    }
}

/// Checks the rules a new password must meet.
pub fn check_new_password(password: &str) -> ApiResult<()> {
    Ok(huzhu_domain::field_rules::new_password(password)?)
}

fn busy() -> ApiError {
    ApiError::TooManyRequests {
        code: ErrorCode::AuthLoginBusy,
        message: "too many logins are being checked right now; try again in a second".into(),
        retry_after_seconds: 1,
    }
}

/// A slot held: the holder may have one password checked or hashed.
pub struct Slot<'a> {
    passwords: &'a Passwords,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.passwords.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Slot<'_> {
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> ApiResult<T> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(work());
        });
        self.passwords
            .jobs
            .lock()
            .map_err(|_| ApiError::Internal("the password threads' queue is poisoned".into()))?
            .send(job)
            .map_err(|_| ApiError::Internal("the password threads have stopped".into()))?;
        rx.await
            .map_err(|_| ApiError::Internal("a password thread stopped mid-check".into()))
    }

    /// Verifies `password` against `hash`, or against the decoy when there is none (an
    /// unknown user, or an attempt that may not be judged): the same work either way.
    pub async fn verify(&self, hash: Option<String>, password: String) -> ApiResult<bool> {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.passwords.decoy.clone());
        let ok = self.run(move || verify_blocking(&hash, &password)).await?;
        Ok(ok && known)
    }
}

impl Passwords {
    pub fn new(limits: HashingLimits) -> Self {
        let slots = limits.slots.max(1);
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..slots {
            let rx = Arc::clone(&rx);
            let nice = limits.nice;
            let spawned = std::thread::Builder::new()
                .name(format!("huzhu-passwords-{n}"))
                .spawn(move || {
                    lower_own_priority(nice);
                    loop {
                        // The lock is held only while taking the next job.
                        let next = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return,
                        };
                        match next {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password thread");
            }
        }
        let decoy = hash_blocking("decoy password that no account has")
            .unwrap_or_else(|_| String::from("$argon2id$v=19$m=19456,t=2,p=1$invalid"));
        Self {
            slots: Arc::new(Semaphore::new(slots)),
            admitted: AtomicUsize::new(0),
            limits: HashingLimits { slots, ..limits },
            jobs: Mutex::new(tx),
            decoy,
        }
    }

    /// Takes a slot, waiting in the bounded queue at most `max_wait`; 429 `auth.login_busy`
    /// when the queue is full or the wait runs out.
    pub async fn slot(&self) -> ApiResult<Slot<'_>> {
        let most = self.limits.slots + self.limits.queue;
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= most {
            self.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(busy());
        }
        let permit = tokio::time::timeout(
            self.limits.max_wait,
            Arc::clone(&self.slots).acquire_owned(),
        )
        .await;
        match permit {
            Ok(Ok(permit)) => Ok(Slot {
                passwords: self,
                _permit: permit,
            }),
            Ok(Err(_)) | Err(_) => {
                self.admitted.fetch_sub(1, Ordering::AcqRel);
                Err(busy())
            }
        }
    }

    /// Hashes a new password (staff accounts, password changes) in a slot.
    pub async fn hash(&self, password: String) -> ApiResult<String> {
        let slot = self.slot().await?;
        slot.run(move || hash_in_thread_memory(&password))
            .await?
            .map_err(ApiError::Internal)
    }

    /// Verifies in a slot of its own (callers that need no reservation between).
    pub async fn verify(&self, hash: Option<String>, password: String) -> ApiResult<bool> {
        self.slot().await?.verify(hash, password).await
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn a_hash_made_in_thread_memory_is_a_standard_argon2id_hash() {
        let made = hash_in_thread_memory("correct horse battery").unwrap();
        let parsed = PasswordHash::new(&made).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        use argon2::PasswordVerifier;
        assert!(Argon2::default()
            .verify_password(b"correct horse battery", &parsed)
            .is_ok());
        assert!(verify_blocking(&made, "correct horse battery"));
        assert!(!verify_blocking(&made, "correct horse batterY"));
        // The same shape as the library's own, and a fresh salt each time.
        let theirs = hash_blocking("x").unwrap();
        assert_eq!(
            made.split('$').take(4).collect::<Vec<_>>(),
            theirs.split('$').take(4).collect::<Vec<_>>()
        );
        assert_ne!(
            made,
            hash_in_thread_memory("correct horse battery").unwrap()
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_password_threads_run_below_the_rest() {
        let _passwords = Passwords::new(HashingLimits {
            nice: 7,
            ..Default::default()
        });
        let ours = std::fs::read_to_string("/proc/self/stat").unwrap();
        let nice_of = |stat: &str| -> i64 {
            // The fields after the command's closing parenthesis; nice is the 19th of the line.
            let after = &stat[stat.rfind(')').unwrap() + 2..];
            after.split(' ').nth(16).unwrap().parse().unwrap()
        };
        let base = nice_of(&ours);
        let lowered =
            |seen: &[i64]| seen.len() == 2 && seen.iter().all(|n| *n == (base + 7).min(19));
        let mut seen = Vec::new();
        // Each thread lowers itself as it starts: look until both have, for at most a second.
        for _ in 0..100 {
            seen.clear();
            for task in std::fs::read_dir("/proc/self/task").unwrap() {
                let dir = task.unwrap().path();
                let name = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
                if name.trim().starts_with("huzhu-password") {
                    seen.push(nice_of(&std::fs::read_to_string(dir.join("stat")).unwrap()));
                }
            }
            if lowered(&seen) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(lowered(&seen), "{seen:?} against the process's {base}");
    }

    #[actix_web::test]
    async fn beyond_the_queue_a_check_is_told_to_come_back() {
        let passwords = Passwords::new(HashingLimits {
            slots: 1,
            queue: 1,
            max_wait: Duration::from_secs(30),
            ..Default::default()
        });
        let held = passwords.slot().await.unwrap();
        let mut waiting = std::pin::pin!(passwords.slot());
        // The second request waits in the queue; the third finds it full.
        assert!(
            tokio::time::timeout(Duration::from_millis(50), &mut waiting)
                .await
                .is_err()
        );
        let refused = passwords.slot().await.err().expect("the queue is full");
        assert_eq!(refused.code(), ErrorCode::AuthLoginBusy);
        drop(held);
        let second = waiting.await.unwrap();
        assert!(!second.verify(None, "anything".into()).await.unwrap());
    }

    #[actix_web::test]
    async fn a_wait_longer_than_allowed_is_told_to_come_back() {
        let passwords = Passwords::new(HashingLimits {
            slots: 1,
            queue: 8,
            max_wait: Duration::from_millis(50),
            ..Default::default()
        });
        let _held = passwords.slot().await.unwrap();
        let refused = passwords.slot().await.err().expect("no slot within 50 ms");
        assert_eq!(refused.code(), ErrorCode::AuthLoginBusy);
        assert_eq!(passwords.admitted.load(Ordering::Acquire), 1);
    }

    #[actix_web::test]
    async fn a_right_password_is_known_only_with_its_hash() {
        let passwords = Passwords::new(HashingLimits::default());
        let hash = passwords.hash("correct horse".into()).await.unwrap();
        assert!(passwords
            .verify(Some(hash.clone()), "correct horse".into())
            .await
            .unwrap());
        assert!(!passwords.verify(Some(hash), "wrong".into()).await.unwrap());
        assert!(!passwords
            .verify(None, "decoy password that no account has".into())
            .await
            .unwrap());
    }
}
