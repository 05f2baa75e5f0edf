//! The few WebDriver commands the browser tests need, over plain HTTP to `chromedriver`
//! driving Debian's headless Chromium.

use serde_json::{json, Value};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

fn call(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let req = ureq::request(method, url);
    let res = match body {
        Some(b) => req.send_json(b),
        None => req.call(),
    };
    match res {
        Ok(r) => r
            .into_json::<Value>()
            .map(|v| v["value"].clone())
            .map_err(|e| e.to_string()),
        Err(ureq::Error::Status(code, r)) => {
            Err(format!("{code}: {}", r.into_string().unwrap_or_default()))
        }
        Err(e) => Err(e.to_string()),
    }
}

impl Browser {
    /// `None` when Chromium or its driver is not installed.
    pub fn available() -> bool {
        std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists()
    }

    pub fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while call("GET", &format!("{base}/status"), None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            format!("--user-data-dir={}", profile.path().display()),
        ]);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let session =
            call("POST", &format!("{base}/session"), Some(caps)).expect("open a browser session");
        let session = session["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        Browser {
            driver,
            base,
            session,
            _profile: profile,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    pub fn goto(&self, url: &str) {
        call("POST", &self.url("/url"), Some(json!({"url": url}))).expect("navigate");
    }

    fn find_now(&self, css: &str) -> Option<String> {
        call(
            "POST",
            &self.url("/element"),
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        // A web element is an object with one member whose name is the W3C element key.
        .and_then(|v| {
            v.as_object()
                .and_then(|o| o.values().next())
                .and_then(|id| id.as_str().map(String::from))
        })
    }

    /// Waits up to 20 s for an element to appear.
    pub fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(id) = self.find_now(css) {
                return id;
            }
            assert!(
                Instant::now() < deadline,
                "no element `{css}` appeared; page text: {}",
                self.page_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn exists(&self, css: &str) -> bool {
        self.find_now(css).is_some()
    }

    pub fn testid(css_id: &str) -> String {
        format!("[data-testid=\"{css_id}\"]")
    }

    pub fn click(&self, css: &str) {
        let id = self.find(css);
        call(
            "POST",
            &self.url(&format!("/element/{id}/click")),
            Some(json!({})),
        )
        .expect("click");
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        call(
            "POST",
            &self.url(&format!("/element/{id}/clear")),
            Some(json!({})),
        )
        .expect("clear");
        call(
            "POST",
            &self.url(&format!("/element/{id}/value")),
            Some(json!({"text": text})),
        )
        .expect("type");
    }

    pub fn text(&self, css: &str) -> String {
        let id = self.find(css);
        call("GET", &self.url(&format!("/element/{id}/text")), None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub fn page_text(&self) -> String {
        call("POST", &self.url("/execute/sync"), Some(json!({"script": "return document.body ? document.body.innerText : ''", "args": []})))
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    /// A Chrome DevTools command (chromedriver's `goog/cdp/execute`), e.g. device emulation.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        call(
            "POST",
            &self.url("/goog/cdp/execute"),
            Some(json!({"cmd": cmd, "params": params})),
        )
        .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    pub fn script(&self, js: &str) -> Value {
        call(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({"script": js, "args": []})),
        )
        .unwrap_or(Value::Null)
    }

    /// Waits up to 20 s until the element's text contains `needle`.
    pub fn wait_for_text(&self, css: &str, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.find_now(css).is_some() && self.text(css).contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{css}` never showed `{needle}`; page text: {}",
                self.page_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn screenshot(&self, path: &std::path::Path) {
        if let Ok(Value::String(png)) = call("GET", &self.url("/screenshot"), None) {
            let bytes = base64_decode(&png);
            let _ = std::fs::write(path, bytes);
        }
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        buf = (buf << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = call(
            "DELETE",
            &format!("{}/session/{}", self.base, self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
