//! Uploads crafted as an attacker would, for the tests that prove the limits hold: workbooks
//! that declare or reach far cells, shared-string and zip bombs, a million empty rows. Each is
//! small on the wire and huge once read naively. Built only for tests (`testing` feature).

// Writing zips into memory cannot fail short of a bug here; a test that hits one should stop.
#![allow(clippy::expect_used)]

use std::io::Write;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A zip of the given parts, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(parts.iter().any(|(_, b)| b.len() > u32::MAX as usize / 2));
    for (name, bytes) in parts {
        out.start_file(*name, options).expect("zip part");
        out.write_all(bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// A one-sheet workbook: `rows` is the sheet's `<sheetData>` content, `dimension` its declared
/// range if any, `shared` the `<sst>` element if any.
pub fn workbook(rows: &str, dimension: Option<&str>, shared: Option<&str>) -> Vec<u8> {
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
        if shared.is_some() {
            r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        } else {
            ""
        }
    );
    let root_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let book_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
    );
    let dimension = dimension
        .map(|d| format!(r#"<dimension ref="{d}"/>"#))
        .unwrap_or_default();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dimension}<sheetData>{rows}</sheetData></worksheet>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(sst) = shared {
        parts.push(("xl/sharedStrings.xml", sst.as_bytes()));
    }
    zip(&parts)
}

fn text_cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The header row every crafted roster starts with.
pub fn header_row() -> String {
    format!(
        r#"<row r="1">{}{}</row>"#,
        text_cell("A1", "姓名"),
        text_cell("B1", "身份证号")
    )
}

/// A valid roster of one member, built the same way: proves the crafting makes readable files.
pub fn one_member() -> Vec<u8> {
    let rows = format!(
        r#"{}<row r="2">{}{}</row>"#,
        header_row(),
        text_cell("A2", "张伟"),
        text_cell("B2", "440106199003071231")
    );
    workbook(&rows, Some("A1:B2"), None)
}

/// A header and one cell at `at` (`XFD1048576`, `CV100000`), declared in the dimension too
/// when `declared`.
pub fn far_cell(at: &str, declared: bool) -> Vec<u8> {
    let row: String = at.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
    let rows = format!(
        r#"{}<row r="{row}">{}</row>"#,
        header_row(),
        text_cell(at, "x")
    );
    let dimension = format!("A1:{at}");
    workbook(&rows, declared.then_some(dimension.as_str()), None)
}

/// A shared-string table of `count` strings of `length` characters each (a few hundred KB
/// deflated for millions), and a roster that uses the first of them.
pub fn shared_string_bomb(count: usize, length: usize) -> Vec<u8> {
    let one = format!("<si><t>{}</t></si>", "a".repeat(length));
    let mut sst = String::with_capacity(one.len() * count + 100);
    sst.push_str(&format!(r#"<sst xmlns="{MAIN}">"#));
    for _ in 0..count {
        sst.push_str(&one);
    }
    sst.push_str("</sst>");
    let rows = format!(
        r#"{}<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#,
        header_row()
    );
    workbook(&rows, None, Some(&sst))
}

/// A shared-string table that declares `declared` strings and holds one.
pub fn declared_string_count(declared: &str) -> Vec<u8> {
    let sst = format!(
        r#"<sst xmlns="{MAIN}" count="1" uniqueCount="{declared}"><si><t>张伟</t></si></sst>"#
    );
    let rows = format!(
        r#"{}<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#,
        header_row()
    );
    workbook(&rows, None, Some(&sst))
}

/// A header, then `count` rows each with one empty cell, then a member.
pub fn empty_rows(count: usize) -> Vec<u8> {
    let mut rows = header_row();
    for r in 2..count + 2 {
        rows.push_str(&format!(r#"<row r="{r}"><c r="A{r}"/></row>"#));
    }
    let last = count + 2;
    rows.push_str(&format!(
        r#"<row r="{last}">{}{}</row>"#,
        text_cell(&format!("A{last}"), "张伟"),
        text_cell(&format!("B{last}"), "440106199003071231")
    ));
    workbook(&rows, None, None)
}

/// A valid workbook with an extra part of `megabytes` MB of zeros (deflates about 1,000 to 1),
/// written in chunks so that making it costs no memory either.
pub fn zip_bomb(megabytes: usize) -> Vec<u8> {
    let rows = format!(
        r#"{}<row r="2">{}{}</row>"#,
        header_row(),
        text_cell("A2", "张伟"),
        text_cell("B2", "440106199003071231")
    );
    let book = workbook(&rows, None, None);
    let mut out =
        zip::ZipWriter::new_append(std::io::Cursor::new(book)).expect("append to own workbook");
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(megabytes >= 4 * 1024);
    out.start_file("xl/media/zeros.bin", options)
        .expect("zip part");
    let chunk = vec![0u8; 1024 * 1024];
    for _ in 0..megabytes {
        out.write_all(&chunk).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// CSV of a header and `count` lines of one comma each (two empty fields).
pub fn csv_of_empty_lines(count: usize) -> Vec<u8> {
    let mut text = String::from("姓名,身份证号\n");
    text.push_str(&",\n".repeat(count));
    text.into_bytes()
}

/// CSV whose second line has `fields` fields.
pub fn csv_wide_line(fields: usize) -> Vec<u8> {
    let mut text = String::from("姓名,身份证号\n张伟,440106199003071231");
    text.push_str(&",".repeat(fields));
    text.push('\n');
    text.into_bytes()
}
