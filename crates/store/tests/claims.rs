//! Claims in the store: filing, steps recorded, and approvals that spend a policy's usage —
//! racing approvals never spend one remaining cap twice; on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::adjudication::ClaimKind;
use huzhu_domain::adjudication::{adjudicate, ClaimFacts, InpatientStay};
use huzhu_domain::claim_flow::{ClaimChannel, ClaimStatus};
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::plan::{CoverPeriod, PlanTerms};
use huzhu_domain::{Money, PolicyCover, PolicyStatus};
use huzhu_store::claims::{self, NewClaim};
use huzhu_store::testing::each_backend;
use huzhu_store::{usage, DbConn, Store, StoreResult};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn zy() -> PlanTerms {
    guangdong_demo().into_iter().next().unwrap()
}

/// A union, a member and her active ZY policy (one share: cap 50,000) from 2026-01-10.
fn insured(c: &mut DbConn) -> StoreResult<(i64, i64, i64)> {
    let i = huzhu_store::testing::seed::insured(c, 9_500, now())?;
    Ok((i.unit, i.member, i.policy))
}

/// A stay with 30,300.00 of in-catalogue self-pay.
fn facts(admitted: &str) -> ClaimFacts {
    ClaimFacts::Inpatient(InpatientStay {
        admission: d(admitted),
        discharge: d(admitted) + chrono::Days::new(5),
        hospital: None,
        hospital_level: None,
        diagnosis_text: None,
        diagnosis_code: "J18.9".into(),
        psychiatric: false,
        caused_by_accident: false,
        total_cost: Money::from_fen(8_000_000),
        pooled_fund_paid: Money::from_fen(4_000_000),
        in_catalogue_self_pay: Money::from_fen(3_030_000),
        out_of_catalogue_self_pay: Money::ZERO,
        has_basic_insurance: true,
        invoice_numbers: Vec::new(),
    })
}

fn file(store: &Store, unit: i64, member: i64, policy: i64, admitted: &str) -> i64 {
    let facts = serde_json::to_string(&facts(admitted)).unwrap();
    store
        .write(|c| {
            claims::insert(
                c,
                NewClaim {
                    member_id: member,
                    policy_id: policy,
                    org_unit_id: unit,
                    kind: ClaimKind::Inpatient,
                    facts: &facts,
                    event_date: d(admitted),
                    status: ClaimStatus::BranchReviewed,
                    channel: ClaimChannel::Staff,
                    settlement_number: None,
                    filed_by: None,
                    invoice_numbers: &[],
                    adjudication: None,
                },
                now(),
            )
        })
        .unwrap()
        .id
}

fn cover() -> PolicyCover {
    PolicyCover::new(
        &zy(),
        CoverPeriod {
            start: d("2026-01-10"),
            end: d("2027-01-09"),
        },
        1,
        false,
        PolicyStatus::Active,
    )
}

#[test]
fn racing_approvals_never_spend_one_cap_twice() {
    each_backend(|store| {
        let (unit, member, policy) = store.write(insured).unwrap();
        // Eight stays of 30,300 self-pay each: 18,000, 18,180, then 13,820 reach the
        // 50,000 cap; every later one is worth nothing.
        let ids: Vec<i64> = (0..8)
            .map(|i| {
                file(
                    store,
                    unit,
                    member,
                    policy,
                    &format!("2026-0{}-01", 5 + i % 4),
                )
            })
            .collect();
        std::thread::scope(|s| {
            for id in &ids {
                let store = store.clone();
                s.spawn(move || {
                    let claim_facts: ClaimFacts = store
                        .read(|c| claims::get(c, *id))
                        .map(|claim| serde_json::from_str(&claim.facts).unwrap())
                        .unwrap();
                    store
                        .write(|c| {
                            claims::approve(
                                c,
                                *id,
                                ClaimStatus::BranchReviewed,
                                None,
                                None,
                                now(),
                                |used| adjudicate(&zy(), &cover(), &claim_facts, used),
                            )
                        })
                        .unwrap()
                        .expect("approved");
                });
            }
        });
        let (approved, spent) = store
            .read(|c| -> StoreResult<_> {
                let all = claims::of_policy(c, policy)?;
                Ok((all, usage::of_policy(c, policy)?))
            })
            .unwrap();
        assert!(approved.iter().all(|c| c.status == ClaimStatus::Approved));
        let total: i64 = approved.iter().map(|c| c.approved_fen.unwrap()).sum();
        assert_eq!(total, 5_000_000, "exactly the cap, never more");
        assert_eq!(spent.usage.reimbursed, Money::from_fen(5_000_000));
        assert_eq!(
            spent.usage.stays, 3,
            "stays that find the cap used up pay nothing"
        );
        assert_eq!(spent.version, 8, "one version per approval");
        let paying = approved.iter().filter(|c| c.approved_fen > Some(0)).count();
        assert_eq!(paying, 3);
    });
}

#[test]
fn steps_are_recorded_and_a_moved_claim_is_not_moved_again() {
    each_backend(|store| {
        let (unit, member, policy) = store.write(insured).unwrap();
        let id = file(store, unit, member, policy, "2026-05-01");
        let reject = || claims::Step {
            comment: Some("duplicate"),
            rejection: Some(("claim.duplicate_invoice", "invoice claimed before")),
            ..claims::Step::between(ClaimStatus::BranchReviewed, ClaimStatus::Rejected)
        };
        let moved = store
            .write(|c| claims::move_to(c, id, reject(), now()))
            .unwrap();
        assert!(moved);
        let again = store
            .write(|c| claims::move_to(c, id, reject(), now()))
            .unwrap();
        assert!(!again, "the claim is no longer at branch_reviewed");
        let approved = store
            .write(|c| {
                claims::approve(
                    c,
                    id,
                    ClaimStatus::BranchReviewed,
                    None,
                    None,
                    now(),
                    |used| adjudicate(&zy(), &cover(), &facts("2026-05-01"), used),
                )
            })
            .unwrap();
        assert!(approved.is_none());
        let steps = store.read(|c| claims::events(c, id)).unwrap();
        assert_eq!(
            steps
                .iter()
                .map(|e| (e.from_status.map(ClaimStatus::as_str), e.to_status.as_str()))
                .collect::<Vec<_>>(),
            [
                (None, "branch_reviewed"),
                (Some("branch_reviewed"), "rejected")
            ]
        );
        assert_eq!(steps[1].comment.as_deref(), Some("duplicate"));
        let claim = store.read(|c| claims::get(c, id)).unwrap();
        assert_eq!(
            claim.rejection_code.as_deref(),
            Some("claim.duplicate_invoice")
        );
        assert_eq!(
            store.read(|c| usage::of_policy(c, policy)).unwrap().version,
            0,
            "nothing spent"
        );
    });
}

#[test]
fn an_invoice_is_claimed_once() {
    each_backend(|store| {
        let (unit, member, policy) = store.write(insured).unwrap();
        let facts = serde_json::to_string(&facts("2026-05-01")).unwrap();
        let invoices = vec!["FP-001".to_string(), "FP-002".to_string()];
        let new = |invoices: &'static [&'static str]| {
            let owned: Vec<String> = invoices.iter().map(|s| s.to_string()).collect();
            owned
        };
        let claim = |numbers: &[String]| {
            let facts = facts.clone();
            let numbers = numbers.to_vec();
            store.write(move |c| {
                claims::insert(
                    c,
                    NewClaim {
                        member_id: member,
                        policy_id: policy,
                        org_unit_id: unit,
                        kind: ClaimKind::Inpatient,
                        facts: &facts,
                        event_date: d("2026-05-01"),
                        status: ClaimStatus::Submitted,
                        channel: ClaimChannel::Member,
                        settlement_number: None,
                        filed_by: None,
                        invoice_numbers: &numbers,
                        adjudication: None,
                    },
                    now(),
                )
            })
        };
        claim(&invoices).unwrap();
        let again = claim(&new(&["FP-003", "FP-002"]));
        assert!(matches!(
            again,
            Err(huzhu_store::StoreError::Conflict {
                code: huzhu_domain::ErrorCode::ClaimDuplicateInvoice,
                ..
            })
        ));
        assert_eq!(
            store
                .read(|c| claims::claimed_invoices(c, &new(&["FP-002", "FP-003"])))
                .unwrap(),
            ["FP-002"],
            "the refused claim left nothing behind"
        );
        assert_eq!(
            store.read(|c| claims::of_policy(c, policy)).unwrap().len(),
            1
        );
    });
}
