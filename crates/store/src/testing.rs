//! Fresh, migrated databases for tests: a SQLite file in a temporary directory, and a new
//! PostgreSQL database per test (dropped afterwards).
//!
//! PostgreSQL is found at `HUZHU_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). When it does not answer, the PostgreSQL half
//! of a test is skipped with a warning, unless `CI=true` or `HUZHU_REQUIRE_POSTGRES=1`, where
//! that is a failure.

use crate::db::{DatabaseUrl, Store};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::Connection;
use rand::Rng;

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    // Declared before the guard so the pool closes before the database is dropped.
    pub store: Store,
    pub url: String,
    _guard: Guard,
}

enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = PgConnection::establish(admin_url) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

pub fn postgres_admin_url() -> String {
    std::env::var("HUZHU_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string())
}

/// `url` with `sslmode=disable` unless it names a mode. The test server is a local one; a
/// connection the pool opens in the background while a test process exits would otherwise be
/// negotiating TLS as OpenSSL's exit handler frees its locks, and the process dies of SIGSEGV.
fn without_tls(url: &str) -> String {
    if url.contains("sslmode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

fn postgres_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("HUZHU_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

#[allow(clippy::expect_used)]
pub fn sqlite_empty() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("huzhu.sqlite3");
    let url = path.to_string_lossy().to_string();
    let store = Store::connect(&DatabaseUrl::Sqlite(url.clone()), 8).expect("open SQLite");
    TestDb {
        store,
        url,
        _guard: Guard::Sqlite(dir),
    }
}

/// A new empty PostgreSQL database, or `None` (with a warning) when no server answers.
#[allow(clippy::expect_used, clippy::panic)]
pub fn postgres_empty() -> Option<TestDb> {
    let admin_url = postgres_admin_url();
    let (server, options) = admin_url
        .split_once('?')
        .map_or((admin_url.as_str(), ""), |(s, o)| (s, o));
    let admin_url = without_tls(&admin_url);
    let mut admin = match PgConnection::establish(&admin_url) {
        Ok(c) => c,
        Err(e) if !postgres_required() => {
            eprintln!(
                "WARNING: PostgreSQL is not reachable at {admin_url} ({e}); \
                 the PostgreSQL half of this test is SKIPPED"
            );
            return None;
        }
        Err(e) => panic!(
            "PostgreSQL is required (CI or HUZHU_REQUIRE_POSTGRES=1) but not reachable at {admin_url}: {e}"
        ),
    };
    let name = format!("huzhu_test_{:016x}", rand::thread_rng().gen::<u64>());
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    let base = server.rsplit_once('/').map_or(server, |(b, _)| b);
    let url = if options.is_empty() {
        without_tls(&format!("{base}/{name}"))
    } else {
        without_tls(&format!("{base}/{name}?{options}"))
    };
    let guard = Guard::Postgres { admin_url, name };
    let store = Store::connect(&DatabaseUrl::Postgres(url.clone()), 8)
        .expect("connect to the test database");
    Some(TestDb {
        store,
        url,
        _guard: guard,
    })
}

#[allow(clippy::expect_used)]
fn migrated(db: TestDb) -> TestDb {
    db.store.migrate().expect("migrations apply");
    db
}

pub fn sqlite() -> TestDb {
    migrated(sqlite_empty())
}

pub fn postgres() -> Option<TestDb> {
    postgres_empty().map(migrated)
}

/// Runs `test` on a fresh migrated SQLite database and then on a fresh PostgreSQL one.
pub fn each_backend(test: impl Fn(&Store)) {
    test(&sqlite().store);
    if let Some(db) = postgres() {
        test(&db.store);
    }
}

/// Records the tests of several crates start from.
pub mod seed {
    use crate::accounts::{self, AccountKind, NewAccount};
    use crate::claims::{self, NewClaim};
    use crate::org_units::{self, NewOrgUnit};
    use crate::{members, plans, policies, DbConn, StoreResult};
    use chrono::{DateTime, Utc};
    use huzhu_domain::plan::examples::guangdong_demo;
    use huzhu_domain::{Gender, MemberCategory, OrgUnitKind, Role};

    /// The province, a member and her ZY policy.
    #[derive(Debug, Clone, Copy)]
    pub struct Insured {
        pub unit: i64,
        pub member: i64,
        pub policy: i64,
    }

    /// A province, the demo ZY plan in force, 李娜 (a bank card on file) and her one-share ZY
    /// policy active from 2026-01-10 for a year; its premium falls due `now`.
    pub fn insured(c: &mut DbConn, premium_fen: i64, now: DateTime<Utc>) -> StoreResult<Insured> {
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
        let terms = guangdong_demo()
            .into_iter()
            .find(|t| t.code.as_str() == "ZY")
            .ok_or(crate::StoreError::NotFound)?;
        let json =
            serde_json::to_string(&terms).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
        let v = plans::insert_draft(c, "ZY", &json, None, now)?;
        plans::seed_in_force(c, v.id, None, now)?;
        let day = |s: &str| s.parse().unwrap_or_default();
        let m = members::insert(
            c,
            members::NewMember {
                org_unit_id: unit.id,
                name: "李娜",
                id_number_hash: "h",
                id_number: members::Protected {
                    ciphertext: "sealed".into(),
                    masked: "440304********4567".into(),
                },
                gender: Gender::Female,
                birth_date: day("1985-11-20"),
                category: MemberCategory::InService,
                mobile: None,
                bank_card: Some(members::Protected {
                    ciphertext: "sealed card".into(),
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
                premium_fen,
                status: huzhu_domain::coverage::PolicyState::Active,
                start_date: Some(day("2026-01-10")),
                end_date: Some(day("2027-01-09")),
                waiting_period_end: Some(day("2026-04-10")),
                paid_at: Some(now),
                batch_id: None,
            },
            now,
        )?;
        Ok(Insured {
            unit: unit.id,
            member: m.id,
            policy: p.id,
        })
    }

    /// A staff account of `unit` with one role.
    pub fn staff(
        c: &mut DbConn,
        unit: i64,
        username: &str,
        password_hash: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        accounts::insert(
            c,
            NewAccount {
                kind: AccountKind::Staff,
                username: Some(username),
                member_id: None,
                display_name: username,
                org_unit_id: unit,
                password_hash,
                roles: &[role],
            },
            now,
        )
        .map(|a| a.id)
    }

    /// `n` claims of the insured member, reviewed at the branch and waiting for approval.
    pub fn reviewed_claims(
        c: &mut DbConn,
        i: Insured,
        facts: &str,
        n: usize,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<i64>> {
        let mut ids = Vec::with_capacity(n);
        for _ in 0..n {
            let claim = claims::insert(
                c,
                NewClaim {
                    member_id: i.member,
                    policy_id: i.policy,
                    org_unit_id: i.unit,
                    kind: huzhu_domain::adjudication::ClaimKind::Inpatient,
                    facts,
                    event_date: "2026-06-01".parse().unwrap_or_default(),
                    status: huzhu_domain::claim_flow::ClaimStatus::BranchReviewed,
                    channel: huzhu_domain::claim_flow::ClaimChannel::Staff,
                    settlement_number: None,
                    filed_by: None,
                    invoice_numbers: &[],
                    adjudication: None,
                },
                now,
            )?;
            ids.push(claim.id);
        }
        Ok(ids)
    }
}
