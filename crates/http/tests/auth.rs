//! Logging in, lockout, tokens (expired, tampered, `none`), refresh rotation and reuse,
//! logout, disabled accounts and integrators, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use base64::Engine;
use chrono::Duration;
use common::*;
use huzhu_http::auth::tokens::Claims;
use jsonwebtoken::{encode, EncodingKey, Header};
use serde_json::json;

fn b64(v: &serde_json::Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn claims(exp_offset: i64, nbf_offset: i64) -> Claims {
    let now = jsonwebtoken::get_current_timestamp() as i64;
    Claims {
        iss: "huzhu".into(),
        aud: "huzhu-api".into(),
        sub: "account:1".into(),
        exp: now + exp_offset,
        nbf: now + nbf_offset,
        iat: now,
        jti: "t".into(),
        sid: Some(1),
        scope: None,
    }
}

fn sign(c: &Claims, secret: &[u8]) -> String {
    encode(&Header::default(), c, &EncodingKey::from_secret(secret)).unwrap()
}

#[test]
fn wrong_password_unknown_user_and_locked_account_look_the_same() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (s1, wrong) = login(
            &app,
            json!({"username": "admin", "password": "nope nope nope"}),
        )
        .await;
        let (s2, unknown) = login(
            &app,
            json!({"username": "nobody", "password": "nope nope nope"}),
        )
        .await;
        let (s3, bad_id) = login(&app, json!({"id_number": "12345", "password": "x"})).await;
        assert_eq!((s1, s2, s3), (401, 401, 401));
        assert_eq!(wrong, unknown);
        assert_eq!(wrong, bad_id);
        assert_eq!(wrong["code"], "auth.invalid_credentials");

        // Four more failures (five in all) lock the account.
        for _ in 0..4 {
            login(
                &app,
                json!({"username": "admin", "password": "nope nope nope"}),
            )
            .await;
        }
        let (status, locked) =
            login(&app, json!({"username": "admin", "password": PASSWORD})).await;
        assert_eq!(status, 401);
        assert_eq!(
            locked, wrong,
            "a locked account answers like a wrong password"
        );

        // An administrator of the same scope can lift the lock...
        let city_admin = staff_token(&app, "city_admin").await;
        let gz_reviewer = {
            let (s, b) = call(&app, send("POST", "/api/v1/staff", Some(&city_admin), json!({
                "username": "gz_reviewer", "display_name": "审核员", "org_unit_id": f.guangzhou.id,
                "roles": ["claims_reviewer"], "password": PASSWORD
            }))).await;
            assert_eq!(s, 201, "{b}");
            b["id"].as_i64().unwrap()
        };
        for _ in 0..5 {
            login(
                &app,
                json!({"username": "gz_reviewer", "password": "wrong password"}),
            )
            .await;
        }
        let (s, b) = call(
            &app,
            get(&format!("/api/v1/staff/{gz_reviewer}"), Some(&city_admin)),
        )
        .await;
        assert_eq!(s, 200);
        assert!(b["locked_until"].is_string(), "{b}");
        let (s, _) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/staff/{gz_reviewer}"),
                Some(&city_admin),
                json!({"unlock": true}),
            ),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(
            login(
                &app,
                json!({"username": "gz_reviewer", "password": PASSWORD})
            )
            .await
            .0,
            200
        );

        // ...and otherwise the lock ends by itself after 15 minutes.
        f.clock.advance(Duration::minutes(14));
        assert_eq!(
            login(&app, json!({"username": "admin", "password": PASSWORD}))
                .await
                .0,
            401
        );
        f.clock.advance(Duration::minutes(2));
        assert_eq!(
            login(&app, json!({"username": "admin", "password": PASSWORD}))
                .await
                .0,
            200
        );
    });
}

#[test]
fn login_needs_exactly_one_login_name() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (s, b) = login(
            &app,
            json!({"username": "admin", "id_number": MEMBER_ID, "password": "x"}),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (422, Some("auth.login_shape")));
        let (s, b) = login(&app, json!({"password": "x"})).await;
        assert_eq!((s, b["code"].as_str()), (422, Some("auth.login_shape")));
        // Members log in with their ID number, lower-case x accepted.
        let (s, b) = login(&app, json!({"id_number": MEMBER_ID, "password": PASSWORD})).await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["token_type"], "Bearer");
        assert!(b["expires_in"].as_i64().unwrap() <= 900);
    });
}

#[test]
fn bad_tokens_are_refused_with_401() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let secret = f.state.config.jwt_secret.0.clone();
        let good = staff_token(&app, "admin").await;
        assert_eq!(call(&app, get("/api/v1/me", Some(&good))).await.0, 200);

        let mut tampered = good.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'A' { 'B' } else { 'A' });
        let expired = sign(&claims(-120, -1000), &secret);
        let not_yet = sign(&claims(900, 600), &secret);
        let foreign = sign(&claims(900, 0), b"another-secret-another-secret-another");
        let mut wrong_aud = claims(900, 0);
        wrong_aud.aud = "someone-else".into();
        let wrong_aud = sign(&wrong_aud, &secret);
        let mut wrong_iss = claims(900, 0);
        wrong_iss.iss = "someone-else".into();
        let wrong_iss = sign(&wrong_iss, &secret);
        // Signed with the real key but living ten years; and the same with `iat` moved up to
        // look like a 15-minute token.
        let ten_years = sign(&claims(10 * 365 * 86_400, 0), &secret);
        let mut disguised = claims(10 * 365 * 86_400, 0);
        disguised.iat = disguised.exp - 900;
        let disguised = sign(&disguised, &secret);
        let body = good.split('.').nth(1).unwrap().to_string();
        let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), body);
        let hs512 = encode(
            &Header::new(jsonwebtoken::Algorithm::HS512),
            &claims(900, 0),
            &EncodingKey::from_secret(&secret),
        )
        .unwrap();

        for (name, token, code) in [
            ("tampered", tampered.as_str(), "auth.token_invalid"),
            ("expired", expired.as_str(), "auth.token_expired"),
            ("not yet valid", not_yet.as_str(), "auth.token_invalid"),
            ("foreign key", foreign.as_str(), "auth.token_invalid"),
            ("wrong audience", wrong_aud.as_str(), "auth.token_invalid"),
            ("wrong issuer", wrong_iss.as_str(), "auth.token_invalid"),
            (
                "ten-year lifetime",
                ten_years.as_str(),
                "auth.token_invalid",
            ),
            (
                "ten years with iat moved",
                disguised.as_str(),
                "auth.token_invalid",
            ),
            ("alg none", none.as_str(), "auth.token_invalid"),
            ("other algorithm", hs512.as_str(), "auth.token_invalid"),
            ("garbage", "not-a-jwt", "auth.token_invalid"),
        ] {
            let (s, b) = call(&app, get("/api/v1/me", Some(token))).await;
            assert_eq!((s, b["code"].as_str()), (401, Some(code)), "{name}: {b}");
        }
        let (s, b) = call(
            &app,
            get("/api/v1/me", None).insert_header(("Authorization", "Basic abc")),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.token_invalid")));
        let (s, b) = call(&app, get("/api/v1/me", None)).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.token_missing")));
    });
}

#[test]
fn refresh_rotates_and_reuse_ends_the_session() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (first, first_refresh) =
            login_session(&app, json!({"username": "finance", "password": PASSWORD})).await;
        assert!(
            first.get("refresh_token").is_none(),
            "the refresh token is never in a body script can read: {first}"
        );
        let (s, second, cookies) =
            call_with_cookies(&app, refresh_request(Some(&first_refresh), true)).await;
        assert_eq!(s, 200, "{second}");
        let second_refresh = refresh_cookie(&cookies).unwrap();
        assert_ne!(second_refresh, first_refresh);
        let access = second["access_token"].as_str().unwrap();
        assert_eq!(call(&app, get("/api/v1/me", Some(access))).await.0, 200);

        // The spent token again: the whole family is revoked.
        let refresh = |t: &str| refresh_request(Some(t), true);
        let (s, b) = call(&app, refresh(&first_refresh)).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.refresh_reused")));
        let (s, b) = call(&app, refresh(&second_refresh)).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.refresh_invalid")));
        let (s, b) = call(&app, get("/api/v1/me", Some(access))).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.session_ended")));

        // Another login of the same person is a different session and still works.
        let other = staff_token(&app, "finance").await;
        assert_eq!(call(&app, get("/api/v1/me", Some(&other))).await.0, 200);
        let (s, _) = call(&app, refresh("made-up")).await;
        assert_eq!(s, 401);
    });
}

#[test]
fn the_refresh_token_lives_in_a_strict_http_only_cookie_and_needs_the_csrf_header() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (s, _, cookies) = call_with_cookies(
            &app,
            send(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"username": "finance", "password": PASSWORD}),
            ),
        )
        .await;
        assert_eq!(s, 200);
        let set = cookies
            .iter()
            .find(|c| c.starts_with("huzhu_refresh="))
            .unwrap();
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/api/v1/auth",
            "Secure",
            "Max-Age=1209600",
        ] {
            assert!(set.contains(part), "{part} missing from {set}");
        }
        let token = refresh_cookie(&cookies).unwrap();

        // Without the header (a form or link of another site): refused, and nothing is spent.
        let (s, b) = call(&app, refresh_request(Some(&token), false)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (403, Some("auth.csrf_header_missing"))
        );
        let blank = refresh_request(Some(&token), false).insert_header(("X-Huzhu-Csrf", " "));
        assert_eq!(call(&app, blank).await.0, 403);
        // The token in a body, as before: not read.
        let in_body = send(
            "POST",
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": token}),
        )
        .insert_header(("X-Huzhu-Csrf", "1"));
        let (s, b) = call(&app, in_body).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.refresh_invalid")));
        let (s, b) = call(&app, refresh_request(Some(&token), true)).await;
        assert_eq!(s, 200, "the refused attempts spent nothing: {b}");
    });
    on_each_backend(|store| async move {
        // Configured for plain HTTP on loopback, the cookie goes without Secure.
        let f = fixture_with(&store, |c| c.refresh_cookie.secure = false);
        let app = service(&f.state).await;
        let (_, _, cookies) = call_with_cookies(
            &app,
            send(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"username": "finance", "password": PASSWORD}),
            ),
        )
        .await;
        let set = cookies
            .iter()
            .find(|c| c.starts_with("huzhu_refresh="))
            .unwrap();
        assert!(set.contains("HttpOnly") && !set.contains("Secure"), "{set}");
    });
}

#[test]
fn logout_and_disabling_end_sessions_at_once() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let (pair, refresh) =
            login_session(&app, json!({"username": "council", "password": PASSWORD})).await;
        let access = pair["access_token"].as_str().unwrap();
        let (s, _, cookies) = call_with_cookies(
            &app,
            send("POST", "/api/v1/auth/logout", Some(access), json!({})),
        )
        .await;
        assert_eq!(s, 204);
        assert_eq!(
            refresh_cookie(&cookies).as_deref(),
            Some(""),
            "logout tells the browser to forget the cookie: {cookies:?}"
        );
        assert!(
            cookies.iter().any(|c| c.contains("Max-Age=0")),
            "{cookies:?}"
        );
        assert_eq!(call(&app, get("/api/v1/me", Some(access))).await.0, 401);
        let (s, _) = call(&app, refresh_request(Some(&refresh), true)).await;
        assert_eq!(s, 401);

        let admin = staff_token(&app, "admin").await;
        let victim = staff_token(&app, "supervisor").await;
        let (_, list) = call(&app, get("/api/v1/staff?q=supervisor", Some(&admin))).await;
        let id = list["items"][0]["id"].as_i64().unwrap();
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/staff/{id}"),
                Some(&admin),
                json!({"active": false}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(call(&app, get("/api/v1/me", Some(&victim))).await.0, 401);
        assert_eq!(
            login(
                &app,
                json!({"username": "supervisor", "password": PASSWORD})
            )
            .await
            .0,
            401
        );
    });
}

#[test]
fn integrators_get_scoped_tokens_and_lose_them_on_revocation() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let token_req = |body: serde_json::Value| send("POST", "/api/v1/auth/token", None, body);
        let (s, b) = call(&app, token_req(json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scope": "coverage:read"}))).await;
        assert_eq!(s, 200, "{b}");
        assert_eq!(b["scope"], "coverage:read");
        let token = b["access_token"].as_str().unwrap().to_string();
        let (s, me) = call(&app, get("/api/v1/me", Some(&token))).await;
        assert_eq!(s, 200);
        assert_eq!(me["kind"], "integrator");
        assert_eq!(me["scopes"], json!(["coverage:read"]));
        assert_eq!(me["permissions"], json!(["coverage_read"]));
        // Integrators are not staff.
        assert_eq!(
            call(&app, get("/api/v1/org-units", Some(&token))).await.0,
            403
        );

        let (s, b) = call(&app, token_req(json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": "wrong"}))).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.invalid_client")));
        let (s, b) = call(&app, token_req(json!({"grant_type": "password", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (400, Some("auth.unsupported_grant_type"))
        );
        let (s, b) = call(&app, token_req(json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scope": "admin"}))).await;
        assert_eq!((s, b["code"].as_str()), (400, Some("auth.invalid_scope")));

        // An administrator creates a client, which works until revoked.
        let admin = staff_token(&app, "admin").await;
        let (s, created) = call(
            &app,
            send(
                "POST",
                "/api/v1/api-clients",
                Some(&admin),
                json!({"name": "粤省事", "scopes": ["coverage:read"]}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{created}");
        let (s, b) = call(&app, token_req(json!({"grant_type": "client_credentials", "client_id": created["client"]["client_id"], "client_secret": created["client_secret"]}))).await;
        assert_eq!(s, 200, "{b}");
        let new_token = b["access_token"].as_str().unwrap().to_string();
        let id = created["client"]["id"].as_i64().unwrap();
        assert_eq!(
            call(
                &app,
                send(
                    "DELETE",
                    &format!("/api/v1/api-clients/{id}"),
                    Some(&admin),
                    json!({})
                )
            )
            .await
            .0,
            204
        );
        let (s, b) = call(&app, get("/api/v1/me", Some(&new_token))).await;
        assert_eq!((s, b["code"].as_str()), (401, Some("auth.client_revoked")));
        let (s, _) = call(
            &app,
            send(
                "POST",
                "/api/v1/api-clients",
                Some(&admin),
                json!({"name": "x", "scopes": ["root"]}),
            ),
        )
        .await;
        assert_eq!(s, 422);
    });
}

#[test]
fn money_council_and_supervision_roles_sit_at_the_province_only() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        // Refused when given to a city office's account, on creation and on change.
        let (s, b) = call(&app, send("POST", "/api/v1/staff", Some(&admin), json!({
            "username": "gz_finance", "display_name": "广州财务", "org_unit_id": f.guangzhou.id,
            "roles": ["branch_staff", "finance"], "password": PASSWORD
        }))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("staff.role_level")),
            "{b}"
        );
        let (s, clerk) = call(&app, send("POST", "/api/v1/staff", Some(&admin), json!({
            "username": "gz_clerk2", "display_name": "广州办事员", "org_unit_id": f.guangzhou.id,
            "roles": ["branch_staff"], "password": PASSWORD
        }))).await;
        assert_eq!(s, 201, "{clerk}");
        let id = clerk["id"].as_i64().unwrap();
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/staff/{id}"),
                Some(&admin),
                json!({"roles": ["supervisor"]}),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("staff.role_level")),
            "{b}"
        );

        // A finance role written straight into the table grants nothing below the province.
        f.state
            .store
            .read(|c| {
                use diesel::prelude::*;
                use huzhu_store::schema::account_roles as r;
                diesel::insert_into(r::table)
                    .values((r::account_id.eq(id), r::role.eq("finance")))
                    .execute(c)
                    .map_err(huzhu_store::StoreError::from)
            })
            .unwrap();
        let token = staff_token(&app, "gz_clerk2").await;
        let (s, _) = call(&app, get("/api/v1/finance/trial-balance", Some(&token))).await;
        assert_eq!(
            s, 403,
            "a branch account does not read the province's ledger"
        );
        let (s, me) = call(&app, get("/api/v1/me", Some(&token))).await;
        assert_eq!(s, 200);
        assert_eq!(me["roles"], json!(["branch_staff"]), "{me}");
    });
}
