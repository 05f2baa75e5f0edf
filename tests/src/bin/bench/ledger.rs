//! The journal under volume: post N entries (premiums due and received with their reserve,
//! approved and paid claims, earnings) across twelve funds and a year of days, a transaction per
//! 10,000, each checked against the standing balances; then time the trial balance (today's from
//! the standing balances, a past day's from the postings) and a fund statement.

use chrono::{Duration, NaiveDate, Utc};
use huzhu_domain::ledger::{self, Fund, JournalKind};
use huzhu_store::ledger::{self as journal, NewEntry};
use huzhu_store::Store;
use std::time::Instant;

const PER_TRANSACTION: usize = 10_000;
const PLANS: [&str; 6] = ["ZY", "JT", "ZJ", "NZG", "YW", "XYT"];

pub fn run_on(name: &str, store: &Store, entries: usize) {
    let start_day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let funds: Vec<Fund> = PLANS
        .iter()
        .flat_map(|p| {
            [2025, 2026].map(|year| Fund {
                plan_code: p.to_string(),
                year,
            })
        })
        .collect();
    let now = Utc::now();
    let started = Instant::now();
    let mut posted = 0usize;
    while posted < entries {
        let n = PER_TRANSACTION.min(entries - posted);
        store
            .write(|c| -> huzhu_store::StoreResult<()> {
                for i in posted..posted + n {
                    // Five entries tell one story in one fund: a premium falls due and is paid
                    // (its reserve set aside), a claim is approved and paid, part is earned.
                    let (story, step) = (i / 5, i % 5);
                    let fund = &funds[story % funds.len()];
                    let date = start_day + Duration::days((story / 97 % 365) as i64);
                    let premium = 10_000 + (story as i64 * 7919) % 500_000;
                    let (kind, postings) = match step {
                        0 => (JournalKind::PremiumDue, ledger::premium_due(premium)),
                        1 => (
                            JournalKind::ContributionReceived,
                            ledger::contribution_received(premium, 1_000),
                        ),
                        2 => (
                            JournalKind::ClaimApproved,
                            ledger::claim_approved(premium / 3),
                        ),
                        3 => (
                            JournalKind::PaymentConfirmed,
                            ledger::payment_confirmed(premium / 3),
                        ),
                        _ => (JournalKind::Earned, ledger::earned(premium / 5)),
                    };
                    journal::post(
                        c,
                        &NewEntry {
                            fund,
                            date,
                            kind,
                            memo: "bench",
                            reference: None,
                            created_by: None,
                        },
                        postings,
                        now,
                    )?;
                }
                Ok(())
            })
            .unwrap();
        posted += n;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "ledger on {name}: {entries} entries posted in {secs:.1} s = {:.0} entries/s",
        entries as f64 / secs
    );
    let as_of = NaiveDate::from_ymd_opt(2025, 9, 30).unwrap_or_default();
    for round in 0..3 {
        let t = Instant::now();
        let standing = store.read(journal::balances).unwrap();
        let now_ms = t.elapsed().as_secs_f64() * 1000.0;
        let net: i64 = standing.values().map(|b| b.net()).sum();
        assert_eq!(net, 0, "the standing balances balance");
        let t = Instant::now();
        let sums = store
            .read(|c| journal::sums(c, None, None, Some(as_of)))
            .unwrap();
        let tb_ms = t.elapsed().as_secs_f64() * 1000.0;
        let net: i64 = sums.values().map(|b| b.net()).sum();
        assert_eq!(net, 0, "the trial balance balances");
        let key = funds[0].key();
        let t = Instant::now();
        let from = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
        store
            .read(|c| -> huzhu_store::StoreResult<()> {
                journal::sums(c, Some(&key), None, Some(from - Duration::days(1)))?;
                journal::sums(c, Some(&key), Some(from), Some(to))?;
                journal::received(c, &key, Some(from), Some(to))?;
                Ok(())
            })
            .unwrap();
        let st_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "ledger on {name} (run {}): trial balance today {now_ms:.1} ms, as of {as_of} {tb_ms:.0} ms ({} funds); fund statement of {key} for a quarter {st_ms:.0} ms",
            round + 1,
            sums.len()
        );
    }
}
