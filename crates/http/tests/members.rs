//! The member register through the API: masking everywhere, unmasking with a purpose and a
//! log, validation, scoping, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::{json, Value};

const WOMAN: &str = "440304198511204567";
const MOBILE: &str = "13812345678";
/// Passes the Luhn check.
const CARD: &str = "6222021234567890128";

fn no_clear_text(body: &Value) {
    let text = body.to_string();
    for secret in [
        WOMAN,
        MOBILE,
        CARD,
        "12345678",
        "4567890128",
        "19851120",
        "1985-11-20",
    ] {
        assert!(
            !text.contains(secret),
            "a response carries {secret} unmasked: {text}"
        );
    }
}

#[test]
fn members_are_masked_everywhere_and_unmasked_only_with_a_purpose() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let (s, created) = call(&app, send("POST", "/api/v1/members", Some(&clerk), json!({
            "org_unit_id": f.union.id, "name": "李娜", "id_number": WOMAN, "category": "in_service",
            "mobile": format!("+86 {MOBILE}"), "bank_card": CARD, "health_consent": true
        }))).await;
        assert_eq!(s, 201, "{created}");
        no_clear_text(&created);
        assert_eq!(created["id_number_masked"], "440304********4567");
        assert_eq!(created["mobile_masked"], "138****5678");
        assert_eq!(created["bank_card_masked"], "**** 0128");
        assert_eq!(created["gender"], "female");
        assert_eq!(created["age"], 41, "born 1985-11-20, today 2026-11-30");
        assert!(created.get("birth_date").is_none(), "{created}");
        assert!(created["health_consent_at"].is_string());
        let id = created["id"].as_i64().unwrap();

        let (s, found) = call(
            &app,
            get(&format!("/api/v1/members?id_number={WOMAN}"), Some(&clerk)),
        )
        .await;
        assert_eq!((s, found["total"].as_i64()), (200, Some(1)));
        no_clear_text(&found);
        let (_, by_name) = call(&app, get("/api/v1/members?name=%E6%9D%8E", Some(&clerk))).await;
        assert_eq!(by_name["total"], 1, "search by part of the name (李)");
        let (s, one) = call(&app, get(&format!("/api/v1/members/{id}"), Some(&clerk))).await;
        assert_eq!(s, 200);
        no_clear_text(&one);

        // Unmasking needs a purpose and is logged.
        let unmask = |token: &str, body: Value| {
            send(
                "POST",
                &format!("/api/v1/members/{id}/unmask"),
                Some(token),
                body,
            )
        };
        let (s, b) = call(
            &app,
            unmask(&clerk, json!({"fields": ["id_number"], "purpose": ""})),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("unmask.purpose_required"))
        );
        let (s, full) = call(&app, unmask(&clerk, json!({"fields": ["id_number", "mobile", "bank_card"], "purpose": "核对理赔申请人身份"}))).await;
        assert_eq!(s, 200, "{full}");
        assert_eq!(
            full,
            json!({"id_number": WOMAN, "mobile": MOBILE, "bank_card": CARD})
        );
        let (s, log) = call(
            &app,
            get(&format!("/api/v1/members/{id}/access-log"), Some(&clerk)),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(
            log.as_array().unwrap().len(),
            1,
            "the refused attempt is not logged: {log}"
        );
        assert_eq!(log[0]["purpose"], "核对理赔申请人身份");
        assert_eq!(
            log[0]["fields"],
            json!(["id_number", "mobile", "bank_card"])
        );

        // Supervisors read the register but may not unmask; the council does not read it.
        let supervisor = staff_token(&app, "supervisor").await;
        assert_eq!(
            call(
                &app,
                get(&format!("/api/v1/members/{id}"), Some(&supervisor))
            )
            .await
            .0,
            200
        );
        assert_eq!(
            call(
                &app,
                unmask(
                    &supervisor,
                    json!({"fields": ["id_number"], "purpose": "检查"})
                )
            )
            .await
            .0,
            403
        );
        let council = staff_token(&app, "council").await;
        assert_eq!(
            call(&app, get("/api/v1/members", Some(&council))).await.0,
            403
        );

        // Outside Shenzhen's... rather: a city admin of Guangzhou sees the member, Shenzhen's would not.
        let city_admin = staff_token(&app, "city_admin").await;
        assert_eq!(
            call(
                &app,
                get(&format!("/api/v1/members/{id}"), Some(&city_admin))
            )
            .await
            .0,
            200
        );
    });
}

#[test]
fn registration_rules_and_conflicts() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let register = |body: Value| send("POST", "/api/v1/members", Some(&clerk), body);
        let base = json!({"org_unit_id": f.union.id, "name": "李娜", "id_number": WOMAN, "category": "in_service"});
        let with = |k: &str, v: Value| {
            let mut b = base.clone();
            b[k] = v;
            b
        };
        for (body, code) in [
            (
                with("id_number", json!("440304198511204568")),
                "id_number.check_digit",
            ),
            (
                with("id_number", json!("440304198502304567")),
                "id_number.birth_date",
            ),
            (with("mobile", json!("12345")), "mobile.format"),
            (
                with("bank_card", json!("6222021234567890129")),
                "bank_card.luhn_failed",
            ),
            (with("bank_card", json!("62220212")), "bank_card.format"),
            (
                with("org_unit_id", json!(f.guangzhou.id)),
                "member.unit_not_union",
            ),
            (with("org_unit_id", json!(987654)), "org_unit.not_found"),
            (with("name", json!(" ")), "request.invalid_text"),
            (
                with("category", json!("astronaut")),
                "request.invalid_field",
            ),
        ] {
            let (s, b) = call(&app, register(body.clone())).await;
            assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{body}: {b}");
        }
        let (_, none) = call(&app, get("/api/v1/members", Some(&clerk))).await;
        assert_eq!(
            none["total"], 1,
            "only the fixture's member; nothing was half-written"
        );

        // A card failing the Luhn check is accepted when staff confirm it, and that is recorded.
        let (s, m) = call(&app, register(json!({"org_unit_id": f.union.id, "name": "李娜", "id_number": WOMAN,
            "category": "gig_worker", "bank_card": "6222021234567890129", "accept_bank_card_luhn_failure": true}))).await;
        assert_eq!(s, 201, "{m}");
        assert_eq!(m["bank_card_luhn_overridden"], true);
        let (s, b) = call(&app, register(base.clone())).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("member.duplicate_id_number"))
        );

        // Changes: correct the card, withdraw consent, move to another union in scope.
        let id = m["id"].as_i64().unwrap();
        let admin = staff_token(&app, "admin").await;
        let (s, other_union) = call(&app, send("POST", "/api/v1/org-units", Some(&admin), json!({
            "parent_id": f.guangzhou.id, "kind": "grassroots_union", "name": "另一家工会", "credit_code": "81440101MC00000021"}))).await;
        assert_eq!(s, 201);
        let (s, changed) = call(&app, send("PATCH", &format!("/api/v1/members/{id}"), Some(&clerk), json!({
            "bank_card": CARD, "health_consent": false, "org_unit_id": other_union["id"], "mobile": MOBILE}))).await;
        assert_eq!(s, 200, "{changed}");
        assert_eq!(changed["bank_card_luhn_overridden"], false);
        assert!(changed["health_consent_at"].is_null());
        assert_eq!(changed["org_unit_id"], other_union["id"]);
        no_clear_text(&changed);
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{id}"),
                Some(&clerk),
                json!({"org_unit_id": f.shenzhen.id}),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("member.unit_not_union"))
        );
        let (s, removed) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{id}"),
                Some(&clerk),
                json!({"mobile": ""}),
            ),
        )
        .await;
        assert_eq!(s, 200);
        assert!(removed.get("mobile_masked").is_none(), "{removed}");
    });
}
