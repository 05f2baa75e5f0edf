//! The ledger against a simple model, over random sequences of what finance does: contributions
//! arrive, claims are approved, batched, paid or failed and batched again, paid by hand,
//! entries reversed, periods closed and posted into. After every step: every entry sums to
//! zero, the trial balance balances, no fund has a negative reserve, unearned or earned
//! contributions, payable or incurred benefits; no claim is paid more than it was approved, or
//! twice; and the model's expectation of what succeeds is what the store did.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use huzhu_domain::adjudication::{Adjudication, ClaimFacts, InpatientStay};
use huzhu_domain::ledger::{self, Account, Fund};
use huzhu_domain::{Money, Role};
use huzhu_store::claims;
use huzhu_store::ledger as journal;
use huzhu_store::payments::{self, BankLine};
use huzhu_store::testing::seed;
use huzhu_store::{contributions, DbConn, Store, StoreError};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    // 2027-01-15 in China: December 2026 has ended and can be closed.
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

const CLAIMS: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    Contribute(i64),
    Approve(usize, i64),
    Batch(Vec<usize>),
    Settle { batch: usize, paid: bool },
    PayByHand(usize),
    Reverse(usize),
    ClosePeriod,
    PostIntoClosed,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1i64..50_000).prop_map(Op::Contribute),
        (0..CLAIMS, 1i64..100_000).prop_map(|(c, f)| Op::Approve(c, f)),
        proptest::collection::vec(0..CLAIMS, 1..4).prop_map(Op::Batch),
        (0usize..4, any::<bool>()).prop_map(|(batch, paid)| Op::Settle { batch, paid }),
        (0..CLAIMS).prop_map(Op::PayByHand),
        (0usize..40).prop_map(Op::Reverse),
        Just(Op::ClosePeriod),
        Just(Op::PostIntoClosed),
    ]
}

struct World {
    store: Store,
    policy: i64,
    claims: Vec<i64>,
    maker: i64,
    checker: i64,
}

fn facts() -> String {
    serde_json::to_string(&ClaimFacts::Inpatient(InpatientStay {
        admission: "2026-06-01".parse().unwrap(),
        discharge: "2026-06-06".parse().unwrap(),
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
    }))
    .unwrap()
}

fn world(store: Store) -> World {
    let (policy, claims, maker, checker) = store
        .write(|c: &mut DbConn| -> huzhu_store::StoreResult<_> {
            // The premium (1,000.00) falls due now; money arrives in parts.
            let i = seed::insured(c, 100_000, now())?;
            let claims = seed::reviewed_claims(c, i, &facts(), CLAIMS, now())?;
            let maker = seed::staff(c, i.unit, "maker", "x", Role::Finance, now())?;
            let checker = seed::staff(c, i.unit, "checker", "x", Role::Finance, now())?;
            Ok((i.policy, claims, maker, checker))
        })
        .unwrap();
    World {
        store,
        policy,
        claims,
        maker,
        checker,
    }
}

/// What the model expects of each claim.
#[derive(Debug, Clone, Default, PartialEq)]
struct ClaimModel {
    approved: Option<i64>,
    paid: bool,
    /// In a batch payment awaiting the bank.
    pending: bool,
}

#[derive(Default)]
struct Model {
    claims: Vec<ClaimModel>,
    /// Each batch made: its id, the claims in it, and whether the bank's result settled it.
    batches: Vec<(i64, Vec<usize>, bool)>,
    closed: bool,
}

fn invariants(w: &World, m: &Model) {
    use huzhu_store::schema::{journal_entries, payments, postings};
    w.store
        .read(|c| -> huzhu_store::StoreResult<()> {
            let entries: Vec<i64> = journal_entries::table.select(journal_entries::id).load(c)?;
            for e in entries {
                let lines = journal::postings_of(c, e)?;
                assert_eq!(
                    lines.iter().map(|p| p.fen).sum::<i64>(),
                    0,
                    "entry {e} does not sum to zero"
                );
            }
            let sums = journal::sums(c, None, None, None)?;
            for (fund, b) in &sums {
                assert_eq!(b.net(), 0, "the trial balance of {fund} does not balance");
                for a in Account::ALL {
                    if a.never_negative() {
                        assert!(
                            b.normal(a) >= 0,
                            "{fund}: {} is negative: {}",
                            a.as_str(),
                            b.normal(a)
                        );
                    }
                }
            }
            let total: i64 = postings::table
                .select(postings::fen)
                .load::<i64>(c)?
                .iter()
                .sum();
            assert_eq!(total, 0);
            for (i, id) in w.claims.iter().enumerate() {
                let claim = claims::get(c, *id)?;
                let paid: Vec<i64> = payments::table
                    .filter(payments::claim_id.eq(id))
                    .filter(payments::status.eq("paid"))
                    .select(payments::amount_fen)
                    .load(c)?;
                assert!(paid.len() <= 1, "claim {id} paid {} times", paid.len());
                let approved = claim.approved_fen.unwrap_or(0);
                assert!(
                    paid.iter().sum::<i64>() <= approved,
                    "claim {id} paid more than approved"
                );
                let expect = &m.claims[i];
                assert_eq!(
                    claim.status == huzhu_domain::claim_flow::ClaimStatus::Paid,
                    expect.paid,
                    "claim {id}: {claim:?} vs {expect:?}"
                );
                assert_eq!(claim.approved_fen, expect.approved, "claim {id}");
            }
            Ok(())
        })
        .unwrap();
}

fn conflict<T: std::fmt::Debug>(r: Result<T, StoreError>) -> Option<&'static str> {
    match r {
        Err(StoreError::Conflict { code, .. }) => Some(code.as_str()),
        Ok(_) => None,
        Err(e) => panic!("unexpected failure: {e}"),
    }
}

fn step(w: &World, m: &mut Model, op: &Op) {
    let s = &w.store;
    match op.clone() {
        Op::Contribute(fen) => {
            let r = s.write(|c| {
                contributions::insert(
                    c,
                    contributions::NewContribution {
                        policy_id: w.policy,
                        amount_fen: fen,
                        channel: huzhu_domain::contribution::ContributionChannel::BankTransfer,
                        reference: &format!("R{fen}-{}", rand_suffix()),
                        paid_on: "2027-01-15".parse().unwrap(),
                        recorded_by: None,
                    },
                    now(),
                )
            });
            // Refused only when the premium it would settle is no longer due (its entry
            // reversed): the reserve share cannot come out of contributions never raised.
            match conflict(r) {
                None | Some("ledger.would_go_negative") => {}
                Some(other) => panic!("contribution refused: {other}"),
            }
        }
        Op::Approve(i, fen) => {
            let r = s.write(|c| {
                claims::approve(
                    c,
                    w.claims[i],
                    huzhu_domain::claim_flow::ClaimStatus::BranchReviewed,
                    None,
                    None,
                    now(),
                    |u| Adjudication {
                        lines: Vec::new(),
                        rejections: Vec::new(),
                        total: Money::from_fen(fen),
                        usage_after: u.clone(),
                        terminates_cover_from: None,
                    },
                )
            });
            let approved = r.unwrap().is_some();
            assert_eq!(
                approved,
                m.claims[i].approved.is_none(),
                "a claim is approved once"
            );
            if approved {
                m.claims[i].approved = Some(fen);
            }
        }
        Op::Batch(picks) => {
            let ids: Vec<i64> = picks.iter().map(|i| w.claims[*i]).collect();
            let payable = |i: &usize| {
                let cm = &m.claims[*i];
                cm.approved.is_some() && !cm.paid && !cm.pending
            };
            let mut unique = picks.clone();
            unique.sort();
            unique.dedup();
            let expect_ok = unique.len() == picks.len() && picks.iter().all(payable);
            let r = s.write(|c| payments::create_batch(c, &ids, w.maker, now()));
            match (expect_ok, r) {
                (true, Ok(b)) => {
                    for i in &picks {
                        m.claims[*i].pending = true;
                    }
                    m.batches.push((b.id, picks, false));
                    let approved = s.write(|c| payments::approve_batch(c, b.id, w.checker, now()));
                    assert!(approved.is_ok(), "{approved:?}");
                }
                (false, r) => assert!(conflict(r).is_some()),
                (true, Err(e)) => panic!("batch refused: {e}"),
            }
        }
        Op::Settle { batch, paid } => {
            let Some((id, picks, settled)) = m.batches.get(batch).cloned() else {
                return;
            };
            let lines: Vec<BankLine> = s
                .read(|c| payments::payees(c, id))
                .unwrap()
                .into_iter()
                .enumerate()
                .map(|(n, p)| BankLine {
                    line: n + 2,
                    reference: p.payment.reference,
                    amount_fen: p.payment.amount_fen,
                    paid,
                    reason: (!paid).then(|| "账户冻结".to_string()),
                })
                .collect();
            let sha = format!("{id}-{paid}");
            // A batch is settled by the first result imported for it; its claims may since be
            // in a later batch (a failed payment becomes payable again), which is no reason to
            // accept a second, different result for this one.
            let settled_before = settled;
            let r = s
                .write(|c| payments::import_result(c, id, &sha, &lines, None, now()))
                .unwrap();
            match r {
                Ok(done) if done.repeated => {}
                Ok(_) => {
                    assert!(!settled_before, "a settled batch settles again");
                    m.batches[batch].2 = true;
                    for i in &picks {
                        m.claims[*i].pending = false;
                        m.claims[*i].paid |= paid;
                    }
                }
                Err(bad) => assert!(settled_before, "a pending batch was refused: {bad:?}"),
            }
        }
        Op::PayByHand(i) => {
            let cm = m.claims[i].clone();
            let r = s.write(|c| payments::pay_claim(c, w.claims[i], "MANUAL", None, now()));
            let expect_ok = cm.approved.is_some() && !cm.paid && !cm.pending;
            match (expect_ok, conflict(r)) {
                (true, None) => m.claims[i].paid = true,
                (false, Some(_)) => {}
                (e, got) => panic!("pay by hand: expected ok={e}, got {got:?}"),
            }
        }
        Op::Reverse(n) => {
            use huzhu_store::schema::journal_entries;
            let ids: Vec<i64> = s
                .read(|c| -> huzhu_store::StoreResult<Vec<i64>> {
                    Ok(journal_entries::table
                        .select(journal_entries::id)
                        .order(journal_entries::id)
                        .load(c)?)
                })
                .unwrap();
            let Some(id) = ids.get(n % ids.len().max(1)).copied() else {
                return;
            };
            let r =
                s.write(|c| journal::reverse(c, id, "2027-01-15".parse().unwrap(), None, now()));
            // Refusals are allowed (already reversed, a reversal, would go negative); the
            // invariants say whether what was done is sound.
            let _ = conflict(r);
        }
        Op::ClosePeriod => {
            let r = s.write(|c| journal::close_period(c, "2026-12", None, now()));
            assert_eq!(conflict(r).is_none(), !m.closed);
            m.closed = true;
        }
        Op::PostIntoClosed => {
            let fund = Fund {
                plan_code: "ZY".into(),
                year: 2027,
            };
            let r = s.write(|c| {
                journal::post(
                    c,
                    &journal::NewEntry {
                        fund: &fund,
                        date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                        kind: huzhu_domain::ledger::JournalKind::Earned,
                        memo: "late",
                        reference: None,
                        created_by: None,
                    },
                    ledger::earned(1),
                    now(),
                )
            });
            if m.closed {
                assert_eq!(conflict(r), Some("ledger.period_closed"));
            } else {
                // Into an open period it posts, unless nothing is left to earn; a posted one is
                // reversed at once to keep the model simple.
                match r {
                    Ok(id) => {
                        s.write(|c| {
                            journal::reverse(c, id, "2027-01-15".parse().unwrap(), None, now())
                        })
                        .unwrap();
                    }
                    Err(StoreError::Conflict {
                        code: huzhu_domain::ErrorCode::LedgerWouldGoNegative,
                        ..
                    }) => {}
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
    #[test]
    fn no_sequence_unbalances_the_ledger_or_pays_twice(ops in proptest::collection::vec(op(), 1..30)) {
        let db = huzhu_store::testing::sqlite();
        let w = world(db.store.clone());
        let mut m = Model { claims: vec![ClaimModel::default(); CLAIMS], ..Model::default() };
        invariants(&w, &m);
        for op in &ops {
            step(&w, &mut m, op);
            invariants(&w, &m);
        }
    }
}
