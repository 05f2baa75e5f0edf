//! One connection type over both backends, a pool, and the two kinds of transaction.

use crate::error::{StoreError, StoreResult};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::time::Duration;

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where the data lives: a PostgreSQL URL, or a SQLite file path (optionally `sqlite://`).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> StoreResult<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_string()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(path.to_string()))
        } else if url.contains("://") || url.is_empty() {
            Err(StoreError::Url(url.to_string()))
        } else {
            Ok(Self::Sqlite(url.to_string()))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgres(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Passwords in URLs stay out of logs.
impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(p) => write!(f, "sqlite:{p}"),
            Self::Postgres(u) => match (u.find("://"), u.rfind('@')) {
                (Some(s), Some(at)) if at > s => write!(f, "{}://***{}", &u[..s], &u[at..]),
                _ => f.write_str(u),
            },
        }
    }
}

/// Opens connections of the right variant directly, so a failure reports its real cause (the
/// derived multi-connection `establish` would hide it), and tunes every SQLite connection.
#[derive(Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    /// More SQLite settings after [`SQLITE_SETUP`] (none for the main database).
    sqlite_extra: &'static str,
}

/// SQLite settings for every connection: WAL for concurrent readers, enforced foreign keys,
/// waiting rather than failing on a busy database, and full fsync because it holds money.
/// No memory map: the file grows with every group of access-log rows, each growth remaps
/// every connection's view, and the coverage enquiry's p99 tripled (41 ms against 14 ms).
const SQLITE_SETUP: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
    PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;";

/// SQLite keeps process-wide statistics of its memory use behind one global mutex that every
/// allocation takes: with a connection busy on each core, the cores queue on that mutex (a
/// tenth of the coverage enquiry's time went to it). Nothing here reads the statistics, so
/// they are switched off, once, before the library initialises itself.
#[allow(unsafe_code)]
fn without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` is called before any connection is opened by this process
        // (the first `establish` comes after it), which is when SQLite allows it; if the
        // library was already initialised it answers SQLITE_MISUSE and changes nothing.
        let rc = unsafe {
            libsqlite3_sys::sqlite3_config(
                libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            )
        };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(
                rc,
                "SQLite memory statistics stay on (library already initialised)"
            );
        }
    });
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = diesel::ConnectionError;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => Ok(DbConn::Pg(PgConnection::establish(url)?)),
            DatabaseUrl::Sqlite(path) => {
                without_memory_statistics();
                let mut conn = SqliteConnection::establish(path)?;
                conn.batch_execute(SQLITE_SETUP)
                    .and_then(|()| conn.batch_execute(self.sqlite_extra))
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        match conn {
            DbConn::Pg(c) => c.is_broken(),
            DbConn::Sqlite(c) => c.is_broken(),
        }
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConn = r2d2::PooledConnection<ConnectionManager>;

/// The database: a pool of connections to one backend.
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// SQLite only: connections for point reads run on the caller's own thread (an async
    /// worker), one per core, never waited for ([`Store::point_reader`]).
    point_readers: Option<Pool>,
    backend: Backend,
    url: DatabaseUrl,
    /// SQLite only: writers of this process take the write lock in the order they asked.
    write_turns: Option<std::sync::Arc<crate::write_turns::WriteTurns>>,
}

/// How long a SQLite writer waits for its turn: as long as it would wait for the lock.
const WRITE_PATIENCE: Duration = Duration::from_secs(10);

impl Store {
    pub fn connect(url: &DatabaseUrl, pool_size: u32) -> StoreResult<Self> {
        Self::connect_with(url, pool_size, "")
    }

    /// As [`Store::connect`], with more settings for every SQLite connection.
    pub fn connect_with(
        url: &DatabaseUrl,
        pool_size: u32,
        sqlite_extra: &'static str,
    ) -> StoreResult<Self> {
        if let DatabaseUrl::Sqlite(path) = url {
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Url(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
            }
        }
        let manager = ConnectionManager {
            url: url.clone(),
            sqlite_extra,
        };
        // Fail now with the real cause rather than at the first request.
        let first = r2d2::ManageConnection::connect(&manager)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(pool_size)
            .min_idle(Some(1))
            // A checkout test costs one round trip per request; broken connections are
            // detected by `has_broken` instead.
            .test_on_check_out(false)
            .connection_timeout(Duration::from_secs(10))
            .build(manager)?;
        let point_readers = match url {
            DatabaseUrl::Postgres(_) => None,
            DatabaseUrl::Sqlite(_) => {
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
                Some(
                    r2d2::Pool::builder()
                        .max_size(u32::try_from(cores).unwrap_or(2))
                        // Opened now: `try_get` hands out only connections already open.
                        .min_idle(None)
                        .test_on_check_out(false)
                        .build(ConnectionManager {
                            url: url.clone(),
                            sqlite_extra,
                        })?,
                )
            }
        };
        Ok(Self {
            pool,
            point_readers,
            backend: url.backend(),
            url: url.clone(),
            write_turns: matches!(url, DatabaseUrl::Sqlite(_)).then(Default::default),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn conn(&self) -> StoreResult<PooledConn> {
        Ok(self.pool.get()?)
    }

    /// A SQLite connection for a point read on the calling thread, when one is free now (never
    /// waits); `None` on PostgreSQL, whose reads wait on the network and belong on a blocking
    /// thread.
    pub fn point_reader(&self) -> Option<PooledConn> {
        self.point_readers.as_ref().and_then(r2d2::Pool::try_get)
    }

    /// Runs `f` with a connection, outside any explicit transaction.
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn()?;
        f(&mut conn)
    }

    /// Runs `f` in one transaction that holds the write lock from its first statement; an
    /// error of any kind from `f` rolls everything back.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        let _turn = self.write_turns.as_ref().map(|t| t.take(WRITE_PATIENCE));
        let mut conn = self.conn()?;
        write_transaction(&mut conn, f)
    }

    /// Applies pending migrations; returns the versions applied now.
    pub fn migrate(&self) -> StoreResult<Vec<String>> {
        crate::migrations::run_pending(&mut *self.conn()?)
    }

    /// Answers whether the database takes a query (readiness).
    pub fn ping(&self) -> StoreResult<()> {
        let mut conn = self.conn()?;
        conn.batch_execute("SELECT 1")?;
        Ok(())
    }
}

/// A transaction for changes. SQLite upgrades a deferred transaction from reading to writing
/// only if nobody wrote in between, and otherwise fails at once instead of waiting; taking the
/// write lock with the first statement makes concurrent writers queue on `busy_timeout`
/// instead (any write statement takes the lock; this one changes nothing). On PostgreSQL row
/// locks and constraints do that job.
pub fn write_transaction<T, E: From<StoreError>>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E> {
    enum Failure<E> {
        Database(diesel::result::Error),
        Caller(E),
    }
    impl<E> From<diesel::result::Error> for Failure<E> {
        fn from(e: diesel::result::Error) -> Self {
            Failure::Database(e)
        }
    }
    conn.transaction::<T, Failure<E>, _>(|conn| {
        if let DbConn::Sqlite(c) = conn {
            c.batch_execute("UPDATE org_units SET id = id WHERE 0 = 1")?;
        }
        f(conn).map_err(Failure::Caller)
    })
    .map_err(|e| match e {
        Failure::Database(d) => E::from(StoreError::from(d)),
        Failure::Caller(e) => e,
    })
}
