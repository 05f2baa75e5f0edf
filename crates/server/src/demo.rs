//! Demo data for `huzhu serve --demo` and `huzhu seed-demo`: Guangdong's organisation tree,
//! one staff account per role and a few members, all with the password `huzhu-demo`.
//! Written only into an empty database, so it can never add a known password to real data.

use anyhow::{bail, Result};
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_app::Clock;
use huzhu_domain::adjudication::{adjudicate, ClaimFacts, InpatientStay, Usage};
use huzhu_domain::plan::{self, PlanTerms};
use huzhu_domain::{credit_code, eligibility, IdNumber, MemberCategory, Mobile, OrgUnitKind, Role};
use huzhu_domain::{Money, PolicyCover, PolicyStatus};
use huzhu_http::auth::passwords::hash_blocking;
use huzhu_http::sealing::{protect_id_number, Sealer};
use huzhu_http::HttpConfig;
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::org_units::{self, NewOrgUnit, OrgUnit};
use huzhu_store::{claims, contributions, members, plans, policies, DbConn, Store, StoreError};
use std::sync::Arc;

pub const DEMO_PASSWORD: &str = "huzhu-demo";

/// The demo members' bank card (a valid Luhn number of no real account).
const DEMO_CARD: &str = "6222020200112233446";

const CITIES: [&str; 21] = [
    "广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山",
    "江门", "阳江", "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮",
];

/// County points: (city, name, region code of its unions).
const COUNTY_POINTS: [(&str, &str); 5] = [
    ("广州", "天河区"),
    ("广州", "越秀区"),
    ("深圳", "福田区"),
    ("深圳", "南山区"),
    ("佛山", "南海区"),
];

/// Grassroots unions: (city, county point or "" for directly under the city office, name, region).
const UNIONS: [(&str, &str, &str, &str); 10] = [
    (
        "广州",
        "天河区",
        "广州天河软件园某科技有限公司工会委员会",
        "440106",
    ),
    ("广州", "天河区", "广州某百货集团有限公司工会", "440106"),
    ("广州", "越秀区", "广州某地铁运营公司工会", "440104"),
    ("广州", "", "广州某汽车制造有限公司工会委员会", "440113"),
    ("深圳", "福田区", "深圳某电子股份有限公司工会", "440304"),
    ("深圳", "南山区", "深圳某互联网科技有限公司工会", "440305"),
    ("佛山", "南海区", "佛山某陶瓷有限公司工会", "440605"),
    ("东莞", "", "东莞某鞋业有限公司工会", "441900"),
    ("中山", "", "中山某灯饰有限公司工会", "442000"),
    ("珠海", "", "珠海某家电有限公司工会委员会", "440402"),
];

/// Staff: (username = role, display name, city office or "" for the province).
const STAFF: [(Role, &str, &str); 7] = [
    (Role::Admin, "系统管理员 陈明", ""),
    (Role::BranchStaff, "广州代办处 黄丽", "广州"),
    (Role::ClaimsReviewer, "广州代办处 审核员 吴刚", "广州"),
    (Role::ProvincialApprover, "省互助会 审批人 周敏", ""),
    (Role::Finance, "省互助会 财务 郑华", ""),
    (Role::Council, "理事 林建国", ""),
    (Role::Supervisor, "监事 何秀英", ""),
];

/// Members: (ID number, name, union index, category, mobile).
pub const MEMBERS: [(&str, &str, usize, MemberCategory, &str); 5] = [
    (
        "440106199003071231",
        "张伟",
        0,
        MemberCategory::InService,
        "13800138001",
    ),
    (
        "440304198511204567",
        "李娜",
        0,
        MemberCategory::InService,
        "13800138002",
    ),
    (
        "440106199506124411",
        "王强",
        1,
        MemberCategory::GigWorker,
        "13900139003",
    ),
    (
        "440305198808083328",
        "陈静",
        5,
        MemberCategory::ModelWorker,
        "13600136004",
    ),
    (
        "441900197802155172",
        "刘洋",
        7,
        MemberCategory::RegisteredHardship,
        "13700137005",
    ),
];

fn union_code(region: &str, n: usize) -> String {
    let base = format!("81{region}MC{n:07}");
    let check = credit_code::check_char(base.as_bytes()).unwrap_or('0');
    format!("{base}{check}")
}

fn add(
    c: &mut DbConn,
    parent: Option<&OrgUnit>,
    kind: OrgUnitKind,
    name: &str,
    code: Option<&str>,
    now: DateTime<Utc>,
) -> Result<OrgUnit> {
    Ok(org_units::insert(
        c,
        NewOrgUnit {
            parent,
            kind,
            name,
            credit_code: code,
        },
        now,
    )?)
}

/// Seeds the demo data; refuses if the database already holds an organisation.
pub fn seed(store: &Store, config: &HttpConfig, clock: Arc<dyn Clock>) -> Result<()> {
    let sealer = Sealer::new(&config.data_key.0);
    // Hash outside the transaction: it is the slow part.
    let password_hash = hash_blocking(DEMO_PASSWORD).map_err(anyhow::Error::msg)?;
    let app = huzhu_app::App::new(
        store.clone(),
        config.audit_key.clone(),
        clock.clone(),
        config.access_log,
    );
    app.change(&huzhu_app::Actor::operator("huzhu seed-demo"), |c| -> Result<huzhu_app::Done<()>> {
        if org_units::root(c)?.is_some() {
            bail!("the database already has an organisation; demo data goes only into an empty database");
        }
        let now = clock.now();
        let province = add(c, None, OrgUnitKind::Province, "广东省职工保障互助会", None, now)?;
        let mut cities = Vec::new();
        for city in CITIES {
            cities.push((city, add(c, Some(&province), OrgUnitKind::CityOffice, &format!("{city}市代办处"), None, now)?));
        }
        let city = |name: &str| cities.iter().find(|(n, _)| *n == name).map(|(_, u)| u.clone());
        let mut points = Vec::new();
        for (city_name, point) in COUNTY_POINTS {
            let parent = city(city_name).ok_or(StoreError::NotFound)?;
            points.push((point, add(c, Some(&parent), OrgUnitKind::CountyPoint, &format!("{point}代办点"), None, now)?));
        }
        let mut unions = Vec::new();
        for (i, (city_name, point, name, region)) in UNIONS.iter().enumerate() {
            let parent = match points.iter().find(|(p, _)| p == point) {
                Some((_, unit)) => unit.clone(),
                None => city(city_name).ok_or(StoreError::NotFound)?,
            };
            let code = union_code(region, i + 1);
            unions.push(add(c, Some(&parent), OrgUnitKind::GrassrootsUnion, name, Some(&code), now)?);
        }
        for (role, display_name, city_name) in STAFF {
            let unit = if city_name.is_empty() { province.clone() } else { city(city_name).ok_or(StoreError::NotFound)? };
            accounts::insert(
                c,
                NewAccount {
                    kind: AccountKind::Staff,
                    username: Some(role.as_str()),
                    member_id: None,
                    display_name,
                    org_unit_id: unit.id,
                    password_hash: &password_hash,
                    roles: &[role],
                },
                now,
            )?;
        }
        // A second finance person: payment batches and expenses need a maker and a checker.
        accounts::insert(
            c,
            NewAccount {
                kind: AccountKind::Staff,
                username: Some("finance2"),
                member_id: None,
                display_name: "省互助会 财务 孙丽",
                org_unit_id: province.id,
                password_hash: &password_hash,
                roles: &[Role::Finance],
            },
            now,
        )?;
        let admin = accounts::find_staff_by_username(c, Role::Admin.as_str())?.ok_or(StoreError::NotFound)?;
        let catalogue = seed_catalogue(c, admin.id, now)?;
        let today = plan::china_date(now);
        let mut member_ids = Vec::new();
        let mut member_accounts = Vec::new();
        for (id, name, union_index, category, mobile) in MEMBERS {
            let id = IdNumber::parse(id).map_err(|e| anyhow::anyhow!("demo ID number {id}: {e}"))?;
            let union = &unions[union_index];
            let (id_number_hash, protected) = protect_id_number(&sealer, &config.lookup_key.0, &id)?;
            let mobile = Mobile::parse(mobile).map_err(|e| anyhow::anyhow!("demo mobile {mobile}: {e}"))?;
            let member = members::insert(
                c,
                members::NewMember {
                    org_unit_id: union.id,
                    name,
                    id_number_hash: &id_number_hash,
                    id_number: protected,
                    gender: id.gender(),
                    birth_date: id.birth_date(),
                    category,
                    mobile: Some(members::Protected { ciphertext: sealer.seal(mobile.as_str())?, masked: mobile.masked() }),
                    // Every demo member has a card on file, so their claims can be paid.
                    bank_card: Some(members::Protected { ciphertext: sealer.seal(DEMO_CARD)?, masked: DEMO_CARD[DEMO_CARD.len() - 4..].to_string() }),
                    bank_card_luhn_override_by: None,
                    health_consent: true,
                },
                now,
            )?;
            member_accounts.push(accounts::insert_for_member(c, &member, &password_hash, now)?.id);
            member_ids.push(member.id);
        }
        for (member, code, shares, days_ago) in COVER {
            let (terms, version) = catalogue
                .iter()
                .find(|(t, _)| t.code.as_str() == code)
                .ok_or_else(|| anyhow::anyhow!("demo plan {code} missing"))?;
            let paid_on = today - chrono::Duration::days(days_ago);
            let policy = paid_policy(c, member_ids[member], terms, *version, shares, paid_on, now)?;
            if (member, code) == (1, "JT") {
                let account = accounts::find_by_member(c, policy.member_id)?.ok_or(StoreError::NotFound)?;
                let union = members::get(c, policy.member_id)?.org_unit_id;
                claim_in_queue(c, &policy, terms, union, account.id, today, now)?;
            }
        }
        crate::demo_governance::seed(c, admin.id, province.id, &password_hash, &member_accounts, now)?;
        Ok(huzhu_app::Done::new(
            (),
            huzhu_app::Event::new("demo.seed", "demo data").fact("province", province.id),
        ))
    })
}

/// Demo cover: (member index, plan code, shares, paid this many days before today). Paid 200
/// days ago, the waiting periods are over; 陈静's recent payment leaves her inside hers.
const COVER: [(usize, &str, u32, i64); 8] = [
    (0, "ZY", 1, 200),
    (0, "JT", 1, 200),
    (1, "ZY", 2, 200),
    (1, "JT", 1, 200),
    (1, "NZG", 2, 200),
    (2, "XYT", 1, 20),
    (2, "YW", 2, 20),
    (3, "ZY", 1, 30),
];

/// Puts the demo catalogue in force: each plan drafted, approved and activated by the admin.
fn seed_catalogue(c: &mut DbConn, admin: i64, now: DateTime<Utc>) -> Result<Vec<(PlanTerms, i64)>> {
    let mut out = Vec::new();
    for terms in plan::examples::guangdong_demo() {
        let json = serde_json::to_string(&terms)?;
        let draft = plans::insert_draft(c, terms.code.as_str(), &json, Some(admin), now)?;
        plans::seed_in_force(c, draft.id, Some(admin), now)?;
        out.push((terms, draft.id));
    }
    Ok(out)
}

/// A paid first enrollment: cover from the day after payment, with the full waiting period.
fn paid_policy(
    c: &mut DbConn,
    member_id: i64,
    terms: &PlanTerms,
    version_id: i64,
    shares: u32,
    paid_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<policies::Policy> {
    let period = plan::cover_period(terms, paid_on);
    let premium = plan::premium(terms, shares).fen()?;
    let policy = policies::insert(
        c,
        policies::NewPolicy {
            member_id,
            plan_version_id: version_id,
            plan_code: terms.code.as_str(),
            shares: i32::try_from(shares)?,
            premium_fen: premium,
            status: huzhu_domain::coverage::PolicyState::Active,
            start_date: Some(period.start),
            end_date: Some(period.end),
            waiting_period_end: Some(eligibility::waiting_period_end(period.start, terms, false)),
            paid_at: Some(now),
            batch_id: None,
        },
        now,
    )?;
    // Booked like any payment: the receivable settles and the reserve is set aside.
    contributions::insert(
        c,
        contributions::NewContribution {
            policy_id: policy.id,
            amount_fen: premium,
            channel: huzhu_domain::contribution::ContributionChannel::BankTransfer,
            reference: &format!("DEMO-{}", policy.id),
            paid_on,
            recorded_by: None,
        },
        now,
    )?;
    Ok(policy)
}

/// 李娜's hospital stay of last month under her inpatient allowance, waiting for review, so
/// that the claims queue has something real in it.
fn claim_in_queue(
    c: &mut DbConn,
    policy: &policies::Policy,
    terms: &PlanTerms,
    org_unit_id: i64,
    filed_by: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let facts = ClaimFacts::Inpatient(InpatientStay {
        admission: today - chrono::Duration::days(30),
        discharge: today - chrono::Duration::days(22),
        hospital: None,
        hospital_level: None,
        diagnosis_text: None,
        diagnosis_code: "K35.8".into(),
        psychiatric: false,
        caused_by_accident: false,
        total_cost: Money::from_fen(1_860_000),
        pooled_fund_paid: Money::from_fen(1_120_000),
        in_catalogue_self_pay: Money::from_fen(540_000),
        out_of_catalogue_self_pay: Money::from_fen(200_000),
        has_basic_insurance: true,
        invoice_numbers: vec!["GZ-2026-118233".into()],
    });
    let (start, end) = (
        policy.start_date.unwrap_or(today),
        policy.end_date.unwrap_or(today),
    );
    let cover = PolicyCover {
        plan_code: terms.code.clone(),
        period: plan::CoverPeriod { start, end },
        shares: u32::try_from(policy.shares)?,
        waiting_period_end: policy.waiting_period_end.unwrap_or(start),
        status: PolicyStatus::Active,
    };
    let estimate = adjudicate(terms, &cover, &facts, &Usage::default());
    claims::insert(
        c,
        claims::NewClaim {
            member_id: policy.member_id,
            policy_id: policy.id,
            org_unit_id,
            kind: facts.kind(),
            facts: &serde_json::to_string(&facts)?,
            event_date: facts.event_date(),
            status: huzhu_domain::claim_flow::ClaimStatus::Submitted,
            channel: huzhu_domain::claim_flow::ClaimChannel::Member,
            settlement_number: None,
            filed_by: Some(filed_by),
            invoice_numbers: &facts.invoice_numbers(),
            adjudication: Some(&serde_json::to_string(&estimate)?),
        },
        now,
    )?;
    Ok(())
}

/// Whether the database is empty (no organisation yet).
pub fn is_empty(store: &Store) -> Result<bool> {
    Ok(store.read(org_units::root)?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu_domain::CreditCode;

    /// The tests' day: 2 March 2026, 09:00 in China.
    fn start() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn demo_values_are_valid() {
        for (i, (_, _, _, region)) in UNIONS.iter().enumerate() {
            assert!(CreditCode::parse_union(&union_code(region, i + 1)).is_ok());
        }
        for (id, _, union, _, mobile) in MEMBERS {
            assert!(Mobile::parse(mobile).is_ok(), "{mobile}");
            assert!(IdNumber::parse(id).is_ok(), "{id}");
            assert!(union < UNIONS.len());
        }
    }

    #[test]
    fn seeds_once_on_both_backends() {
        huzhu_store::testing::each_backend(|store| {
            assert!(is_empty(store).unwrap());
            let config = HttpConfig::for_tests();
            let clock = || -> Arc<dyn Clock> { Arc::new(huzhu_app::FixedClock::at(start())) };
            seed(store, &config, clock()).unwrap();
            assert!(!is_empty(store).unwrap());
            assert!(seed(store, &config, clock()).is_err());
            let admin = store
                .read(|c| accounts::find_staff_by_username(c, "admin"))
                .unwrap()
                .unwrap();
            assert_eq!(admin.roles, vec![Role::Admin]);
        });
    }
}
