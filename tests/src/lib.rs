//! Harness for black-box tests: builds and starts the real `huzhu` binary on a free port with
//! its own data directory, talks to it over HTTP, and drives Chromium through WebDriver.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod browsing;
pub mod flood;
pub mod webdriver;

use serde_json::Value;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `huzhu` binary: `HUZHU_BIN`, or freshly built from this checkout.
pub fn binary() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Ok(bin) = std::env::var("HUZHU_BIN") {
            return PathBuf::from(bin);
        }
        let status = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "huzhu-server", "--bin", "huzhu"])
            .current_dir(repo_root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the huzhu binary failed");
        let target = std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| repo_root().join("target"));
        target.join("debug").join("huzhu")
    })
    .clone()
}

pub fn web_dir() -> PathBuf {
    repo_root().join("frontend").join("dist")
}

/// Whether a test must fail rather than skip when something it needs is missing.
pub fn required(var: &str) -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var(var).is_ok_and(|v| v == "1")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The audit key every test server uses, so that a restarted server (and the test itself)
/// can verify the trail the one before it wrote.
pub const TEST_AUDIT_KEY: &str = "black-box-tests-audit-key-0000000000000001";

/// The day every test server's clock starts on: Monday 2 March 2026, 09:00 in China. What the
/// server decides (cover periods, waiting periods, time limits, notice) and what the tests
/// type and expect are then the same whatever day the tests run on.
pub const CLOCK_START: &str = "2026-03-02T09:00:00+08:00";

/// [`CLOCK_START`] as an instant.
pub fn clock_start() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(CLOCK_START)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// The test servers' first day, in China.
pub fn first_day() -> chrono::NaiveDate {
    huzhu_domain::plan::china_date(clock_start())
}

pub struct Server {
    child: Child,
    pub base: String,
    _data: tempfile::TempDir,
    log: Arc<Mutex<VecDeque<String>>>,
}

/// Lines of the server's log kept for a failure's message.
const LOG_TAIL: usize = 200;

impl Server {
    /// Starts `huzhu serve` (with `--demo` if asked) on SQLite in a new data directory, or on
    /// the given database URL, its clock at [`CLOCK_START`].
    pub fn start(demo: bool, database_url: Option<&str>) -> Server {
        Self::start_at(demo, database_url, clock_start())
    }

    /// The same, its clock starting at `clock` (a restart comes later than the first start).
    pub fn start_at(
        demo: bool,
        database_url: Option<&str>,
        clock: chrono::DateTime<chrono::Utc>,
    ) -> Server {
        Self::start_configured(demo, database_url, clock, &[])
    }

    /// The same, with settings (`HUZHU_…` variables) of its own.
    pub fn start_configured(
        demo: bool,
        database_url: Option<&str>,
        clock: chrono::DateTime<chrono::Utc>,
        settings: &[(&str, &str)],
    ) -> Server {
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut cmd = Command::new(binary());
        cmd.arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env("HUZHU_DATA_DIR", data.path())
            .env("HUZHU_AUDIT_KEY", TEST_AUDIT_KEY)
            .env("HUZHU_WEB_DIR", web_dir())
            .env("HUZHU_LOG_FORMAT", "json")
            .env("HUZHU_WORKERS", "2")
            // Plain HTTP on loopback: the browser would not send a Secure cookie back here.
            .env("HUZHU_PLAIN_LOCALHOST", "true")
            .env("HUZHU_CLOCK_STARTS_AT", clock.to_rfc3339())
            .env_remove("HUZHU_CONFIG")
            .envs(settings.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        match database_url {
            Some(url) => cmd.env("HUZHU_DATABASE_URL", url),
            None => cmd.env_remove("HUZHU_DATABASE_URL"),
        };
        if demo {
            cmd.arg("--demo");
        }
        let mut child = cmd.spawn().expect("start huzhu");
        let log = Arc::new(Mutex::new(VecDeque::new()));
        // The log is read as it comes, or a busy server would stop at a full pipe; its last
        // lines are kept for a failure's message.
        if let Some(stderr) = child.stderr.take() {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                    if log.len() == LOG_TAIL {
                        log.pop_front();
                    }
                    log.push_back(line);
                }
            });
        }
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _data: data,
            log,
        };
        server.wait_until_healthy();
        server
    }

    fn wait_until_healthy(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader take the last lines.
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "huzhu exited with {status} before it answered:\n{}",
                    self.log_tail()
                );
            }
            if ureq::get(&format!("{}/api/v1/health", self.base))
                .call()
                .is_ok()
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("huzhu did not answer /api/v1/health within 60 s");
    }

    /// The server's data directory (its SQLite file, keys and documents).
    pub fn data_dir(&self) -> &std::path::Path {
        self._data.path()
    }

    /// The last lines the server logged.
    pub fn log_tail(&self) -> String {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.iter().cloned().collect::<Vec<_>>().join("\n")
    }

    /// Kills the process at once (SIGKILL), as a power cut or an OOM kill would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The most memory the process has held so far (its peak resident set), in bytes.
    pub fn peak_memory_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("read the server's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
            .expect("VmHWM in /proc status")
    }

    /// POST raw bytes with a content type and a bearer token: status and JSON body.
    pub fn post_bytes(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        let req = ureq::post(&self.url(path))
            .set("Authorization", &format!("Bearer {token}"))
            .set("Content-Type", content_type);
        let (status, body) = text(req.send_bytes(bytes));
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET: status and body as text.
    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, String) {
        let mut req = ureq::get(&self.url(path));
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        text(req.call())
    }

    /// POST JSON: status and JSON body (Null when empty).
    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_as(path, None, body)
    }

    /// POST JSON with a bearer token: status and JSON body (Null when empty).
    pub fn post_as(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = ureq::post(&self.url(path));
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        let (status, body) = text(req.send_json(body));
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    /// Logs a demo staff account in over the API; returns its access token.
    pub fn staff_token(&self, username: &str) -> String {
        let (s, b) = self.post(
            "/api/v1/auth/login",
            serde_json::json!({"username": username, "password": "huzhu-demo"}),
        );
        assert_eq!(s, 200, "{username}: {b}");
        b["access_token"].as_str().unwrap_or_default().to_string()
    }
}

fn text(result: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    match result {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("request failed: {e}"),
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
