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

/// Logs a demo member in over the API; returns the access token.
fn member_token(server: &Server, id_number: &str) -> String {
    let (s, b) = server.post(
        "/api/v1/auth/login",
        serde_json::json!({"id_number": id_number, "password": "huzhu-demo"}),
    );
    assert_eq!(s, 200, "{id_number}: {b}");
    b["access_token"].as_str().unwrap().to_string()
}

fn json_of(answer: (u16, String)) -> (u16, Value) {
    (
        answer.0,
        serde_json::from_str(&answer.1).unwrap_or(Value::Null),
    )
}

/// The id of the one demo member called `name`, as the administrator sees the register.
fn member_called(server: &Server, admin: &str, name: &str) -> (i64, i64) {
    let (s, page) = json_of(server.get(
        &format!("/api/v1/members?name={}", urlencode(name)),
        Some(admin),
    ));
    assert_eq!(s, 200, "{page}");
    let m = &page["items"][0];
    (
        m["id"].as_i64().unwrap(),
        m["org_unit_id"].as_i64().unwrap(),
    )
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// Guangzhou's office reaches nothing of Shenzhen's, and one member nothing of another's: every
/// way in answers as if the record did not exist (404), or 403 where the role has no such
/// permission at all.
fn others_records_are_out_of_reach(server: &Server) {
    let admin = server.staff_token("admin");
    let guangzhou = server.staff_token("branch_staff");
    let (shenzhen_member, shenzhen_union) = member_called(server, &admin, "陈静");
    let (li_na, _) = member_called(server, &admin, "李娜");

    // Staff of one city office, against a member and a union of another.
    let (s, b) = json_of(server.get(
        &format!("/api/v1/members/{shenzhen_member}"),
        Some(&guangzhou),
    ));
    assert_eq!(
        (s, b["code"].as_str()),
        (404, Some("member.not_found")),
        "{b}"
    );
    let (s, b) = server.post_as(
        &format!("/api/v1/members/{shenzhen_member}/unmask"),
        Some(&guangzhou),
        serde_json::json!({"fields": ["id_number"], "purpose": "核对身份"}),
    );
    assert!(s == 404 || s == 403, "unmask across branches: {s} {b}");
    assert_ne!(
        b.get("id_number").and_then(Value::as_str).map(str::len),
        Some(18),
        "{b}"
    );
    let (s, page) = json_of(server.get(
        &format!("/api/v1/members?name={}", urlencode("陈静")),
        Some(&guangzhou),
    ));
    assert_eq!((s, page["total"].as_i64()), (200, Some(0)), "{page}");
    let (s, b) = json_of(server.get(
        &format!("/api/v1/org-units/{shenzhen_union}"),
        Some(&guangzhou),
    ));
    assert_eq!(s, 404, "{b}");
    // The same office reaches its own member (the refusals above are not a broken route).
    let (s, b) = json_of(server.get(&format!("/api/v1/members/{li_na}"), Some(&guangzhou)));
    assert_eq!(s, 200, "{b}");

    // One member against another's claim.
    let reviewer = server.staff_token("claims_reviewer");
    let (s, claims) = json_of(server.get("/api/v1/claims?limit=50", Some(&reviewer)));
    assert_eq!(s, 200, "{claims}");
    let claim = claims["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["member_id"].as_i64() == Some(li_na))
        .expect("the demo's claim is 李娜's")["id"]
        .as_i64()
        .unwrap();
    let zhang_wei = member_token(server, "440106199003071231");
    let (s, b) = json_of(server.get(&format!("/api/v1/me/claims/{claim}"), Some(&zhang_wei)));
    assert_eq!(s, 404, "{b}");
    for action in ["submit", "withdraw", "appeal"] {
        let (s, b) = server.post_as(
            &format!("/api/v1/me/claims/{claim}/{action}"),
            Some(&zhang_wei),
            serde_json::json!({"reason": "试一试"}),
        );
        assert_eq!(s, 404, "{action} another member's claim: {b}");
    }
    let (s, b) = json_of(server.get(&format!("/api/v1/claims/{claim}"), Some(&zhang_wei)));
    assert_eq!(
        (s, b["code"].as_str()),
        (403, Some("auth.forbidden")),
        "{b}"
    );
    let (s, b) = json_of(server.get(&format!("/api/v1/members/{li_na}"), Some(&zhang_wei)));
    assert_eq!(s, 403, "{b}");
    let (s, mine) = json_of(server.get("/api/v1/me/claims", Some(&zhang_wei)));
    assert_eq!(s, 200);
    assert!(
        mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"].as_i64() != Some(claim)),
        "{mine}"
    );
    // 李娜 herself reaches it.
    let li_na_token = member_token(server, "440304198511204567");
    let (s, b) = json_of(server.get(&format!("/api/v1/me/claims/{claim}"), Some(&li_na_token)));
    assert_eq!(s, 200, "{b}");
}

#[test]
fn others_records_are_out_of_reach_on_sqlite() {
    let server = Server::start(true, None);
    others_records_are_out_of_reach(&server);
}

#[test]
fn others_records_are_out_of_reach_on_postgres() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let server = Server::start(true, Some(&db.url));
    others_records_are_out_of_reach(&server);
}

/// 300 wrong passwords for one account at once, and the right one among them: of all of them
/// five are judged, the right one is refused like the rest, and the account stays locked.
fn racing_guesses_do_not_pass_the_lockout(database_url: Option<&str>) {
    let clock = huzhu_e2e::clock_start();
    let server = std::sync::Arc::new(Server::start_configured(
        true,
        database_url,
        clock,
        // The rate limits would stop the race first: lifted, so that the lockout is what holds.
        &[
            ("HUZHU_LOGIN_PER_ADDRESS_PER_MINUTE", "1000000"),
            ("HUZHU_LOGIN_PER_ACCOUNT_PER_MINUTE", "1000000"),
        ],
    ));
    let supervisor = server.staff_token("supervisor");
    let (_, staff) = json_of(server.get(
        "/api/v1/staff?q=finance",
        Some(&server.staff_token("admin")),
    ));
    let finance_account = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "finance")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let attempt = |server: &Server, password: &str| {
        server.post(
            "/api/v1/auth/login",
            serde_json::json!({"username": "finance", "password": password}),
        )
    };
    let start = std::sync::Arc::new(std::sync::Barrier::new(301));
    let (answers, answered) = std::sync::mpsc::channel();
    let racers: Vec<_> = (0..300)
        .map(|n| {
            let (server, start, answers) = (server.clone(), start.clone(), answers.clone());
            std::thread::spawn(move || {
                start.wait();
                let _ = answers.send(attempt(&server, &format!("guess number {n}")));
            })
        })
        .collect();
    start.wait();
    let mut seen = Vec::new();
    while seen
        .iter()
        .filter(|(s, _): &&(u16, Value)| *s == 401)
        .count()
        < 5
    {
        seen.push(answered.recv().unwrap());
    }
    let right = attempt(&server, "huzhu-demo");
    for r in racers {
        r.join().unwrap();
    }
    drop(answers);
    seen.extend(answered.iter());
    assert_eq!(seen.len(), 300);
    for (s, b) in seen.iter().chain([&right]) {
        assert!(
            (*s == 401 && b["code"] == "auth.invalid_credentials")
                || (*s == 429 && b["code"] == "auth.login_busy"),
            "{s} {b}"
        );
    }
    let (s, page) = json_of(server.get("/api/v1/audit?limit=500", Some(&supervisor)));
    assert_eq!(s, 200, "{page}");
    let finance = page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "session.login_attempt")
        .filter(|e| e["subject"] == format!("account:{finance_account}"))
        .count();
    assert_eq!(finance, 5, "attempts counted and judged: {page}");
    let (s, _) = attempt(&server, "huzhu-demo");
    assert_eq!(s, 401, "the account stays locked");
}

#[test]
fn racing_guesses_on_sqlite() {
    let _alone = alone();
    racing_guesses_do_not_pass_the_lockout(None);
}

#[test]
fn racing_guesses_on_postgres() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let _alone = alone();
    racing_guesses_do_not_pass_the_lockout(Some(&db.url));
}
