//! Cover, plans and the member register in headless Chromium: a member sees their policy cards
//! (also at phone width) in Chinese and English; branch office staff find a member by ID
//! number, see the masked entry, show it in full with a purpose and see the member's cover.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::browsing::{
    browser_ready, log_in_as_member, log_in_as_staff, phone_screenshot, t, wait_until,
};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::{first_day, Server};

/// The text of each element matching `css`, in document order.
fn texts(b: &Browser, css: &str) -> Vec<String> {
    let js = format!(
        "return [...document.querySelectorAll('{css}')].map(e => e.innerText)",
        css = css.replace('\'', "\\'")
    );
    match b.script(&js) {
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// The text of the policy card of plan `code`.
fn card(b: &Browser, code: &str) -> String {
    texts(
        b,
        &format!("[data-testid=\"policy-card\"][data-plan-code=\"{code}\"]"),
    )
    .pop()
    .unwrap_or_default()
}

#[test]
fn member_sees_their_cover_with_accumulators_in_chinese_and_english() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    log_in_as_member(&b, &server, "440106199003071231");

    // My cover comes right after home, and the home page links to it.
    let nav = b.script(
        "return [...document.querySelectorAll('[data-testid=\"main-nav\"] a')].map(a => a.dataset.testid)",
    );
    assert_eq!(nav[0], "nav-home", "{nav}");
    assert_eq!(nav[1], "nav-coverage", "{nav}");
    assert!(!b.exists(&t("nav-members")), "members see no register");
    b.click(&t("home-coverage"));
    b.find(&t("page-coverage"));
    assert!(b.text(&t("nav-coverage")).contains("我的保障"));

    // 张伟 paid for ZY and JT 200 days ago: covered, waiting period over.
    wait_until(
        &b,
        "return document.querySelectorAll('[data-testid=\"policy-card\"]').length === 2",
        "two policy cards",
    );
    let zy = card(&b, "ZY");
    assert!(zy.contains("住院医疗综合互助保障"), "{zy}");
    assert!(zy.contains("今日在保障中"), "{zy}");
    assert!(zy.contains("疾病自") && zy.contains("起保障"), "{zy}");
    assert!(!zy.contains("等待期还剩"), "{zy}");
    assert!(
        zy.contains("医疗报销额度") && zy.contains("¥50,000.00"),
        "{zy}"
    );
    let jt = card(&b, "JT");
    assert!(jt.contains("住院津贴互助保障"), "{jt}");
    assert!(
        jt.contains("住院津贴天数") && jt.contains("剩余 180 天 / 共 180 天"),
        "{jt}"
    );
    assert!(jt.contains("¥60.00"), "{jt}");
    // One bar per accumulator, full since nothing has been paid out.
    let bars = b.script(
        "return [...document.querySelectorAll('[data-testid=\"accumulator\"] [role=\"progressbar\"]')]\
         .map(e => e.closest('[data-testid=\"policy-card\"]').dataset.planCode + ':' \
         + e.parentElement.dataset.kind + ':' + e.getAttribute('aria-valuenow')).sort()",
    );
    assert_eq!(
        bars,
        serde_json::json!(["JT:allowance_days:100", "ZY:reimbursement_cap:100"])
    );

    // The plan catalogue is open to members too, without the version history.
    b.click(&t("nav-plans"));
    b.find(&t("page-plans"));
    wait_until(
        &b,
        "return document.querySelectorAll('[data-testid=\"plan-card\"]').length === 6",
        "six plan cards",
    );
    let jt_plan = texts(&b, "[data-testid=\"plan-card\"][data-plan-code=\"JT\"]").join("");
    assert!(
        jt_plan.contains("住院津贴：每份每天 40 元，第 4 天起，每期最多 180 天"),
        "{jt_plan}"
    );
    assert!(!b.exists(&t("plan-versions")));

    b.click(&t("nav-coverage"));
    b.find(&t("policy-card"));
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("page-coverage"), "Inpatient medical mutual aid");
    b.wait_for_text(&t("page-coverage"), "Inpatient daily allowance");
    assert!(b.text(&t("nav-coverage")).contains("My cover"));
    let jt = card(&b, "JT");
    assert!(jt.contains("Covered today"), "{jt}");
    assert!(jt.contains("180 days left of 180 days"), "{jt}");
    b.screenshot(&std::env::temp_dir().join("huzhu-coverage-en.png"));

    // At phone width, in Chinese.
    b.click(&t("lang-toggle"));
    b.wait_for_text(&t("page-coverage"), "住院医疗综合互助保障");
    phone_screenshot(
        &b,
        "/coverage",
        "[data-testid=\"policy-card\"]",
        "huzhu-coverage-375.png",
    );
    b.goto(&server.url("/plans"));
    b.find(&t("plan-card"));
    phone_screenshot(
        &b,
        "/plans",
        "[data-testid=\"plan-card\"]",
        "huzhu-plans-375.png",
    );
}

#[test]
fn a_member_in_the_waiting_period_sees_the_countdown_and_can_ask_about_a_later_day() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    // 陈静 paid for ZY 30 days ago: 90 days' wait, so illness is not covered yet.
    log_in_as_member(&b, &server, "440305198808083328");
    b.click(&t("nav-coverage"));
    b.find(&t("policy-card"));
    b.wait_for_text(&t("waiting-countdown"), "等待期还剩");
    let zy = card(&b, "ZY");
    assert!(zy.contains("等待期内，疾病自"), "{zy}");
    assert!(!zy.contains("今日在保障中"), "{zy}");
    phone_screenshot(
        &b,
        "/coverage",
        "[data-testid=\"waiting-countdown\"]",
        "huzhu-coverage-waiting-375.png",
    );

    // The same cover on a day after the waiting period (it ends about 60 days from now).
    let later = (first_day() + chrono::Duration::days(120)).to_string();
    b.goto(&server.url("/coverage"));
    b.find(&t("policy-card"));
    b.script(&format!(
        "const d = document.querySelector('[data-testid=\"coverage-date\"]'); \
         d.value = '{later}'; d.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    ));
    b.wait_for_text(&t("policy-card"), &format!("{later} 在保障中"));
    assert!(!b.exists(&t("waiting-countdown")));
}

#[test]
fn branch_staff_find_a_member_show_the_id_number_with_a_purpose_and_see_the_cover() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    log_in_as_staff(&b, &server, "branch_staff");
    b.click(&t("nav-members"));
    b.find(&t("page-members"));
    b.find(&t("member-row"));

    // A mistyped ID number is caught while typing.
    b.type_into(&t("member-search-id-number"), "440304198511204568");
    b.wait_for_text(&t("page-members"), "身份证号校验码不正确");
    b.type_into(&t("member-search-id-number"), "440304198511204567");
    b.click(&t("member-search"));
    wait_until(
        &b,
        "const rows = document.querySelectorAll('[data-testid=\"member-row\"]'); \
         return rows.length === 1 && rows[0].innerText.includes('李娜');",
        "one row for 李娜",
    );
    let row = b.text(&t("member-row"));
    assert!(
        row.contains("440304********4567") && row.contains("在职职工"),
        "{row}"
    );
    assert!(
        !row.contains("440304198511204567"),
        "masked in the list: {row}"
    );

    b.click("[data-testid=\"member-row\"] [data-testid=\"member-open\"]");
    b.find(&t("page-member"));
    b.wait_for_text(&t("member-id-number"), "440304********4567");
    assert!(!b.page_text().contains("440304198511204567"));
    b.find(&t("access-log-empty"));

    // In full only with a purpose, which is recorded.
    b.click(&t("unmask-open"));
    b.click(&t("unmask-submit"));
    b.wait_for_text(&t("unmask-form"), "请说明查看用途");
    assert!(!b.exists(&t("unmasked-id-number")));
    b.type_into(&t("unmask-purpose"), "核对理赔申请人身份");
    b.click(&t("unmask-submit"));
    b.wait_for_text(&t("unmasked-id-number"), "440304198511204567");
    b.wait_for_text(&t("access-log"), "核对理赔申请人身份");

    // 李娜's cover: ZY, JT and the women workers' plan NZG.
    wait_until(
        &b,
        "return document.querySelectorAll('[data-testid=\"policy-card\"]').length === 3",
        "three policy cards",
    );
    let codes = b.script(
        "return [...document.querySelectorAll('[data-testid=\"policy-card\"]')].map(c => c.dataset.planCode).sort()",
    );
    assert_eq!(codes, serde_json::json!(["JT", "NZG", "ZY"]));
    let nzg = card(&b, "NZG");
    assert!(nzg.contains("女职工安康互助保障"), "{nzg}");
    assert!(nzg.contains("大病给付次数"), "{nzg}");

    b.screenshot(&std::env::temp_dir().join("huzhu-member.png"));

    // Staff with plan_read also see every plan version.
    b.click(&t("nav-plans"));
    b.find(&t("plan-versions"));
    wait_until(
        &b,
        "return document.querySelectorAll('[data-testid=\"plan-version-row\"]').length === 6",
        "six plan versions",
    );
}

#[test]
fn branch_staff_register_a_member_confirming_a_card_that_fails_its_check_digit() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    let b = Browser::start();
    log_in_as_staff(&b, &server, "branch_staff");
    b.click(&t("nav-members"));
    b.find(&t("page-members"));
    b.click(&t("member-new"));
    b.find(&t("member-new-form"));

    b.type_into(&t("member-new-union"), "软件园");
    b.click("[data-testid=\"member-new-form\"] .picker-results button");
    b.wait_for_text(
        &t("member-new-form"),
        "广州天河软件园某科技有限公司工会委员会",
    );
    b.type_into(&t("member-new-name"), "赵敏");
    b.type_into(&t("member-new-id-number"), "440106199203150022");
    b.click("[data-testid=\"member-new-category\"] option[value=\"gig_worker\"]");
    b.type_into(&t("member-new-mobile"), "139 1234 5678");
    // The check digit is wrong: warned while typing, refused by the server until confirmed.
    b.type_into(&t("member-new-bank-card"), "6222021234567890129");
    b.find(&t("accept-luhn"));
    b.click(&t("member-new-consent"));
    b.click(&t("member-new-submit"));
    b.wait_for_text(&t("member-new-form"), "银行卡号校验位不符");
    b.click(&t("accept-luhn"));
    b.click(&t("member-new-submit"));

    b.find(&t("page-member"));
    b.wait_for_text(&t("member-name"), "赵敏");
    let page = b.text(&t("page-member"));
    for expected in [
        "440106********0022",
        "新就业形态劳动者",
        "139****5678",
        "**** 0129",
        "校验位不符，已由工作人员确认",
        "广州天河软件园某科技有限公司工会委员会",
    ] {
        assert!(page.contains(expected), "{expected}: {page}");
    }
    b.find(&t("coverage-empty"));

    // Changing the name.
    b.click(&t("member-edit"));
    b.type_into(&t("member-edit-name"), "赵敏华");
    b.click(&t("member-edit-submit"));
    b.wait_for_text(&t("member-name"), "赵敏华");
    assert!(b.text(&t("page-member")).contains("已保存"));

    // The same ID number cannot be registered twice.
    b.click(&t("nav-members"));
    b.click(&t("member-new"));
    b.type_into(&t("member-new-union"), "软件园");
    b.click("[data-testid=\"member-new-form\"] .picker-results button");
    b.type_into(&t("member-new-name"), "赵敏");
    b.type_into(&t("member-new-id-number"), "440106199203150022");
    b.click(&t("member-new-submit"));
    b.wait_for_text(&t("member-new-form"), "该身份证号已登记为会员");
}
