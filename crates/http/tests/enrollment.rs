//! Individual enrollment and contributions: a gig worker applies online, payments are
//! recorded, the cover starts the day after full payment, and a renewal without a gap carries
//! no waiting period; on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use huzhu_domain::plan::{china_date, examples::guangdong_demo};
use huzhu_store::plans;
use serde_json::{json, Value};

fn put_in_force(f: &Fixture, codes: &[&str]) {
    let now = f.clock.now();
    f.state
        .store
        .write(|c| -> huzhu_store::StoreResult<()> {
            for terms in guangdong_demo()
                .into_iter()
                .filter(|t| codes.contains(&t.code.as_str()))
            {
                let v = plans::insert_draft(
                    c,
                    terms.code.as_str(),
                    &serde_json::to_string(&terms).unwrap(),
                    None,
                    now,
                )?;
                plans::seed_in_force(c, v.id, None, now)?;
            }
            Ok(())
        })
        .unwrap();
}

fn pay(
    token: &str,
    policy: i64,
    amount: &str,
    reference: &str,
    paid_on: &str,
) -> actix_web::test::TestRequest {
    send(
        "POST",
        "/api/v1/contributions",
        Some(token),
        json!({
            "policy_id": policy, "amount": amount, "channel": "bank_transfer", "reference": reference, "paid_on": paid_on
        }),
    )
}

fn problems(b: &Value) -> Vec<String> {
    b["details"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_gig_worker_enrolls_pays_and_renews() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        put_in_force(&f, &["XYT", "ZY"]);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let enroll = |code: &str, shares: u32| {
            send(
                "POST",
                "/api/v1/me/enrollments",
                Some(&member),
                json!({"plan_code": code, "shares": shares}),
            )
        };

        // An in-service worker may not take the gig workers' plan; ZY takes groups only.
        let (s, b) = call(&app, enroll("XYT", 1)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("enrollment.ineligible")),
            "{b}"
        );
        assert_eq!(problems(&b), ["enrollment.category"]);
        let (s, b) = call(&app, enroll("ZY", 1)).await;
        assert_eq!(s, 422);
        assert!(
            problems(&b).contains(&"enrollment.individual_not_allowed".to_string()),
            "{b}"
        );
        let (s, b) = call(&app, enroll("NOPE", 1)).await;
        assert_eq!((s, b["code"].as_str()), (422, Some("plan.not_in_force")));

        let (_, list) = call(
            &app,
            get(
                &format!("/api/v1/members?id_number={MEMBER_ID}"),
                Some(&clerk),
            ),
        )
        .await;
        let member_id = list["items"][0]["id"].as_i64().unwrap();
        let (s, _) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{member_id}"),
                Some(&clerk),
                json!({"category": "gig_worker"}),
            ),
        )
        .await;
        assert_eq!(s, 200);
        let (s, b) = call(&app, enroll("XYT", 2)).await;
        assert_eq!(problems(&b), ["enrollment.shares"], "{s} {b}");

        let (s, policy) = call(&app, enroll("XYT", 1)).await;
        assert_eq!(s, 201, "{policy}");
        assert_eq!(
            (policy["status"].as_str(), policy["premium"].as_str()),
            (Some("pending_payment"), Some("72.00"))
        );
        assert_eq!(
            (policy["covered"].as_bool(), policy["reason_code"].as_str()),
            (Some(false), Some("coverage.not_paid"))
        );
        let (s, b) = call(&app, enroll("XYT", 1)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("enrollment.pending_exists"))
        );
        let id = policy["policy_id"].as_i64().unwrap();

        // Payments: part, a repeated reference, too much, the rest.
        let today = china_date(f.clock.now());
        let paid_on = (today - Duration::days(3)).to_string();
        let keyed = |amount: &str, reference: &str| {
            pay(&clerk, id, amount, reference, &paid_on).insert_header(("Idempotency-Key", "pay-1"))
        };
        let (s, r) = call(&app, keyed("50.00", "BK-001")).await;
        assert_eq!(s, 201, "{r}");
        assert_eq!(
            (r["policy_status"].as_str(), r["paid_so_far"].as_str()),
            (Some("pending_payment"), Some("50.00"))
        );
        // A retry with the key gets the same receipt and records nothing more; the key with
        // another payment is refused.
        let (s, again) = call(&app, keyed("50.00", "BK-001")).await;
        assert_eq!((s, &again), (201, &r));
        let (s, b) = call(&app, keyed("22.00", "BK-009")).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("idempotency.key_reused")),
            "{b}"
        );
        let (s, b) = call(&app, pay(&clerk, id, "22.00", "BK-001", &paid_on)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("contribution.duplicate_reference"))
        );
        let (s, b) = call(&app, pay(&clerk, id, "30.00", "BK-002", &paid_on)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("contribution.overpaid")),
            "{b}"
        );
        let (s, r) = call(&app, pay(&clerk, id, "22.00", "BK-003", &paid_on)).await;
        assert_eq!(s, 201, "{r}");
        assert_eq!(r["policy_status"], "active");
        let start = today - Duration::days(2);
        assert_eq!(
            r["start_date"],
            start.to_string(),
            "cover starts the day after payment"
        );
        assert_eq!(
            r["waiting_period_end"],
            start.to_string(),
            "accident cover does not wait"
        );
        let (s, b) = call(&app, pay(&clerk, id, "1.00", "BK-004", &paid_on)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("contribution.not_pending"))
        );

        let (_, mine) = call(&app, get("/api/v1/me/coverage", Some(&member))).await;
        assert_eq!(mine["policies"][0]["covered"], true, "{mine}");

        // Renewing now: the new period follows the running one without a gap.
        let end = r["end_date"].as_str().unwrap().to_string();
        let (s, renewal) = call(&app, enroll("XYT", 1)).await;
        assert_eq!(s, 201, "{renewal}");
        let rid = renewal["policy_id"].as_i64().unwrap();
        let (s, r2) = call(
            &app,
            pay(&clerk, rid, "72.00", "BK-005", &today.to_string()),
        )
        .await;
        assert_eq!(s, 201, "{r2}");
        let next = end.parse::<chrono::NaiveDate>().unwrap() + Duration::days(1);
        assert_eq!(r2["start_date"], next.to_string());
        assert_eq!(r2["waiting_period_end"], next.to_string());
    });
}

#[test]
fn contributions_refuse_bad_input_and_other_subtrees() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        put_in_force(&f, &["XYT"]);
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let (_, list) = call(
            &app,
            get(
                &format!("/api/v1/members?id_number={MEMBER_ID}"),
                Some(&clerk),
            ),
        )
        .await;
        let member_id = list["items"][0]["id"].as_i64().unwrap();
        call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{member_id}"),
                Some(&clerk),
                json!({"category": "gig_worker"}),
            ),
        )
        .await;
        let member = member_token(&app).await;
        let (_, policy) = call(
            &app,
            send(
                "POST",
                "/api/v1/me/enrollments",
                Some(&member),
                json!({"plan_code": "XYT", "shares": 1}),
            ),
        )
        .await;
        let id = policy["policy_id"].as_i64().unwrap();
        let tomorrow = (china_date(f.clock.now()) + Duration::days(1)).to_string();
        let today = china_date(f.clock.now()).to_string();
        for (body, code) in [
            (
                json!({"policy_id": id, "amount": "1.234", "channel": "cash", "reference": "R", "paid_on": today}),
                "contribution.amount",
            ),
            (
                json!({"policy_id": id, "amount": "-5", "channel": "cash", "reference": "R", "paid_on": today}),
                "contribution.amount",
            ),
            (
                // The schema lists the channels: another is refused as the body not fitting.
                json!({"policy_id": id, "amount": "5", "channel": "alipay", "reference": "R", "paid_on": today}),
                "request.invalid_field",
            ),
            (
                json!({"policy_id": id, "amount": "5", "channel": "cash", "reference": " ", "paid_on": today}),
                "contribution.reference",
            ),
            (
                json!({"policy_id": id, "amount": "5", "channel": "cash", "reference": "R", "paid_on": tomorrow}),
                "contribution.paid_on",
            ),
        ] {
            let (s, b) = call(
                &app,
                send("POST", "/api/v1/contributions", Some(&clerk), body.clone()),
            )
            .await;
            assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{body}: {b}");
        }
        let (s, b) = call(&app, pay(&clerk, 987654, "5.00", "R", &today)).await;
        assert_eq!((s, b["code"].as_str()), (404, Some("policy.not_found")));

        // Shenzhen's office cannot touch a Guangzhou member's policy; members cannot record payments.
        let admin = staff_token(&app, "admin").await;
        call(&app, send("POST", "/api/v1/staff", Some(&admin), json!({"username": "sz_clerk", "display_name": "深圳", "org_unit_id": f.shenzhen.id, "roles": ["branch_staff"], "password": PASSWORD}))).await;
        let sz = staff_token(&app, "sz_clerk").await;
        assert_eq!(
            call(&app, pay(&sz, id, "72.00", "R-SZ", &today)).await.0,
            404
        );
        assert_eq!(
            call(&app, pay(&member, id, "72.00", "R-ME", &today))
                .await
                .0,
            403
        );
        let (_, mine) = call(&app, get("/api/v1/me/coverage", Some(&member))).await;
        assert_eq!(
            mine["policies"][0]["status"], "pending_payment",
            "nothing was recorded"
        );
    });
}
