//! What every browser test does: check that it can run, find elements by `data-testid`, wait
//! for the page, and log in through the login page with the demo password.

use crate::webdriver::Browser;
use crate::{required, web_dir, Server};
use std::time::{Duration, Instant};

/// The CSS selector of a `data-testid`.
pub fn t(id: &str) -> String {
    Browser::testid(id)
}

/// Whether the SPA is built and Chromium is installed; where a browser test is required
/// (`CI=true` or `HUZHU_REQUIRE_BROWSER=1`) a missing one fails the test instead.
pub fn browser_ready() -> bool {
    let built = web_dir().join("index.html").is_file();
    let browser = Browser::available();
    if built && browser {
        return true;
    }
    let missing = if built {
        "Chromium/chromedriver (apt-get install chromium chromium-driver)"
    } else {
        "the built SPA (just web)"
    };
    assert!(
        !required("HUZHU_REQUIRE_BROWSER"),
        "browser tests need {missing}"
    );
    eprintln!("WARNING: {missing} missing: browser tests SKIPPED");
    false
}

/// Waits up to 20 s until `js` yields `true`: a script with its own `return`, or a bare
/// expression.
pub fn wait_until(b: &Browser, js: &str, what: &str) {
    let script = if js.contains("return ") {
        js.to_string()
    } else {
        format!("return {js}")
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if b.script(&script) == serde_json::Value::Bool(true) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what} never happened; page text: {}",
            b.page_text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub const DEMO_PASSWORD: &str = "huzhu-demo";

fn log_in(b: &Browser, server: &Server, tab: &str, field: &str, login: &str) {
    b.goto(&server.url("/"));
    b.find(&t("page-login"));
    b.click(&t(tab));
    b.type_into(&t(field), login);
    b.type_into(&t("login-password"), DEMO_PASSWORD);
    b.click(&t("login-submit"));
    b.find(&t("main-nav"));
}

pub fn log_in_as_staff(b: &Browser, server: &Server, username: &str) {
    log_in(b, server, "login-tab-staff", "login-username", username);
}

pub fn log_in_as_member(b: &Browser, server: &Server, id_number: &str) {
    log_in(b, server, "login-tab-member", "login-id-number", id_number);
}
