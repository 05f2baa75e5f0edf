//! A login flood against a running server, as an attacker guessing for unknown users would
//! send it, while another user keeps working: what the flood was told, what it cost the
//! server, and what the other user saw. Used by the security suite (tests/tests/security.rs)
//! and by `huzhu-bench login-flood` (docs/benchmarks.md).

use crate::Server;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct FloodReport {
    pub requests: usize,
    /// Answered 401 `auth.invalid_credentials`: the password was checked (against the decoy).
    pub judged: usize,
    /// 429 `auth.too_many_attempts`: refused by a rate limit before any work.
    pub rate_limited: usize,
    /// 429 `auth.login_busy`: the queue of password checks was full or the wait ran out.
    pub busy: usize,
    /// Anything else (status and code): must be empty.
    pub unexpected: Vec<String>,
    pub flood_seconds: f64,
    /// The server's peak resident memory, over its whole life, in MB.
    pub peak_memory_mb: u64,
    /// The most threads the server had while the flood ran.
    pub peak_threads: u64,
    /// `GET /me` by another user, over the flood: how many, median and 99th percentile.
    pub me_requests: usize,
    pub me_p50_ms: f64,
    pub me_p99_ms: f64,
    /// A right login by a third user sent while the flood was on: status and time taken.
    pub valid_login_status: u16,
    pub valid_login_ms: f64,
}

fn threads_of(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Threads:"))
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn status_and_code(r: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    match r {
        Ok(r) => (r.status(), String::new()),
        Err(ureq::Error::Status(s, r)) => {
            let body: serde_json::Value = r.into_json().unwrap_or_default();
            (s, body["code"].as_str().unwrap_or_default().to_string())
        }
        Err(e) => (0, e.to_string()),
    }
}

/// Sends `requests` logins for unknown users at once (one connection each), while `worker`
/// (a demo staff account) reads `GET /me` in a loop and `newcomer` logs in once, 100 ms in.
pub fn login_flood(server: &Server, requests: usize, worker: &str, newcomer: &str) -> FloodReport {
    let token = server.staff_token(worker);
    let base = server.base.clone();
    let start = Arc::new(Barrier::new(requests + 1));
    let flooders: Vec<_> = (0..requests)
        .map(|n| {
            let (start, url) = (Arc::clone(&start), format!("{base}/api/v1/auth/login"));
            std::thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn(move || {
                    let agent = ureq::AgentBuilder::new()
                        .timeout(Duration::from_secs(60))
                        .build();
                    start.wait();
                    status_and_code(agent.post(&url).send_json(json!({
                        "username": format!("flood-{n}"),
                        "password": "a guess that is wrong",
                    })))
                })
                .expect("start a flood thread")
        })
        .collect();

    let flooding = Arc::new(AtomicBool::new(true));
    let reader = {
        let (flooding, url) = (Arc::clone(&flooding), format!("{base}/api/v1/me"));
        std::thread::spawn(move || {
            let agent = ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(60))
                .build();
            let mut times = Vec::new();
            while flooding.load(Ordering::Acquire) {
                let t = Instant::now();
                let (s, e) = status_and_code(
                    agent
                        .get(&url)
                        .set("Authorization", &format!("Bearer {token}"))
                        .call(),
                );
                assert_eq!(s, 200, "GET /me during the flood: {e}");
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                std::thread::sleep(Duration::from_millis(5));
            }
            times
        })
    };
    let newcomer = {
        let (url, name) = (format!("{base}/api/v1/auth/login"), newcomer.to_string());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            let t = Instant::now();
            let (s, _) = status_and_code(
                ureq::post(&url)
                    .timeout(Duration::from_secs(60))
                    .send_json(json!({"username": name, "password": "huzhu-demo"})),
            );
            (s, t.elapsed().as_secs_f64() * 1000.0)
        })
    };

    let pid = server.pid();
    let began = Instant::now();
    start.wait();
    let mut peak_threads = threads_of(pid);
    let mut answers = Vec::with_capacity(requests);
    for f in flooders {
        while !f.is_finished() {
            peak_threads = peak_threads.max(threads_of(pid));
            std::thread::sleep(Duration::from_millis(20));
        }
        answers.push(f.join().expect("a flood thread"));
    }
    let flood_seconds = began.elapsed().as_secs_f64();
    flooding.store(false, Ordering::Release);
    let mut me = reader.join().expect("the reader");
    me.sort_by(f64::total_cmp);
    let (valid_login_status, valid_login_ms) = newcomer.join().expect("the newcomer");

    let count = |code: &str| answers.iter().filter(|(_, c)| c == code).count();
    FloodReport {
        requests,
        judged: count("auth.invalid_credentials"),
        rate_limited: count("auth.too_many_attempts"),
        busy: count("auth.login_busy"),
        unexpected: answers
            .iter()
            .filter(|(s, c)| {
                !matches!(
                    (s, c.as_str()),
                    (401, "auth.invalid_credentials")
                        | (429, "auth.too_many_attempts" | "auth.login_busy")
                )
            })
            .map(|(s, c)| format!("{s} {c}"))
            .collect(),
        flood_seconds,
        peak_memory_mb: server.peak_memory_bytes() / (1024 * 1024),
        peak_threads,
        me_requests: me.len(),
        me_p50_ms: percentile(&me, 50.0),
        me_p99_ms: percentile(&me, 99.0),
        valid_login_status,
        valid_login_ms,
    }
}

impl std::fmt::Display for FloodReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} logins in {:.2} s: {} checked (401), {} rate-limited (429), {} busy (429), {} other; \
             server peak {} MB, {} threads; GET /me by another user: {} requests, p50 {:.1} ms, p99 {:.1} ms; \
             a right login meanwhile: {} in {:.0} ms",
            self.requests,
            self.flood_seconds,
            self.judged,
            self.rate_limited,
            self.busy,
            self.unexpected.len(),
            self.peak_memory_mb,
            self.peak_threads,
            self.me_requests,
            self.me_p50_ms,
            self.me_p99_ms,
            self.valid_login_status,
            self.valid_login_ms,
        )
    }
}
