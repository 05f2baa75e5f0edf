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
