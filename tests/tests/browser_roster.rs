//! Group enrollment in headless Chromium: branch office staff upload a union's roster for the
//! critical illness plan, see its bad rows by line number and cannot enroll it, upload the
//! corrected file, enroll it, record the batch's payment and see the policies start, download
//! the result and find the batch in the list of batches; a member on the roster then finds the
//! new cover, in its waiting period, on 我的保障.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use huzhu_domain::id_number::check_char;
use huzhu_e2e::browsing::{browser_ready, log_in_as_member, log_in_as_staff, t, wait_until};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::Server;

const UNION: &str = "广州天河软件园某科技有限公司工会委员会";
/// 张伟, a demo member of that union, with ZY and JT cover but not ZJ.
const ZHANG_WEI: &str = "440106199003071231";

/// `js` evaluated in the page, e.g. a list of texts or attributes.
fn eval(b: &Browser, js: &str) -> serde_json::Value {
    b.script(&format!("return {js}"))
}

/// A JavaScript expression: how many elements carry `data-testid=testid`.
fn count(testid: &str) -> String {
    format!("document.querySelectorAll('[data-testid=\"{testid}\"]').length")
}

/// A valid ID number of someone born on 1990-01-01 in Tianhe, Guangzhou.
fn id_number(seq: u32) -> String {
    let first17 = format!("4401061990010{seq:04}");
    assert_eq!(first17.len(), 17);
    format!("{first17}{}", check_char(first17.as_bytes()))
}

/// Ten new workers (lines 2–11 of the file).
fn workers() -> Vec<(String, String)> {
    (1..=10)
        .map(|i| (format!("职工{i}"), id_number(1100 + i)))
        .collect()
}

fn write_csv(dir: &Path, file: &str, rows: &[(String, String)]) -> PathBuf {
    let mut text = String::from("姓名,身份证号,人员类别,份数,手机\n");
    for (name, id) in rows {
        text.push_str(&format!("{name},{id},在职职工,,\n"));
    }
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn branch_staff_enroll_a_union_roster_after_fixing_it_and_pay_for_the_batch() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    let dir = tempfile::tempdir().unwrap();

    log_in_as_staff(&b, &server, "branch_staff");
    b.click(&t("nav-rosters"));
    b.find(&t("page-rosters"));
    assert!(b.text(&t("nav-rosters")).contains("参保名单"));
    // The template is a UTF-8 CSV with a byte order mark, made on the page.
    let template = eval(
        &b,
        "document.querySelector('[data-testid=\"roster-template\"]').getAttribute('href')",
    );
    assert!(
        template
            .as_str()
            .is_some_and(|h| h.starts_with("data:text/csv;charset=utf-8,%EF%BB%BF")),
        "{template}"
    );

    // The union, the plan and the union's headcount (ZJ needs 60 % of its members).
    b.type_into(&t("roster-union"), "软件园");
    b.click("[data-testid=\"roster-form\"] .picker-results button");
    b.wait_for_text(&t("roster-form"), UNION);
    b.click("[data-testid=\"roster-plan\"] option[value=\"ZJ\"]");
    b.wait_for_text(&t("roster-form"), "60%");
    b.type_into(&t("roster-headcount"), "12");

    // Ten good rows, then a wrong check digit (line 12) and line 2's ID number again (line 13).
    let good = workers();
    let mut bad_rows = good.clone();
    let wrong = {
        let mut id = id_number(1201);
        let last = if id.ends_with('0') { '1' } else { '0' };
        id.pop();
        id.push(last);
        id
    };
    bad_rows.push(("王五".into(), wrong));
    bad_rows.push(("职工11".into(), good[0].1.clone()));
    let bad = write_csv(dir.path(), "roster-with-errors.csv", &bad_rows);
    b.type_into(&t("roster-file"), bad.to_str().unwrap());
    b.click(&t("roster-check"));
    b.find(&t("roster-report"));
    wait_until(
        &b,
        &format!("{} === 2", count("roster-issue")),
        "two problems",
    );
    // The report appears below the form without rebuilding it: the file stays chosen.
    assert_eq!(
        eval(
            &b,
            "document.querySelector('[data-testid=\"roster-file\"]').files.length"
        ),
        1
    );
    let lines = eval(
        &b,
        "[...document.querySelectorAll('[data-testid=\"roster-issue\"]')].map(r => r.dataset.line)",
    );
    assert_eq!(lines, serde_json::json!(["12", "13"]));
    let issues = eval(
        &b,
        "[...document.querySelectorAll('[data-testid=\"roster-issue\"]')].map(r => r.innerText)",
    );
    let issues = issues.to_string();
    assert!(issues.contains("身份证号校验码不正确"), "{issues}");
    assert!(issues.contains("与第 2 行的身份证号重复"), "{issues}");
    assert!(issues.contains("身份证号"), "the column is named: {issues}");
    assert_eq!(b.text(&t("roster-rows")), "12");
    assert_eq!(b.text(&t("roster-valid-rows")), "10");
    b.find(&t("roster-problems"));
    assert_eq!(
        eval(
            &b,
            "document.querySelector('[data-testid=\"roster-commit\"]').disabled"
        ),
        true,
        "a roster with problems cannot be enrolled"
    );
    b.screenshot(&std::env::temp_dir().join("huzhu-roster-errors.png"));
    // The same report in English.
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("roster-issues"), "Same ID number as line 2.");
    let en = b.text(&t("roster-report"));
    assert!(
        en.contains("check character of the ID number is wrong"),
        "{en}"
    );
    assert!(en.contains("2 problem(s)"), "{en}");
    b.screenshot(&std::env::temp_dir().join("huzhu-roster-errors-en.png"));
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("roster-issues"), "与第 2 行的身份证号重复");

    // The corrected file: the ten workers and 张伟, who is already a member.
    let mut fixed_rows = good;
    fixed_rows.push(("张伟".into(), ZHANG_WEI.into()));
    let fixed = write_csv(dir.path(), "roster-fixed.csv", &fixed_rows);
    b.type_into(&t("roster-file"), fixed.to_str().unwrap());
    wait_until(
        &b,
        "!document.querySelector('[data-testid=\"roster-report\"]')",
        "the old report to go with the new file",
    );
    b.click(&t("roster-check"));
    b.find(&t("roster-ok"));
    assert_eq!(eval(&b, &count("roster-issue")), 0);
    assert_eq!(b.text(&t("roster-rows")), "11");
    assert_eq!(b.text(&t("roster-valid-rows")), "11");
    assert_eq!(b.text(&t("roster-new-members")), "10");
    assert!(b.text(&t("roster-premium-total")).contains("¥880.00"));
    wait_until(
        &b,
        "!document.querySelector('[data-testid=\"roster-commit\"]').disabled",
        "enroll to be allowed",
    );
    b.click(&t("roster-commit"));

    // The batch: eleven policies waiting for one payment.
    b.find(&t("page-batch"));
    wait_until(
        &b,
        &format!("{} === 11", count("batch-policy")),
        "eleven policies",
    );
    let statuses = |b: &Browser| {
        eval(
            b,
            "[...new Set([...document.querySelectorAll('[data-testid=\"batch-policy\"]')].map(r => r.dataset.status))]",
        )
    };
    assert_eq!(statuses(&b), serde_json::json!(["pending_payment"]));
    assert!(b.text(&t("batch-status")).contains("待缴费"));
    assert_eq!(b.text(&t("batch-member-count")), "11");
    let policies = b.text(&t("batch-policies"));
    assert!(
        policies.contains("张伟") && policies.contains("440106********1231"),
        "{policies}"
    );
    assert!(
        !policies.contains(ZHANG_WEI),
        "ID numbers are masked: {policies}"
    );
    assert!(b.page_text().contains(UNION));

    // The payment: the amount is the premium, prefilled; the day is today.
    assert_eq!(
        eval(
            &b,
            "document.querySelector('[data-testid=\"batch-pay-amount\"]').value"
        ),
        "880.00"
    );
    b.click("[data-testid=\"batch-pay-channel\"] option[value=\"union_dues\"]");
    b.type_into(&t("batch-pay-reference"), "GH-2026-0001");
    b.click(&t("batch-pay-submit"));
    b.find(&t("batch-paid"));
    wait_until(
        &b,
        "[...document.querySelectorAll('[data-testid=\"batch-policy\"]')].every(r => r.dataset.status === 'active')",
        "every policy active",
    );
    assert_eq!(eval(&b, &count("batch-policy")), 11);
    assert!(b.text(&t("batch-status")).contains("已缴费"));
    assert!(!b.exists(&t("batch-pay-form")), "paid once only");
    b.screenshot(&std::env::temp_dir().join("huzhu-batch-paid.png"));

    // The enrollment result as a workbook (its content is checked in the HTTP tests).
    let batch_id = eval(&b, "location.pathname.split('/').pop()");
    let batch_id = batch_id.as_str().unwrap().to_string();
    b.click(&t("batch-download"));
    b.wait_for_text(
        &t("batch-paid"),
        &format!("已下载 batch-{batch_id}-ZJ.xlsx"),
    );

    // The list of batches: this one, paid; none left waiting for payment.
    b.click(&t("nav-batches"));
    b.find(&t("page-batches"));
    wait_until(&b, &format!("{} === 1", count("batch-row")), "one batch");
    let row = b.text(&t("batch-row"));
    assert!(
        row.contains(UNION)
            && row.contains("ZJ")
            && row.contains("已缴费")
            && row.contains("¥880.00"),
        "{row}"
    );
    b.click("[data-testid=\"batch-status-filter\"] option[value=\"pending_payment\"]");
    wait_until(
        &b,
        &format!("{} === 0", count("batch-row")),
        "no batch waiting",
    );
    assert!(b.page_text().contains("没有符合条件的参保批次"));
    b.click("[data-testid=\"batch-status-filter\"] option[value=\"\"]");
    wait_until(
        &b,
        &format!("{} === 1", count("batch-row")),
        "the batch again",
    );
    b.click("[data-testid=\"batch-row\"] a");
    b.find(&t("page-batch"));
    assert!(b.text(&t("batch-status")).contains("已缴费"));

    // 张伟 now has ZJ cover too, in its waiting period.
    b.click(&t("logout"));
    b.find(&t("page-login"));
    log_in_as_member(&b, &server, ZHANG_WEI);
    b.click(&t("nav-coverage"));
    b.find(&t("page-coverage"));
    wait_until(
        &b,
        &format!("{} === 3", count("policy-card")),
        "three policy cards",
    );
    let zj = "[data-testid=\"policy-card\"][data-plan-code=\"ZJ\"]";
    b.wait_for_text(zj, "在职职工重大疾病互助保障");
    b.find(&format!("{zj} [data-testid=\"waiting-countdown\"]"));
    assert!(b.text(zj).contains("等待期还剩"), "{}", b.text(zj));
}
