//! The names a column's `CHECK` admits are exactly the names of the domain enum the store reads it
//! into, in both backends' migrations: a value added to an enum without widening the constraint
//! (or the other way round) fails here rather than at the first insert in production.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_domain::adjudication::ClaimKind;
use huzhu_domain::claim_flow::{ClaimChannel, ClaimStatus};
use huzhu_domain::contribution::ContributionChannel;
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::governance::{
    Body, InspectionStatus, MeetingStatus, MotionStatus, MotionType, Position,
};
use huzhu_domain::ledger::{Account, ExpenseStatus, JournalKind};
use huzhu_domain::payout::{PaymentBatchStatus, PaymentStatus};
use huzhu_domain::roster::EnrollmentBatchStatus;
use huzhu_domain::{Named, OrgUnitKind};
use std::collections::BTreeSet;
use std::path::Path;

/// Every `up.sql` of one backend, in order.
fn migrations(backend: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../migrations")
        .join(backend);
    let mut dirs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|d| d.unwrap().path())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|d| std::fs::read_to_string(d.join("up.sql")).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names `CHECK (column IN (...))` admits in the definition of `table`.
fn admitted(sql: &str, table: &str, column: &str) -> BTreeSet<String> {
    let start = sql
        .find(&format!("CREATE TABLE {table} ("))
        .unwrap_or_else(|| panic!("no table {table}"));
    let body = &sql[start..start + sql[start..].find("\n);").unwrap()];
    let check = format!("CHECK ({column} IN (");
    let at = body
        .find(&check)
        .unwrap_or_else(|| panic!("{table}.{column} has no CHECK of its names"));
    let list = &body[at + check.len()..];
    list[..list.find(')').unwrap()]
        .split(',')
        .map(|n| n.trim().trim_matches('\'').to_string())
        .collect()
}

fn names<T: Named>() -> BTreeSet<String> {
    T::ALL.iter().map(|v| v.as_str().to_string()).collect()
}

#[test]
fn every_named_column_admits_exactly_its_enums_names() {
    let columns: [(&str, &str, BTreeSet<String>); 21] = [
        ("org_units", "kind", names::<OrgUnitKind>()),
        ("policies", "status", names::<PolicyState>()),
        ("contributions", "channel", names::<ContributionChannel>()),
        (
            "enrollment_batches",
            "status",
            names::<EnrollmentBatchStatus>(),
        ),
        (
            "batch_contributions",
            "channel",
            names::<ContributionChannel>(),
        ),
        ("claims", "kind", names::<ClaimKind>()),
        ("claims", "status", names::<ClaimStatus>()),
        ("claims", "channel", names::<ClaimChannel>()),
        ("gov_terms", "body", names::<Body>()),
        ("gov_seats", "position", names::<Position>()),
        ("gov_meetings", "status", names::<MeetingStatus>()),
        ("gov_motions", "kind", names::<MotionType>()),
        ("gov_motions", "elect_to", names::<Body>()),
        ("gov_motions", "candidate_position", names::<Position>()),
        ("gov_motions", "status", names::<MotionStatus>()),
        ("inspections", "status", names::<InspectionStatus>()),
        ("journal_entries", "kind", names::<JournalKind>()),
        ("postings", "account", names::<Account>()),
        ("payment_batches", "status", names::<PaymentBatchStatus>()),
        ("payments", "status", names::<PaymentStatus>()),
        ("expenses", "status", names::<ExpenseStatus>()),
    ];
    for backend in ["sqlite", "postgres"] {
        let sql = migrations(backend);
        for (table, column, expected) in &columns {
            assert_eq!(
                &admitted(&sql, table, column),
                expected,
                "{backend}: {table}.{column}"
            );
        }
    }
}
