//! Every class of route answers with the security headers: the SPA, Swagger UI, the OpenAPI
//! document, API successes and failures (401, 404, 405, 413, 422), metrics. Personal data is
//! never cacheable; HSTS appears only when configured.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use actix_web::test as atest;
use common::*;
use huzhu_http::security_headers::{API_POLICY, APP_POLICY, DOCS_POLICY};
use serde_json::json;

/// The headers of an answer, by lower-case name.
fn header(
    res: &actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
    name: &str,
) -> Option<String> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn web_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("huzhu-headers-web-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dir.join("boot.js"), "// boot").unwrap();
    dir
}

#[test]
fn every_class_of_route_carries_the_headers() {
    on_each_backend(|store| async move {
        let mut fx = fixture(&store);
        fx.state.config = std::sync::Arc::new({
            let mut c = (*fx.state.config).clone();
            c.web_dir = Some(web_dir());
            c
        });
        let app = service(&fx.state).await;
        let admin = staff_token(&app, "admin").await;
        let big = "x".repeat(fx.state.config.json_limit + 1);
        let cases: Vec<(&str, atest::TestRequest, u16, &str, bool)> = vec![
            (
                "SPA shell",
                atest::TestRequest::get().uri("/"),
                200,
                APP_POLICY,
                false,
            ),
            (
                "SPA deep link",
                atest::TestRequest::get().uri("/claims/3"),
                200,
                APP_POLICY,
                false,
            ),
            (
                "SPA asset",
                atest::TestRequest::get().uri("/boot.js"),
                200,
                APP_POLICY,
                false,
            ),
            (
                "Swagger UI",
                atest::TestRequest::get().uri("/api/docs/"),
                200,
                DOCS_POLICY,
                false,
            ),
            (
                "OpenAPI document",
                atest::TestRequest::get().uri("/api/v1/openapi.json"),
                200,
                API_POLICY,
                false,
            ),
            (
                "metrics",
                atest::TestRequest::get()
                    .uri("/metrics")
                    .peer_addr("127.0.0.1:9100".parse().unwrap()),
                200,
                API_POLICY,
                false,
            ),
            (
                "public API",
                get("/api/v1/health", None),
                200,
                API_POLICY,
                true,
            ),
            (
                "personal data",
                get("/api/v1/members", Some(&admin)),
                200,
                API_POLICY,
                true,
            ),
            (
                "login answer",
                send(
                    "POST",
                    "/api/v1/auth/login",
                    None,
                    json!({"username": "admin", "password": PASSWORD}),
                ),
                200,
                API_POLICY,
                true,
            ),
            (
                "refused login",
                send(
                    "POST",
                    "/api/v1/auth/login",
                    None,
                    json!({"username": "admin", "password": "wrong"}),
                ),
                401,
                API_POLICY,
                true,
            ),
            (
                "no token",
                get("/api/v1/members", None),
                401,
                API_POLICY,
                true,
            ),
            (
                "unknown API route",
                get("/api/v1/nothing-here", Some(&admin)),
                404,
                API_POLICY,
                true,
            ),
            (
                "wrong method",
                send("PUT", "/api/v1/members", Some(&admin), json!({})),
                405,
                API_POLICY,
                true,
            ),
            (
                "invalid body",
                send(
                    "POST",
                    "/api/v1/org-units",
                    Some(&admin),
                    json!({"name": ""}),
                ),
                422,
                API_POLICY,
                true,
            ),
            (
                "too large",
                send(
                    "POST",
                    "/api/v1/org-units",
                    Some(&admin),
                    json!({"name": big}),
                ),
                413,
                API_POLICY,
                true,
            ),
        ];
        for (what, req, status, policy, no_store) in cases {
            let res = atest::call_service(&app, req.to_request()).await;
            assert_eq!(res.status().as_u16(), status, "{what}");
            assert_eq!(
                header(&res, "content-security-policy").as_deref(),
                Some(policy),
                "{what}"
            );
            assert_eq!(
                header(&res, "x-content-type-options").as_deref(),
                Some("nosniff"),
                "{what}"
            );
            assert_eq!(
                header(&res, "x-frame-options").as_deref(),
                Some("DENY"),
                "{what}"
            );
            assert_eq!(
                header(&res, "referrer-policy").as_deref(),
                Some("no-referrer"),
                "{what}"
            );
            assert!(policy.contains("frame-ancestors 'none'"), "{what}");
            let cache = header(&res, "cache-control");
            if no_store {
                assert_eq!(cache.as_deref(), Some("no-store"), "{what}");
            } else {
                assert_ne!(cache.as_deref(), Some("no-store"), "{what} may be cached");
            }
            assert_eq!(
                header(&res, "strict-transport-security"),
                None,
                "{what}: HSTS is off by default"
            );
        }
    });
}

#[actix_web::test]
async fn hsts_when_configured() {
    let db = huzhu_store::testing::sqlite();
    let mut fx = fixture(&db.store);
    fx.state.config = std::sync::Arc::new({
        let mut c = (*fx.state.config).clone();
        c.hsts_seconds = 31_536_000;
        c
    });
    let app = service(&fx.state).await;
    for req in [
        get("/api/v1/health", None),
        get("/api/v1/nothing", None),
        atest::TestRequest::get().uri("/"),
    ] {
        let res = atest::call_service(&app, req.to_request()).await;
        assert_eq!(
            header(&res, "strict-transport-security").as_deref(),
            Some("max-age=31536000; includeSubDomains")
        );
    }
}
