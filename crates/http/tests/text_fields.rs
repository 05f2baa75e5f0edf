//! Names and free text refuse NUL, control, bidirectional-override and invisible characters
//! with 422 `request.invalid_character` naming the field, and nothing is written; on both
//! databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::{json, Value};

/// Texts an attacker or a careless paste would send.
const HOSTILE: &[&str] = &[
    "张\u{0}伟",
    "张伟\u{1b}[2J",
    "\u{202E}伟张",
    "张\u{2066}伟",
    "张\u{200B}伟",
    "张\u{85}伟",
    "张\n伟",
];

async fn refused_for<S, B>(app: &S, method: &str, path: &str, token: &str, body: Value, field: &str)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let b = refused(
        app,
        send(method, path, Some(token), body),
        422,
        "request.invalid_character",
    )
    .await;
    assert_eq!(
        b["details"]["field"].as_str(),
        Some(field),
        "{method} {path}: {b}"
    );
    assert!(b["message"].as_str().unwrap().contains("U+"), "{b}");
}

#[test]
fn every_name_and_free_text_refuses_unprintable_characters() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let clerk = staff_token(&app, "branch_staff").await;
        let (_, members) = call(&app, get("/api/v1/members", Some(&admin))).await;
        let member = members["items"][0]["id"].as_i64().unwrap();
        let count = |v: &Value| v["total"].as_i64().unwrap();
        let members_before = count(&members);
        let (_, staff) = call(&app, get("/api/v1/staff", Some(&admin))).await;
        let staff_before = count(&staff);
        for bad in HOSTILE {
            refused_for(
                &app,
                "POST",
                "/api/v1/members",
                &clerk,
                json!({
                    "org_unit_id": f.union.id, "name": bad, "id_number": "440304198511204567",
                    "category": "in_service"
                }),
                "name",
            )
            .await;
            refused_for(
                &app,
                "PATCH",
                &format!("/api/v1/members/{member}"),
                &admin,
                json!({"name": bad}),
                "name",
            )
            .await;
            refused_for(
                &app,
                "POST",
                "/api/v1/staff",
                &admin,
                json!({
                    "username": "new_clerk", "display_name": bad, "org_unit_id": f.guangzhou.id,
                    "roles": ["branch_staff"], "password": PASSWORD
                }),
                "display_name",
            )
            .await;
            refused_for(
                &app,
                "POST",
                "/api/v1/org-units",
                &admin,
                json!({
                    "parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": bad,
                    "credit_code": "91440101MA59ABCD1X"
                }),
                "name",
            )
            .await;
            refused_for(
                &app,
                "POST",
                "/api/v1/api-clients",
                &admin,
                json!({"name": bad, "scopes": ["coverage:read"]}),
                "name",
            )
            .await;
            refused_for(
                &app,
                "POST",
                &format!("/api/v1/members/{member}/unmask"),
                &clerk,
                json!({"fields": ["id_number"], "purpose": format!("核对身份{bad}")}),
                "purpose",
            )
            .await;
        }
        // Nothing was written: the member keeps the name, no member, account or unit is new.
        let (_, after) = call(&app, get("/api/v1/members", Some(&admin))).await;
        assert_eq!(count(&after), members_before);
        assert_eq!(after["items"][0]["name"], "张伟");
        let (_, staff) = call(&app, get("/api/v1/staff", Some(&admin))).await;
        assert_eq!(count(&staff), staff_before);
        // Ordinary text of every script still goes through, line breaks where text has lines.
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{member}"),
                Some(&admin),
                json!({"name": "欧阳·娜娜 Zoë"}),
            ),
        )
        .await;
        assert_eq!((s, b["name"].as_str()), (200, Some("欧阳·娜娜 Zoë")), "{b}");
    });
}
