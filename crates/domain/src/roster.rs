//! A grassroots union's roster (参保名单): its rows read into typed entries, each problem
//! reported with its line and column, so a clerk can fix the file and upload it again.
//! Whether an entry may enroll is `eligibility::check_person`; this module covers what is
//! particular to a file: cell formats, formula injection and duplicates inside the file.

use crate::eligibility::Ineligible;
use crate::ErrorCode;
use crate::{IdNumber, MemberCategory, Mobile};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a committed roster stands: its policies wait for the union's one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EnrollmentBatchStatus {
    PendingPayment,
    Paid,
}

crate::named::names!(EnrollmentBatchStatus {
    PendingPayment = "pending_payment",
    Paid = "paid",
});

/// A problem in one cell of an uploaded roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterIssue {
    /// The line in the file (the header is line 1).
    pub line: usize,
    /// `name`, `id_number`, `category`, `shares`, `mobile`, or `row`.
    pub column: String,
    pub code: ErrorCode,
    pub message: String,
}

/// A rule of the plan about the unit as a whole (participation rate, group size, same shares).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitProblem {
    pub code: ErrorCode,
    pub message: String,
}

/// What a roster would enroll, or why it cannot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RosterReport {
    pub plan_code: String,
    pub rows: usize,
    /// Rows without any problem.
    pub valid_rows: usize,
    pub issues: Vec<RosterIssue>,
    pub unit_problems: Vec<UnitProblem>,
    /// Total premium of the valid rows, in yuan.
    pub premium_total: String,
    /// Members not yet in the register, who would be registered.
    pub new_members: usize,
    /// The file's SHA-256: committing the same file again enrolls nobody twice.
    pub file_sha256: String,
}

/// One data row as it stands in the file (line numbers count the header as line 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    pub line: usize,
    pub name: String,
    pub id_number: String,
    pub category: String,
    pub shares: String,
    pub mobile: String,
}

/// A problem in one cell of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    pub line: usize,
    /// `name`, `id_number`, `category`, `shares`, `mobile`, or `row` for the whole row.
    pub column: &'static str,
    pub code: ErrorCode,
    pub message: String,
}

impl RowIssue {
    fn new(line: usize, column: &'static str, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            line,
            column,
            code,
            message: message.into(),
        }
    }

    /// A problem found by the caller (e.g. against the register), in the same shape.
    pub fn new_public(
        line: usize,
        column: &'static str,
        code: ErrorCode,
        message: impl Into<String>,
    ) -> Self {
        Self::new(line, column, code, message)
    }

    /// An eligibility refusal, placed on the column it is about.
    pub fn ineligible(line: usize, problem: &Ineligible) -> Self {
        let column = match problem.code() {
            ErrorCode::EnrollmentShares => "shares",
            ErrorCode::EnrollmentCategory => "category",
            ErrorCode::EnrollmentAge
            | ErrorCode::EnrollmentGender
            | ErrorCode::EnrollmentAlreadyCovered => "id_number",
            _ => "row",
        };
        Self::new(line, column, problem.code(), problem.to_string())
    }
}

/// A row that reads well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub line: usize,
    pub name: String,
    pub id: IdNumber,
    pub category: MemberCategory,
    pub shares: u32,
    pub mobile: Option<Mobile>,
}

/// The categories as a union's clerk writes them (Chinese or the API's names).
fn category(text: &str) -> Option<MemberCategory> {
    match text {
        "" | "在职职工" | "在职" => Some(MemberCategory::InService),
        "在档困难职工" | "困难职工" => Some(MemberCategory::RegisteredHardship),
        "劳动模范" | "劳模" => Some(MemberCategory::ModelWorker),
        "新就业形态劳动者" | "新业态" => Some(MemberCategory::GigWorker),
        "特殊群体" => Some(MemberCategory::SpecialGroup),
        other => MemberCategory::parse(other),
    }
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`).
pub fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@'])
}

/// Reads every row; `default_shares` applies where the shares cell is empty.
pub fn read_rows(rows: &[RawRow], default_shares: u32) -> (Vec<RosterEntry>, Vec<RowIssue>) {
    let mut entries = Vec::with_capacity(rows.len());
    let mut issues = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let before = issues.len();
        let cells = [
            ("name", &row.name),
            ("id_number", &row.id_number),
            ("category", &row.category),
            ("shares", &row.shares),
            ("mobile", &row.mobile),
        ];
        for (column, cell) in cells {
            if is_formula(cell.trim()) && !(column == "mobile" && Mobile::parse(cell).is_ok()) {
                issues.push(RowIssue::new(
                    row.line,
                    column,
                    ErrorCode::RosterFormula,
                    "a cell may not begin with = + - or @ (it would run as a spreadsheet formula)",
                ));
            }
        }
        if issues.len() > before {
            continue;
        }
        let name = row.name.trim();
        match crate::field_rules::required_text(
            "name",
            name,
            crate::field_rules::max_chars::MEMBER_NAME,
        ) {
            Ok(_) => {}
            Err(e @ crate::field_rules::FieldError::Unprintable { .. }) => {
                issues.push(RowIssue::new(row.line, "name", e.code(), e.to_string()));
            }
            Err(_) => issues.push(RowIssue::new(
                row.line,
                "name",
                ErrorCode::RosterName,
                "the name is missing or longer than 50 characters",
            )),
        }
        let id = IdNumber::parse(&row.id_number)
            .map_err(|e| {
                issues.push(RowIssue::new(
                    row.line,
                    "id_number",
                    e.code(),
                    e.to_string(),
                ))
            })
            .ok();
        let cat = category(row.category.trim());
        if cat.is_none() {
            issues.push(RowIssue::new(
                row.line,
                "category",
                ErrorCode::RosterCategory,
                format!("unknown member category `{}`", row.category.trim()),
            ));
        }
        let shares = match row.shares.trim() {
            "" => Some(default_shares),
            s => s.parse::<u32>().ok().filter(|n| *n > 0),
        };
        if shares.is_none() {
            issues.push(RowIssue::new(
                row.line,
                "shares",
                ErrorCode::RosterShares,
                format!("`{}` is not a whole number of shares", row.shares.trim()),
            ));
        }
        let mobile = match row.mobile.trim() {
            "" => None,
            m => Mobile::parse(m)
                .map_err(|e| {
                    issues.push(RowIssue::new(row.line, "mobile", e.code(), e.to_string()))
                })
                .ok(),
        };
        if let Some(id) = &id {
            if let Some(first) = first_line.get(id.as_str()) {
                issues.push(RowIssue::new(
                    row.line,
                    "id_number",
                    ErrorCode::RosterDuplicate,
                    format!("the same ID number is already on line {first}"),
                ));
                continue;
            }
            first_line.insert(id.as_str().to_string(), row.line);
        }
        if let (true, Some(id), Some(category), Some(shares)) =
            (issues.len() == before, id, cat, shares)
        {
            entries.push(RosterEntry {
                line: row.line,
                name: name.to_string(),
                id,
                category,
                shares,
                mobile,
            });
        }
    }
    (entries, issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id_number::check_char;
    use proptest::prelude::*;

    fn row(line: usize, name: &str, id: &str) -> RawRow {
        RawRow {
            line,
            name: name.into(),
            id_number: id.into(),
            ..Default::default()
        }
    }

    #[test]
    fn reads_good_rows_and_reports_bad_cells() {
        let rows = vec![
            row(2, "张伟", "440106199003071231"),
            RawRow {
                line: 3,
                name: "李娜".into(),
                id_number: "440304198511204567".into(),
                category: "劳模".into(),
                shares: "2".into(),
                mobile: "+86 13800138000".into(),
            },
            row(4, "王五", "440106199003071232"),
            row(5, "张伟", "440106199003071231"),
            RawRow {
                line: 6,
                name: "=HYPERLINK(\"x\")".into(),
                id_number: "440106199506124411".into(),
                ..Default::default()
            },
            RawRow {
                line: 7,
                name: "赵六".into(),
                id_number: "440305198808083328".into(),
                shares: "two".into(),
                category: "宇航员".into(),
                ..Default::default()
            },
        ];
        let (entries, issues) = read_rows(&rows, 1);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].category, MemberCategory::ModelWorker);
        assert_eq!(entries[1].shares, 2);
        assert_eq!(
            entries[1].mobile.as_ref().map(Mobile::as_str),
            Some("13800138000")
        );
        let found: Vec<(usize, &str, ErrorCode)> =
            issues.iter().map(|i| (i.line, i.column, i.code)).collect();
        assert_eq!(
            found,
            vec![
                (4, "id_number", ErrorCode::IdNumberCheckDigit),
                (5, "id_number", ErrorCode::RosterDuplicate),
                (6, "name", ErrorCode::RosterFormula),
                (7, "category", ErrorCode::RosterCategory),
                (7, "shares", ErrorCode::RosterShares),
            ]
        );
    }

    proptest! {
        /// Every row ends up either as an entry or with at least one issue on its line.
        #[test]
        fn every_row_is_accounted_for(seqs in proptest::collection::vec(0u32..50, 1..40), corrupt in proptest::collection::vec(any::<bool>(), 40)) {
            let rows: Vec<RawRow> = seqs.iter().enumerate().map(|(i, seq)| {
                let first17 = format!("44010619900307{seq:03}");
                let mut id = format!("{first17}{}", check_char(first17.as_bytes()));
                if corrupt[i] { id.push('9'); }
                row(i + 2, "某某", &id)
            }).collect();
            let (entries, issues) = read_rows(&rows, 1);
            for r in &rows {
                let ok = entries.iter().any(|e| e.line == r.line);
                let bad = issues.iter().any(|i| i.line == r.line);
                prop_assert!(ok ^ bad, "line {} ok={} bad={}", r.line, ok, bad);
            }
        }
    }
}
