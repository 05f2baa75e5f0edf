//! Formatting of values for display, the same in both languages.

use chrono::{DateTime, FixedOffset, Utc};

/// The association works on China Standard Time, so instants are shown in UTC+8 whatever the
/// browser's own time zone (a member abroad still sees the times the branch office sees).
pub fn date_time(t: &DateTime<Utc>) -> String {
    match FixedOffset::east_opt(8 * 3600) {
        Some(cst) => t.with_timezone(&cst).format("%Y-%m-%d %H:%M").to_string(),
        None => t.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}
