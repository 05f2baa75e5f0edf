//! Governance in headless Chromium, from a draft to a member's application: the secretariat is
//! stopped by a meeting called at too short notice, then puts a new plan to the council meeting
//! under way; three councillors present vote for it one after another; the secretariat closes
//! the vote, and the count reads in Chinese and in English; a member now finds the plan in the
//! catalogue and applies online; the supervisory board sees every step in the audit trail and
//! the chain verified.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Duration;
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::MemberCategory;
use huzhu_e2e::browsing::{browser_ready, log_in_as_member, log_in_as_staff, t, wait_until};
use huzhu_e2e::webdriver::Browser;
use huzhu_e2e::{first_day, Server};

/// 陈静, a model worker of the demo data.
const MODEL_WORKER: &str = "440305198808083328";

fn set(b: &Browser, testid: &str, value: &str) {
    b.script(&format!(
        "const e = document.querySelector('[data-testid=\"{testid}\"]'); e.value = '{value}'; \
         e.dispatchEvent(new Event('input', {{bubbles: true}})); return null"
    ));
}

fn choose(b: &Browser, testid: &str, option_text: &str) {
    b.script(&format!(
        "const s = document.querySelector('[data-testid=\"{testid}\"]'); \
         s.value = [...s.options].find(o => o.text.includes('{option_text}')).value; \
         s.dispatchEvent(new Event('change', {{bubbles: true}})); return null"
    ));
}

fn log_out(b: &Browser) {
    b.click(&t("logout"));
    b.find(&t("page-login"));
}

fn open_demo_meeting(b: &Browser) {
    b.click(&t("nav-governance"));
    b.find(&t("meeting-list"));
    // The latest first: the council meeting under way.
    b.click("[data-testid=\"meeting-row\"] a");
    b.find(&t("page-meeting"));
}

const PLAN_MOTION: &str = "[data-testid=\"motion\"][data-status]:last-of-type";

#[test]
fn the_council_votes_a_plan_into_force_and_a_member_enrolls() {
    if !browser_ready() {
        return;
    }
    let server = Server::start(true, None);
    // The draft: individual accident cover open to model workers, written by the secretariat.
    let mut terms = guangdong_demo()
        .into_iter()
        .find(|p| p.code.as_str() == "XYT")
        .unwrap();
    terms.code = huzhu_domain::plan::PlanCode::parse("GRYW").unwrap();
    terms.name_zh = "劳模个人意外互助保障".into();
    terms.name_en = "Model workers' personal accident cover".into();
    terms.categories = vec![MemberCategory::ModelWorker];
    let admin_token = server.staff_token("admin");
    let (s, draft) = server.post_as(
        "/api/v1/plan-versions",
        Some(&admin_token),
        serde_json::to_value(&terms).unwrap(),
    );
    assert_eq!(s, 201, "{draft}");

    let b = Browser::start();
    log_in_as_staff(&b, &server, "admin");
    // A meeting called for three days from now with notice given today is refused.
    b.click(&t("nav-governance"));
    b.find(&t("convene-form"));
    b.type_into(&t("meeting-title"), "临时理事会会议");
    b.type_into(&t("meeting-location"), "广州");
    let soon = (first_day() + Duration::days(3)).format("%Y-%m-%dT09:00");
    set(&b, "meeting-starts", &soon.to_string());
    b.click(&t("convene-submit"));
    b.wait_for_text(&t("convene-form"), "书面通知期不足");
    assert_eq!(
        b.script("return document.querySelectorAll('[data-testid=\"meeting-row\"]').length"),
        2,
        "nothing was convened: the founding congress and the council meeting under way"
    );

    // The plan goes before the council meeting under way.
    open_demo_meeting(&b);
    b.wait_for_text(&t("quorum"), "应到 5 人，实到 4 人");
    choose(&b, "motion-kind", "批准保障计划版本");
    b.find(&t("motion-plan-version"));
    wait_until(
        &b,
        "[...document.querySelector('[data-testid=\"motion-plan-version\"]').options].some(o => o.text.startsWith('GRYW'))",
        "the draft offered",
    );
    choose(&b, "motion-plan-version", "GRYW");
    b.type_into(&t("motion-title"), "批准劳模个人意外互助保障");
    set(&b, "motion-text", "批准该计划第 1 版并即日施行。");
    b.click(&t("motion-submit"));
    wait_until(
        &b,
        "document.querySelectorAll('[data-testid=\"motion\"]').length === 2",
        "the motion on the agenda",
    );
    b.wait_for_text(PLAN_MOTION, "出席三分之二以上通过");
    log_out(&b);

    // Three of the four councillors present vote for it.
    for councillor in ["council", "council2", "council3"] {
        log_in_as_staff(&b, &server, councillor);
        open_demo_meeting(&b);
        b.click(&format!("{PLAN_MOTION} [data-testid=\"vote-yes\"]"));
        b.find(&format!("{PLAN_MOTION} [data-testid=\"you-voted\"]"));
        log_out(&b);
    }
    // The fourth votes against.
    log_in_as_staff(&b, &server, "council4");
    open_demo_meeting(&b);
    b.click(&format!("{PLAN_MOTION} [data-testid=\"vote-no\"]"));
    b.find(&format!("{PLAN_MOTION} [data-testid=\"you-voted\"]"));
    log_out(&b);
    // The fifth was not recorded present and cannot vote.
    log_in_as_staff(&b, &server, "council5");
    open_demo_meeting(&b);
    assert!(!b.exists(&format!("{PLAN_MOTION} [data-testid=\"vote-yes\"]")));
    log_out(&b);

    log_in_as_staff(&b, &server, "admin");
    open_demo_meeting(&b);
    b.click(&format!("{PLAN_MOTION} [data-testid=\"close-vote\"]"));
    b.wait_for_text(
        &format!("{PLAN_MOTION} [data-testid=\"motion-explanation\"]"),
        "应到 5 人，实到 4 人，达到三分之二：会议有效；赞成 3 票、反对 1 票、弃权 0 票（实到 4 人），达到三分之二以上：通过",
    );
    b.click(&t("lang-toggle"));
    b.wait_for_text(
        &format!("{PLAN_MOTION} [data-testid=\"motion-explanation\"]"),
        "4 of 5 present ≥ 2/3: quorate; 3 yes, 1 no, 0 abstaining of 4 present ≥ 2/3: passed",
    );
    b.click(&t("lang-toggle"));
    b.screenshot(&std::env::temp_dir().join("huzhu-council-meeting.png"));
    log_out(&b);

    // The plan is in the catalogue; a model worker applies online.
    log_in_as_member(&b, &server, MODEL_WORKER);
    b.click(&t("nav-plans"));
    let card = "[data-testid=\"plan-card\"][data-plan-code=\"GRYW\"]";
    b.wait_for_text(card, "劳模个人意外互助保障");
    b.click(&format!("{card} [data-testid=\"enroll-submit\"]"));
    b.wait_for_text(&t("enroll-done"), "已申请参保 GRYW（1 份），待缴费");
    log_out(&b);

    // The supervisory board follows every step, and the chain holds.
    log_in_as_staff(&b, &server, "supervisor");
    b.click(&t("nav-audit"));
    b.wait_for_text(&t("audit-status"), "审计日志完整");
    let trail = b.text(&t("audit-list"));
    // Events in the reader's language with their facts, not routes.
    for step in [
        "提出议案",
        "投票",
        "表决结束",
        "计划施行",
        "在线参保",
        "赞成：3",
    ] {
        assert!(
            trail.contains(step),
            "{step} missing from the trail: {trail}"
        );
    }
    // The board takes a checkpoint to keep outside the system.
    b.click(&t("audit-checkpoint-download"));
    b.wait_for_text(&t("audit-checkpoint-saved"), "的检查点");
    b.screenshot(&std::env::temp_dir().join("huzhu-audit-trail.png"));
}
