//! A crash in the middle of a bank-result import: the process is killed while it settles two
//! thousand payments; after the restart the import is there whole or not at all — never some
//! claims paid and others not — and the books balance. Imported again, it completes (or, when it
//! had completed, changes nothing).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use diesel::prelude::*;
use huzhu_domain::adjudication::Adjudication;
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::{Gender, MemberCategory, Money, OrgUnitKind, Role};
use huzhu_e2e::Server;
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::claims::{self, NewClaim};
use huzhu_store::org_units::{self, NewOrgUnit};
use huzhu_store::{ledger, members, payments, plans, policies, DatabaseUrl, Store};
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
            let unit = org_units::insert(
                c,
                NewOrgUnit {
                    parent: None,
                    kind: OrgUnitKind::Province,
                    name: "省",
                    credit_code: None,
                },
                now,
            )?;
            let staff = |c: &mut huzhu_store::DbConn, name: &str| {
                accounts::insert(
                    c,
                    NewAccount {
                        kind: AccountKind::Staff,
                        username: Some(name),
                        member_id: None,
                        display_name: name,
                        org_unit_id: unit.id,
                        password_hash: &hash,
                        roles: &[Role::Finance],
                    },
                    now,
                )
                .map(|a| a.id)
            };
            let maker = staff(c, "finance")?;
            let checker = staff(c, "finance2")?;
            let terms = guangdong_demo().into_iter().next().unwrap();
            let v =
                plans::insert_draft(c, "ZY", &serde_json::to_string(&terms).unwrap(), None, now)?;
            plans::set_state(c, v.id, "draft", "approved", None, now)?;
            plans::set_state(c, v.id, "approved", "active", None, now)?;
            let m = members::insert(
                c,
                members::NewMember {
                    org_unit_id: unit.id,
                    name: "李娜",
                    id_number_hash: "h",
                    id_number: members::Protected {
                        ciphertext: "sealed".into(),
                        masked: "m".into(),
                    },
                    gender: Gender::Female,
                    birth_date: "1985-11-20".parse().unwrap(),
                    category: MemberCategory::InService,
                    mobile: None,
                    bank_card: Some(members::Protected {
                        ciphertext: "card".into(),
                        masked: "3446".into(),
                    }),
                    bank_card_luhn_override_by: None,
                    health_consent: true,
                },
                now,
            )?;
            let p = policies::insert(
                c,
                policies::NewPolicy {
                    member_id: m.id,
                    plan_version_id: v.id,
                    plan_code: "ZY",
                    shares: 1,
                    premium_fen: 0,
                    status: "active",
                    start_date: Some("2026-01-10".parse().unwrap()),
                    end_date: Some("2027-01-09".parse().unwrap()),
                    waiting_period_end: Some("2026-04-10".parse().unwrap()),
                    paid_at: Some(now),
                    batch_id: None,
                },
                now,
            )?;
            let mut ids = Vec::new();
            for i in 0..CLAIMS {
                let claim = claims::insert(
                    c,
                    NewClaim {
                        member_id: m.id,
                        policy_id: p.id,
                        org_unit_id: unit.id,
                        kind: "inpatient",
                        facts: "{}",
                        event_date: "2026-06-01".parse().unwrap(),
                        status: "branch_reviewed",
                        channel: "staff",
                        settlement_number: None,
                        filed_by: None,
                        invoice_numbers: &[],
                        adjudication: None,
                    },
                    now,
                )?;
                claims::approve(c, claim.id, "branch_reviewed", None, None, now, |u| {
                    Adjudication {
                        lines: Vec::new(),
                        rejections: Vec::new(),
                        total: Money::from_fen(10_000 + i as i64),
                        usage_after: u.clone(),
                        terminates_cover_from: None,
                    }
                })?;
                ids.push(claim.id);
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
