//! `huzhu-bench roster [--rows N]`: a union's roster of N new workers for the critical-illness
//! plan, checked (dry run), committed and paid through the same application the server runs, on
//! SQLite and, when a server answers, on PostgreSQL. Prints rows per second, and what others
//! felt meanwhile: the longest a one-row write waited for the write lock (about the longest
//! hold of it by the commit) and how long logins took during the commit.

use actix_web::test;
use chrono::Utc;
use huzhu_domain::id_number::check_char;
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::{credit_code, OrgUnitKind, Role};
use huzhu_http::auth::passwords::hash_blocking;
use huzhu_http::{AppState, HttpConfig, SystemClock};
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::org_units::{self, NewOrgUnit};
use huzhu_store::{plans, Store};
use std::sync::Arc;
use std::time::Instant;

const PASSWORD: &str = "bench password 2026";

/// The `i`-th of a series of distinct, valid ID numbers of people aged 26 to 55 (each birth date
/// carries up to 1,000 sequence numbers).
pub fn id_number(i: usize) -> String {
    let day = i / 1000;
    let (year, rest) = (1971 + day / 336, day % 336);
    let (month, dom) = (1 + rest / 28, 1 + rest % 28);
    let first17 = format!("440106{year:04}{month:02}{dom:02}{:03}", i % 1000);
    format!("{first17}{}", check_char(first17.as_bytes()))
}

/// A CSV roster of `rows` new workers.
fn roster(rows: usize) -> Vec<u8> {
    let mut text = String::with_capacity(rows * 48);
    text.push_str("姓名,身份证号,人员类别,份数\n");
    for i in 0..rows {
        text.push_str(&format!("职工{i},{},在职职工,1\n", id_number(i)));
    }
    text.into_bytes()
}

/// Puts a plan of the demo catalogue in force.
pub fn in_force(
    c: &mut huzhu_store::DbConn,
    code: &str,
    now: chrono::DateTime<Utc>,
) -> huzhu_store::StoreResult<(huzhu_domain::plan::PlanTerms, i64)> {
    let terms = guangdong_demo()
        .into_iter()
        .find(|p| p.code.as_str() == code)
        .ok_or(huzhu_store::StoreError::NotFound)?;
    let v = plans::insert_draft(c, code, &serde_json::to_string(&terms).unwrap(), None, now)?;
    plans::seed_in_force(c, v.id, None, now)?;
    Ok((terms, v.id))
}

/// A province, a city office and one union, an administrator, and the plan ZJ in force.
fn seed(store: &Store) -> i64 {
    let now = Utc::now();
    let hash = hash_blocking(PASSWORD).unwrap();
    store
        .write(|c| -> huzhu_store::StoreResult<i64> {
            let add = |c: &mut huzhu_store::DbConn,
                       parent: Option<&org_units::OrgUnit>,
                       kind,
                       name: &str,
                       code: Option<&str>| {
                org_units::insert(
                    c,
                    NewOrgUnit {
                        parent,
                        kind,
                        name,
                        credit_code: code,
                    },
                    now,
                )
            };
            let province = add(c, None, OrgUnitKind::Province, "省职工保障互助会", None)?;
            let city = add(
                c,
                Some(&province),
                OrgUnitKind::CityOffice,
                "广州市代办处",
                None,
            )?;
            let base = "81440106MC0000001";
            let code = format!(
                "{base}{}",
                credit_code::check_char(base.as_bytes()).unwrap()
            );
            let union = add(
                c,
                Some(&city),
                OrgUnitKind::GrassrootsUnion,
                "某大型制造企业工会",
                Some(&code),
            )?;
            accounts::insert(
                c,
                NewAccount {
                    kind: AccountKind::Staff,
                    username: Some("admin"),
                    member_id: None,
                    display_name: "admin",
                    org_unit_id: province.id,
                    password_hash: &hash,
                    roles: &[Role::BranchStaff],
                },
                now,
            )?;
            in_force(c, "ZJ", now)?;
            Ok(union.id)
        })
        .unwrap()
}

/// `part_rows`: rows written per transaction on SQLite (as many as the roster has: one part).
/// `others`: whether a one-row writer and logins run during the commit.
pub async fn roster_on(name: &str, store: Store, rows: usize, part_rows: usize, others: bool) {
    let union = seed(&store);
    let mut config = HttpConfig::for_tests();
    config.roster_part_rows = part_rows;
    // Logins every 100 ms for seconds: above the per-account limit of real life.
    config.login_rate.per_account = 100_000;
    config.login_rate.per_address = 100_000;
    let state = AppState::new(store.clone(), config, Arc::new(SystemClock));
    let app = std::rc::Rc::new(
        test::init_service(huzhu_http::app(state, huzhu_http::metrics().unwrap())).await,
    );
    let login = test::TestRequest::post()
        .uri("/api/v1/auth/login")
        .set_json(serde_json::json!({"username": "admin", "password": PASSWORD}))
        .to_request();
    let token: serde_json::Value = test::call_and_read_body_json(&*app, login).await;
    let token = token["access_token"].as_str().unwrap().to_string();
    let file = roster(rows);
    let upload = |path: &str| {
        test::TestRequest::post()
            .uri(&format!(
                "{path}?org_unit_id={union}&plan_code=ZJ&headcount={rows}"
            ))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("content-type", "text/csv"))
            .set_payload(file.clone())
            .to_request()
    };
    let started = Instant::now();
    let res = test::call_service(&*app, upload("/api/v1/rosters/dry-run")).await;
    let status = res.status();
    let report: serde_json::Value = test::read_body_json(res).await;
    let dry = started.elapsed();
    assert!(
        status.is_success() && report["valid_rows"] == rows,
        "dry run: {status} {}",
        report["issues"][0]
    );
    let committing = Arc::new(std::sync::atomic::AtomicBool::new(others));
    let probe = {
        let (store, committing) = (store.clone(), committing.clone());
        std::thread::spawn(move || {
            let mut longest = std::time::Duration::ZERO;
            while committing.load(std::sync::atomic::Ordering::Relaxed) {
                let asked = Instant::now();
                store
                    .write(|_| Ok::<_, huzhu_store::StoreError>(()))
                    .unwrap();
                longest = longest.max(asked.elapsed());
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            longest
        })
    };
    let logins = {
        let (app, committing) = (app.clone(), committing.clone());
        actix_web::rt::spawn(async move {
            let mut took = Vec::new();
            while committing.load(std::sync::atomic::Ordering::Relaxed) {
                let started = Instant::now();
                let login = test::TestRequest::post()
                    .uri("/api/v1/auth/login")
                    .set_json(serde_json::json!({"username": "admin", "password": PASSWORD}))
                    .to_request();
                let res = test::call_service(&*app, login).await;
                assert!(
                    res.status().is_success(),
                    "login during the commit: {}",
                    res.status()
                );
                took.push(started.elapsed());
                actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            took
        })
    };
    let started = Instant::now();
    let res = test::call_service(&*app, upload("/api/v1/rosters")).await;
    let status = res.status();
    let commit = started.elapsed();
    committing.store(false, std::sync::atomic::Ordering::Relaxed);
    let longest_wait = probe.join().unwrap();
    let mut took = logins.await.unwrap();
    took.sort();
    let login_p50 = took.get(took.len() / 2).copied().unwrap_or_default();
    let login_max = took.last().copied().unwrap_or_default();
    assert_eq!(status.as_u16(), 201, "commit failed");
    let batch: serde_json::Value = test::read_body_json(res).await;
    let payment = test::TestRequest::post()
        .uri(&format!(
            "/api/v1/enrollment-batches/{}/payment",
            batch["id"]
        ))
        .insert_header(("Authorization", format!("Bearer {token}")))
        .set_json(serde_json::json!({
            "amount": batch["premium_total"],
            "channel": "union_dues",
            "reference": "BENCH-1",
            "paid_on": huzhu_domain::plan::china_date(Utc::now()),
        }))
        .to_request();
    let started = Instant::now();
    let res = test::call_service(&*app, payment).await;
    let status = res.status();
    let paid: serde_json::Value = test::read_body_json(res).await;
    let pay = started.elapsed();
    assert!(
        status.is_success() && paid["status"] == "paid",
        "payment: {status} {paid}"
    );
    println!(
        "roster {rows} rows on {name} (parts of {part_rows} rows on SQLite): dry run {:.2} s = {:.0} rows/s; commit {:.2} s = {:.0} rows/s; batch payment {:.2} s = {:.0} policies/s",
        dry.as_secs_f64(),
        rows as f64 / dry.as_secs_f64(),
        commit.as_secs_f64(),
        rows as f64 / commit.as_secs_f64(),
        pay.as_secs_f64(),
        rows as f64 / pay.as_secs_f64()
    );
    if !others {
        return;
    }
    println!(
        "  during the commit on {name}: a one-row write waited at most {:.0} ms for the write lock; {} logins took {:.0} ms (median), {:.0} ms (longest)",
        longest_wait.as_secs_f64() * 1000.0,
        took.len(),
        login_p50.as_secs_f64() * 1000.0,
        login_max.as_secs_f64() * 1000.0
    );
}
