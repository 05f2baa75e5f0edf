//! The lockout against racing guesses, the login rate limits and the bounded queue of
//! password checks, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use actix_web::test as atest;
use common::*;
use futures_util::stream::{FuturesUnordered, StreamExt};
use huzhu_http::auth::login_limits::RateLimits;
use huzhu_http::auth::passwords::HashingLimits;
use serde_json::{json, Value};
use std::time::Duration;

/// Status, `Retry-After` and body of a login.
async fn attempt<S, B>(app: &S, req: atest::TestRequest) -> (u16, Option<u64>, Value)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let res = atest::call_service(app, req.to_request()).await;
    let status = res.status().as_u16();
    let retry_after = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body = serde_json::from_slice(&atest::read_body(res).await).unwrap_or(Value::Null);
    (status, retry_after, body)
}

fn login_as(username: &str, password: &str) -> atest::TestRequest {
    send(
        "POST",
        "/api/v1/auth/login",
        None,
        json!({"username": username, "password": password}),
    )
}

/// No rate limit to speak of, and password checks in `slots` behind a queue of `queue`.
fn only_the_queue(c: &mut huzhu_http::HttpConfig, slots: usize, queue: usize) {
    c.login_rate = RateLimits {
        per_address: 100_000,
        per_account: 100_000,
        ..RateLimits::default()
    };
    c.password_hashing = HashingLimits {
        slots,
        queue,
        max_wait: Duration::from_secs(600),
        ..HashingLimits::default()
    };
}

fn unlimited(c: &mut huzhu_http::HttpConfig) {
    only_the_queue(c, 2, 1_000);
}

#[test]
fn of_three_hundred_racing_guesses_five_are_judged_and_then_the_right_password_is_refused() {
    on_each_backend(|store| async move {
        let f = fixture_with(&store, unlimited);
        let app = service(&f.state).await;
        let mut racing = FuturesUnordered::new();
        for n in 0..300 {
            racing.push(attempt(
                &app,
                login_as("admin", &format!("guess number {n}")),
            ));
        }
        let mut answers = Vec::new();
        // Once five answers are back, five attempts have been counted: the right password
        // arrives among the 295 still racing.
        while answers.len() < 5 {
            answers.push(racing.next().await.unwrap());
        }
        racing.push(attempt(&app, login_as("admin", PASSWORD)));
        while let Some(a) = racing.next().await {
            answers.push(a);
        }
        assert_eq!(answers.len(), 301);
        assert!(
            answers
                .iter()
                .all(|(s, _, b)| *s == 401 && b["code"] == "auth.invalid_credentials"),
            "every attempt, the right one included, is refused alike"
        );

        let supervisor = staff_token(&app, "supervisor").await;
        let (_, page) = call(&app, get("/api/v1/audit?limit=500", Some(&supervisor))).await;
        let judged = page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "session.login_attempt")
            .filter(|e| e["subject"].as_str().unwrap().starts_with("account:"))
            .count();
        // The supervisor's own login was one attempt too.
        assert_eq!(judged, 5 + 1, "attempts counted and judged");
        let (s, _, _) = attempt(&app, login_as("admin", PASSWORD)).await;
        assert_eq!(s, 401, "the account stays locked");
    });
}

#[test]
fn a_login_name_tried_too_often_is_told_when_to_come_back_and_others_are_not() {
    on_each_backend(|store| async move {
        let f = fixture_with(&store, |c| {
            c.login_rate = RateLimits {
                per_address: 1_000,
                per_account: 3,
                ..RateLimits::default()
            };
        });
        let app = service(&f.state).await;
        for _ in 0..3 {
            let (s, _, _) = attempt(&app, login_as("admin", "wrong password here")).await;
            assert_eq!(s, 401);
        }
        // The fourth is refused before anything is checked, even with the right password,
        // and the name's case or spaces do not make it another name.
        let (s, retry, b) = attempt(&app, login_as(" ADMIN ", PASSWORD)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (429, Some("auth.too_many_attempts"))
        );
        let retry = retry.expect("Retry-After");
        assert!((1..=60).contains(&retry), "{retry}");
        assert!(b["message"].as_str().unwrap().contains("try again in"));
        // An unknown name is limited the same way, and another account is untouched.
        for _ in 0..3 {
            attempt(&app, login_as("nobody", "wrong password here")).await;
        }
        let (s, _, _) = attempt(&app, login_as("nobody", "wrong password here")).await;
        assert_eq!(s, 429);
        let (s, _, _) = attempt(&app, login_as("supervisor", PASSWORD)).await;
        assert_eq!(s, 200);
    });
}

#[test]
fn an_address_is_limited_and_a_trusted_proxy_is_seen_through() {
    on_each_backend(|store| async move {
        let proxy: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let f = fixture_with(&store, |c| {
            c.login_rate = RateLimits {
                per_address: 2,
                per_account: 1_000,
                ..RateLimits::default()
            };
            c.trusted_proxies = vec![proxy];
        });
        let app = service(&f.state).await;
        let from = |peer: &str, forwarded: Option<&str>, user: &str| {
            let req = login_as(user, "wrong password here").peer_addr(peer.parse().unwrap());
            match forwarded {
                Some(v) => req.insert_header(("X-Forwarded-For", v)),
                None => req,
            }
        };
        for user in ["a", "b"] {
            assert_eq!(
                attempt(&app, from("192.0.2.7:5000", None, user)).await.0,
                401
            );
        }
        assert_eq!(
            attempt(&app, from("192.0.2.7:5000", None, "c")).await.0,
            429
        );
        // An untrusted peer's X-Forwarded-For is ignored.
        assert_eq!(
            attempt(&app, from("192.0.2.7:5000", Some("198.51.100.1"), "d"))
                .await
                .0,
            429
        );
        // Through the proxy, each client counts for itself; an address the client put in
        // front of the proxy's own entry does not help it.
        for user in ["e", "f"] {
            let req = from("10.0.0.1:40000", Some("203.0.113.9"), user);
            assert_eq!(attempt(&app, req).await.0, 401);
        }
        let spoofed = from("10.0.0.1:40000", Some("198.51.100.77, 203.0.113.9"), "g");
        assert_eq!(attempt(&app, spoofed).await.0, 429);
        let other = from("10.0.0.1:40000", Some("203.0.113.10"), "h");
        assert_eq!(attempt(&app, other).await.0, 401);
    });
}

#[test]
fn beyond_the_queue_of_password_checks_a_login_is_told_to_retry() {
    on_each_backend(|store| async move {
        let f = fixture_with(&store, |c| only_the_queue(c, 1, 2));
        let app = service(&f.state).await;
        let answers: Vec<_> = (0..40)
            .map(|n| attempt(&app, login_as(&format!("user{n}"), "wrong password here")))
            .collect::<FuturesUnordered<_>>()
            .collect()
            .await;
        let busy: Vec<_> = answers.iter().filter(|(s, _, _)| *s == 429).collect();
        let judged = answers.iter().filter(|(s, _, _)| *s == 401).count();
        assert!(
            !busy.is_empty() && judged >= 3,
            "{} busy, {judged} judged",
            busy.len()
        );
        assert_eq!(busy.len() + judged, 40);
        for (_, retry, b) in busy {
            assert_eq!(*retry, Some(1));
            assert_eq!(b["code"], "auth.login_busy");
        }
        // With the flood gone, a login gets through.
        assert_eq!(attempt(&app, login_as("admin", PASSWORD)).await.0, 200);
    });
}
