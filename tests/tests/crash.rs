//! A crash in the middle of a bank-result import: the process is killed while it settles two
//! thousand payments; after the restart the import is there whole or not at all — never some
//! claims paid and others not — and the books balance. Imported again, it completes (or, when it
//! had completed, changes nothing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use diesel::prelude::*;
use huzhu_domain::adjudication::Adjudication;
use huzhu_domain::{Money, Role};
use huzhu_e2e::Server;
use huzhu_store::claims;
use huzhu_store::testing::seed;
use huzhu_store::{ledger, payments, DatabaseUrl, Store};
use serde_json::json;
use std::time::Duration;

const CLAIMS: usize = 2_000;
const PASSWORD: &str = "crash test password";

/// A database with an approved batch of `CLAIMS` payments; returns the bank's result file.
fn prepare(store: &Store) -> String {
    let hash = huzhu_http::auth::passwords::hash_blocking(PASSWORD).unwrap();
    let now = Utc::now();
    store
        .write(|c| -> huzhu_store::StoreResult<String> {
            let insured = seed::insured(c, 0, now)?;
            let maker = seed::staff(c, insured.unit, "finance", &hash, Role::Finance, now)?;
            let checker = seed::staff(c, insured.unit, "finance2", &hash, Role::Finance, now)?;
            let ids = seed::reviewed_claims(c, insured, "{}", CLAIMS, now)?;
            for (i, id) in ids.iter().enumerate() {
                claims::approve(c, *id, "branch_reviewed", None, None, now, |u| {
                    Adjudication {
                        lines: Vec::new(),
                        rejections: Vec::new(),
                        total: Money::from_fen(10_000 + i as i64),
                        usage_after: u.clone(),
                        terminates_cover_from: None,
                    }
                })?;
            }
            let b = payments::create_batch(c, &ids, maker, now)?;
            payments::approve_batch(c, b.id, checker, now)?;
            let mut csv = String::from("reference,status,amount,reason\n");
            for p in payments::payees(c, b.id)? {
                csv.push_str(&format!(
                    "{},paid,{},\n",
                    p.payment.reference,
                    Money::from_fen(p.payment.amount_fen)
                ));
            }
            Ok(csv)
        })
        .unwrap()
}

/// Paid payments and claims, bank results recorded, and whether the books balance.
fn state(store: &Store) -> (i64, i64, i64, bool) {
    use huzhu_store::schema::{bank_results, claims as c_, payments as p_};
    store
        .read(|c| -> huzhu_store::StoreResult<_> {
            let paid: i64 = p_::table
                .filter(p_::status.eq("paid"))
                .count()
                .get_result(c)?;
            let claims_paid: i64 = c_::table
                .filter(c_::status.eq("paid"))
                .count()
                .get_result(c)?;
            let results: i64 = bank_results::table.count().get_result(c)?;
            let sums = ledger::sums(c, None, None, None)?;
            let standing = ledger::balances(c)?;
            let balanced = sums.values().all(|b| b.net() == 0) && sums == standing;
            Ok((paid, claims_paid, results, balanced))
        })
        .unwrap()
}

/// Imports the file again and returns the answer.
fn import(server: &Server, csv: &str) -> serde_json::Value {
    let (_, login) = server.post(
        "/api/v1/auth/login",
        json!({"username": "finance", "password": PASSWORD}),
    );
    let token = login["access_token"].as_str().unwrap().to_string();
    ureq::post(&server.url("/api/v1/finance/payment-batches/1/bank-result"))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "text/csv")
        .timeout(Duration::from_secs(120))
        .send_string(csv)
        .unwrap()
        .into_json()
        .unwrap()
}

#[test]
fn a_killed_import_is_there_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.sqlite3");
    let url = path.to_string_lossy().to_string();
    let store = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 2).unwrap();
    store.migrate().unwrap();
    let csv = prepare(&store);
    assert_eq!(state(&store), (0, 0, 0, true));
    drop(store);

    let mut server = Server::start(false, Some(&url));
    let (_, login) = server.post(
        "/api/v1/auth/login",
        json!({"username": "finance", "password": PASSWORD}),
    );
    assert!(login["access_token"].is_string(), "{login}");
    let sending = {
        let (url, csv) = (
            server.url("/api/v1/finance/payment-batches/1/bank-result"),
            csv.clone(),
        );
        let token = login["access_token"].as_str().unwrap().to_string();
        std::thread::spawn(move || {
            ureq::post(&url)
                .set("Authorization", &format!("Bearer {token}"))
                .set("Content-Type", "text/csv")
                .send_string(&csv)
                .map(|r| r.status())
                .ok()
        })
    };
    std::thread::sleep(Duration::from_millis(400));
    server.kill();
    let answered = sending.join().unwrap();

    let store = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 2).unwrap();
    let (paid, claims_paid, results, balanced) = state(&store);
    assert!(balanced, "the books balance after the crash");
    let n = CLAIMS as i64;
    assert!(
        (paid, claims_paid, results) == (0, 0, 0) || (paid, claims_paid, results) == (n, n, 1),
        "half an import survived the crash: {paid} payments and {claims_paid} claims paid, {results} results (answer before the kill: {answered:?})"
    );
    let whole = paid == n;
    println!(
        "the kill came {} the import committed",
        if whole { "after" } else { "before" }
    );
    drop(store);

    // Restarted, the same file completes the import, or changes nothing if it had completed.
    let server = Server::start(false, Some(&url));
    let body = import(&server, &csv);
    assert_eq!(body["repeated"].as_bool(), Some(whole), "{body}");
    let store = Store::connect(&DatabaseUrl::Sqlite(url), 2).unwrap();
    assert_eq!(state(&store), (n, n, 1, true));
}
