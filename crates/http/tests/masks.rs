//! Masks that hold: every GET route, as every role, a member and an integrator, after the
//! member has a mobile, a bank card, a policy, a claim and a payment — no answer carries the
//! ID number, its hidden middle (the birth date, in any form), the mobile or the bank card.
//! Only unmasking (a POST with a purpose, audited) and the bank file (the instruction to the
//! bank, which must carry the account) show them. On both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use actix_web::test as atest;
use common::*;
use huzhu_domain::Role;
use huzhu_http::auth::policy::ROUTES;
use serde_json::json;
use std::io::Read;

const MOBILE: &str = "13912345678";
/// Passes the Luhn check.
const CARD: &str = "6222020200112233446";

/// What no answer may carry: the fixture member's ID number, its hidden middle as digits and
/// as a date, the mobile and its hidden middle, the bank card and all but its last four.
fn secrets() -> Vec<String> {
    let hidden = &MEMBER_ID[6..14];
    vec![
        MEMBER_ID.to_string(),
        hidden.to_string(),
        format!("{}-{}-{}", &hidden[..4], &hidden[4..6], &hidden[6..]),
        MOBILE.to_string(),
        MOBILE[..7].to_string(),
        CARD.to_string(),
        CARD[..CARD.len() - 4].to_string(),
    ]
}

/// Routes that show a value in full on purpose.
const SHOWN_ON_PURPOSE: &[&str] = &["/api/v1/finance/payment-batches/{id}/bank-file"];

/// The text of an answer; a workbook's (zip) parts unpacked.
fn text_of(bytes: &[u8]) -> String {
    if !bytes.starts_with(b"PK\x03\x04") {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        zip.by_index(i).unwrap().read_to_string(&mut text).unwrap();
    }
    text
}

#[test]
fn no_answer_completes_a_masked_value() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let (_, members) = call(&app, get("/api/v1/members", Some(&admin))).await;
        let member = members["items"][0]["id"].as_i64().unwrap();
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{member}"),
                Some(&admin),
                json!({"mobile": MOBILE, "bank_card": CARD, "health_consent": true}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{b}");
        insure(&f, "ZY", 1, 9_500);
        let integrator = client_token(&app).await;
        let (s, report) = call(
            &app,
            send(
                "POST",
                "/api/v1/settlements",
                Some(&integrator),
                json!({"records": [settlement("YB-1", MEMBER_ID, "2026-06-01", "2026-06-06", "1300.00")]}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{report}");
        let claim = report["results"][0]["claims"][0]["claim_id"]
            .as_i64()
            .unwrap();
        let finance = staff_token(&app, "finance").await;
        let (s, batch) = call(
            &app,
            send(
                "POST",
                "/api/v1/finance/payment-batches",
                Some(&finance),
                json!({"claim_ids": [claim]}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{batch}");
        let batch = batch["id"].as_i64().unwrap();

        let mut callers = Vec::new();
        for role in Role::ALL.into_iter().filter(|r| r.is_staff()) {
            callers.push((
                role.as_str().to_string(),
                staff_token(&app, role.as_str()).await,
            ));
        }
        callers.push(("member".into(), member_token(&app).await));
        callers.push(("integrator".into(), client_token(&app).await));
        let ids = [member, claim, batch, 1];
        let secrets = secrets();
        let masked = format!("{}********{}", &MEMBER_ID[..6], &MEMBER_ID[14..]);
        let (mut answers, mut carrying) = (0, std::collections::BTreeSet::new());
        for route in ROUTES.iter().filter(|r| r.method == "GET") {
            if SHOWN_ON_PURPOSE.contains(&route.path) {
                continue;
            }
            let mut paths: Vec<String> = ids
                .iter()
                .map(|id| {
                    route
                        .path
                        .replace("{id}", &id.to_string())
                        .replace("{doc}", "1")
                        .replace("{fund}", "ZY-2026")
                })
                .collect();
            paths.dedup();
            for path in paths {
                for (who, token) in &callers {
                    let req = with_token(atest::TestRequest::get().uri(&path), Some(token));
                    let res = atest::call_service(&app, req.to_request()).await;
                    let status = res.status().as_u16();
                    let text = text_of(&atest::read_body(res).await);
                    assert!(status < 500, "{who} GET {path}: {status} {text}");
                    answers += 1;
                    if text.contains(&masked) || text.contains("张伟") {
                        carrying.insert(route.path);
                    }
                    for secret in &secrets {
                        assert!(
                            !text.contains(secret.as_str()),
                            "{who} GET {path} carries `{secret}`: {text}"
                        );
                    }
                }
            }
        }
        // The walk reached the member where they appear.
        for path in [
            "/api/v1/members",
            "/api/v1/members/{id}",
            "/api/v1/claims",
            "/api/v1/claims/{id}",
        ] {
            assert!(
                carrying.contains(path),
                "{path} never showed the member: {carrying:?}"
            );
        }
        assert!(answers > 300, "{answers} answers walked");
    });
}
