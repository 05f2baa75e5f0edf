//! The unit of work on both databases: a change and its audit entry stand or fall together,
//! one idempotency key gets one answer however many requests race, notices leave only after
//! their change commits and once, and reads reach the access log in groups.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, Utc};
use diesel::connection::SimpleConnection;
use huzhu_app::{
    AccessLogConfig, Actor, ActorId, AppError, Dispatcher, Done, Event, FixedClock, IdempotencyKey,
    Notice, Notifier, Reach,
};
use huzhu_domain::audit::AuditKey;
use huzhu_domain::OrgUnitKind;
use huzhu_store::access_log::{self, Access};
use huzhu_store::org_units::{self, NewOrgUnit};
use huzhu_store::testing::each_backend;
use huzhu_store::{audit, outbox, DbConn, Store, StoreError};
use std::sync::{Arc, Mutex};

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-30T02:00:00Z")
        .unwrap()
        .to_utc()
}

fn key() -> AuditKey {
    AuditKey::new(b"unit-of-work-test-audit-key-0000000001".to_vec()).unwrap()
}

fn app(store: &Store, clock: Arc<FixedClock>) -> huzhu_app::App {
    huzhu_app::App::new(store.clone(), key(), clock, AccessLogConfig::default())
}

fn staff(id: i64) -> Actor {
    Actor {
        id: ActorId::Staff(id),
        name: format!("staff {id}"),
        reach: Reach::of_staff(OrgUnitKind::Province, "/1/"),
        request_id: format!("req-{id}"),
        via: "api",
        permissions: Vec::new(),
    }
}

fn add_unit(c: &mut DbConn, name: &str) -> Result<i64, StoreError> {
    Ok(org_units::insert(
        c,
        NewOrgUnit {
            parent: None,
            kind: OrgUnitKind::Province,
            name,
            credit_code: None,
        },
        start(),
    )?
    .id)
}

fn units(store: &Store) -> i64 {
    use diesel::prelude::*;
    store
        .read(|c| {
            Ok::<_, StoreError>(
                huzhu_store::schema::org_units::table
                    .count()
                    .get_result::<i64>(c)?,
            )
        })
        .unwrap()
}

#[test]
fn a_change_and_its_audit_entry_stand_or_fall_together() {
    each_backend(|store| {
        let app = app(store, Arc::new(FixedClock::at(start())));
        let id = app
            .change(&staff(7), |c| {
                let id = add_unit(c, "省总")?;
                Ok::<_, StoreError>(Done::new(
                    id,
                    Event::of("org_unit.create", "org_unit", id).fact("name", "省总"),
                ))
            })
            .unwrap();
        let entries = store.read(|c| audit::page(c, None, 10)).unwrap();
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(
            (e.actor.as_str(), e.action.as_str(), e.subject.clone()),
            ("staff:7", "org_unit.create", format!("org_unit:{id}"))
        );
        let details: serde_json::Value = serde_json::from_str(&e.details).unwrap();
        assert_eq!(details["facts"]["name"], "省总");
        assert_eq!(details["request_id"], "req-7");
        assert_eq!(e.at, "2026-11-30T02:00:00.000000Z");

        // Work that fails leaves neither the change nor an entry.
        let failed = app.change(&staff(7), |c| {
            add_unit(c, "半途")?;
            Err::<Done<()>, _>(StoreError::conflict(
                huzhu_domain::ErrorCode::ConflictDuplicate,
                "refused",
            ))
        });
        assert!(failed.is_err());
        assert_eq!(units(store), 1);
        assert_eq!(store.read(audit::head_seq).unwrap(), 1);

        // An audit entry that cannot be written takes the change with it: here the head row
        // is gone (as an intruder would leave it), so appending fails.
        let mut conn = store.conn().unwrap();
        match &mut *conn {
            DbConn::Sqlite(c) => c
                .batch_execute("DROP TRIGGER audit_head_no_delete; DELETE FROM audit_head;")
                .unwrap(),
            DbConn::Pg(c) => c
                .batch_execute(
                    "ALTER TABLE audit_head DISABLE TRIGGER USER; DELETE FROM audit_head;",
                )
                .unwrap(),
        }
        drop(conn);
        let unrecorded = app.change(&staff(7), |c| {
            let id = add_unit(c, "无痕")?;
            Ok::<_, StoreError>(Done::new(id, Event::of("org_unit.create", "org_unit", id)))
        });
        assert!(unrecorded.is_err(), "{unrecorded:?}");
        assert_eq!(
            units(store),
            1,
            "the change must not stand without its entry"
        );
    });
}

#[test]
fn a_refusal_that_matters_is_recorded_with_its_reason() {
    each_backend(|store| {
        let app = app(store, Arc::new(FixedClock::at(start())));
        app.refused(
            &staff(3),
            Event::of("claim.approve", "claim", 12),
            huzhu_domain::ErrorCode::ClaimMakerChecker,
            "the reviewer may not approve",
        );
        let e = store.read(|c| audit::page(c, None, 1)).unwrap().remove(0);
        assert_eq!(
            (e.action.as_str(), e.subject.as_str()),
            ("claim.approve", "claim:12")
        );
        let details: serde_json::Value = serde_json::from_str(&e.details).unwrap();
        assert_eq!(details["facts"]["refused"], "claim.maker_checker");
        assert!(app.verify_audit_trail().unwrap().broken.is_none());
    });
}

#[test]
fn a_hundred_concurrent_requests_with_one_key_get_one_answer() {
    each_backend(|store| {
        let app = app(store, Arc::new(FixedClock::at(start())));
        let actor = staff(9);
        let body = br#"{"name":"idempotent"}"#;
        let k = IdempotencyKey::new(&actor, "pay-claim-12", &[b"POST", b"/x", body]).unwrap();
        let answers: Vec<huzhu_app::Answer> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..100)
                .map(|_| {
                    let (app, actor, k) = (app.clone(), actor.clone(), k.clone());
                    s.spawn(move || {
                        app.change_once(&actor, Some(&k), 201, |c| {
                            let id = add_unit(c, "once")?;
                            Ok::<_, AppError>(Done::new(
                                serde_json::json!({ "unit": id }),
                                Event::of("org_unit.create", "org_unit", id),
                            ))
                        })
                        .unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(units(store), 1, "the work was done once");
        assert_eq!(answers.iter().filter(|a| !a.replayed).count(), 1);
        let first = &answers[0];
        assert!(
            answers
                .iter()
                .all(|a| a.status == 201 && a.body == first.body),
            "every request gets the first answer"
        );
        assert_eq!(store.read(audit::head_seq).unwrap(), 1, "one audit entry");

        // The same key with another request is refused; nothing is written.
        let other = IdempotencyKey::new(&actor, "pay-claim-12", &[b"POST", b"/x", b"{}"]).unwrap();
        let refused = app.change_once(&actor, Some(&other), 201, |c| {
            let id = add_unit(c, "other")?;
            Ok::<_, AppError>(Done::new(id, Event::of("org_unit.create", "org_unit", id)))
        });
        match refused {
            Err(AppError::Invalid { code, .. }) => assert_eq!(code, "idempotency.key_reused"),
            other => panic!("{other:?}"),
        }
        // A refused request keeps no answer: the same key may be used again once it works.
        let k2 = IdempotencyKey::new(&actor, "retry-me", &[body]).unwrap();
        let first_try = app.change_once(&actor, Some(&k2), 201, |_| {
            Err::<Done<()>, AppError>(AppError::conflict(
                huzhu_domain::ErrorCode::PaymentSettledMeanwhile,
                "try again",
            ))
        });
        assert!(first_try.is_err());
        let second_try = app
            .change_once(&actor, Some(&k2), 201, |c| {
                let id = add_unit(c, "retried")?;
                Ok::<_, AppError>(Done::new(id, Event::of("org_unit.create", "org_unit", id)))
            })
            .unwrap();
        assert!(!second_try.replayed);
        assert_eq!(units(store), 2);
        assert!(IdempotencyKey::new(&actor, "  ", &[body]).is_err());
        assert!(IdempotencyKey::new(&actor, &"k".repeat(201), &[body]).is_err());
    });
}

/// Keeps what it is given.
#[derive(Default)]
struct Recorder(Mutex<Vec<i64>>);

impl Notifier for Recorder {
    fn deliver(&self, n: &Notice) -> Result<(), String> {
        let Notice::ClaimChanged { claim_id, .. } = n;
        self.0.lock().unwrap().push(*claim_id);
        Ok(())
    }
}

fn notice(claim_id: i64) -> Notice {
    Notice::ClaimChanged {
        member_id: 1,
        claim_id,
        status: huzhu_domain::claim_flow::ClaimStatus::Approved,
    }
}

#[test]
fn notices_leave_after_their_change_commits_once_whichever_instance_delivers() {
    each_backend(|store| {
        let clock = Arc::new(FixedClock::at(start()));
        let app = app(store, clock.clone());
        for claim in 1..=40 {
            app.change(&staff(1), |_| {
                Ok::<_, StoreError>(
                    Done::new((), Event::of("claim.approve", "claim", claim)).notify(notice(claim)),
                )
            })
            .unwrap();
        }
        // A change that rolls back sends nothing.
        let _ = app.change(&staff(1), |_| {
            Err::<Done<()>, _>(StoreError::conflict(
                huzhu_domain::ErrorCode::ConflictDuplicate,
                "refused",
            ))
        });
        assert_eq!(store.read(outbox::waiting_count).unwrap(), 40);

        let lease = std::time::Duration::from_secs(30);
        let (a, b) = (Arc::new(Recorder::default()), Arc::new(Recorder::default()));
        let first = Dispatcher::new(store.clone(), a.clone(), clock.clone(), lease);
        let second = Dispatcher::new(store.clone(), b.clone(), clock.clone(), lease);
        std::thread::scope(|s| {
            for d in [&first, &second] {
                s.spawn(move || {
                    for _ in 0..20 {
                        d.run_once().unwrap();
                    }
                });
            }
        });
        let (got_a, got_b) = (a.0.lock().unwrap().clone(), b.0.lock().unwrap().clone());
        let mut all: Vec<i64> = got_a.iter().chain(got_b.iter()).copied().collect();
        all.sort_unstable();
        assert_eq!(
            all,
            (1..=40).collect::<Vec<_>>(),
            "each notice exactly once"
        );
        assert!(
            got_a.is_empty() || got_b.is_empty(),
            "one instance holds the lease: {got_a:?} / {got_b:?}"
        );
        assert_eq!(store.read(outbox::waiting_count).unwrap(), 0);

        // A notice written while the holder has stopped waits for its lease to expire, then
        // the other instance delivers it.
        let (holder, other, other_got) = if got_a.is_empty() {
            (&second, &first, &a)
        } else {
            (&first, &second, &b)
        };
        let before = other_got.0.lock().unwrap().len();
        app.change(&staff(1), |_| {
            Ok::<_, StoreError>(
                Done::new((), Event::of("claim.approve", "claim", 41)).notify(notice(41)),
            )
        })
        .unwrap();
        assert_eq!(other.run_once().unwrap(), 0, "the lease is still held");
        clock.set(start() + Duration::seconds(31));
        assert_eq!(
            other.run_once().unwrap(),
            1,
            "taken over after the lease ran out"
        );
        assert_eq!(other_got.0.lock().unwrap().len(), before + 1);
        assert_eq!(
            holder.run_once().unwrap(),
            0,
            "the old holder lost the lease"
        );
    });
}

/// Refuses every notice to the members in `refused`; keeps (member, claim) of the others.
#[derive(Default)]
struct Picky {
    refused: Mutex<Vec<i64>>,
    got: Mutex<Vec<(i64, i64)>>,
}

impl Notifier for Picky {
    fn deliver(&self, n: &Notice) -> Result<(), String> {
        let Notice::ClaimChanged {
            member_id,
            claim_id,
            ..
        } = n;
        if self.refused.lock().unwrap().contains(member_id) {
            return Err(format!("member {member_id} cannot be reached"));
        }
        self.got.lock().unwrap().push((*member_id, *claim_id));
        Ok(())
    }
}

#[test]
fn a_notice_that_fails_holds_back_only_its_member_and_is_given_up_after_its_attempts() {
    each_backend(|store| {
        let clock = Arc::new(FixedClock::at(start()));
        let app = app(store, clock.clone());
        // Claims 1..=6 alternate between members 1 and 2.
        for claim in 1..=6 {
            let member = 2 - claim % 2;
            app.change(&staff(1), |_| {
                Ok::<_, StoreError>(
                    Done::new((), Event::of("claim.approve", "claim", claim)).notify(
                        Notice::ClaimChanged {
                            member_id: member,
                            claim_id: claim,
                            status: huzhu_domain::claim_flow::ClaimStatus::Approved,
                        },
                    ),
                )
            })
            .unwrap();
        }
        let notifier = Arc::new(Picky::default());
        notifier.refused.lock().unwrap().push(2);
        let policy = huzhu_app::RetryPolicy {
            max_attempts: 3,
            first_pause: std::time::Duration::from_secs(10),
            longest_pause: std::time::Duration::from_secs(15),
        };
        let lease = std::time::Duration::from_secs(600);
        let d =
            Dispatcher::new(store.clone(), notifier.clone(), clock.clone(), lease).retrying(policy);
        // Member 1 hears of claims 1, 3 and 5; member 2's first notice fails and holds back
        // only their own later ones.
        assert_eq!(d.run_once().unwrap(), 3);
        assert_eq!(*notifier.got.lock().unwrap(), [(1, 1), (1, 3), (1, 5)]);
        let attempts = |id: i64| -> i32 {
            store
                .read(|c| {
                    use diesel::prelude::*;
                    use huzhu_store::schema::outbox;
                    Ok::<_, StoreError>(
                        outbox::table
                            .find(id)
                            .select(outbox::attempts)
                            .get_result(c)?,
                    )
                })
                .unwrap()
        };
        assert_eq!((attempts(2), attempts(4), attempts(6)), (1, 0, 0));
        // Inside its pause nothing is tried; after it, the notice is tried again, first.
        assert_eq!(d.run_once().unwrap(), 0);
        assert_eq!(attempts(2), 1);
        clock.set(start() + Duration::seconds(10));
        assert_eq!(d.run_once().unwrap(), 0);
        assert_eq!((attempts(2), attempts(4)), (2, 0));
        // The third failure uses its attempts up: given up, and member 2's later notices go
        // on, in order, once they can be delivered.
        clock.set(start() + Duration::seconds(30));
        assert_eq!(d.run_once().unwrap(), 0, "claim 2 fails a third time");
        assert_eq!(store.read(outbox::abandoned_count).unwrap(), 1);
        notifier.refused.lock().unwrap().clear();
        clock.set(start() + Duration::seconds(31));
        assert_eq!(d.run_once().unwrap(), 2);
        assert_eq!(
            notifier.got.lock().unwrap()[3..],
            [(2, 4), (2, 6)],
            "member 2's later notices, in order"
        );
        assert_eq!(store.read(outbox::waiting_count).unwrap(), 0);
    });
}

#[test]
fn a_stopped_dispatcher_gives_its_lease_up() {
    each_backend(|store| {
        let clock = Arc::new(FixedClock::at(start()));
        let app = app(store, clock.clone());
        let lease = std::time::Duration::from_secs(600);
        let (a, b) = (Arc::new(Recorder::default()), Arc::new(Recorder::default()));
        let running = Dispatcher::new(store.clone(), a.clone(), clock.clone(), lease)
            .spawn(std::time::Duration::from_millis(20));
        // The running one holds the lease: the other delivers nothing.
        let other = Dispatcher::new(store.clone(), b.clone(), clock.clone(), lease);
        std::thread::sleep(std::time::Duration::from_millis(100));
        app.change(&staff(1), |_| {
            Ok::<_, StoreError>(
                Done::new((), Event::of("claim.approve", "claim", 7)).notify(notice(7)),
            )
        })
        .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while a.0.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(*a.0.lock().unwrap(), [7]);
        assert_eq!(other.run_once().unwrap(), 0);
        running.stop();
        // Stopped, it gave the lease up: the other takes over at once, not after ten minutes.
        app.change(&staff(1), |_| {
            Ok::<_, StoreError>(
                Done::new((), Event::of("claim.approve", "claim", 8)).notify(notice(8)),
            )
        })
        .unwrap();
        assert_eq!(other.run_once().unwrap(), 1);
        assert_eq!(*b.0.lock().unwrap(), [8]);
    });
}

#[test]
fn kept_answers_are_forgotten_after_their_days_by_one_sweeper() {
    each_backend(|store| {
        let clock = Arc::new(FixedClock::at(start()));
        let app = app(store, clock.clone());
        let actor = staff(1);
        let once = |key: &str| {
            let k = IdempotencyKey::new(&actor, key, &[b"{}"]).unwrap();
            app.change_once(&actor, Some(&k), 201, |_| {
                Ok::<_, AppError>(Done::new(
                    serde_json::json!({ "paid": true }),
                    Event::of("payment.record", "payment", 1),
                ))
            })
            .unwrap()
        };
        once("old");
        clock.set(start() + Duration::days(20));
        once("recent");
        let kept = || -> i64 {
            store
                .read(|c| {
                    use diesel::prelude::*;
                    use huzhu_store::schema::idempotency_keys;
                    Ok::<_, StoreError>(idempotency_keys::table.count().get_result(c)?)
                })
                .unwrap()
        };
        assert_eq!(kept(), 2);
        let lease = std::time::Duration::from_secs(600);
        let first = huzhu_app::Sweeper::new(store.clone(), clock.clone(), 30, lease);
        let second = huzhu_app::Sweeper::new(store.clone(), clock.clone(), 30, lease);
        assert_eq!(first.run_once().unwrap(), 0, "nothing is 30 days old yet");
        clock.set(start() + Duration::days(31));
        assert_eq!(
            first.run_once().unwrap(),
            1,
            "the answer of day 0 is forgotten"
        );
        assert_eq!(kept(), 1);
        assert_eq!(second.run_once().unwrap(), 0, "the first holds the lease");
        // The forgotten key is new again; the recent one still replays.
        assert!(!once("old").replayed);
        assert!(once("recent").replayed);
    });
}

#[test]
fn a_point_read_that_finds_the_access_log_full_answers_without_waiting() {
    // Point reads run on the async worker on SQLite only (PostgreSQL's go to the pool).
    let db = huzhu_store::testing::sqlite();
    let store = &db.store;
    let window = std::time::Duration::from_secs(3);
    let app = huzhu_app::App::new(
        store.clone(),
        key(),
        Arc::new(FixedClock::at(start())),
        AccessLogConfig { window, queue: 2 },
    );
    let integrator = Actor {
        id: ActorId::Client(3),
        name: "医保结算平台".into(),
        reach: Reach::NOBODY,
        request_id: "req-flood".into(),
        via: "api",
        permissions: Vec::new(),
    };
    let enquiry = huzhu_app::coverage::Enquiry {
        id_number_hash: "no such member".into(),
        date: start().date_naive(),
        kind: huzhu_domain::EventKind::Illness,
        plan_code: None,
    };
    let ask = |app: &huzhu_app::App, r: &mut huzhu_app::coverage::Reader<'_>| {
        app.eligibility(r, &integrator, &enquiry)
    };
    // The writer gathers for three seconds: two reads fill the queue, the third finds it full
    // and comes back with the answer at once instead of waiting for room.
    let began = std::time::Instant::now();
    let mut unqueued = Vec::new();
    for _ in 0..3 {
        let (done, left) = app.try_point_read(&ask).expect("a point reader is free");
        assert!(done.unwrap().member.is_none());
        unqueued.push(left);
    }
    assert!(began.elapsed() < window / 2, "took {:?}", began.elapsed());
    let lens: Vec<usize> = unqueued.iter().map(|u| u.len()).collect();
    assert_eq!(lens, [0, 0, 1]);
    // Queued off the worker (it waits for room), nothing is lost.
    for u in unqueued {
        app.queue_waiting(u);
    }
    app.flush_access_log();
    let logged = app
        .access_store()
        .read(|c| {
            use diesel::prelude::*;
            use huzhu_store::schema::access_log;
            Ok::<_, StoreError>(
                access_log::table
                    .filter(access_log::request_id.eq("req-flood"))
                    .count()
                    .get_result::<i64>(c)?,
            )
        })
        .unwrap();
    assert_eq!(logged, 3);
}

#[test]
fn reads_reach_the_access_log_in_groups_off_the_request_path() {
    each_backend(|store| {
        let log = huzhu_app::AccessLog::start(
            store.clone(),
            AccessLogConfig {
                window: std::time::Duration::from_millis(50),
                queue: 10,
            },
        );
        let read = |i: i64| Access {
            at: start(),
            actor: "client:3".into(),
            action: "coverage.eligibility".into(),
            member_id: None,
            detail: format!("enquiry {i}"),
            request_id: format!("r{i}"),
        };
        // More reads than the queue holds: the callers wait for the writer, none is lost.
        for i in 0..2_500 {
            log.record(read(i));
        }
        log.flush();
        assert_eq!(store.read(access_log::count).unwrap(), 2_500);
        // Without a flush the window writes them within a few windows.
        log.record(read(9_999));
        let mut waited = 0;
        while store.read(access_log::count).unwrap() < 2_501 && waited < 40 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            waited += 1;
        }
        assert_eq!(store.read(access_log::count).unwrap(), 2_501);
        // The log is append-only.
        let mut conn = store.conn().unwrap();
        assert!(conn.batch_execute("DELETE FROM access_log").is_err());
    });
}
