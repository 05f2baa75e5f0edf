//! Reads an uploaded roster: an Excel workbook (.xlsx, first sheet) or CSV text, in UTF-8 (with
//! or without BOM) or GBK, as Excel in China saves it. The file type is taken from the content,
//! never from its name. Columns are found by their headers, in Chinese or English.

use crate::error::{ApiError, ApiResult};
use futures_util::StreamExt;
use huzhu_domain::roster::RawRow;
use huzhu_domain::ErrorCode;
use std::io::Cursor;

/// Largest roster upload by default (about 200,000 rows of CSV).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// What an uploaded roster may hold, checked before anything is sized by the file: a workbook's
/// parts are measured by unpacking them into nothing, and its cells are read as a stream, one
/// row at a time, so a sheet that declares a million rows or a cell at `XFD1048576` costs no
/// memory (docs/architecture.md, "Uploads").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetLimits {
    /// Largest upload, in bytes.
    pub max_bytes: usize,
    /// Rows of a sheet, or lines of a CSV file, header and blank lines included.
    pub max_rows: usize,
    /// Columns of a sheet or fields of a CSV line.
    pub max_columns: usize,
    /// Distinct strings of a workbook (its shared-string table).
    pub max_shared_strings: usize,
    /// Bytes of a workbook once unpacked, all its parts together.
    pub max_unpacked_bytes: u64,
    /// Parts (files) inside a workbook.
    pub max_parts: usize,
}

impl Default for SheetLimits {
    fn default() -> Self {
        Self {
            max_bytes: MAX_BYTES,
            max_rows: 200_000,
            max_columns: 64,
            max_shared_strings: 1_000_000,
            max_unpacked_bytes: 128 * 1024 * 1024,
            max_parts: 1_000,
        }
    }
}

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

fn over_limit(code: ErrorCode, limit: impl Into<u64>, message: String) -> ApiError {
    ApiError::Invalid {
        code,
        message,
        details: Some(serde_json::json!({ "limit": limit.into() })),
    }
}

fn too_many_rows(limits: &SheetLimits) -> ApiError {
    over_limit(
        ErrorCode::RosterTooManyRows,
        limits.max_rows as u64,
        format!(
            "the roster has more than {} rows (header and blank rows included); split it into several files",
            limits.max_rows
        ),
    )
}

fn too_many_columns(limits: &SheetLimits) -> ApiError {
    over_limit(
        ErrorCode::RosterTooManyColumns,
        limits.max_columns as u64,
        format!(
            "the roster uses more than {} columns; keep only 姓名, 身份证号, 人员类别, 份数 and 手机 and save it again",
            limits.max_columns
        ),
    )
}

/// Builds the roster's rows line by line: the first non-empty line names the columns, every
/// later non-empty line is a member. Only the five known columns are kept.
struct RowBuilder<'a> {
    limits: &'a SheetLimits,
    columns: Option<Vec<Option<Column>>>,
    rows: Vec<RawRow>,
}

impl<'a> RowBuilder<'a> {
    fn new(limits: &'a SheetLimits) -> Self {
        Self {
            limits,
            columns: None,
            rows: Vec::new(),
        }
    }

    /// One line (1-based, as a spreadsheet or editor shows it) with its cells by column index.
    fn line(&mut self, line: usize, cells: Vec<(usize, String)>) -> ApiResult<()> {
        if line > self.limits.max_rows {
            return Err(too_many_rows(self.limits));
        }
        if cells
            .iter()
            .any(|(column, _)| *column >= self.limits.max_columns)
        {
            return Err(too_many_columns(self.limits));
        }
        if cells.iter().all(|(_, c)| c.trim().is_empty()) {
            return Ok(());
        }
        let Some(columns) = &self.columns else {
            let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
            let mut columns = vec![None; width];
            for (index, header) in &cells {
                columns[*index] = column_of(header);
            }
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
            self.columns = Some(columns);
            return Ok(());
        };
        let mut row = RawRow {
            line,
            ..Default::default()
        };
        for (index, cell) in cells {
            let target = match columns.get(index).copied().flatten() {
                Some(Column::Name) => &mut row.name,
                Some(Column::IdNumber) => &mut row.id_number,
                Some(Column::Category) => &mut row.category,
                Some(Column::Shares) => &mut row.shares,
                Some(Column::Mobile) => &mut row.mobile,
                None => continue,
            };
            *target = cell.trim().to_string();
        }
        self.rows.push(row);
        Ok(())
    }

    fn finish(self) -> ApiResult<Vec<RawRow>> {
        if self.columns.is_none() {
            return Err(unreadable(
                ErrorCode::RosterEmpty,
                "the roster is empty: it needs a header row and at least one member",
            ));
        }
        if self.rows.is_empty() {
            return Err(unreadable(
                ErrorCode::RosterEmpty,
                "the roster has a header row but no members",
            ));
        }
        Ok(self.rows)
    }
}

fn broken_workbook() -> ApiError {
    unreadable(
        ErrorCode::RosterUnreadableXlsx,
        "the Excel file cannot be read: it is damaged or incomplete; save it again and upload it",
    )
}

fn workbook_too_large(what: String, limit: u64) -> ApiError {
    over_limit(ErrorCode::RosterWorkbookTooLarge, limit, what)
}

/// The number of shared strings in a `sharedStrings.xml`, streamed with the same XML reader the
/// workbook reader uses: the larger of the strings counted and the count the table declares
/// (which the workbook reader would reserve room for).
fn shared_strings(part: impl std::io::Read) -> ApiResult<u64> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let (mut counted, mut declared) = (0u64, 0u64);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "si" => counted += 1,
                "sst" => {
                    for attr in e.attributes().flatten() {
                        if attr.key.local_name().as_ref() == "uniqueCount" {
                            // An unreadable count is taken as too large, never as none.
                            declared = attr.value.trim().parse().unwrap_or(u64::MAX);
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(counted.max(declared)),
            Ok(_) => {}
            Err(_) => return Err(broken_workbook()),
        }
    }
}

/// Reads `part` to its end into nothing, counting its bytes into `unpacked`; stops as soon as
/// the count passes `limit`.
struct Counted<'a, R> {
    inner: R,
    unpacked: &'a mut u64,
    limit: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        *self.unpacked += n as u64;
        if *self.unpacked > self.limit {
            return Err(std::io::Error::other(UnpackedTooLarge));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct UnpackedTooLarge;

impl std::fmt::Display for UnpackedTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the workbook unpacks to more than its limit")
    }
}

impl std::error::Error for UnpackedTooLarge {}

/// Measures every part of the workbook by unpacking it into nothing, so that nothing larger
/// than the limits is ever unpacked into memory; a part that says it is small and is not is
/// caught too, since the bytes themselves are counted.
fn check_workbook(bytes: &[u8], limits: &SheetLimits) -> ApiResult<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| broken_workbook())?;
    if zip.len() > limits.max_parts {
        return Err(workbook_too_large(
            format!(
                "the Excel file holds more than {} parts; save the roster alone in a new workbook",
                limits.max_parts
            ),
            limits.max_parts as u64,
        ));
    }
    let too_large = || {
        workbook_too_large(
            format!(
                "the Excel file unpacks to more than {} MB; save the roster alone in a new workbook, or split it",
                limits.max_unpacked_bytes / (1024 * 1024)
            ),
            limits.max_unpacked_bytes,
        )
    };
    let mut unpacked: u64 = 0;
    for index in 0..zip.len() {
        let part = zip.by_index(index).map_err(|_| broken_workbook())?;
        if unpacked.saturating_add(part.size()) > limits.max_unpacked_bytes {
            return Err(too_large());
        }
        let shared = part
            .name()
            .map(|n| n.ends_with("sharedStrings.xml"))
            .unwrap_or(false);
        let mut counted = Counted {
            inner: part,
            unpacked: &mut unpacked,
            limit: limits.max_unpacked_bytes,
        };
        let strings = if shared {
            shared_strings(&mut counted)
        } else {
            std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| 0)
                .map_err(|_| broken_workbook())
        };
        // The reader gives up on a part past the limit; say which limit, not "damaged".
        if unpacked > limits.max_unpacked_bytes {
            return Err(too_large());
        }
        if strings? > limits.max_shared_strings as u64 {
            return Err(workbook_too_large(
                format!(
                    "the Excel file holds more than {} distinct texts; save the roster alone in a new workbook, or split it",
                    limits.max_shared_strings
                ),
                limits.max_shared_strings as u64,
            ));
        }
    }
    Ok(())
}

/// The first sheet's rows, read cell by cell.
fn xlsx_rows(bytes: &[u8], limits: &SheetLimits) -> ApiResult<Vec<RawRow>> {
    use calamine::{Data, Reader, Xlsx};
    check_workbook(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| broken_workbook())?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(broken_workbook)?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|_| broken_workbook())?;
    let declared = cells.dimensions();
    if declared.end.0 as usize >= limits.max_rows {
        return Err(too_many_rows(limits));
    }
    if declared.end.1 as usize >= limits.max_columns {
        return Err(too_many_columns(limits));
    }
    let mut rows = RowBuilder::new(limits);
    let mut current: Option<(u32, Vec<(usize, String)>)> = None;
    while let Some(cell) = cells.next_cell().map_err(|_| broken_workbook())? {
        let (row, column) = cell.get_position();
        // Checked before the cell is kept: a cell far out costs nothing.
        if row as usize >= limits.max_rows {
            return Err(too_many_rows(limits));
        }
        if column as usize >= limits.max_columns {
            return Err(too_many_columns(limits));
        }
        let value = Data::from(cell.get_value().clone()).to_string();
        match &mut current {
            Some((at, line)) if *at == row => line.push((column as usize, value)),
            _ => {
                if let Some((at, line)) = current.take() {
                    rows.line(at as usize + 1, line)?;
                }
                current = Some((row, vec![(column as usize, value)]));
            }
        }
    }
    if let Some((at, line)) = current {
        rows.line(at as usize + 1, line)?;
    }
    rows.finish()
}

fn csv_text(bytes: &[u8]) -> ApiResult<std::borrow::Cow<'_, str>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(unreadable(
            ErrorCode::RosterNotARoster,
            "the file is neither CSV text nor an Excel .xlsx workbook",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| {
            unreadable(
                ErrorCode::RosterEncoding,
                "the CSV file is neither UTF-8 nor GBK text; save it again as CSV (UTF-8)",
            )
        })
}

fn csv_rows(text: &str, limits: &SheetLimits) -> ApiResult<Vec<RawRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    // Lines are counted from byte offsets (the reader skips blank lines in its own count),
    // carrying the count forward so that the whole file is scanned once.
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    let mut rows = RowBuilder::new(limits);
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            unreadable(
                ErrorCode::RosterMalformedCsv,
                &format!("the CSV file is malformed: {e}"),
            )
        })?;
        if !more {
            break;
        }
        if record.len() > limits.max_columns {
            return Err(too_many_columns(limits));
        }
        let mut start = record
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
        rows.line(
            newlines + 1,
            record.iter().map(str::to_string).enumerate().collect(),
        )?;
    }
    rows.finish()
}

/// The roster's rows, whatever the file's format, within `limits`.
pub fn read(bytes: &[u8], limits: &SheetLimits) -> ApiResult<Vec<RawRow>> {
    if bytes.is_empty() {
        return Err(unreadable(
            ErrorCode::RosterEmpty,
            "the uploaded file is empty",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes, limits)
    } else {
        csv_rows(&csv_text(bytes)?, limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hostile_files;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk() {
        let text = "姓名,身份证号,份数\n张伟,440106199003071231,2\n\n李娜,440304198511204567,\n";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        let rows = read(&with_bom, &SheetLimits::default()).unwrap();
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
        assert_eq!(read(&gbk, &SheetLimits::default()).unwrap(), rows);
    }

    #[test]
    fn refuses_what_is_not_a_roster() {
        let code = |bytes: &[u8]| match read(bytes, &SheetLimits::default()) {
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

    fn refusal(bytes: &[u8]) -> (ErrorCode, String) {
        match read(bytes, &SheetLimits::default()) {
            Err(ApiError::Invalid { code, message, .. }) => (code, message),
            other => panic!("{:?}", other.map(|r| r.len())),
        }
    }

    #[test]
    fn a_crafted_workbook_reads_when_it_is_honest() {
        let rows = read(&hostile_files::one_member(), &SheetLimits::default()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].line, rows[0].name.as_str()), (2, "张伟"));
        // The member after a thousand empty rows keeps its line number.
        let rows = read(&hostile_files::empty_rows(1_000), &SheetLimits::default()).unwrap();
        assert_eq!((rows.len(), rows[0].line), (1, 1_002));
    }

    #[test]
    fn far_cells_are_refused_before_anything_is_sized_by_them() {
        for declared in [true, false] {
            let (code, message) = refusal(&hostile_files::far_cell("XFD1048576", declared));
            assert_eq!(code, ErrorCode::RosterTooManyRows, "declared {declared}");
            assert!(message.contains("200000"), "{message}");
            let (code, message) = refusal(&hostile_files::far_cell("CV100000", declared));
            assert_eq!(code, ErrorCode::RosterTooManyColumns, "declared {declared}");
            assert!(message.contains("64"), "{message}");
        }
    }

    #[test]
    fn bombs_are_refused_by_the_limit_they_break() {
        // 2 million empty strings: 18 MB unpacked, about 20 KB deflated.
        let (code, message) = refusal(&hostile_files::shared_string_bomb(2_000_000, 0));
        assert_eq!(code, ErrorCode::RosterWorkbookTooLarge);
        assert!(message.contains("1000000 distinct texts"), "{message}");
        for declared in ["4000000000", "99999999999999999999999", "many"] {
            let (code, _) = refusal(&hostile_files::declared_string_count(declared));
            assert_eq!(
                code,
                ErrorCode::RosterWorkbookTooLarge,
                "uniqueCount {declared}"
            );
        }
        let (code, message) = refusal(&hostile_files::zip_bomb(200));
        assert_eq!(code, ErrorCode::RosterWorkbookTooLarge);
        assert!(message.contains("128 MB"), "{message}");
        let (code, _) = refusal(&hostile_files::empty_rows(300_000));
        assert_eq!(code, ErrorCode::RosterTooManyRows);
        let (code, _) = refusal(&hostile_files::csv_of_empty_lines(300_000));
        assert_eq!(code, ErrorCode::RosterTooManyRows);
        let (code, _) = refusal(&hostile_files::csv_wide_line(100_000));
        assert_eq!(code, ErrorCode::RosterTooManyColumns);
    }

    #[test]
    fn limits_are_configuration() {
        let tight = SheetLimits {
            max_rows: 10,
            max_columns: 3,
            ..SheetLimits::default()
        };
        let ok = "姓名,身份证号\n张伟,440106199003071231\n";
        assert_eq!(read(ok.as_bytes(), &tight).unwrap().len(), 1);
        let long = format!("{ok}{}", "李娜,440304198511204567\n".repeat(9));
        assert!(matches!(
            read(long.as_bytes(), &tight),
            Err(ApiError::Invalid {
                code: ErrorCode::RosterTooManyRows,
                ..
            })
        ));
        assert!(matches!(
            read(&hostile_files::empty_rows(20), &tight),
            Err(ApiError::Invalid {
                code: ErrorCode::RosterTooManyRows,
                ..
            })
        ));
    }
}
