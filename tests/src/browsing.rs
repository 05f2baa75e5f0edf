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

/// The page at `path` as a phone shows it: a 375 px wide screen (device emulation, since the
/// app refuses to be framed), saved as screenshots of the top, middle and bottom of the page
/// (`file`, then `file` with `-2` and `-3`). Checks that nothing is wider than the phone. The
/// browser is back at its desktop size afterwards, still on `path`.
pub fn phone_screenshot(b: &Browser, path: &str, ready_css: &str, file: &str) {
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 375, "height": 880, "deviceScaleFactor": 1, "mobile": true}),
    );
    b.script(&format!("window.location.assign('{path}'); return true;"));
    wait_until(
        b,
        &format!(
            "return location.pathname === '{path}' && !!document.querySelector('{ready_css}');"
        ),
        "the page on a phone-sized screen",
    );
    let overflow =
        b.script("const d = document.documentElement; return d.scrollWidth - d.clientWidth;");
    assert!(
        overflow.as_i64().is_some_and(|px| px <= 0),
        "{path} is wider than 375 px by {overflow} px"
    );
    let stem = file.trim_end_matches(".png");
    for (i, name) in [
        file.to_string(),
        format!("{stem}-2.png"),
        format!("{stem}-3.png"),
    ]
    .iter()
    .enumerate()
    {
        b.script(&format!("window.scrollTo(0, {}); return true;", i * 800));
        std::thread::sleep(Duration::from_millis(300));
        b.screenshot(&std::env::temp_dir().join(name));
    }
    b.cdp(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    );
}
