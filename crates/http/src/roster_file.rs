//! Reads an uploaded roster: an Excel workbook (.xlsx, first sheet) or CSV text, in UTF-8 (with
//! or without BOM) or GBK, as Excel in China saves it. The file type is taken from the content,
//! never from its name. Columns are found by their headers, in Chinese or English.

use crate::error::{ApiError, ApiResult};
use futures_util::StreamExt;
use huzhu_domain::roster::RawRow;
use huzhu_domain::ErrorCode;
use std::io::Cursor;

/// Largest roster accepted (about 200,000 rows of CSV).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

fn unreadable(code: ErrorCode, message: &str) -> ApiError {
    ApiError::invalid(code, message)
}

/// Reads the request body, refusing more than `limit` bytes with 413.
pub async fn read_body(mut payload: actix_web::web::Payload, limit: usize) -> ApiResult<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: ErrorCode::RequestUnreadableBody,
            message: e.to_string(),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    IdNumber,
    Category,
    Shares,
    Mobile,
}

fn column_of(header: &str) -> Option<Column> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    match h.as_str() {
        "姓名" | "name" => Some(Column::Name),
        "身份证号" | "身份证号码" | "公民身份号码" | "id_number" | "id number" => {
            Some(Column::IdNumber)
        }
        "人员类别" | "类别" | "category" => Some(Column::Category),
        "份数" | "参保份数" | "shares" => Some(Column::Shares),
        "手机" | "手机号" | "手机号码" | "mobile" => Some(Column::Mobile),
        _ => None,
    }
}

/// A table's lines: 1-based line number (as a spreadsheet or editor shows it) and cells.
type Table = Vec<(usize, Vec<String>)>;

/// Turns a table (first non-empty line: headers) into rows.
fn rows_of(table: Table) -> ApiResult<Vec<RawRow>> {
    let mut lines = table
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, headers)) = lines.next() else {
        return Err(unreadable(
            ErrorCode::RosterEmpty,
            "the roster is empty: it needs a header row and at least one member",
        ));
    };
    let columns: Vec<Option<Column>> = headers.iter().map(|h| column_of(h)).collect();
    for (needed, label) in [
        (Column::Name, "姓名 (name)"),
        (Column::IdNumber, "身份证号 (id_number)"),
    ] {
        if !columns.contains(&Some(needed)) {
            return Err(unreadable(
                ErrorCode::RosterMissingColumn,
                &format!("the roster has no column {label}; the first row must name the columns: 姓名, 身份证号, and optionally 人员类别, 份数, 手机"),
            ));
        }
    }
    let rows: Vec<RawRow> = lines
        .map(|(line, cells)| {
            let mut row = RawRow {
                line,
                ..Default::default()
            };
            for (cell, column) in cells.into_iter().zip(&columns) {
                let target = match column {
                    Some(Column::Name) => &mut row.name,
                    Some(Column::IdNumber) => &mut row.id_number,
                    Some(Column::Category) => &mut row.category,
                    Some(Column::Shares) => &mut row.shares,
                    Some(Column::Mobile) => &mut row.mobile,
                    None => continue,
                };
                *target = cell.trim().to_string();
            }
            row
        })
        .collect();
    if rows.is_empty() {
        return Err(unreadable(
            ErrorCode::RosterEmpty,
            "the roster has a header row but no members",
        ));
    }
    Ok(rows)
}

fn xlsx_table(bytes: &[u8]) -> ApiResult<Table> {
    use calamine::{Reader, Xlsx};
    let broken = || {
        unreadable(ErrorCode::RosterUnreadableXlsx, "the Excel file cannot be read: it is damaged or incomplete; save it again and upload it")
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|_| broken())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(broken)?
        .map_err(|_| broken())?;
    let first = range.start().map_or(0, |(row, _)| row as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, r)| (first + i + 1, r.iter().map(|c| c.to_string()).collect()))
        .collect())
}

fn csv_text(bytes: &[u8]) -> ApiResult<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(unreadable(
            ErrorCode::RosterNotARoster,
            "the file is neither CSV text nor an Excel .xlsx workbook",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            unreadable(
                ErrorCode::RosterEncoding,
                "the CSV file is neither UTF-8 nor GBK text; save it again as CSV (UTF-8)",
            )
        })
}

fn csv_table(text: &str) -> ApiResult<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    // Lines are counted from byte offsets (the reader skips blank lines in its own count),
    // carrying the count forward so that the whole file is scanned once.
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    let mut table = Vec::new();
    for record in reader.records() {
        let rec = record.map_err(|e| {
            unreadable(
                ErrorCode::RosterMalformedCsv,
                &format!("the CSV file is malformed: {e}"),
            )
        })?;
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while bytes.get(start).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            start += 1;
        }
        if start > counted_to {
            newlines += bytes[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start;
        }
        table.push((newlines + 1, rec.iter().map(str::to_string).collect()));
    }
    Ok(table)
}

/// The roster's rows, whatever the file's format.
pub fn read(bytes: &[u8]) -> ApiResult<Vec<RawRow>> {
    if bytes.is_empty() {
        return Err(unreadable(
            ErrorCode::RosterEmpty,
            "the uploaded file is empty",
        ));
    }
    let table = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_table(bytes)?
    } else {
        csv_table(&csv_text(bytes)?)?
    };
    rows_of(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk() {
        let text = "姓名,身份证号,份数\n张伟,440106199003071231,2\n\n李娜,440304198511204567,\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        let rows = read(&with_bom).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].name.as_str(), rows[0].shares.as_str()),
            (2, "张伟", "2")
        );
        assert_eq!(
            rows[1].line, 4,
            "blank lines keep their place in the numbering"
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(read(&gbk).unwrap(), rows);
    }

    #[test]
    fn refuses_what_is_not_a_roster() {
        let code = |bytes: &[u8]| match read(bytes) {
            Err(ApiError::Invalid { code, .. }) => code,
            other => panic!("{:?}", other.map(|r| r.len())),
        };
        assert_eq!(code(b""), ErrorCode::RosterEmpty);
        assert_eq!(code("姓名,身份证号\n".as_bytes()), ErrorCode::RosterEmpty);
        assert_eq!(
            code("name,phone\nx,1\n".as_bytes()),
            ErrorCode::RosterMissingColumn
        );
        assert_eq!(
            code(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ErrorCode::RosterNotARoster
        );
        assert_eq!(
            code(b"PK\x03\x04truncated"),
            ErrorCode::RosterUnreadableXlsx
        );
        assert_eq!(
            code(&[0xff, 0xfe, 0xfd, 0x41, 0x0a]),
            ErrorCode::RosterEncoding
        );
    }
}
