//! A person in headless Chromium: members and staff log in through the SPA, see their role's
//! navigation in Chinese, switch to English and log out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::browsing::{browser_ready, log_in_as_staff, t};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::Server;

#[test]
fn member_logs_in_sees_chinese_navigation_switches_to_english_and_logs_out() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    b.goto(&server.url("/"));
    b.find(&t("page-login"));
    b.click(&t("login-tab-member"));
    // A wrong ID number is caught while typing, before anything is sent.
    b.type_into(&t("login-id-number"), "440106199003071232");
    b.type_into(&t("login-password"), "huzhu-demo");
    b.click(&t("login-submit"));
    b.find(&t("login-error"));
    assert!(!b.exists(&t("main-nav")));

    b.type_into(&t("login-id-number"), "440106199003071231");
    b.click(&t("login-submit"));
    b.find(&t("main-nav"));
    b.wait_for_text(&t("user-name"), "张伟");
    let nav = b.text(&t("main-nav"));
    assert!(
        nav.contains("首页") && nav.contains("我的账户"),
        "member nav in Chinese: {nav}"
    );
    assert!(
        !b.exists(&t("nav-org-units")) && !b.exists(&t("nav-staff")),
        "members see no staff sections"
    );
    assert_eq!(b.script("return document.documentElement.lang"), "zh-CN");

    b.click(&t("nav-account"));
    b.find(&t("page-account"));
    b.wait_for_text(&t("page-account"), "440106********1231");

    // No token where script can reach it: not in storage, and the refresh cookie is HttpOnly.
    let stored = b.script("return JSON.stringify(Object.assign({}, localStorage, sessionStorage))");
    assert!(
        !stored.to_string().contains("eyJ") && !stored.to_string().contains("token"),
        "storage holds no token: {stored}"
    );
    assert_eq!(
        b.script("return document.cookie"),
        "",
        "the refresh cookie is out of script's reach"
    );
    // A reload resumes the session from the cookie.
    b.goto(&server.url("/account"));
    b.wait_for_text(&t("page-account"), "440106********1231");
    b.wait_for_text(&t("user-name"), "张伟");

    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("main-nav"), "My account");
    assert!(b.text(&t("main-nav")).contains("Home"));
    assert_eq!(b.text(&t("lang-toggle")), "中文");
    b.screenshot(&std::env::temp_dir().join("huzhu-member-en.png"));

    b.click(&t("logout"));
    b.find(&t("page-login"));
    assert!(!b.exists(&t("main-nav")));
    // Logged out for real: reloading does not bring the session back.
    b.goto(&server.url("/account"));
    b.find(&t("page-login"));
}

#[test]
fn staff_see_the_sections_of_their_role() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();

    log_in_as_staff(&b, &server, "admin");
    let nav = b.text(&t("main-nav"));
    for label in ["首页", "组织机构", "员工账户", "API 客户端", "我的账户"] {
        assert!(nav.contains(label), "admin nav has {label}: {nav}");
    }
    b.click(&t("nav-org-units"));
    b.find(&t("page-org-units"));
    b.wait_for_text(&t("page-org-units"), "广东省职工保障互助会");
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("main-nav"), "Organisations");
    assert!(b.text(&t("main-nav")).contains("Staff accounts"));
    b.click(&t("logout"));
    b.find(&t("page-login"));

    // Language choice persists; a branch office sees the tree but not administration.
    log_in_as_staff(&b, &server, "branch_staff");
    let nav = b.text(&t("main-nav"));
    assert!(nav.contains("Organisations"), "{nav}");
    assert!(!b.exists(&t("nav-staff")) && !b.exists(&t("nav-api-clients")));
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("main-nav"), "组织机构");
    b.click(&t("logout"));
    b.find(&t("page-login"));
}

/// Records the page's Content-Security-Policy violations in `window.__violations`, from before
/// any of its own script runs.
fn watch_violations(b: &Browser) {
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": "window.__violations = []; \
            document.addEventListener('securitypolicyviolation', \
              (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"}),
    );
}

fn violations(b: &Browser) -> Vec<String> {
    serde_json::from_value(b.script("return window.__violations || ['no watcher'];")).unwrap()
}

#[test]
fn the_app_and_the_api_docs_run_under_their_content_security_policy() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    watch_violations(&b);
    // The wasm app starts (its loader is a file, its module compiled under 'wasm-unsafe-eval')
    // and logs in without one violation.
    log_in_as_staff(&b, &server, "admin");
    assert_eq!(violations(&b), Vec::<String>::new());
    // Markup that reached the page would not run: an inline handler is refused.
    b.script(
        "document.body.insertAdjacentHTML('beforeend', \
         '<img src=\"/nothing.png\" onerror=\"window.__ran = true\">'); return true;",
    );
    huzhu_e2e::browsing::wait_until(
        &b,
        "window.__violations.some(v => v.startsWith('script-src'))",
        "the inline handler refused by the policy",
    );
    assert_eq!(b.script("return window.__ran === true;"), false);

    // Swagger UI draws the document with its own policy (its styles inline), nothing refused.
    b.goto(&server.url("/api/docs/"));
    b.wait_for_text(".swagger-ui .info .title", "Huzhu API");
    b.find(".swagger-ui .opblock");
    assert_eq!(violations(&b), Vec::<String>::new());
}
