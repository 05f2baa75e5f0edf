//! The organisation tree and staff accounts through the API: scoping, validation, conflicts,
//! and bad input that must change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::json;

async fn unit_count<S, B>(app: &S, admin: &str) -> i64
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let (_, all) = call(app, get("/api/v1/org-units?kind=city_office", Some(admin))).await;
    let (_, unions) = call(
        app,
        get("/api/v1/org-units?kind=grassroots_union", Some(admin)),
    )
    .await;
    all["total"].as_i64().unwrap() + unions["total"].as_i64().unwrap()
}

#[test]
fn staff_see_their_subtree_and_nothing_else() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let city_admin = staff_token(&app, "city_admin").await;
        let (s, b) = call(&app, get("/api/v1/org-units", Some(&city_admin))).await;
        assert_eq!(s, 200);
        assert_eq!(
            b["items"][0]["id"].as_i64(),
            Some(f.guangzhou.id),
            "without filters: the caller's own unit"
        );
        assert_eq!(b["items"][0]["child_count"], 1);
        let (s, b) = call(
            &app,
            get(
                &format!("/api/v1/org-units?parent_id={}", f.guangzhou.id),
                Some(&city_admin),
            ),
        )
        .await;
        assert_eq!((s, b["total"].as_i64()), (200, Some(1)));
        assert_eq!(b["items"][0]["credit_code"], "81440106MC00000016");

        // Shenzhen and the province are outside Guangzhou's subtree: 404, as if absent.
        for id in [f.shenzhen.id, f.province.id] {
            let (s, b) = call(
                &app,
                get(&format!("/api/v1/org-units/{id}"), Some(&city_admin)),
            )
            .await;
            assert_eq!((s, b["code"].as_str()), (404, Some("org_unit.not_found")));
            let (s, _) = call(
                &app,
                send(
                    "PATCH",
                    &format!("/api/v1/org-units/{id}"),
                    Some(&city_admin),
                    json!({"name": "x"}),
                ),
            )
            .await;
            assert_eq!(s, 404);
            let (s, _) = call(
                &app,
                send(
                    "DELETE",
                    &format!("/api/v1/org-units/{id}"),
                    Some(&city_admin),
                    json!({}),
                ),
            )
            .await;
            assert_eq!(s, 404);
        }
        let (s, _) = call(
            &app,
            get(
                &format!("/api/v1/org-units?parent_id={}", f.province.id),
                Some(&city_admin),
            ),
        )
        .await;
        assert_eq!(s, 404);
        let (_, staff) = call(&app, get("/api/v1/staff", Some(&city_admin))).await;
        assert_eq!(staff["total"], 1, "only Guangzhou's own staff: {staff}");

        // The province sees everything; members see no tree at all.
        let admin = staff_token(&app, "admin").await;
        let (_, staff) = call(&app, get("/api/v1/staff", Some(&admin))).await;
        assert_eq!(staff["total"], 8);
        let member = member_token(&app).await;
        assert_eq!(
            call(&app, get("/api/v1/org-units", Some(&member))).await.0,
            403
        );
        let (s, me) = call(&app, get("/api/v1/me", Some(&member))).await;
        assert_eq!(s, 200);
        assert_eq!(me["kind"], "member");
        assert_eq!(me["id_number_masked"], "440106********1231");
        assert_eq!(me["org_unit"]["kind"], "grassroots_union");
        assert!(
            !me.to_string().contains(MEMBER_ID),
            "the full ID number never leaves unmasked"
        );
    });
}

#[test]
fn units_are_created_only_where_the_tree_allows() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let create =
            |body: serde_json::Value| send("POST", "/api/v1/org-units", Some(&admin), body);
        let before = unit_count(&app, &admin).await;

        let cases = [
            (
                json!({"parent_id": f.province.id, "kind": "grassroots_union", "name": "某工会", "credit_code": "81440106MC00000016"}),
                422,
                "org_unit.wrong_parent",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": "某工会"}),
                422,
                "org_unit.credit_code_required",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": "某工会", "credit_code": "81440106MC00000017"}),
                422,
                "credit_code.check_digit",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": "某工会", "credit_code": "91350100M000100Y43"}),
                422,
                "credit_code.not_a_union",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": "重复", "credit_code": "81440106MC00000016"}),
                409,
                "org_unit.duplicate_credit_code",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "county_point", "name": "  "}),
                422,
                "request.invalid_text",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "county_point", "name": "天河", "credit_code": "81440106MC00000016"}),
                422,
                "org_unit.credit_code_not_applicable",
            ),
            (
                json!({"parent_id": 987654, "kind": "county_point", "name": "天河"}),
                422,
                "org_unit.parent_not_found",
            ),
            (
                json!({"parent_id": f.guangzhou.id, "kind": "planet", "name": "天河"}),
                422,
                "request.invalid_field",
            ),
        ];
        for (body, status, code) in cases {
            let (s, b) = call(&app, create(body.clone())).await;
            assert_eq!((s, b["code"].as_str()), (status, Some(code)), "{body}: {b}");
        }
        assert_eq!(
            unit_count(&app, &admin).await,
            before,
            "refused requests changed nothing"
        );

        let (s, point) = call(&app, create(json!({"parent_id": f.guangzhou.id, "kind": "county_point", "name": "天河区代办点"}))).await;
        assert_eq!(s, 201, "{point}");
        let (s, union) = call(&app, create(json!({"parent_id": point["id"], "kind": "grassroots_union", "name": "新工会", "credit_code": "81440101mc00000021"}))).await;
        assert_eq!(s, 201, "{union}");
        assert_eq!(union["credit_code"], "81440101MC00000021");
        let (s, b) = call(
            &app,
            send(
                "DELETE",
                &format!("/api/v1/org-units/{}", point["id"]),
                Some(&admin),
                json!({}),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("org_unit.has_children"))
        );
        let (s, renamed) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/org-units/{}", point["id"]),
                Some(&admin),
                json!({"name": "天河代办点"}),
            ),
        )
        .await;
        assert_eq!((s, renamed["name"].as_str()), (200, Some("天河代办点")));
        assert_eq!(
            call(
                &app,
                send(
                    "DELETE",
                    &format!("/api/v1/org-units/{}", union["id"]),
                    Some(&admin),
                    json!({})
                )
            )
            .await
            .0,
            204
        );
        let (s, b) = call(
            &app,
            send(
                "DELETE",
                &format!("/api/v1/org-units/{}", f.province.id),
                Some(&admin),
                json!({}),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (409, Some("org_unit.own_unit")));
    });
}

#[test]
fn bad_input_gets_a_clear_error_and_writes_nothing() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let before = unit_count(&app, &admin).await;
        let raw = |body: &str, content_type: &str| {
            with_token(
                actix_web::test::TestRequest::post()
                    .uri("/api/v1/org-units")
                    .insert_header(("content-type", content_type.to_string()))
                    .set_payload(body.to_string()),
                Some(&admin),
            )
        };
        let json_type = "application/json";
        let big = format!(
            r#"{{"parent_id": 1, "kind": "county_point", "name": "{}"}}"#,
            "长".repeat(30_000)
        );
        let cases = [
            (raw("{not json", json_type), 400, "request.malformed_json"),
            (
                raw(
                    r#"{"parent_id": 1, "kind": "county_point", "name": "x", "extra": 1}"#,
                    json_type,
                ),
                422,
                "request.unknown_field",
            ),
            (
                raw(
                    r#"{"parent_id": "one", "kind": "county_point", "name": "x"}"#,
                    json_type,
                ),
                422,
                "request.invalid_field",
            ),
            (
                raw(r#"{"kind": "county_point", "name": "x"}"#, json_type),
                422,
                "request.missing_field",
            ),
            (
                raw(r#"{"parent_id": 1}"#, "text/plain"),
                415,
                "request.unsupported_media_type",
            ),
            (raw(&big, json_type), 413, "request.too_large"),
        ];
        for (req, status, code) in cases {
            let (s, b) = call(&app, req).await;
            assert_eq!((s, b["code"].as_str()), (status, Some(code)), "{b}");
            assert!(b["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        let (s, b) = call(&app, get("/api/v1/org-units/abc", Some(&admin))).await;
        assert_eq!((s, b["code"].as_str()), (400, Some("request.invalid_path")));
        let (s, b) = call(&app, get("/api/v1/org-units?limit=lots", Some(&admin))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("request.invalid_query"))
        );
        let (s, b) = call(&app, get("/api/v1/org-units?colour=red", Some(&admin))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("request.invalid_query"))
        );
        let (s, b) = call(&app, get("/api/v1/no-such-route", None)).await;
        assert_eq!((s, b["code"].as_str()), (404, Some("route.not_found")));
        assert_eq!(unit_count(&app, &admin).await, before);

        // Staff accounts: every rule answers 422 and creates nobody.
        let (_, list_before) = call(&app, get("/api/v1/staff", Some(&admin))).await;
        for (body, code) in [
            (
                json!({"username": "A B", "display_name": "x", "org_unit_id": f.guangzhou.id, "roles": ["branch_staff"], "password": PASSWORD}),
                "staff.invalid_username",
            ),
            (
                json!({"username": "newbie", "display_name": "x", "org_unit_id": f.guangzhou.id, "roles": [], "password": PASSWORD}),
                "staff.no_role",
            ),
            (
                json!({"username": "newbie", "display_name": "x", "org_unit_id": f.guangzhou.id, "roles": ["member"], "password": PASSWORD}),
                "staff.not_a_staff_role",
            ),
            (
                json!({"username": "newbie", "display_name": "x", "org_unit_id": f.guangzhou.id, "roles": ["branch_staff"], "password": "short"}),
                "password.too_short",
            ),
            (
                json!({"username": "newbie", "display_name": "x", "org_unit_id": 987654, "roles": ["branch_staff"], "password": PASSWORD}),
                "org_unit.not_found",
            ),
        ] {
            let (s, b) = call(&app, send("POST", "/api/v1/staff", Some(&admin), body)).await;
            assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{b}");
        }
        let (s, b) = call(&app, send("POST", "/api/v1/staff", Some(&admin), json!({"username": "finance", "display_name": "x", "org_unit_id": f.guangzhou.id, "roles": ["branch_staff"], "password": PASSWORD}))).await;
        assert_eq!((s, b["code"].as_str()), (409, Some("account.duplicate")));
        let (_, list_after) = call(&app, get("/api/v1/staff", Some(&admin))).await;
        assert_eq!(list_before["total"], list_after["total"]);

        // An administrator cannot lock themself out.
        let (_, me) = call(&app, get("/api/v1/me", Some(&admin))).await;
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/staff/{}", me["id"]),
                Some(&admin),
                json!({"active": false}),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (409, Some("staff.self_lockout")));
    });
}

#[test]
fn health_ready_metrics_and_request_ids() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (s, b) = call(&app, get("/api/v1/health", None)).await;
        assert_eq!((s, b["status"].as_str()), (200, Some("ok")));
        let (s, b) = call(&app, get("/api/v1/ready", None)).await;
        assert_eq!((s, b["status"].as_str()), (200, Some("ready")));
        assert_eq!(b["database"], store.backend().as_str());
        let res =
            actix_web::test::call_service(&app, get("/api/v1/health", None).to_request()).await;
        assert!(res.headers().get("x-request-id").is_some());
        // The association's time, which the SPA takes "today" from: the server's clock.
        let told = res.headers().get("huzhu-time").unwrap().to_str().unwrap();
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(told).unwrap(),
            f.clock.now()
        );
        let local = get("/metrics", None).peer_addr("127.0.0.1:9100".parse().unwrap());
        let res = actix_web::test::call_service(&app, local.to_request()).await;
        assert_eq!(res.status(), 200);
        let text = String::from_utf8(actix_web::test::read_body(res).await.to_vec()).unwrap();
        assert!(text.contains("huzhu_http_requests_total"), "{text}");
    });
}
