//! A roster written in parts on SQLite (so that no part holds the write lock for long): it lands
//! whole or not at all, its batch is out of sight until the last part has landed, a member
//! enrolled elsewhere meanwhile makes it refused whole, and what a stopped server left
//! unfinished is removed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use diesel::prelude::*;
use huzhu_domain::id_number::check_char;
use huzhu_store::enrollment::{Holder, PendingPolicy};
use huzhu_store::schema::{journal_entries, members, policies, roster_imports};
use huzhu_store::{batches, enrollment, DbConn, StoreResult};

fn id(seq: u32) -> String {
    id_born("19900101", seq)
}

fn roster(people: std::ops::Range<u32>) -> Vec<u8> {
    let mut text = String::from("姓名,身份证号,人员类别,份数\n");
    for i in people {
        text.push_str(&format!("职工{i},{},在职职工,1\n", id(100 + i)));
    }
    text.into_bytes()
}

/// A commit of `bytes`, the whole union on the roster (the plan's participation rate is met).
fn upload(token: &str, unit: i64, bytes: Vec<u8>) -> actix_web::test::TestRequest {
    let headcount = bytes.iter().filter(|&&b| b == b'\n').count() - 1;
    roster_upload(
        "/api/v1/rosters",
        token,
        unit,
        u32::try_from(headcount).unwrap(),
        bytes,
    )
}

fn count(f: &Fixture, q: impl FnOnce(&mut DbConn) -> QueryResult<i64>) -> i64 {
    f.state
        .store
        .read(|c| Ok::<_, huzhu_store::StoreError>(q(c)?))
        .unwrap()
}

fn members_total(f: &Fixture) -> i64 {
    count(f, |c| members::table.count().get_result(c))
}

fn premium_bookings(f: &Fixture, batch: i64) -> i64 {
    let reference = format!("batch:{batch}");
    count(f, |c| {
        journal_entries::table
            .filter(journal_entries::reference.eq(reference))
            .count()
            .get_result(c)
    })
}

#[test]
fn a_roster_in_parts_lands_whole_once_and_books_its_premium_once() {
    let db = huzhu_store::testing::sqlite();
    let f = fixture_with(&db.store, |c| c.roster_part_rows = 3);
    seed_in_force(&f, "ZJ");
    actix_web::rt::System::new().block_on(async {
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let before = members_total(&f);
        let (s, batch) = call(&app, upload(&clerk, f.union.id, roster(0..11))).await;
        assert_eq!(s, 201, "{batch}");
        let id = batch["id"].as_i64().unwrap();
        assert_eq!(batch["member_count"], 11);
        let ids: std::collections::BTreeSet<i64> = batch["policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["policy_id"].as_i64().unwrap())
            .collect();
        assert_eq!(
            ids.len(),
            11,
            "four parts of 3, 3, 3 and 2 rows, every row once"
        );
        assert_eq!(members_total(&f), before + 11);
        let (s, shown) = call(
            &app,
            get(&format!("/api/v1/enrollment-batches/{id}"), Some(&clerk)),
        )
        .await;
        assert_eq!((s, shown["policies"].as_array().unwrap().len()), (200, 11));
        assert_eq!(premium_bookings(&f, id), 1);
        assert_eq!(
            count(&f, |c| roster_imports::table.count().get_result(c)),
            0
        );

        let (s, again) = call(&app, upload(&clerk, f.union.id, roster(0..11))).await;
        assert_eq!((s, again["id"].as_i64()), (200, Some(id)));
        assert_eq!(premium_bookings(&f, id), 1);
    });
}

/// Writes `people` as the first parts of an import that never finishes, as a server stopped
/// midway leaves it; returns the batch.
fn unfinished_import(f: &Fixture, version: i64, file: &str, people: std::ops::Range<u32>) -> i64 {
    let now = f.clock.now();
    let lookup_key = huzhu_http::HttpConfig::for_tests().lookup_key.0;
    let ids: Vec<String> = people.clone().map(|i| id(100 + i)).collect();
    let names: Vec<String> = people.map(|i| format!("职工{i}")).collect();
    let hashes: Vec<String> = ids
        .iter()
        .map(|i| {
            huzhu_app::protect::id_number_hash(
                &lookup_key,
                &huzhu_domain::IdNumber::parse(i).unwrap(),
            )
        })
        .collect();
    f.state
        .store
        .write(|c| -> StoreResult<i64> {
            let before = batches::newest_policy(c)?;
            let batch = batches::insert_unbooked(
                c,
                batches::NewBatch {
                    org_unit_id: f.union.id,
                    plan_version_id: version,
                    plan_code: "ZJ",
                    file_sha256: file,
                    member_count: 40,
                    premium_fen: 40 * 2000,
                    created_by: None,
                },
                now,
            )?;
            batches::start_import(c, batch.id, before, now)?;
            let new: Vec<_> = ids
                .iter()
                .zip(&names)
                .zip(&hashes)
                .map(|((number, name), hash)| {
                    let number = huzhu_domain::IdNumber::parse(number).unwrap();
                    huzhu_store::members::NewMember {
                        org_unit_id: f.union.id,
                        name,
                        id_number_hash: hash,
                        id_number: huzhu_store::members::Protected {
                            ciphertext: "sealed".into(),
                            masked: number.masked(),
                        },
                        gender: number.gender(),
                        birth_date: number.birth_date(),
                        category: huzhu_domain::MemberCategory::InService,
                        mobile: None,
                        bank_card: None,
                        bank_card_luhn_override_by: None,
                        health_consent: false,
                    }
                })
                .collect();
            let pending: Vec<_> = (0..new.len())
                .map(|i| PendingPolicy {
                    holder: Holder::New(i),
                    shares: 1,
                    premium_fen: 2000,
                })
                .collect();
            enrollment::insert_roster(c, &new, batch.id, version, "ZJ", &pending, now)?;
            Ok(batch.id)
        })
        .unwrap()
}

/// Enrolls the first member the import `batch` registered in `plan` through another batch, as
/// an office could while the import runs; returns the member.
fn enroll_elsewhere(
    f: &Fixture,
    batch: i64,
    version: i64,
    plan: &str,
    file: &str,
    premium_fen: i64,
) -> i64 {
    f.state
        .store
        .write(|c| -> StoreResult<i64> {
            let member: i64 = members::table
                .filter(members::roster_batch_id.eq(batch))
                .select(members::id)
                .order(members::id)
                .first(c)?;
            let other = batches::insert(
                c,
                batches::NewBatch {
                    org_unit_id: f.union.id,
                    plan_version_id: version,
                    plan_code: plan,
                    file_sha256: file,
                    member_count: 1,
                    premium_fen,
                    created_by: None,
                },
                f.clock.now(),
            )?;
            let pending = [PendingPolicy {
                holder: Holder::Existing(member),
                shares: 1,
                premium_fen,
            }];
            enrollment::insert_roster(c, &[], other.id, version, plan, &pending, f.clock.now())?;
            Ok(member)
        })
        .unwrap()
}

#[test]
fn an_unfinished_import_is_out_of_sight_and_removed_at_start() {
    let db = huzhu_store::testing::sqlite();
    let f = fixture_with(&db.store, |c| c.roster_part_rows = 4);
    let version = seed_in_force(&f, "ZJ");
    let before = members_total(&f);
    let file = "0".repeat(64);
    let batch = unfinished_import(&f, version, &file, 0..6);
    assert_eq!(members_total(&f), before + 6);
    actix_web::rt::System::new().block_on(async {
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        refused(
            &app,
            get(&format!("/api/v1/enrollment-batches/{batch}"), Some(&clerk)),
            404,
            "batch.not_found",
        )
        .await;
        let (_, list) = call(&app, get("/api/v1/enrollment-batches", Some(&clerk))).await;
        assert!(
            list["items"].as_array().unwrap().iter().all(|b| b["id"] != batch),
            "{list}"
        );
        refused(
            &app,
            send(
                "POST",
                &format!("/api/v1/enrollment-batches/{batch}/payment"),
                Some(&clerk),
                serde_json::json!({"amount": "800.00", "channel": "union_dues", "reference": "X-1", "paid_on": "2026-03-01"}),
            ),
            404,
            "batch.not_found",
        )
        .await;
    });

    // One of its members is enrolled in another plan meanwhile: that member stays.
    let other_plan = seed_in_force(&f, "ZY");
    let kept = enroll_elsewhere(&f, batch, other_plan, "ZY", &"1".repeat(64), 3000);

    assert_eq!(f.state.app.recover_roster_imports().unwrap(), 1);
    assert_eq!(members_total(&f), before + 1, "the taken-up member stays");
    let of_batch = count(&f, |c| {
        policies::table
            .filter(policies::batch_id.eq(batch))
            .count()
            .get_result(c)
    });
    assert_eq!(of_batch, 0);
    let provenance: Option<i64> = f
        .state
        .store
        .read(|c| {
            members::table
                .find(kept)
                .select(members::roster_batch_id)
                .first(c)
                .map_err(huzhu_store::StoreError::from)
        })
        .unwrap();
    assert_eq!(provenance, None, "no longer points at a batch that is gone");
    assert_eq!(premium_bookings(&f, batch), 0, "nothing was booked");
    assert_eq!(f.state.app.recover_roster_imports().unwrap(), 0);

    // The union can enroll the same people now.
    actix_web::rt::System::new().block_on(async {
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let (s, b) = call(&app, upload(&clerk, f.union.id, roster(1..12))).await;
        assert_eq!(s, 201, "{b}");
    });
}

#[test]
fn a_member_enrolled_in_the_plan_meanwhile_is_seen_when_the_roster_is_published() {
    let db = huzhu_store::testing::sqlite();
    let f = fixture_with(&db.store, |c| c.roster_part_rows = 4);
    let version = seed_in_force(&f, "ZJ");
    let batch = unfinished_import(&f, version, &"2".repeat(64), 0..3);
    let policies_before: i64 = f
        .state
        .store
        .read(|c| {
            roster_imports::table
                .find(batch)
                .select(roster_imports::policies_before)
                .first(c)
                .map_err(huzhu_store::StoreError::from)
        })
        .unwrap();
    let meanwhile = |c: &mut DbConn| batches::enrolled_meanwhile(c, batch, "ZJ", policies_before);
    assert_eq!(
        f.state.store.read(meanwhile).unwrap(),
        None,
        "its own policies do not count"
    );
    let member = enroll_elsewhere(&f, batch, version, "ZJ", &"3".repeat(64), 2000);
    assert_eq!(f.state.store.read(meanwhile).unwrap(), Some(member));
    let other_plan = |c: &mut DbConn| batches::enrolled_meanwhile(c, batch, "ZY", policies_before);
    assert_eq!(f.state.store.read(other_plan).unwrap(), None);
}

/// The `i`-th of up to 28,000 distinct valid ID numbers (28 birth days of 1,000 each).
fn many(i: u32) -> String {
    let first17 = format!(
        "4401061985{:02}{:02}{:03}",
        1 + i / 28_000,
        1 + (i / 1000) % 28,
        i % 1000
    );
    format!("{first17}{}", check_char(first17.as_bytes()))
}

#[test]
fn while_a_large_roster_lands_other_writers_wait_for_one_part_at_most() {
    let db = huzhu_store::testing::sqlite();
    let f = fixture_with(&db.store, |c| c.roster_part_rows = 200);
    seed_in_force(&f, "ZJ");
    let rows = 4_000;
    let mut text = String::from("姓名,身份证号,人员类别,份数\n");
    for i in 0..rows {
        text.push_str(&format!("职工{i},{},在职职工,1\n", many(i)));
    }
    actix_web::rt::System::new().block_on(async {
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let committing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let probe = {
            let (store, committing) = (f.state.store.clone(), committing.clone());
            std::thread::spawn(move || {
                let mut longest = std::time::Duration::ZERO;
                while committing.load(std::sync::atomic::Ordering::Relaxed) {
                    let asked = std::time::Instant::now();
                    store
                        .write(|_| Ok::<_, huzhu_store::StoreError>(()))
                        .unwrap();
                    longest = longest.max(asked.elapsed());
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                longest
            })
        };
        let started = std::time::Instant::now();
        let (s, b) = call(&app, upload(&clerk, f.union.id, text.into_bytes())).await;
        let took = started.elapsed();
        committing.store(false, std::sync::atomic::Ordering::Relaxed);
        let longest = probe.join().unwrap();
        assert_eq!(
            (s, b["member_count"].as_u64()),
            (201, Some(u64::from(rows))),
            "{b}"
        );
        // Twenty parts: a writer waits for about one of them, never for the whole commit.
        assert!(
            longest * 4 < took,
            "a one-row write waited {longest:?} during a commit of {took:?}"
        );
    });
}
