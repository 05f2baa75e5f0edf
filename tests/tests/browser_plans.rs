//! The plan catalogue in headless Chromium: an administrator drafts a new version of the
//! inpatient plan from the one in force, is stopped by the plan rules (in Chinese) until the
//! draft is right, and saves it; the draft then waits for a council resolution (see
//! `browser_governance`) while the version in force stays so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::browsing::{browser_ready, log_in_as_staff, t, wait_until};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::Server;

fn row(code: &str, version: u32) -> String {
    format!(
        "[data-testid=\"plan-version-row\"][data-plan-code=\"{code}\"][data-version=\"{version}\"]"
    )
}

fn state_of(b: &Browser, code: &str, version: u32) -> serde_json::Value {
    b.script(&format!(
        "const r = document.querySelector('{}'); return r ? r.dataset.state : null",
        row(code, version).replace('\'', "\\'")
    ))
}

#[test]
fn an_administrator_drafts_a_plan_version_for_the_council() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    log_in_as_staff(&b, &server, "admin");
    b.click(&t("nav-plans"));
    b.find(&t("page-plans"));
    b.find(&row("ZY", 1));
    assert_eq!(state_of(&b, "ZY", 1), "active");

    // A new draft from the version in force, with a waiting period the rules do not allow.
    b.click(&format!(
        "{} [data-testid=\"plan-draft-from\"]",
        row("ZY", 1)
    ));
    b.find(&t("plan-editor"));
    assert_eq!(
        b.script("return document.querySelector('[data-testid=\"plan-waiting-days\"]').value"),
        "90"
    );
    b.type_into(&t("plan-waiting-days"), "400");
    b.wait_for_text(&t("plan-problems"), "等待期最长 365 天");
    b.click(&t("plan-save"));
    b.wait_for_text(&t("plan-editor"), "请先改正标出的问题");
    // Benefit rules that are not JSON are named as such.
    b.type_into(&t("plan-benefits"), "[{");
    b.wait_for_text(&t("plan-editor"), "待遇规则不是有效的 JSON");
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("plan-editor"), "The benefit rules are not valid JSON");
    b.click(&t("lang-toggle"));

    // Cancel and start again from the version in force: 60 days, the benefits as they were.
    b.click("[data-testid=\"plan-editor\"] .form-actions .button-quiet");
    wait_until(
        &b,
        "!document.querySelector('[data-testid=\"plan-editor\"]')",
        "the editor to close",
    );
    b.click(&format!(
        "{} [data-testid=\"plan-draft-from\"]",
        row("ZY", 1)
    ));
    b.find(&t("plan-editor"));
    b.type_into(&t("plan-waiting-days"), "60");
    b.type_into(&t("plan-name-zh"), "住院医疗综合互助保障（2027 版）");
    wait_until(
        &b,
        "!document.querySelector('[data-testid=\"plan-problems\"]')",
        "no problems left",
    );
    b.click(&t("plan-save"));
    b.wait_for_text(&t("plan-notice"), "已保存 ZY 第 2 版（草案）");
    assert!(!b.exists(&t("plan-editor")), "the editor closes once saved");
    b.find(&row("ZY", 2));
    assert_eq!(state_of(&b, "ZY", 2), "draft");

    // No administrator approves it: the draft waits for the council's resolution, and version 1
    // stays in force.
    b.wait_for_text(&row("ZY", 2), "待理事会决议");
    assert!(!b.exists(&format!("{} [data-testid=\"plan-approve\"]", row("ZY", 2))));
    assert_eq!(state_of(&b, "ZY", 1), "active");
    b.screenshot(&std::env::temp_dir().join("huzhu-plan-versions.png"));
}
