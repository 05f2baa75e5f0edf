//! Spreadsheets Huzhu hands out (.xlsx). Every cell is written as text, and text that a
//! spreadsheet would take for a formula is neutralised, so a downloaded file (or a CSV someone
//! later saves from it) can never run anything.

use crate::error::{ApiError, ApiResult};
use rust_xlsxwriter::{Format, Workbook};
use std::borrow::Cow;

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Text as a cell holds it: a value starting with `=`, `+`, `-` or `@` (or a tab or carriage
/// return, which some programs skip before looking for those) gets an apostrophe in front.
pub fn cell_text(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// One sheet: a few labelled facts above a table with a header row.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub facts: Vec<(&'a str, String)>,
    pub headers: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
    /// Columns (0-based) aligned right: amounts and counts.
    pub right_aligned: &'a [u16],
}

fn failed(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::Internal(format!("cannot write the workbook: {e}"))
}

/// The sheet as an .xlsx file.
pub fn write(sheet: &Sheet<'_>) -> ApiResult<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet.name).map_err(failed)?;
    let bold = Format::new().set_bold();
    let header = Format::new().set_bold().set_background_color("#E8EEF7");
    let plain = Format::new();
    let right = Format::new().set_align(rust_xlsxwriter::FormatAlign::Right);
    let mut row: u32 = 0;
    for (label, value) in &sheet.facts {
        ws.write_string_with_format(row, 0, cell_text(label), &bold)
            .map_err(failed)?;
        ws.write_string(row, 1, cell_text(value)).map_err(failed)?;
        row += 1;
    }
    if !sheet.facts.is_empty() {
        row += 1;
    }
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| display_width(h)).collect();
    for (col, title) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(row, column(col)?, cell_text(title), &header)
            .map_err(failed)?;
    }
    ws.set_freeze_panes(row + 1, 0).map_err(failed)?;
    for cells in &sheet.rows {
        row += 1;
        for (col, value) in cells.iter().enumerate() {
            let c = column(col)?;
            let format = if sheet.right_aligned.contains(&c) {
                &right
            } else {
                &plain
            };
            ws.write_string_with_format(row, c, cell_text(value), format)
                .map_err(failed)?;
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(display_width(value));
            }
        }
    }
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(column(col)?, (*w as f64 + 2.0).min(60.0))
            .map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

fn column(index: usize) -> ApiResult<u16> {
    u16::try_from(index).map_err(|_| ApiError::Internal("too many columns".into()))
}

/// Width in spreadsheet character cells: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_are_escaped() {
        for bad in [
            "=1+1",
            "+86 138",
            "-2",
            "@SUM(A1)",
            "\t=cmd",
            "\r=x",
            "=HYPERLINK(\"x\")",
        ] {
            let cell = cell_text(bad);
            assert!(cell.starts_with('\''), "{bad:?} became {cell:?}");
            assert_eq!(&cell[1..], bad);
        }
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        for fine in ["张伟", "440106********1231", "120.00", "", "a=b", "1-2"] {
            assert_eq!(cell_text(fine), fine);
        }
    }
}
