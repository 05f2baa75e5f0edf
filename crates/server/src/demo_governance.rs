//! The demo's governance: the council, the supervisory board and the member congress in their
//! first term, the articles adopted by the founding congress, a council meeting under way with its attendance recorded and the 2027 budget
//! before it, and an inspection the council has yet to answer.

use anyhow::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use huzhu_domain::governance::{
    count, term_ends_on, threshold, Body, MotionKind, MotionType, Position, Tally,
};
use huzhu_domain::plan::china_date;
use huzhu_domain::Role;
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::{governance as gov, inspections, DbConn, StoreError};

/// Seats: (username, display name, role, body, position). The first council member and the
/// first supervisor are the demo's `council` and `supervisor` accounts.
const SEATS: [(&str, &str, Role, Body, Position); 8] = [
    (
        "council",
        "理事 林建国",
        Role::Council,
        Body::Council,
        Position::Chair,
    ),
    (
        "council2",
        "理事 王海燕",
        Role::Council,
        Body::Council,
        Position::ViceChair,
    ),
    (
        "council3",
        "理事 刘志强",
        Role::Council,
        Body::Council,
        Position::Secretary,
    ),
    (
        "council4",
        "理事 陈晓东",
        Role::Council,
        Body::Council,
        Position::Member,
    ),
    (
        "council5",
        "理事 杨丽华",
        Role::Council,
        Body::Council,
        Position::Member,
    ),
    (
        "supervisor",
        "监事 何秀英",
        Role::Supervisor,
        Body::SupervisoryBoard,
        Position::Chair,
    ),
    (
        "supervisor2",
        "监事 赵敏",
        Role::Supervisor,
        Body::SupervisoryBoard,
        Position::Member,
    ),
    (
        "supervisor3",
        "监事 孙伟",
        Role::Supervisor,
        Body::SupervisoryBoard,
        Position::Member,
    ),
];

/// The first terms began on this day.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

const ARTICLES: &str = "第一章 总则\n第一条 本会是职工自愿参加、互助互济的群众性互助保障组织，接受同级工会领导。\n\
第二条 本会的宗旨：发扬工人阶级团结互助精神，为职工提供住院、重大疾病、意外伤害等互助保障。\n\
第二章 组织机构\n第三条 会员代表大会是本会最高权力机构，每届五年；理事会为执行机构，监事会为监督机构。";

/// The founding congress of the first term adopted the articles of association, unanimously.
fn founding_congress(c: &mut DbConn, term: i64, seats: &[i64], admin: i64) -> Result<()> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let held = day(2024, 1, 6)
        .and_hms_opt(1, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let meeting = gov::insert_meeting(
        c,
        gov::NewMeeting {
            term_id: term,
            title: "第一届会员代表大会第一次会议",
            location: "广州 省总工会大楼礼堂",
            starts_at: held,
            notice_given_on: day(2023, 12, 20),
            created_by: admin,
        },
        held,
    )?;
    gov::record_attendance(c, meeting.id, seats, held)?;
    let motion = gov::insert_motion(
        c,
        gov::NewMotion {
            articles_text: Some(ARTICLES),
            ..gov::NewMotion::of(
                meeting.id,
                MotionType::AmendArticles,
                "审议通过《章程》",
                "审议通过本会章程（第 1 版）。",
                admin,
            )
        },
        held,
    )?;
    for seat in seats {
        gov::cast(c, motion.id, *seat, "yes", false)?;
    }
    let n = seats.len() as u32;
    let outcome = count(
        threshold(Body::MemberCongress, MotionKind::AmendArticles)?,
        Tally {
            members: n,
            present: n,
            yes: n,
            no: 0,
            abstain: 0,
        },
    )?;
    gov::close_motion(
        c,
        motion.id,
        gov::Closing {
            passed: outcome.passed,
            members: n as i32,
            present: n as i32,
            explanation_en: &outcome.explanation_en,
            explanation_zh: &outcome.explanation_zh,
            closed_by: admin,
        },
        held,
    )?;
    gov::adopt_articles(c, ARTICLES, motion.id, held)?;
    gov::close_meeting(
        c,
        meeting.id,
        "全体代表出席，一致通过《章程》第 1 版。",
        held,
    )?;
    Ok(())
}

pub fn seed(
    c: &mut DbConn,
    admin: i64,
    province: i64,
    password_hash: &str,
    member_accounts: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut terms = Vec::new();
    for body in [Body::MemberCongress, Body::Council, Body::SupervisoryBoard] {
        let starts = first_day();
        terms.push((
            body,
            gov::insert_term(c, body, starts, term_ends_on(starts), now)?,
        ));
    }
    let term_of = |body: Body| {
        terms
            .iter()
            .find(|(b, _)| *b == body)
            .map(|(_, t)| t.id)
            .ok_or(StoreError::NotFound)
    };
    let mut council_seats = Vec::new();
    for (username, name, role, body, position) in SEATS {
        let account = match accounts::find_staff_by_username(c, username)? {
            Some(a) => a.id,
            None => {
                accounts::insert(
                    c,
                    NewAccount {
                        kind: AccountKind::Staff,
                        username: Some(username),
                        member_id: None,
                        display_name: name,
                        org_unit_id: province,
                        password_hash,
                        roles: &[role],
                    },
                    now,
                )?
                .id
            }
        };
        let seat = gov::insert_seat(
            c,
            term_of(body)?,
            account,
            position,
            position.is_single(),
            None,
            now,
        )?;
        if body == Body::Council {
            council_seats.push(seat.id);
        }
    }
    // The demo members are the congress's representatives.
    let mut congress_seats = Vec::new();
    for (i, account) in member_accounts.iter().enumerate() {
        let position = if i == 0 {
            Position::Chair
        } else {
            Position::Member
        };
        let seat = gov::insert_seat(
            c,
            term_of(Body::MemberCongress)?,
            *account,
            position,
            position.is_single(),
            None,
            now,
        )?;
        congress_seats.push(seat.id);
    }
    founding_congress(c, term_of(Body::MemberCongress)?, &congress_seats, admin)?;
    // A council meeting that began an hour ago, notice given two weeks before; four of five
    // councillors are present, the budget is before them.
    let meeting = gov::insert_meeting(
        c,
        gov::NewMeeting {
            term_id: term_of(Body::Council)?,
            title: "第一届理事会第六次会议",
            location: "广州 省总工会大楼 3 楼会议室",
            starts_at: now - Duration::hours(1),
            notice_given_on: china_date(now) - Duration::days(14),
            created_by: admin,
        },
        now,
    )?;
    gov::record_attendance(c, meeting.id, &council_seats[..4], now)?;
    let year = china_date(now)
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2026)
        + 1;
    gov::insert_motion(
        c,
        gov::NewMotion {
            budget_year: Some(year),
            reserve_bp: Some(1_000),
            expense_cap_bp: Some(800),
            ..gov::NewMotion::of(
                meeting.id,
                MotionType::ApproveBudget,
                &format!("审议{year}年度预算"),
                "风险准备金按互助金收入的 10% 提取，管理费用不超过互助金收入的 8%。",
                admin,
            )
        },
        now,
    )?;
    let supervisor =
        accounts::find_staff_by_username(c, "supervisor")?.ok_or(StoreError::NotFound)?;
    inspections::insert(
        c,
        inspections::NewInspection {
            title: "第三季度住院津贴理赔抽查",
            scope: "2026 年 7 月至 9 月已批准的住院津贴（ZY）理赔，随机抽取 50 件",
            findings: "3 件理赔的出院小结与发票住院天数不一致，均按发票天数给付。",
            request: "请理事会说明住院天数的核对规则，并对 3 件理赔复核。",
            respond_by: china_date(now) + Duration::days(30),
            opened_by: supervisor.id,
        },
        now,
    )?;
    Ok(())
}
