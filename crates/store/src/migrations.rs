//! The migrations of both backends, embedded in the binary and run at start-up.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use diesel::migration::MigrationSource;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

fn failed(e: impl std::fmt::Display) -> StoreError {
    StoreError::Migration(e.to_string())
}

/// Applies what has not been applied yet; returns the versions applied now.
pub fn run_pending(conn: &mut DbConn) -> StoreResult<Vec<String>> {
    let versions = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES).map_err(failed)?,
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE).map_err(failed)?,
    };
    Ok(versions.iter().map(|v| v.to_string()).collect())
}

/// Reverts every applied migration, newest first (used to prove that `down` works).
pub fn revert_all(conn: &mut DbConn) -> StoreResult<Vec<String>> {
    let versions = match conn {
        DbConn::Pg(c) => c.revert_all_migrations(POSTGRES).map_err(failed)?,
        DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE).map_err(failed)?,
    };
    Ok(versions.iter().map(|v| v.to_string()).collect())
}

/// The migration names of each backend, in order.
pub fn names() -> StoreResult<(Vec<String>, Vec<String>)> {
    let sqlite = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE)
        .map_err(failed)?
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    let postgres = MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES)
        .map_err(failed)?
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    Ok((sqlite, postgres))
}
