//! The security suite against the real binary, on SQLite and PostgreSQL: hostile uploads leave
//! the server up, answer a clear 4xx naming the limit, and never take its memory past 300 MB; a
//! login flood is turned away cheaply; no file of the server and no database dump holds an ID
//! number, mobile or bank card in clear.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::Server;
use huzhu_http::hostile_files as hostile;
use serde_json::Value;

const MEMORY_CEILING: u64 = 300 * 1024 * 1024;

/// The tests here measure a server's memory and another user's latency under attack: one at a
/// time, so that no test's load is counted in another's figures.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

/// A grassroots union of the demo tree.
fn a_union(server: &Server, token: &str) -> i64 {
    let (status, body) = server.get(
        "/api/v1/org-units?kind=grassroots_union&limit=10",
        Some(token),
    );
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "grassroots_union")
        .and_then(|u| u["id"].as_i64())
        .expect("the demo has a grassroots union")
}

fn hostile_uploads_are_refused_within_memory(server: &Server) {
    let admin = server.staff_token("admin");
    let union = a_union(server, &admin);
    let path = format!("/api/v1/rosters/dry-run?org_unit_id={union}&plan_code=ZJ&headcount=100");
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    // The honest file made the same way is read: the refusals below are the limits at work.
    let (status, body) = server.post_bytes(&path, &admin, xlsx, &hostile::one_member());
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rows"], 1, "{body}");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a cell at XFD1048576",
            hostile::far_cell("XFD1048576", true),
            "roster.too_many_rows",
        ),
        (
            "an undeclared cell at XFD1048576",
            hostile::far_cell("XFD1048576", false),
            "roster.too_many_rows",
        ),
        (
            "a cell at CV100000",
            hostile::far_cell("CV100000", false),
            "roster.too_many_columns",
        ),
        (
            "2 million shared strings",
            hostile::shared_string_bomb(2_000_000, 0),
            "roster.workbook_too_large",
        ),
        (
            "a declared 4 billion shared strings",
            hostile::declared_string_count("4000000000"),
            "roster.workbook_too_large",
        ),
        (
            "512 MB of zeros",
            hostile::zip_bomb(512),
            "roster.workbook_too_large",
        ),
        (
            "1 million empty rows",
            hostile::empty_rows(1_000_000),
            "roster.too_many_rows",
        ),
        (
            "8 million empty CSV lines",
            hostile::csv_of_empty_lines(8_000_000),
            "roster.too_many_rows",
        ),
        (
            "a CSV line of 1 million fields",
            hostile::csv_wide_line(1_000_000),
            "roster.too_many_columns",
        ),
    ];
    for (what, bytes, code) in cases {
        let (status, body) = server.post_bytes(&path, &admin, xlsx, &bytes);
        assert_eq!(
            (status, body["code"].as_str()),
            (422, Some(code)),
            "{what} ({} bytes): {body}",
            bytes.len()
        );
        assert!(
            body["details"]["limit"].as_u64().is_some(),
            "{what}: the answer names the limit: {body}"
        );
        let (health, _) = server.get("/api/v1/health", None);
        assert_eq!(health, 200, "the server is up after {what}");
        let peak = server.peak_memory_bytes();
        assert!(
            peak < MEMORY_CEILING,
            "after {what} the server's peak memory is {} MB",
            peak / (1024 * 1024)
        );
    }
    eprintln!(
        "peak memory of the server after every hostile upload: {} MB",
        server.peak_memory_bytes() / (1024 * 1024)
    );
    // Past the upload limit, nothing is read at all.
    let (status, body) =
        server.post_bytes(&path, &admin, "text/csv", &vec![b'a'; 16 * 1024 * 1024 + 1]);
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("request.too_large"))
    );
}

#[test]
fn hostile_uploads_on_sqlite() {
    let _alone = alone();
    let server = Server::start(true, None);
    hostile_uploads_are_refused_within_memory(&server);
}

#[test]
fn hostile_uploads_on_postgres() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let _alone = alone();
    let server = Server::start(true, Some(&db.url));
    hostile_uploads_are_refused_within_memory(&server);
}

/// A 1,000-login flood for unknown users, from one address as the rate limit sees it and, with
/// that limit lifted, as if from many: the flood is refused cheaply, the server's memory stays
/// under 300 MB, another user keeps working and a right login is let in or told 429 at once.
fn a_login_flood_is_refused_cheaply(database_url: Option<&str>) {
    let clock = huzhu_e2e::clock_start();
    let one_address = Server::start_configured(true, database_url, clock, &[]);
    let report = huzhu_e2e::flood::login_flood(&one_address, 1_000, "finance", "supervisor");
    eprintln!("from one address: {report}");
    assert!(report.unexpected.is_empty(), "{:?}", report.unexpected);
    assert!(
        report.judged <= 60 && report.rate_limited >= 900,
        "the address limit (60 a minute) refused the flood: {report}"
    );
    assert_eq!(
        report.valid_login_status, 429,
        "the newcomer shares the address"
    );
    assert!(report.peak_memory_mb < 300, "{report}");
    drop(one_address);

    let many = Server::start_configured(
        true,
        database_url,
        clock,
        &[("HUZHU_LOGIN_PER_ADDRESS_PER_MINUTE", "1000000")],
    );
    let report = huzhu_e2e::flood::login_flood(&many, 1_000, "finance", "supervisor");
    eprintln!("from many addresses: {report}");
    assert!(report.unexpected.is_empty(), "{:?}", report.unexpected);
    assert!(report.busy > 0 && report.judged > 0, "{report}");
    assert!(report.peak_memory_mb < 300, "{report}");
    assert!(
        report.peak_threads < 64,
        "the flood does not grow the server's threads: {report}"
    );
    match report.valid_login_status {
        200 => assert!(report.valid_login_ms < 1_000.0, "{report}"),
        429 => assert!(report.valid_login_ms < 1_000.0, "told at once: {report}"),
        other => panic!("a right login during the flood answered {other}: {report}"),
    }
    // The target (p99 under 50 ms) is measured on a release build by `just bench-login`
    // (docs/benchmarks.md); a debug build beside 1,000 client threads on two cores is held to
    // a median under 50 ms and no answer slower than half a second.
    assert!(report.me_p50_ms < 50.0, "{report}");
    assert!(report.me_p99_ms < 500.0, "{report}");
}

#[test]
fn login_flood_on_sqlite() {
    let _alone = alone();
    a_login_flood_is_refused_cheaply(None);
}

#[test]
fn login_flood_on_postgres() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let _alone = alone();
    a_login_flood_is_refused_cheaply(Some(&db.url));
}

const NAME: &str = "欧阳明月";
const ID_NUMBER: &str = "440105197706143590";
const MOBILE: &str = "13698765432";
/// Passes the Luhn check.
const CARD: &str = "6222021234567890128";

/// Registers a member with an ID number, a mobile and a bank card through the API, the way an
/// office would.
fn register_member(server: &Server) {
    let admin = server.staff_token("admin");
    let union = a_union(server, &admin);
    let (status, body) = server.post_as(
        "/api/v1/members",
        Some(&admin),
        serde_json::json!({
            "org_unit_id": union, "name": NAME, "id_number": ID_NUMBER,
            "category": "in_service", "mobile": MOBILE, "bank_card": CARD,
        }),
    );
    assert_eq!(status, 201, "{body}");
}

/// Where `haystack` holds one of the member's values in clear.
fn clear_values_in(haystack: &[u8]) -> Vec<&'static str> {
    [ID_NUMBER, MOBILE, CARD]
        .into_iter()
        .filter(|v| haystack.windows(v.len()).any(|w| w == v.as_bytes()))
        .collect()
}

#[test]
fn no_file_of_the_sqlite_server_holds_personal_data_in_clear() {
    let _alone = alone();
    let server = Server::start(true, None);
    register_member(&server);
    // Whatever has been written so far: the database, its write-ahead log, the documents.
    let mut files = vec![server.data_dir().to_path_buf()];
    let (mut scanned, mut name_seen) = (0, false);
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        scanned += bytes.len();
        name_seen |= bytes.windows(NAME.len()).any(|w| w == NAME.as_bytes());
        let found = clear_values_in(&bytes);
        assert!(
            found.is_empty(),
            "{} holds {found:?} in clear",
            path.display()
        );
    }
    assert!(
        scanned > 100_000,
        "the data folder was read ({scanned} bytes)"
    );
    // The scan reads where the member was written: the name, which is kept in clear, is there.
    assert!(
        name_seen,
        "the member's row was not among the files scanned"
    );
}

#[test]
fn a_dump_of_the_postgres_database_holds_no_personal_data_in_clear() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let _alone = alone();
    let server = Server::start(true, Some(&db.url));
    register_member(&server);
    let dump = std::process::Command::new("pg_dump")
        .arg(&db.url)
        .output()
        .expect("run pg_dump (the PostgreSQL client)");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let text = String::from_utf8_lossy(&dump.stdout);
    assert!(
        text.contains("COPY public.members") && text.contains(NAME),
        "the dump holds the member"
    );
    let found = clear_values_in(&dump.stdout);
    assert!(found.is_empty(), "pg_dump holds {found:?} in clear");
}
