use diesel::result::{DatabaseErrorKind, Error as DieselError};
use huzhu_domain::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or state rule of the data refused the change.
    #[error("{message}")]
    Conflict { code: ErrorCode, message: String },
    #[error("database error: {0}")]
    Database(DieselError),
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("could not connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database migration failed: {0}")]
    Migration(String),
    /// Stored data this version cannot read (written by hand, or by a newer version).
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    #[error("unsupported database URL {0:?}: use a file path or sqlite:// URL, or postgres://")]
    Url(String),
}

impl StoreError {
    pub fn conflict(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => Self::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                Self::Conflict {
                    code: ErrorCode::ConflictDuplicate,
                    message: format!("this already exists ({})", info.message()),
                }
            }
            other => Self::Database(other),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
