//! Store tests: each one runs on a fresh SQLite database and on a fresh PostgreSQL database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use huzhu_domain::{
    Gender, LoginThrottle, MemberCategory, OrgUnitKind, Reach, Role, Scope as ApiScope,
};
use huzhu_store::accounts::{self, AccountKind, NewAccount, StaffChanges, StaffFilter};
use huzhu_store::org_units::{self, NewOrgUnit, OrgUnit, OrgUnitFilter};
use huzhu_store::testing::{each_backend, postgres_empty, sqlite_empty};
use huzhu_store::{api_clients, members, migrations, sessions, DbConn, Paging, Store, StoreError};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn unit(
    c: &mut DbConn,
    parent: Option<&OrgUnit>,
    kind: OrgUnitKind,
    name: &str,
    code: Option<&str>,
) -> OrgUnit {
    org_units::insert(
        c,
        NewOrgUnit {
            parent,
            kind,
            name,
            credit_code: code,
        },
        now(),
    )
    .unwrap()
}

struct Tree {
    province: OrgUnit,
    guangzhou: OrgUnit,
    shenzhen: OrgUnit,
    tianhe: OrgUnit,
    union: OrgUnit,
}

fn tree(c: &mut DbConn) -> Tree {
    let province = unit(c, None, OrgUnitKind::Province, "广东省职工保障互助会", None);
    let guangzhou = unit(
        c,
        Some(&province),
        OrgUnitKind::CityOffice,
        "广州市代办处",
        None,
    );
    let shenzhen = unit(
        c,
        Some(&province),
        OrgUnitKind::CityOffice,
        "深圳市代办处",
        None,
    );
    let tianhe = unit(
        c,
        Some(&guangzhou),
        OrgUnitKind::CountyPoint,
        "天河区代办点",
        None,
    );
    let union = unit(
        c,
        Some(&tianhe),
        OrgUnitKind::GrassrootsUnion,
        "某公司工会",
        Some("81440106MC0000001X"),
    );
    Tree {
        province,
        guangzhou,
        shenzhen,
        tianhe,
        union,
    }
}

#[test]
fn migration_lists_are_identical() {
    let (sqlite, postgres) = migrations::names().unwrap();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}

fn up_down_up(store: &Store) {
    let applied = store.migrate().unwrap();
    let (names, _) = migrations::names().unwrap();
    assert_eq!(applied.len(), names.len());
    let reverted = store.read(migrations::revert_all).unwrap();
    assert_eq!(reverted.len(), names.len());
    let again = store.migrate().unwrap();
    assert_eq!(again, applied);
    assert!(store.migrate().unwrap().is_empty());
}

#[test]
fn migrations_go_up_down_and_up_again() {
    up_down_up(&sqlite_empty().store);
    if let Some(db) = postgres_empty() {
        up_down_up(&db.store);
    }
}

#[test]
fn org_tree_paths_and_scopes() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        assert_eq!(t.province.path, format!("/{}/", t.province.id));
        assert_eq!(t.union.path, format!("{}{}/", t.tianhe.path, t.union.id));
        assert!(t.guangzhou.contains(&t.union));
        assert!(!t.shenzhen.contains(&t.union));

        let gz = Reach::of_staff(t.guangzhou.kind, &t.guangzhou.path);
        let (all, total) = org_units::list(
            &mut c,
            &gz,
            &OrgUnitFilter::default(),
            Paging::new(None, None),
        )
        .unwrap();
        assert_eq!(total, 3);
        assert_eq!(
            all.iter().map(|u| u.id).collect::<Vec<_>>(),
            vec![t.guangzhou.id, t.tianhe.id, t.union.id]
        );

        // Outside the scope is indistinguishable from absent.
        assert!(matches!(
            org_units::get_within(&mut c, &gz, t.shenzhen.id),
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            org_units::get_within(&mut c, &gz, t.union.id).unwrap().id,
            t.union.id
        );

        let by_name = OrgUnitFilter {
            name_contains: Some("天河".into()),
            ..Default::default()
        };
        let (found, _) = org_units::list(
            &mut c,
            &Reach::of_staff(t.province.kind, &t.province.path),
            &by_name,
            Paging::new(None, None),
        )
        .unwrap();
        assert_eq!(found.len(), 1);
        // LIKE wildcards in the search text are literal.
        let wildcard = OrgUnitFilter {
            name_contains: Some("%".into()),
            ..Default::default()
        };
        let (none, _) = org_units::list(
            &mut c,
            &Reach::of_staff(t.province.kind, &t.province.path),
            &wildcard,
            Paging::new(None, None),
        )
        .unwrap();
        assert!(none.is_empty());

        let counts = org_units::child_counts(&mut c, &[t.province.id, t.union.id]).unwrap();
        assert_eq!(counts.get(&t.province.id), Some(&2));
        assert_eq!(counts.get(&t.union.id), None);
        assert_eq!(org_units::root(&mut c).unwrap().unwrap().id, t.province.id);
    });
}

#[test]
fn credit_codes_are_unique_and_busy_units_cannot_be_deleted() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let dup = org_units::insert(
            &mut c,
            NewOrgUnit {
                parent: Some(&t.tianhe),
                kind: OrgUnitKind::GrassrootsUnion,
                name: "另一个工会",
                credit_code: Some("81440106MC0000001X"),
            },
            now(),
        );
        assert!(matches!(
            dup,
            Err(StoreError::Conflict {
                code: huzhu_domain::ErrorCode::OrgUnitDuplicateCreditCode,
                ..
            })
        ));

        let err = org_units::delete(&mut c, t.tianhe.id).unwrap_err();
        assert!(matches!(
            err,
            StoreError::Conflict {
                code: huzhu_domain::ErrorCode::OrgUnitHasChildren,
                ..
            }
        ));
        accounts::insert(
            &mut c,
            staff("agent", t.union.id, &[Role::BranchStaff]),
            now(),
        )
        .unwrap();
        let err = org_units::delete(&mut c, t.union.id).unwrap_err();
        assert!(matches!(
            err,
            StoreError::Conflict {
                code: huzhu_domain::ErrorCode::OrgUnitInUse,
                ..
            }
        ));
        org_units::delete(&mut c, t.shenzhen.id).unwrap();
        assert!(matches!(
            org_units::get(&mut c, t.shenzhen.id),
            Err(StoreError::NotFound)
        ));

        let renamed =
            org_units::update(&mut c, t.guangzhou.id, Some("广州代办处"), None, now()).unwrap();
        assert_eq!(renamed.name, "广州代办处");
        assert_eq!(renamed.credit_code, None);
    });
}

fn staff<'a>(username: &'a str, unit: i64, roles: &'a [Role]) -> NewAccount<'a> {
    NewAccount {
        kind: AccountKind::Staff,
        username: Some(username),
        member_id: None,
        display_name: username,
        org_unit_id: unit,
        password_hash: "$argon2id$placeholder",
        roles,
    }
}

#[test]
fn accounts_roles_throttle_and_scope() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let admin = accounts::insert(
            &mut c,
            staff("admin", t.province.id, &[Role::Admin, Role::Admin]),
            now(),
        )
        .unwrap();
        assert_eq!(admin.roles, vec![Role::Admin]);
        let gz = accounts::insert(
            &mut c,
            staff(
                "gz",
                t.guangzhou.id,
                &[Role::ClaimsReviewer, Role::BranchStaff],
            ),
            now(),
        )
        .unwrap();
        assert_eq!(gz.roles, vec![Role::BranchStaff, Role::ClaimsReviewer]);
        let sz = accounts::insert(
            &mut c,
            staff("sz", t.shenzhen.id, &[Role::BranchStaff]),
            now(),
        )
        .unwrap();
        assert!(matches!(
            accounts::insert(&mut c, staff("gz", t.guangzhou.id, &[]), now()),
            Err(StoreError::Conflict {
                code: huzhu_domain::ErrorCode::AccountDuplicate,
                ..
            })
        ));

        let found = accounts::find_staff_by_username(&mut c, "gz")
            .unwrap()
            .unwrap();
        assert_eq!(found.id, gz.id);
        assert!(accounts::find_staff_by_username(&mut c, "nobody")
            .unwrap()
            .is_none());

        let (in_gz, total) = accounts::list_staff(
            &mut c,
            &Reach::of_staff(t.guangzhou.kind, &t.guangzhou.path),
            &StaffFilter::default(),
            Paging::new(None, None),
        )
        .unwrap();
        assert_eq!((in_gz.len(), total), (1, 1));
        assert!(matches!(
            accounts::get_staff_within(
                &mut c,
                &Reach::of_staff(t.guangzhou.kind, &t.guangzhou.path),
                sz.id
            ),
            Err(StoreError::NotFound)
        ));
        let (everyone, _) = accounts::list_staff(
            &mut c,
            &Reach::of_staff(t.province.kind, &t.province.path),
            &StaffFilter::default(),
            Paging::new(None, None),
        )
        .unwrap();
        assert_eq!(everyone.len(), 3);

        let locked = LoginThrottle {
            failed_count: 0,
            window_started_at: None,
            locked_until: Some(now() + Duration::minutes(15)),
        };
        accounts::set_throttle(&mut c, gz.id, locked).unwrap();
        assert_eq!(accounts::get(&mut c, gz.id).unwrap().throttle, locked);

        let changes = StaffChanges {
            roles: Some(&[Role::Finance]),
            active: Some(false),
            unlock: true,
            ..Default::default()
        };
        let changed = accounts::update_staff(&mut c, gz.id, &changes, now()).unwrap();
        assert_eq!(changed.roles, vec![Role::Finance]);
        assert!(!changed.active);
        assert_eq!(changed.throttle, LoginThrottle::default());
        assert_eq!(
            accounts::count_active_with_role(&mut c, Role::Admin).unwrap(),
            1
        );
        let _ = admin;
    });
}

#[test]
fn member_accounts_are_found_by_keyed_hash() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let m = members::insert(
            &mut c,
            members::NewMember {
                org_unit_id: t.union.id,
                name: "张伟",
                id_number_hash: "h1",
                id_number: members::Protected {
                    ciphertext: "sealed".into(),
                    masked: "440106********1231".into(),
                },
                gender: Gender::Male,
                birth_date: NaiveDate::from_ymd_opt(1990, 3, 7).unwrap(),
                category: MemberCategory::InService,
                mobile: None,
                bank_card: None,
                bank_card_luhn_override_by: None,
                health_consent: false,
            },
            now(),
        )
        .unwrap();
        let dup = members::insert(
            &mut c,
            members::NewMember {
                org_unit_id: t.union.id,
                name: "x",
                id_number_hash: "h1",
                id_number: members::Protected {
                    ciphertext: "sealed".into(),
                    masked: "x".into(),
                },
                gender: Gender::Male,
                birth_date: NaiveDate::from_ymd_opt(1990, 3, 7).unwrap(),
                category: MemberCategory::InService,
                mobile: None,
                bank_card: None,
                bank_card_luhn_override_by: None,
                health_consent: false,
            },
            now(),
        );
        assert!(matches!(
            dup,
            Err(StoreError::Conflict {
                code: huzhu_domain::ErrorCode::MemberDuplicateIdNumber,
                ..
            })
        ));
        let account = accounts::insert_for_member(&mut c, &m, "x", now()).unwrap();
        assert_eq!(
            members::find_by_id_number_hash(&mut c, "h1")
                .unwrap()
                .unwrap()
                .id,
            m.id
        );
        assert_eq!(
            accounts::find_by_member(&mut c, m.id).unwrap().unwrap().id,
            account.id
        );
        assert_eq!(account.kind, AccountKind::Member);
        assert_eq!(
            (
                account.roles.as_slice(),
                account.display_name.as_str(),
                account.org_unit_id
            ),
            (&[Role::Member][..], "张伟", t.union.id)
        );
        assert!(members::find_by_id_number_hash(&mut c, "h2")
            .unwrap()
            .is_none());
    });
}

#[test]
fn a_member_reaches_themself_and_nobody_reaches_anything() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let me =
            members::insert(&mut c, registrant(t.union.id, "张伟", "h1", false), now()).unwrap();
        let other =
            members::insert(&mut c, registrant(t.union.id, "李娜", "h2", false), now()).unwrap();
        let all = Paging::new(None, None);
        let filter = members::MemberFilter::default();

        let mine = Reach::of_member(me.id);
        assert_eq!(members::get_within(&mut c, &mine, me.id).unwrap().id, me.id);
        assert!(matches!(
            members::get_within(&mut c, &mine, other.id),
            Err(StoreError::NotFound)
        ));
        let (listed, total) = members::list(&mut c, &mine, &filter, all).unwrap();
        assert_eq!(
            (listed.iter().map(|m| m.id).collect::<Vec<_>>(), total),
            (vec![me.id], 1)
        );
        // A member reaches no unit, and so no unit's records.
        assert!(matches!(
            org_units::get_within(&mut c, &mine, t.union.id),
            Err(StoreError::NotFound)
        ));
        let units = org_units::list(&mut c, &mine, &OrgUnitFilter::default(), all).unwrap();
        assert_eq!(units.1, 0);
        let staff = accounts::list_staff(&mut c, &mine, &StaffFilter::default(), all).unwrap();
        assert_eq!(staff.1, 0);

        assert!(matches!(
            members::get_within(&mut c, &Reach::NOBODY, me.id),
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            members::list(&mut c, &Reach::NOBODY, &filter, all)
                .unwrap()
                .1,
            0
        );
        let shenzhen = Reach::of_staff(t.shenzhen.kind, &t.shenzhen.path);
        assert_eq!(members::list(&mut c, &shenzhen, &filter, all).unwrap().1, 0);
        let guangzhou = Reach::of_staff(t.guangzhou.kind, &t.guangzhou.path);
        assert_eq!(
            members::list(&mut c, &guangzhou, &filter, all).unwrap().1,
            2
        );
        assert_eq!(
            members::list(&mut c, &Reach::everything(), &filter, all)
                .unwrap()
                .1,
            2
        );
    });
}

#[test]
fn refresh_tokens_are_spent_once_and_families_revoke() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let a = accounts::insert(&mut c, staff("a", t.province.id, &[Role::Admin]), now()).unwrap();
        let fam = sessions::start_family(&mut c, a.id, now()).unwrap();
        sessions::insert_refresh_token(&mut c, fam, "hash-1", now(), now() + Duration::days(7))
            .unwrap();
        let tok = sessions::find_refresh_token(&mut c, "hash-1")
            .unwrap()
            .unwrap();
        assert_eq!(
            (
                tok.family_id,
                tok.account_id,
                tok.used_at,
                tok.family_revoked
            ),
            (fam, a.id, None, false)
        );
        assert!(sessions::spend_refresh_token(&mut c, tok.id, now()).unwrap());
        assert!(!sessions::spend_refresh_token(&mut c, tok.id, now()).unwrap());

        let other = sessions::start_family(&mut c, a.id, now()).unwrap();
        sessions::revoke_family(&mut c, fam, "logout", now()).unwrap();
        assert!(sessions::family(&mut c, fam).unwrap().unwrap().revoked);
        assert!(!sessions::family(&mut c, other).unwrap().unwrap().revoked);
        sessions::revoke_account(&mut c, a.id, "disabled", now()).unwrap();
        assert!(sessions::family(&mut c, other).unwrap().unwrap().revoked);
        assert!(
            sessions::find_refresh_token(&mut c, "hash-1")
                .unwrap()
                .unwrap()
                .family_revoked
        );
    });
}

#[test]
fn api_clients_round_trip() {
    each_backend(|store| {
        let mut c = store.conn().unwrap();
        let t = tree(&mut c);
        let a = accounts::insert(&mut c, staff("a", t.province.id, &[Role::Admin]), now()).unwrap();
        let client = api_clients::insert(
            &mut c,
            api_clients::NewApiClient {
                client_id: "hz_abc",
                name: "医保平台",
                secret_hash: "s",
                scopes: &[ApiScope::CoverageRead, ApiScope::SettlementsWrite],
                created_by: a.id,
            },
            now(),
        )
        .unwrap();
        assert_eq!(
            client.scopes,
            vec![ApiScope::CoverageRead, ApiScope::SettlementsWrite]
        );
        assert_eq!(
            api_clients::find_by_client_id(&mut c, "hz_abc")
                .unwrap()
                .unwrap()
                .id,
            client.id
        );
        let revoked = api_clients::revoke(&mut c, client.id, now()).unwrap();
        assert!(!revoked.active);
        assert!(matches!(
            api_clients::revoke(&mut c, 9999, now()),
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            api_clients::list(&mut c, Paging::new(None, None))
                .unwrap()
                .1,
            1
        );
    });
}

/// Concurrent read-then-write transactions all commit: writers queue instead of failing.
#[test]
fn concurrent_write_transactions_queue() {
    each_backend(|store| {
        let province = store
            .write(|c| Ok::<_, StoreError>(unit(c, None, OrgUnitKind::Province, "省", None)))
            .unwrap();
        std::thread::scope(|s| {
            for worker in 0..4 {
                let store = store.clone();
                let province = province.clone();
                s.spawn(move || {
                    for i in 0..10 {
                        store
                            .write(|c| {
                                let root = org_units::get(c, province.id)?;
                                org_units::insert(
                                    c,
                                    NewOrgUnit {
                                        parent: Some(&root),
                                        kind: OrgUnitKind::CityOffice,
                                        name: &format!("市{worker}-{i}"),
                                        credit_code: None,
                                    },
                                    now(),
                                )
                            })
                            .unwrap();
                    }
                });
            }
        });
        let counts = store
            .read(|c| org_units::child_counts(c, &[province.id]))
            .unwrap();
        assert_eq!(counts.get(&province.id), Some(&40));
    });
}

fn registrant<'a>(
    unit: i64,
    name: &'a str,
    hash: &'a str,
    with_mobile: bool,
) -> members::NewMember<'a> {
    members::NewMember {
        org_unit_id: unit,
        name,
        id_number_hash: hash,
        id_number: members::Protected {
            ciphertext: format!("sealed-{hash}"),
            masked: "440106********1231".into(),
        },
        gender: Gender::Female,
        birth_date: NaiveDate::from_ymd_opt(1988, 5, 1).unwrap(),
        category: MemberCategory::GigWorker,
        mobile: with_mobile.then(|| members::Protected {
            ciphertext: format!("mobile-{hash}"),
            masked: "138****1234".into(),
        }),
        bank_card: None,
        bank_card_luhn_override_by: None,
        health_consent: with_mobile,
    }
}

#[test]
fn members_register_in_bulk_with_ids_in_the_order_given() {
    each_backend(|store| {
        let union = {
            let mut c = store.conn().unwrap();
            tree(&mut c).union.id
        };
        // More than one chunk, in an order unrelated to the hashes.
        let hashes: Vec<String> = (0..2_345).rev().map(|i| format!("h{i:05}")).collect();
        let names: Vec<String> = (0..hashes.len()).map(|i| format!("成员{i}")).collect();
        let new: Vec<_> = hashes
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(i, (h, n))| registrant(union, n, h, i % 2 == 0))
            .collect();
        let ids = store
            .write(|c| members::insert_many(c, &new, now()))
            .unwrap();
        assert_eq!(ids.len(), new.len());
        let mut c = store.conn().unwrap();
        for i in [0, 1, 999, 1_000, 1_001, 2_344] {
            let m = members::get(&mut c, ids[i]).unwrap();
            assert_eq!(m.name, names[i]);
            assert_eq!(m.id_number.ciphertext, format!("sealed-{}", hashes[i]));
            assert_eq!(m.mobile.is_some(), i % 2 == 0);
            assert_eq!(m.health_consent_at.is_some(), i % 2 == 0);
            assert_eq!(members::unit_history(&mut c, ids[i]).unwrap().len(), 1);
        }

        // One already registered person in a chunk: nothing of the whole call stays.
        let later = [
            registrant(union, "新人甲", "fresh-1", false),
            registrant(union, "重复", "h00007", false),
        ];
        let dup = store.write(|c| members::insert_many(c, &later, now()));
        assert!(matches!(
            dup,
            Err(StoreError::Conflict {
                code: huzhu_domain::ErrorCode::MemberDuplicateIdNumber,
                ..
            })
        ));
        assert!(members::find_by_id_number_hash(&mut c, "fresh-1")
            .unwrap()
            .is_none());
    });
}

/// Point reads on SQLite get a connection at once, open and ready, and never wait for one:
/// with every point reader held the next asks get `None` (the caller then reads on a blocking
/// thread). PostgreSQL has none.
#[test]
fn point_readers_are_open_at_once_and_never_waited_for() {
    use diesel::connection::SimpleConnection;
    let db = sqlite_empty();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let held: Vec<_> = (0..cores)
        .map(|i| {
            db.store
                .point_reader()
                .unwrap_or_else(|| panic!("point reader {i} of {cores} is open at once"))
        })
        .collect();
    let started = std::time::Instant::now();
    assert!(db.store.point_reader().is_none(), "all are held");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(100),
        "asking for a point reader never waits"
    );
    for mut c in held {
        c.batch_execute("SELECT 1").expect("a point reader answers");
    }
    assert!(
        db.store.point_reader().is_some(),
        "given back, one is free again"
    );
    if let Some(pg) = postgres_empty() {
        assert!(
            pg.store.point_reader().is_none(),
            "PostgreSQL reads go to blocking threads"
        );
    }
}

#[test]
fn kept_answers_are_forgotten_oldest_first_in_bounded_chunks() {
    use huzhu_store::idempotency;
    each_backend(|store| {
        for day in 0..5 {
            store
                .write(|c| {
                    idempotency::claim(
                        c,
                        "staff:1",
                        &format!("k{day}"),
                        "sha",
                        now() + Duration::days(day),
                    )
                })
                .unwrap();
        }
        let cutoff = now() + Duration::days(4);
        let sweep = |n| {
            store
                .write(|c| idempotency::forget_before(c, cutoff, n))
                .unwrap()
        };
        assert_eq!(sweep(2), 2);
        assert!(store
            .read(|c| idempotency::find(c, "staff:1", "k1"))
            .unwrap()
            .is_none());
        assert!(store
            .read(|c| idempotency::find(c, "staff:1", "k2"))
            .unwrap()
            .is_some());
        assert_eq!(sweep(2), 2);
        assert_eq!(
            sweep(2),
            0,
            "the answer of day 4 is not older than the cutoff"
        );
        assert!(store
            .read(|c| idempotency::find(c, "staff:1", "k4"))
            .unwrap()
            .is_some());
    });
}
