//! A payment batch in headless Chromium, from creation to paid: 李娜's claim is reviewed and
//! approved; finance makes a batch of every payable claim; the maker cannot approve it, a second
//! finance person does; the bank's result file is imported and the claim is paid; the trial
//! balance still balances, and the council sees the funds read-only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::browsing::{browser_ready, log_in_as_staff, t, wait_until};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::Server;
use serde_json::{json, Value};

fn log_out(b: &Browser) {
    b.click(&t("logout"));
    b.find(&t("page-login"));
}

fn open_first_batch(b: &Browser) {
    b.click(&t("nav-finance"));
    b.find(&t("payment-batches"));
    b.click(&t("payment-batch-open"));
    b.find(&t("payment-batch"));
}

#[test]
fn a_batch_goes_from_creation_to_paid() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    // The demo claim waiting in Guangzhou is reviewed and approved by two other people.
    let reviewer = server.staff_token("claims_reviewer");
    let approver = server.staff_token("provincial_approver");
    let (_, queue) = server.get("/api/v1/claims?status=submitted", Some(&reviewer));
    let queue: Value = serde_json::from_str(&queue).unwrap();
    let claim = queue["items"][0]["id"].as_i64().unwrap();
    let (s, b) = server.post_as(
        &format!("/api/v1/claims/{claim}/review"),
        Some(&reviewer),
        json!({}),
    );
    assert_eq!(s, 200, "{b}");
    let (s, approved) = server.post_as(
        &format!("/api/v1/claims/{claim}/approve"),
        Some(&approver),
        json!({}),
    );
    assert_eq!(
        (s, approved["status"].as_str()),
        (200, Some("approved")),
        "{approved}"
    );
    let amount = approved["approved_amount"].as_str().unwrap().to_string();

    let b = Browser::start();
    log_in_as_staff(&b, &server, "finance");
    b.click(&t("nav-finance"));
    b.wait_for_text(&t("payments"), "待付款的已批准申请：1 件");
    b.click(&t("payment-batch-create"));
    b.wait_for_text(&t("payment-batch"), "待复核");
    b.wait_for_text(&t("payment-batch"), "李娜");
    // The maker cannot approve the batch.
    b.click(&t("payment-batch-approve"));
    b.wait_for_text(&t("payment-batch-error"), "须由另一人复核");
    log_out(&b);

    log_in_as_staff(&b, &server, "finance2");
    open_first_batch(&b);
    b.click(&t("payment-batch-approve"));
    b.wait_for_text(&t("payment-batch"), "已复核，待银行回盘");
    b.find(&t("bank-file-download"));

    // The bank pays: its result file names the payment's reference and amount.
    let token = server.staff_token("finance2");
    let (_, batch) = server.get("/api/v1/finance/payment-batches/1", Some(&token));
    let batch: Value = serde_json::from_str(&batch).unwrap();
    let reference = batch["payments"][0]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bank-result.csv");
    std::fs::write(
        &file,
        format!("reference,status,amount,reason\n{reference},paid,{amount},\n"),
    )
    .unwrap();
    b.type_into(&t("bank-result-file"), file.to_str().unwrap());
    b.click(&t("bank-result-import"));
    b.wait_for_text(&t("payments-notice"), "成功 1 笔，失败 0 笔");
    b.wait_for_text(&t("payment-batch"), "已结清");
    wait_until(
        &b,
        "document.querySelector('[data-testid=\"payment-row\"]').dataset.status === 'paid'",
        "the payment marked paid",
    );
    b.wait_for_text(&t("trial-balance-status"), "平衡");
    b.screenshot(&std::env::temp_dir().join("huzhu-payment-batch.png"));
    // The inpatient allowance fund's statement for the year shows the benefit paid.
    b.click("[data-testid=\"fund-row\"]:first-child [data-testid=\"fund-open\"]");
    b.click(&t("statement-show"));
    b.wait_for_text(&t("statement-lines"), "互助金支出");
    // The claim followed through the journal: approved, then paid.
    b.type_into(&t("journal-reference"), &format!("claim:{claim}"));
    b.click(&t("journal-follow"));
    b.wait_for_text(&t("journal"), "互助金批准");
    b.type_into(&t("journal-reference"), "payment:1");
    b.click(&t("journal-follow"));
    b.wait_for_text(&t("journal"), "互助金支付");
    log_out(&b);

    let (_, paid) = server.get(&format!("/api/v1/claims/{claim}"), Some(&reviewer));
    assert!(paid.contains("\"status\":\"paid\""), "{paid}");

    // The council reads the funds and acts on nothing.
    log_in_as_staff(&b, &server, "council");
    b.click(&t("nav-finance"));
    b.find(&t("fund-list"));
    b.find(&t("fund-chart"));
    assert!(!b.exists(&t("payment-batch-create")));
    assert!(!b.exists(&t("periods")));
}
