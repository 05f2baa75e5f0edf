//! A known path asked with a method it does not take answers 405 with `Allow`; an unknown path
//! answers 404; scanning for paths does not grow the metrics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use actix_web::test;
use common::*;
use serde_json::json;

#[actix_web::test]
async fn wrong_method_on_a_known_path_is_405_with_allow() {
    let db = huzhu_store::testing::sqlite();
    let fx = fixture(&db.store);
    let app = service(&fx.state).await;
    let admin = staff_token(&app, "admin").await;
    let cases = [
        ("PUT", "/api/v1/members", "GET, POST"),
        ("DELETE", "/api/v1/members/1", "GET, PATCH"),
        ("GET", "/api/v1/auth/login", "POST"),
        ("POST", "/api/v1/org-units/1", "GET, PATCH, DELETE"),
        ("POST", "/account", "GET, HEAD"),
    ];
    for (method, path, allow) in cases {
        // With and without a token: the answer says nothing more to a stranger than the spec does.
        for token in [Some(admin.as_str()), None] {
            let req = send(method, path, token, json!({}));
            let res = test::call_service(&app, req.to_request()).await;
            assert_eq!(res.status().as_u16(), 405, "{method} {path}");
            assert_eq!(
                res.headers()
                    .get("allow")
                    .map(|v| v.to_str().unwrap().to_owned())
                    .as_deref(),
                Some(allow),
                "{method} {path}"
            );
            let body: serde_json::Value =
                serde_json::from_slice(&test::read_body(res).await).unwrap();
            assert_eq!(body["code"], "route.method_not_allowed", "{method} {path}");
            assert!(body["message"].as_str().unwrap().contains(allow), "{body}");
        }
    }
    let (status, body) = call(&app, get("/api/v1/no-such-thing", Some(&admin))).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("route.not_found"))
    );
    let (status, body) = call(
        &app,
        send("POST", "/api/v1/members/1/nothing", Some(&admin), json!({})),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("route.not_found"))
    );
}

fn local_metrics() -> test::TestRequest {
    test::TestRequest::get()
        .uri("/metrics")
        .peer_addr("127.0.0.1:9100".parse().unwrap())
}

#[actix_web::test]
async fn metrics_answer_the_configured_addresses_and_the_token_only() {
    let db = huzhu_store::testing::sqlite();
    let proxy: std::net::IpAddr = "127.0.0.1".parse().unwrap();
    let plain = fixture(&db.store);
    let app = service(&plain.state).await;
    assert_eq!(call(&app, local_metrics()).await.0, 200);
    let v6 = test::TestRequest::get()
        .uri("/metrics")
        .peer_addr("[::1]:9100".parse().unwrap());
    assert_eq!(call(&app, v6).await.0, 200);
    let remote = || {
        test::TestRequest::get()
            .uri("/metrics")
            .peer_addr("203.0.113.5:9100".parse().unwrap())
    };
    assert_eq!(call(&app, remote()).await.0, 403);
    assert_eq!(
        call(&app, test::TestRequest::get().uri("/metrics")).await.0,
        403
    );

    let db2 = huzhu_store::testing::sqlite();
    let guarded = fixture_with(&db2.store, |c| {
        c.metrics_token = Some(huzhu_http::Secret(
            b"metrics-token-metrics-token-metrics".to_vec(),
        ));
        c.trusted_proxies = vec![proxy];
    });
    let app = service(&guarded.state).await;
    let with = |token: &str| remote().insert_header(("Authorization", format!("Bearer {token}")));
    assert_eq!(
        call(&app, with("metrics-token-metrics-token-metrics"))
            .await
            .0,
        200
    );
    assert_eq!(
        call(&app, with("metrics-token-metrics-token-metricx"))
            .await
            .0,
        403
    );
    // Through a proxy on the same host, a request is not local.
    assert_eq!(call(&app, local_metrics()).await.0, 403);
    let (_, body) = call(&app, remote()).await;
    assert_eq!(body["code"], "auth.forbidden", "{body}");
}

#[actix_web::test]
async fn unknown_paths_share_one_metrics_label() {
    let db = huzhu_store::testing::sqlite();
    let fx = fixture(&db.store);
    let app = service(&fx.state).await;
    for n in 0..200 {
        let path = format!("/api/v1/scan-{n}-{}", std::process::id());
        let (status, _) = call(&app, get(&path, None)).await;
        assert_eq!(status, 404);
    }
    let res = test::call_service(&app, local_metrics().to_request()).await;
    let text = String::from_utf8(test::read_body(res).await.to_vec()).unwrap();
    assert!(
        !text.contains("scan-"),
        "a scanned path became a metrics label"
    );
    assert!(
        text.contains("endpoint=\"unmatched\""),
        "unmatched paths share one label"
    );
}
