//! Crashes. In the middle of a bank-result import: the process is killed while its transaction
//! settles two thousand payments (the test waits until that transaction holds the database's
//! write lock); after the restart none of the import is there — never some claims paid and
//! others not — the books balance, and imported again it completes. During a stream of changes:
//! after the kill, every change that committed has exactly its audit entry and no entry names a
//! change that did not commit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use diesel::prelude::*;
use huzhu_domain::adjudication::Adjudication;
use huzhu_domain::{Money, Role};
use huzhu_e2e::{clock_start, Server};
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
    let now = clock_start();
    store
        .write(|c| -> huzhu_store::StoreResult<String> {
            let insured = seed::insured(c, 0, now)?;
            let maker = seed::staff(c, insured.unit, "finance", &hash, Role::Finance, now)?;
            let checker = seed::staff(c, insured.unit, "finance2", &hash, Role::Finance, now)?;
            let ids = seed::reviewed_claims(c, insured, "{}", CLAIMS, now)?;
            for (i, id) in ids.iter().enumerate() {
                claims::approve(
                    c,
                    *id,
                    huzhu_domain::claim_flow::ClaimStatus::BranchReviewed,
                    None,
                    None,
                    now,
                    |u| Adjudication {
                        lines: Vec::new(),
                        rejections: Vec::new(),
                        total: Money::from_fen(10_000 + i as i64),
                        usage_after: u.clone(),
                        terminates_cover_from: None,
                    },
                )?;
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

/// Returns once some transaction holds the SQLite database's write lock (or panics after 30 s).
fn wait_for_a_writer(path: &str) {
    use diesel::connection::SimpleConnection;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut probe = diesel::SqliteConnection::establish(path).unwrap();
    probe.batch_execute("PRAGMA busy_timeout = 0").unwrap();
    while std::time::Instant::now() < deadline {
        match probe.batch_execute("BEGIN IMMEDIATE") {
            Ok(()) => probe.batch_execute("ROLLBACK").unwrap(),
            Err(e) if e.to_string().contains("locked") || e.to_string().contains("busy") => return,
            Err(e) => panic!("probing the write lock: {e}"),
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("no transaction took the write lock within 30 s");
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
    // Evidence that the import is under way: its transaction holds the write lock, so another
    // writer that will not wait is refused. Then the kill.
    wait_for_a_writer(&url);
    server.kill();
    let answered = sending.join().unwrap();
    assert_eq!(answered, None, "the import answered before the kill");

    let store = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 2).unwrap();
    let (paid, claims_paid, results, balanced) = state(&store);
    assert!(balanced, "the books balance after the crash");
    assert_eq!(
        (paid, claims_paid, results),
        (0, 0, 0),
        "an import killed in its transaction must leave nothing"
    );
    drop(store);

    // Restarted (an hour later on its clock), the same file completes the import.
    let n = CLAIMS as i64;
    let server = Server::start_at(
        false,
        Some(&url),
        clock_start() + chrono::Duration::hours(1),
    );
    let body = import(&server, &csv);
    assert_eq!(body["repeated"].as_bool(), Some(false), "{body}");
    let store = Store::connect(&DatabaseUrl::Sqlite(url), 2).unwrap();
    assert_eq!(state(&store), (n, n, 1, true));
}

#[test]
fn after_a_kill_during_a_stream_of_changes_each_committed_change_has_exactly_its_entry() {
    use huzhu_store::schema::{audit_log, org_units};
    let dir = tempfile::tempdir().unwrap();
    let url = dir
        .path()
        .join("stream.sqlite3")
        .to_string_lossy()
        .to_string();
    let store = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 2).unwrap();
    store.migrate().unwrap();
    let hash = huzhu_http::auth::passwords::hash_blocking(PASSWORD).unwrap();
    let province = store
        .write(|c| -> huzhu_store::StoreResult<i64> {
            let insured = seed::insured(c, 0, clock_start())?;
            seed::staff(c, insured.unit, "admin", &hash, Role::Admin, clock_start())?;
            Ok(insured.unit)
        })
        .unwrap();
    drop(store);

    let mut server = Server::start(false, Some(&url));
    let (_, login) = server.post(
        "/api/v1/auth/login",
        json!({"username": "admin", "password": PASSWORD}),
    );
    let token = login["access_token"].as_str().unwrap().to_string();
    // Four writers create units one after another until the server dies.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (url, token) = (server.url("/api/v1/org-units"), token.clone());
            std::thread::spawn(move || {
                let mut made = 0u32;
                for i in 0.. {
                    let sent = ureq::post(&url)
                        .set("Authorization", &format!("Bearer {token}"))
                        .timeout(Duration::from_secs(5))
                        .send_json(json!({
                            "parent_id": province, "kind": "city_office",
                            "name": format!("代办处 {w}-{i}")
                        }));
                    match sent {
                        Ok(r) if r.status() == 201 => made += 1,
                        Ok(r) => panic!("unexpected status {}", r.status()),
                        Err(_) => return made,
                    }
                }
                made
            })
        })
        .collect();
    // Kill once the stream is well under way.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let probe = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 1).unwrap();
    let count = |s: &Store| -> i64 {
        s.read(|c| -> huzhu_store::StoreResult<i64> {
            Ok(org_units::table
                .filter(org_units::kind.eq("city_office"))
                .count()
                .get_result(c)?)
        })
        .unwrap()
    };
    while count(&probe) < 60 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    let acknowledged: u32 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    drop(probe);

    let store = Store::connect(&DatabaseUrl::Sqlite(url), 1).unwrap();
    let units: Vec<i64> = store
        .read(|c| -> huzhu_store::StoreResult<Vec<i64>> {
            Ok(org_units::table
                .filter(org_units::kind.eq("city_office"))
                .select(org_units::id)
                .order(org_units::id)
                .load(c)?)
        })
        .unwrap();
    let entries: Vec<String> = store
        .read(|c| -> huzhu_store::StoreResult<Vec<String>> {
            Ok(audit_log::table
                .filter(audit_log::action.eq("org_unit.create"))
                .select(audit_log::subject)
                .order(audit_log::seq)
                .load(c)?)
        })
        .unwrap();
    assert!(units.len() >= 60, "the stream ran: {} units", units.len());
    assert!(
        units.len() as u32 >= acknowledged,
        "every acknowledged change survived: {} units, {acknowledged} acknowledged",
        units.len()
    );
    let expected: Vec<String> = units.iter().map(|id| format!("org_unit:{id}")).collect();
    assert_eq!(
        entries, expected,
        "exactly one entry per committed unit, in order"
    );
    let key =
        huzhu_domain::audit::AuditKey::new(huzhu_e2e::TEST_AUDIT_KEY.as_bytes().to_vec()).unwrap();
    let v = store.read(|c| huzhu_store::audit::verify(c, &key)).unwrap();
    assert!(v.broken.is_none(), "{v:?}");
}
