//! The real binary, started as a user would start it, checked over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::{binary, repo_root, required, web_dir, Server};
use serde_json::{json, Value};

const STAFF: [&str; 7] = [
    "admin",
    "branch_staff",
    "claims_reviewer",
    "provincial_approver",
    "finance",
    "council",
    "supervisor",
];
const MEMBERS: [&str; 5] = [
    "440106199003071231",
    "440304198511204567",
    "440106199506124411",
    "440305198808083328",
    "441900197802155172",
];

fn checked_in_spec() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("api-spec/openapi.json")).unwrap(),
    )
    .unwrap()
}

fn demo_server_answers(server: &Server) {
    let (s, body) = server.get("/api/v1/health", None);
    assert_eq!(s, 200, "{body}");
    let (s, body) = server.get("/api/v1/ready", None);
    assert_eq!(s, 200, "{body}");

    // The served document is the checked-in one.
    let (s, body) = server.get("/api/v1/openapi.json", None);
    assert_eq!(s, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        checked_in_spec()
    );
    let (s, body) = server.get("/api/docs/", None);
    assert_eq!(s, 200);
    assert!(body.contains("swagger"), "Swagger UI is served");

    // Every demo account can log in.
    for username in STAFF {
        let (s, b) = server.post(
            "/api/v1/auth/login",
            json!({"username": username, "password": "huzhu-demo"}),
        );
        assert_eq!(s, 200, "{username}: {b}");
        let (s, me) = server.get("/api/v1/me", b["access_token"].as_str());
        assert_eq!(s, 200);
        assert!(me.contains(&format!("\"roles\":[\"{username}\"]")), "{me}");
    }
    for id in MEMBERS {
        let (s, b) = server.post(
            "/api/v1/auth/login",
            json!({"id_number": id, "password": "huzhu-demo"}),
        );
        assert_eq!(s, 200, "{id}: {b}");
    }

    // The SPA at `/` and at client-side routes.
    if web_dir().join("index.html").is_file() {
        for path in ["/", "/account", "/org-units"] {
            let (s, body) = server.get(path, None);
            assert_eq!(s, 200, "{path}");
            assert!(body.contains("<html"), "{path} serves the SPA");
        }
    } else {
        assert!(
            !required("HUZHU_REQUIRE_WEB"),
            "the SPA is not built (frontend/dist): run `just web`"
        );
        eprintln!("WARNING: frontend/dist is not built; the SPA checks are SKIPPED");
    }
    let (s, body) = server.get("/api/v1/nowhere", None);
    assert_eq!(s, 404);
    assert!(body.contains("route.not_found"));
    let (s, body) = server.get("/metrics", None);
    assert_eq!(s, 200);
    assert!(body.contains("huzhu_http_requests_total"));
}

#[test]
fn demo_server_on_sqlite() {
    let server = Server::start(true, None);
    demo_server_answers(&server);
}

#[test]
fn demo_server_on_postgres() {
    let Some(db) = huzhu_store::testing::postgres_empty() else {
        return;
    };
    let server = Server::start(true, Some(&db.url));
    demo_server_answers(&server);
    let (s, body) = server.get("/api/v1/ready", None);
    assert_eq!(s, 200);
    assert!(body.contains("postgres"), "{body}");
}

#[test]
fn without_demo_no_known_password_exists() {
    let server = Server::start(false, None);
    for username in STAFF {
        let (s, _) = server.post(
            "/api/v1/auth/login",
            json!({"username": username, "password": "huzhu-demo"}),
        );
        assert_eq!(s, 401);
    }
}

#[test]
fn openapi_command_writes_the_checked_in_document() {
    let out = std::process::Command::new(binary())
        .args(["openapi", "--out", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(generated, checked_in_spec());
}

#[test]
fn create_admin_makes_a_working_account() {
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(binary())
        .args([
            "create-admin",
            "--username",
            "root_admin",
            "--province-name",
            "广东省职工保障互助会",
        ])
        .env("HUZHU_DATA_DIR", data.path())
        .env("HUZHU_ADMIN_PASSWORD", "a long enough password")
        .env("HUZHU_LOG_FORMAT", "text")
        .env_remove("HUZHU_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let short = std::process::Command::new(binary())
        .args(["create-admin", "--username", "other"])
        .env("HUZHU_DATA_DIR", data.path())
        .env("HUZHU_ADMIN_PASSWORD", "short")
        .env_remove("HUZHU_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least"));
}

#[test]
fn audit_verify_names_the_entry_changed_behind_the_application() {
    use diesel::connection::SimpleConnection;
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("huzhu.sqlite3");
    let huzhu = |args: &[&str]| {
        std::process::Command::new(binary())
            .args(args)
            .env("HUZHU_DATA_DIR", data.path())
            .env("HUZHU_DATABASE_URL", &db)
            .env("HUZHU_ADMIN_PASSWORD", "a long enough password")
            .env("HUZHU_LOG_FORMAT", "text")
            .output()
            .unwrap()
    };
    assert!(huzhu(&["create-admin", "--username", "root_admin"])
        .status
        .success());
    assert!(huzhu(&["create-admin", "--username", "second_admin"])
        .status
        .success());
    let intact = huzhu(&["audit", "verify"]);
    let said = String::from_utf8_lossy(&intact.stdout);
    assert!(intact.status.success(), "{said}");
    assert!(said.contains("intact: 2 entries checked"), "{said}");

    // The supervisory board keeps a checkpoint outside the system (taking it is entry 3).
    let checkpoint = data.path().join("checkpoint.json");
    let taken = huzhu(&["audit", "checkpoint", "--out", checkpoint.to_str().unwrap()]);
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let cp: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&checkpoint).unwrap()).unwrap();
    assert_eq!(cp["seq"], 3, "{cp}");
    let holds = huzhu(&[
        "audit",
        "verify",
        "--checkpoint",
        checkpoint.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&holds.stdout);
    assert!(holds.status.success(), "{said}");
    assert!(said.contains("the checkpoint of entry 3"), "{said}");

    let store = huzhu_store::Store::connect(
        &huzhu_store::DatabaseUrl::Sqlite(db.to_string_lossy().into()),
        1,
    )
    .unwrap();
    let as_owner = |sql: &str| {
        let mut conn = store.conn().unwrap();
        let huzhu_store::DbConn::Sqlite(c) = &mut *conn else {
            panic!("SQLite expected")
        };
        c.batch_execute(sql).unwrap();
    };
    // Someone with the file cuts the last two entries and moves the head back to the first:
    // the chain by itself still fits, the checkpoint does not.
    as_owner(
        "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_head_forward; \
         DELETE FROM audit_log WHERE seq > 1; \
         UPDATE audit_head SET seq = 1, hash = (SELECT hash FROM audit_log WHERE seq = 1)",
    );
    assert!(
        huzhu(&["audit", "verify"]).status.success(),
        "a cut tail fits the chain"
    );
    let cut = huzhu(&[
        "audit",
        "verify",
        "--checkpoint",
        checkpoint.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&cut.stderr);
    assert!(!cut.status.success());
    assert!(said.contains("cut from the end"), "{said}");

    // And rewrites who was created.
    as_owner(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject = 'someone_else' WHERE seq = 1",
    );
    let broken = huzhu(&["audit", "verify"]);
    let said = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success());
    assert!(said.contains("broken at entry 1"), "{said}");
}
