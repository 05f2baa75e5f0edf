//! Huzhu's persistence: one diesel codebase over SQLite (embedded default) and PostgreSQL.
//! Repositories take `&mut DbConn`; callers choose the transaction with [`Store::write`].

pub mod access_log;
pub mod accounts;
pub mod api_clients;
pub mod audit;
pub mod batches;
pub mod claims;
pub mod contributions;
pub mod db;
pub mod enrollment;
pub mod error;
pub mod expenses;
pub mod governance;
pub mod idempotency;
pub mod inspections;
pub mod ledger;
pub mod members;
pub mod migrations;
pub mod org_units;
pub mod outbox;
pub mod payments;
pub mod plans;
pub mod policies;
pub mod schema;
pub mod sessions;
#[cfg(feature = "testing")]
pub mod testing;
pub mod usage;
mod write_turns;

pub use db::{write_transaction, Backend, DatabaseUrl, DbConn, Store};
pub use error::{StoreError, StoreResult};

use chrono::{DateTime, NaiveDateTime, Utc};

/// Rows per multi-row statement: well below SQLite's limit of 32,766 bound values for the
/// widest table.
pub(crate) const CHUNK: usize = 1_000;

/// Runs a multi-row statement on the concrete connection: the multi-backend does not pass batch
/// inserts through, while both backends support them natively.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// A value known by name (a status, a kind, a channel) read from a text column through the
/// domain's names: a row holding a name this version does not know fails to load with a
/// deserialisation error instead of passing on as text. The columns' `CHECK` constraints list
/// the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::deserialize::FromSqlRow)]
pub struct Stored<T>(pub T);

impl<T, DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for Stored<T>
where
    T: huzhu_domain::Named,
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let name = String::from_sql(bytes)?;
        Ok(Stored(huzhu_domain::named::read(name)?))
    }
}

/// The same for a nullable column.
impl<T, DB> diesel::deserialize::FromSql<diesel::sql_types::Nullable<diesel::sql_types::Text>, DB>
    for Stored<Option<T>>
where
    T: huzhu_domain::Named,
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let Stored(value) = <Stored<T> as diesel::deserialize::FromSql<
            diesel::sql_types::Text,
            DB,
        >>::from_sql(bytes)?;
        Ok(Stored(Some(value)))
    }

    fn from_nullable_sql(bytes: Option<DB::RawValue<'_>>) -> diesel::deserialize::Result<Self> {
        bytes.map_or(Ok(Stored(None)), Self::from_sql)
    }
}

impl<T> From<Stored<Option<T>>> for Option<T> {
    fn from(s: Stored<Option<T>>) -> Option<T> {
        s.0
    }
}

/// Instants are stored as UTC timestamps without a zone.
pub(crate) fn to_db(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub(crate) fn from_db(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub(crate) fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Limits and offsets of list queries, already clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: i64,
    pub offset: i64,
}

impl Paging {
    pub const MAX_LIMIT: i64 = 500;

    pub fn new(limit: Option<i64>, offset: Option<i64>) -> Self {
        Self {
            limit: limit.unwrap_or(100).clamp(1, Self::MAX_LIMIT),
            offset: offset.unwrap_or(0).max(0),
        }
    }
}
