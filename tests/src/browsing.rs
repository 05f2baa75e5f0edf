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

/// The page at `path` as a phone shows it: three 375 px wide frames side by side (top, middle,
/// bottom of the page), saved as a screenshot. Checks that nothing is wider than the phone.
pub fn phone_screenshot(b: &Browser, path: &str, ready_css: &str, file: &str) {
    let frames = (0..3)
        .map(|i| {
            format!(
                "<iframe id=\"phone{i}\" src=\"{path}\" style=\"width:375px;height:880px;\
                 border:1px solid #888;margin-right:8px\"></iframe>"
            )
        })
        .collect::<String>();
    b.script(&format!(
        "document.body.innerHTML = '{frames}'; document.body.style.display = 'flex'; return true;"
    ));
    for i in 0..3 {
        wait_until(
            b,
            &format!(
                "const d = document.getElementById('phone{i}').contentDocument; \
                 return !!(d && d.querySelector('{ready_css}'));"
            ),
            "the page in the phone-sized frame",
        );
    }
    // Scroll the second and third frames down a screen and two.
    b.script(
        "for (const i of [1, 2]) { const w = document.getElementById('phone' + i).contentWindow; \
         w.scrollTo(0, i * 800); } return true;",
    );
    let overflow = b.script(
        "const d = document.getElementById('phone0').contentDocument.documentElement; \
         return d.scrollWidth - d.clientWidth;",
    );
    assert!(
        overflow.as_i64().is_some_and(|px| px <= 0),
        "{path} is wider than 375 px by {overflow} px"
    );
    std::thread::sleep(Duration::from_millis(300));
    b.screenshot(&std::env::temp_dir().join(file));
}
