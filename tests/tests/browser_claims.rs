//! Claims in headless Chromium: 张伟 claims for a hospital stay under his inpatient cover and
//! uploads his discharge summary; the Guangzhou reviewer passes the review, the provincial
//! approver approves, and 张伟 finds the claim approved, with its working (also at phone
//! width) and the news of each step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use huzhu_e2e::browsing::{
    browser_ready, log_in_as_member, log_in_as_staff, phone_screenshot, t, wait_until,
};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::{first_day, Server};

const ZHANG_WEI: &str = "440106199003071231";

/// Sets a field the way typing would, for inputs WebDriver cannot type into portably (dates).
fn set(b: &Browser, testid: &str, value: &str) {
    b.script(&format!(
        "const e = document.querySelector('[data-testid=\"{testid}\"]'); e.value = '{value}'; \
         e.dispatchEvent(new Event('input', {{bubbles: true}})); return null"
    ));
}

fn log_out(b: &Browser) {
    b.click(&t("logout"));
    b.find(&t("page-login"));
}

#[test]
fn a_member_claims_and_two_other_people_approve() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    let today = first_day();
    let admitted = (today - Duration::days(20)).to_string();
    let discharged = (today - Duration::days(15)).to_string();

    log_in_as_member(&b, &server, ZHANG_WEI);
    b.click(&t("nav-my-claims"));
    b.find(&t("page-my-claims"));
    b.click(&t("claim-new"));
    b.find(&t("claim-form"));
    b.script(
        "const s = document.querySelector('[data-testid=\"claim-policy\"]'); \
         s.value = [...s.options].find(o => o.text.startsWith('ZY')).value; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return null",
    );
    b.click("[data-testid=\"claim-kind\"] option[value=\"inpatient\"]");
    b.find(&t("claim-admission"));
    set(&b, "claim-admission", &admitted);
    set(&b, "claim-discharge", &discharged);
    b.type_into(&t("claim-hospital"), "中山大学附属第一医院");
    b.click("[data-testid=\"claim-hospital-level\"] option[value=\"tertiary\"]");
    b.type_into(&t("claim-diagnosis"), "J18.9");
    b.type_into(&t("claim-total"), "20000.00");
    b.type_into(&t("claim-self-pay"), "10300.00");
    b.type_into(&t("claim-invoices"), "FP-2026-0001");
    b.click(&t("claim-submit"));

    // Submitted, with the engine's estimate: (10,300 − 300) × 60 %.
    b.find(&t("page-claim"));
    b.wait_for_text(&t("claim-status"), "已提交");
    b.wait_for_text(&t("claim-amount"), "¥6,000.00");
    b.find("[data-testid=\"claim-line\"][data-rule=\"reimbursement\"]");
    assert!(b.text(&t("claim-missing")).contains("出院小结"));
    let id = b
        .script("return location.pathname.split('/').pop()")
        .as_str()
        .unwrap()
        .to_string();

    // The discharge summary, as a PDF.
    let pdf = dir.path().join("出院小结.pdf");
    std::fs::write(&pdf, huzhu_domain::document::examples::pdf()).unwrap();
    b.click("[data-testid=\"claim-document-kind\"] option[value=\"discharge_summary\"]");
    b.type_into(&t("claim-document-file"), pdf.to_str().unwrap());
    b.click(&t("claim-document-upload"));
    b.wait_for_text(&t("claim-notice-done"), "已上传 出院小结.pdf");
    assert!(!b.text(&t("claim-missing")).contains("出院小结"));
    b.screenshot(&std::env::temp_dir().join("huzhu-claim-filed.png"));
    log_out(&b);

    // The Guangzhou reviewer finds it in the queue and passes the review.
    log_in_as_staff(&b, &server, "claims_reviewer");
    b.click(&t("nav-claims"));
    b.find(&t("page-claims"));
    b.click("[data-testid=\"claim-plan-filter\"] option[value=\"ZY\"]");
    wait_until(
        &b,
        "[...document.querySelectorAll('[data-testid=\"claim-office-filter\"] option')].some(o => o.text.includes('广州'))",
        "the offices to load",
    );
    b.script(
        "const s = document.querySelector('[data-testid=\"claim-office-filter\"]'); \
         s.value = [...s.options].find(o => o.text.includes('广州')).value; \
         s.dispatchEvent(new Event('change', {bubbles: true})); return null",
    );
    wait_until(
        &b,
        "document.querySelectorAll('[data-testid=\"claim-row\"]').length >= 1",
        "the claim in the queue",
    );
    b.click(&format!(
        "[data-testid=\"claim-row\"] a[href=\"/claims/{id}\"]"
    ));
    b.find(&t("claim-documents"));
    assert!(b.text(&t("claim-documents")).contains("出院小结.pdf"));
    let page = b.text(&t("page-claim"));
    assert!(
        page.contains("中山大学附属第一医院") && page.contains("三级"),
        "{page}"
    );
    assert!(!b.exists(&t("claim-approve")), "reviewers do not approve");
    b.type_into(&t("claim-comment"), "材料齐全");
    b.click(&t("claim-review"));
    b.wait_for_text(&t("claim-status"), "已初审");
    log_out(&b);

    // The provincial approver approves.
    log_in_as_staff(&b, &server, "provincial_approver");
    b.goto(&server.url(&format!("/claims/{id}")));
    b.find(&t("claim-approve"));
    b.click(&t("claim-approve"));
    b.wait_for_text(&t("claim-status"), "已核准");
    b.wait_for_text(&t("claim-amount"), "¥6,000.00");
    b.screenshot(&std::env::temp_dir().join("huzhu-claim-approved.png"));
    log_out(&b);

    // 张伟 sees it approved, with each step in his recent changes.
    log_in_as_member(&b, &server, ZHANG_WEI);
    b.click(&t("nav-my-claims"));
    b.find(&t("claim-notices"));
    b.wait_for_text(&t("claim-notices"), "已核准");
    let notices = b.text(&t("claim-notices"));
    assert!(
        notices.contains("已初审") && notices.contains("已提交"),
        "{notices}"
    );
    b.click(&format!(
        "[data-testid=\"claim-row\"] a[href=\"/my-claims/{id}\"]"
    ));
    b.wait_for_text(&t("claim-status"), "已核准");
    let steps = b.text(&t("claim-steps"));
    assert!(steps.contains("材料齐全"), "{steps}");
    assert!(
        !b.exists(&t("claim-withdraw")),
        "an approved claim cannot be withdrawn"
    );
    // The working, line by line, fits a phone.
    assert!(b
        .text(&t("claim-working"))
        .contains("min((10300.00 − 300.00) × 0.60"));
    phone_screenshot(
        &b,
        &format!("/my-claims/{id}"),
        "[data-testid=\"claim-working\"]",
        "huzhu-claim-phone.png",
    );
}
