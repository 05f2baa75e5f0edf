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
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(admin_url.clone());
    let url = format!("{base}/{name}");
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
