//! Claims over HTTP, on both databases: a member files, a reviewer and a provincial approver
//! move the claim on (three different people), a large amount needs a second approver, and bad
//! input, refusals and appeals answer as they should.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use huzhu_domain::Role;
use serde_json::{json, Value};

/// The fixture's member gets `shares` of `code`, paid: covered 2026-01-10 to 2027-01-09,
/// illness from 2026-04-10. Returns the policy id.
fn stay(self_pay: &str, invoices: &[&str]) -> Value {
    json!({
        "type": "inpatient", "admission": "2026-05-01", "discharge": "2026-05-06",
        "diagnosis_code": "J18.9", "total_cost": "20000.00", "pooled_fund_paid": "8000.00",
        "in_catalogue_self_pay": self_pay, "out_of_catalogue_self_pay": "0.00",
        "invoice_numbers": invoices
    })
}

fn step(path: &str, token: &str, body: Value) -> actix_web::test::TestRequest {
    send("POST", path, Some(token), body)
}

fn steps(claim: &Value) -> Vec<String> {
    claim["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap().to_string())
        .collect()
}

/// Keeps the notices it is given.
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<(i64, String)>>);

impl huzhu_app::Notifier for Recorder {
    fn deliver(&self, n: &huzhu_app::Notice) -> Result<(), String> {
        let huzhu_app::Notice::ClaimChanged {
            claim_id, status, ..
        } = n;
        self.0.lock().unwrap().push((*claim_id, status.to_string()));
        Ok(())
    }
}

#[test]
fn a_members_claim_is_reviewed_and_approved_by_two_other_people() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let recorder = std::sync::Arc::new(Recorder::default());
        let dispatcher = huzhu_app::Dispatcher::new(
            f.state.store.clone(),
            recorder.clone(),
            f.state.clock.clone(),
            std::time::Duration::from_secs(30),
        );
        let policy = insure(&f, "ZY", 2, 0);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let (s, claim) = call(
            &app,
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": policy, "facts": stay("10300.00", &["FP-1"])}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{claim}");
        assert_eq!(claim["status"], "submitted");
        assert_eq!(claim["channel"], "member");
        assert_eq!(
            claim["adjudication"]["total"], "6000.00",
            "(10,300 − 300) × 60 %: {claim}"
        );
        assert_eq!(claim["id_number_masked"], "440106********1231");
        let id = claim["id"].as_i64().unwrap();
        let path = |a: &str| format!("/api/v1/claims/{id}/{a}");

        // Branch staff cannot review; the reviewer cannot approve.
        let clerk = staff_token(&app, "branch_staff").await;
        assert_eq!(
            call(&app, step(&path("review"), &clerk, json!({}))).await.0,
            403
        );
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let (s, reviewed) = call(
            &app,
            step(
                &path("review"),
                &reviewer,
                json!({"comment": "documents complete"}),
            ),
        )
        .await;
        assert_eq!(
            (s, reviewed["status"].as_str()),
            (200, Some("branch_reviewed")),
            "{reviewed}"
        );
        assert_eq!(
            call(&app, step(&path("approve"), &reviewer, json!({})))
                .await
                .0,
            403
        );

        let approver = staff_token(&app, Role::ProvincialApprover.as_str()).await;
        let (s, approved) = call(&app, step(&path("approve"), &approver, json!({}))).await;
        assert_eq!(
            (s, approved["status"].as_str()),
            (200, Some("approved")),
            "{approved}"
        );
        assert_eq!(approved["approved_amount"], "6000.00");
        assert_eq!(
            approved["adjudication"]["lines"][0]["rule"],
            "reimbursement"
        );
        assert_eq!(
            steps(&approved),
            ["submitted", "branch_reviewed", "approved"]
        );
        assert_eq!(approved["steps"][1]["comment"], "documents complete");
        let (s, again) = call(&app, step(&path("approve"), &approver, json!({}))).await;
        assert_eq!(
            (s, again["code"].as_str()),
            (409, Some("claim.wrong_status"))
        );
        let (s, late) = call(&app, step(&path("withdraw"), &clerk, json!({}))).await;
        assert_eq!(
            (s, late["code"].as_str()),
            (409, Some("claim.wrong_status"))
        );

        // The member hears of every change: through the outbox once the changes committed
        // (nothing was sent for the refused steps), and in the app.
        assert!(
            recorder.0.lock().unwrap().is_empty(),
            "nothing leaves before delivery"
        );
        assert_eq!(dispatcher.run_once().unwrap(), 3);
        let heard: Vec<String> = recorder
            .0
            .lock()
            .unwrap()
            .iter()
            .map(|(_, s)| s.clone())
            .collect();
        assert_eq!(heard, ["submitted", "branch_reviewed", "approved"]);
        let (_, notices) = call(&app, get("/api/v1/me/notifications", Some(&member))).await;
        let told: Vec<&str> = notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["to"].as_str().unwrap())
            .collect();
        assert_eq!(
            told,
            ["approved", "branch_reviewed", "submitted"],
            "newest first"
        );
        assert_eq!(notices["items"][1]["comment"], "documents complete");
        assert_eq!(notices["items"][0]["plan_code"], "ZY");

        // The member follows it, and the cap shows what is left.
        let (_, mine) = call(&app, get(&format!("/api/v1/me/claims/{id}"), Some(&member))).await;
        assert_eq!(mine["status"], "approved");
        let (_, list) = call(&app, get("/api/v1/me/claims", Some(&member))).await;
        assert_eq!(list["total"], 1);
        let (_, cover) = call(
            &app,
            get("/api/v1/me/coverage?date=2026-06-01", Some(&member)),
        )
        .await;
        assert_eq!(
            cover["policies"][0]["accumulators"][0]["remaining"],
            json!({"unit": "amount", "value": "94000.00"})
        );

        // The queue, by status and plan.
        let (_, queue) = call(
            &app,
            get(
                "/api/v1/claims?status=approved&plan_code=ZY",
                Some(&reviewer),
            ),
        )
        .await;
        assert_eq!(queue["total"], 1);
        let (_, none) = call(
            &app,
            get("/api/v1/claims?status=submitted", Some(&reviewer)),
        )
        .await;
        assert_eq!(none["total"], 0);
        let (s, bad) = call(&app, get("/api/v1/claims?status=lost", Some(&reviewer))).await;
        assert_eq!(
            (s, bad["code"].as_str()),
            (422, Some("claim.unknown_status"))
        );

        // By office and by how long claims have waited.
        let total = |b: Value| b["total"].clone();
        let q = |query: String| get(&format!("/api/v1/claims?{query}"), Some(&reviewer));
        let gz = f.guangzhou.id;
        let sz = f.shenzhen.id;
        assert_eq!(total(call(&app, q(format!("org_unit_id={gz}"))).await.1), 1);
        assert_eq!(total(call(&app, q(format!("org_unit_id={sz}"))).await.1), 0);
        assert_eq!(total(call(&app, q("older_than_days=1".into())).await.1), 0);
        f.clock.advance(chrono::Duration::days(2));
        assert_eq!(total(call(&app, q("older_than_days=1".into())).await.1), 1);
        assert_eq!(total(call(&app, q("older_than_days=3".into())).await.1), 0);
        let (s, b) = call(&app, q("older_than_days=4000000000".into())).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("claim.older_than_days"))
        );
        let (s, b) = call(&app, q("org_unit_id=999999".into())).await;
        assert_eq!((s, b["code"].as_str()), (422, Some("org_unit.not_found")));
    });
}

#[test]
fn the_maker_cannot_check_and_large_amounts_need_two_approvers() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        f.state
            .store
            .write(|c| {
                staff(
                    c,
                    "office_approver",
                    f.province.id,
                    &[Role::BranchStaff, Role::ProvincialApprover],
                )?;
                staff(
                    c,
                    "approver_two",
                    f.province.id,
                    &[Role::ProvincialApprover],
                )
            })
            .unwrap();
        let policy = insure(&f, "ZJ", 2, 0);
        let app = service(&f.state).await;
        let maker = staff_token(&app, "office_approver").await;
        let (member_id, _) = {
            let (_, list) = call(&app, get("/api/v1/members", Some(&maker))).await;
            (list["items"][0]["id"].as_i64().unwrap(), ())
        };
        let rare = json!({"type": "critical_illness", "disease_code": "severe_crohns_disease", "diagnosed_on": "2026-06-01"});
        let (s, claim) = call(
            &app,
            step(
                "/api/v1/claims",
                &maker,
                json!({"member_id": member_id, "policy_id": policy, "facts": rare}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{claim}");
        assert_eq!(claim["adjudication"]["total"], "120000.00");
        let id = claim["id"].as_i64().unwrap();
        let path = |a: &str| format!("/api/v1/claims/{id}/{a}");

        let (s, own) = call(&app, step(&path("review"), &maker, json!({}))).await;
        assert_eq!(
            (s, own["code"].as_str()),
            (403, Some("claim.maker_checker")),
            "{own}"
        );
        let approver = staff_token(&app, Role::ProvincialApprover.as_str()).await;
        assert_eq!(
            call(&app, step(&path("review"), &approver, json!({})))
                .await
                .0,
            200
        );
        let (s, own) = call(&app, step(&path("approve"), &maker, json!({}))).await;
        assert_eq!(
            (s, own["code"].as_str()),
            (403, Some("claim.maker_checker"))
        );
        let (s, own) = call(&app, step(&path("approve"), &approver, json!({}))).await;
        assert_eq!(
            (s, own["code"].as_str()),
            (403, Some("claim.maker_checker")),
            "the reviewer cannot approve"
        );

        // 120,000 is above 50,000: a first approval, then another approver's.
        let second = staff_token(&app, "approver_two").await;
        let (s, first) = call(&app, step(&path("approve"), &second, json!({}))).await;
        assert_eq!(
            (s, first["status"].as_str()),
            (200, Some("first_approved")),
            "{first}"
        );
        let (s, same) = call(&app, step(&path("approve"), &second, json!({}))).await;
        assert_eq!(
            (s, same["code"].as_str()),
            (403, Some("claim.maker_checker"))
        );
        let store = &f.state.store;
        store
            .write(|c| {
                staff(
                    c,
                    "approver_three",
                    f.province.id,
                    &[Role::ProvincialApprover],
                )
            })
            .unwrap();
        let third = staff_token(&app, "approver_three").await;
        let (s, done) = call(&app, step(&path("approve"), &third, json!({}))).await;
        assert_eq!(
            (s, done["status"].as_str()),
            (200, Some("approved")),
            "{done}"
        );
        assert_eq!(done["approved_amount"], "120000.00");
        assert_eq!(
            steps(&done),
            ["submitted", "branch_reviewed", "first_approved", "approved"]
        );
    });
}

#[test]
fn bad_claims_refusals_and_one_appeal() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let policy = insure(&f, "ZY", 1, 0);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let file = |facts: Value| {
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": policy, "facts": facts}),
            )
        };

        let mut backwards = stay("1000.00", &[]);
        backwards["discharge"] = json!("2026-04-01");
        let (s, b) = call(&app, file(backwards)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("claim.dates_out_of_order")),
            "{b}"
        );
        assert_eq!(b["details"]["problems"][0]["field"], "discharge");
        let mut too_much = stay("30000.00", &[]);
        too_much["total_cost"] = json!("100.00");
        let (s, b) = call(&app, file(too_much)).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("claim.self_pay_above_total"))
        );
        let mut future = stay("1000.00", &[]);
        future["discharge"] = json!("2099-01-01");
        assert_eq!(
            call(&app, file(future)).await.1["code"],
            "claim.date_in_future"
        );
        let mut old = stay("1000.00", &[]);
        old["admission"] = json!("2024-01-01");
        old["discharge"] = json!("2024-01-05");
        assert_eq!(call(&app, file(old)).await.1["code"], "claim.late");
        let (s, b) = call(
            &app,
            file(json!({"type": "inpatient", "admission": "2026-05-01"})),
        )
        .await;
        assert!(s == 400 || s == 422, "{s} {b}");
        let (s, b) = call(
            &app,
            file(json!({"type": "accident", "date": "2026-05-01", "disability_grade": 11})),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("claim.disability_grade"))
        );
        // A disease the plan does not list; a claim kind is judged against the plan.
        let zj = insure(&f, "ZJ", 1, 0);
        let (s, b) = call(
            &app,
            step("/api/v1/me/claims", &member, json!({"policy_id": zj, "facts": {"type": "critical_illness", "disease_code": "common_cold", "diagnosed_on": "2026-06-01"}})),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("claim.unknown_disease")),
            "{b}"
        );
        // The 2-year limit: filed on the 730th day after the discharge is in time, the 731st late.
        let today = huzhu_domain::plan::china_date(f.state.now());
        let ended = |days_ago: i64| {
            let discharge = today - chrono::Duration::days(days_ago);
            let mut facts = stay("1000.00", &[]);
            facts["discharge"] = json!(discharge.to_string());
            facts["admission"] = json!((discharge - chrono::Duration::days(3)).to_string());
            facts
        };
        assert_eq!(call(&app, file(ended(730))).await.0, 201);
        let (s, b) = call(&app, file(ended(731))).await;
        assert_eq!((s, b["code"].as_str()), (422, Some("claim.late")));
        // Someone else's policy is as unknown as a missing one.
        let (s, b) = call(
            &app,
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": policy + 1000, "facts": stay("1000.00", &[])}),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (404, Some("policy.not_found")));

        let (s, claim) = call(&app, file(stay("1000.00", &["FP-9"]))).await;
        assert_eq!(s, 201, "{claim}");
        let (s, dup) = call(&app, file(stay("1000.00", &["FP-9"]))).await;
        assert_eq!(
            (s, dup["code"].as_str()),
            (409, Some("claim.duplicate_invoice"))
        );
        let id = claim["id"].as_i64().unwrap();
        let path = |a: &str| format!("/api/v1/claims/{id}/{a}");
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let (s, b) = call(
            &app,
            step(
                &path("reject"),
                &reviewer,
                json!({"code": "claim.because", "text": "no"}),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (422, Some("claim.rejection_code")));
        let refuse = json!({"code": "claim.documents_missing", "text": "出院小结缺失，请补交。"});
        let (s, rejected) = call(&app, step(&path("reject"), &reviewer, refuse.clone())).await;
        assert_eq!(
            (s, rejected["status"].as_str()),
            (200, Some("rejected")),
            "{rejected}"
        );
        assert_eq!(rejected["rejection_code"], "claim.documents_missing");

        // The member appeals once; a second refusal is final.
        let own = format!("/api/v1/me/claims/{id}/appeal");
        let (s, reopened) = call(&app, step(&own, &member, json!({}))).await;
        assert_eq!(
            (
                s,
                reopened["status"].as_str(),
                reopened["appealed"].as_bool()
            ),
            (200, Some("submitted"), Some(true))
        );
        assert_eq!(
            call(&app, step(&path("reject"), &reviewer, refuse)).await.0,
            200
        );
        let (s, b) = call(&app, step(&own, &member, json!({}))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("claim.appealed_before"))
        );

        // Nobody else sees the member's claim; staff of another city neither.
        let (s, _) = call(&app, get("/api/v1/me/claims/999999", Some(&member))).await;
        assert_eq!(s, 404);
        f.state
            .store
            .write(|c| {
                staff(
                    c,
                    "shenzhen_reviewer",
                    f.shenzhen.id,
                    &[Role::ClaimsReviewer],
                )
            })
            .unwrap();
        let elsewhere = staff_token(&app, "shenzhen_reviewer").await;
        assert_eq!(
            call(&app, get(&format!("/api/v1/claims/{id}"), Some(&elsewhere)))
                .await
                .0,
            404
        );
        let (_, queue) = call(&app, get("/api/v1/claims", Some(&elsewhere))).await;
        assert_eq!(queue["total"], 0);

        // A draft, then withdrawn by the member.
        let (s, draft) = call(
            &app,
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": policy, "facts": stay("500.00", &[]), "draft": true}),
            ),
        )
        .await;
        assert_eq!((s, draft["status"].as_str()), (201, Some("draft")));
        let draft_id = draft["id"].as_i64().unwrap();
        let (s, gone) = call(
            &app,
            step(
                &format!("/api/v1/me/claims/{draft_id}/withdraw"),
                &member,
                json!({}),
            ),
        )
        .await;
        assert_eq!((s, gone["status"].as_str()), (200, Some("withdrawn")));
    });
}

#[test]
fn settlements_become_claims_once_and_small_ones_are_approved_at_once() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        insure(&f, "ZY", 2, 0);
        insure(&f, "JT", 1, 0);
        let app = service(&f.state).await;
        let integrator = client_token(&app).await;
        let stranger = {
            let first17 = "11010119900307001";
            format!(
                "{first17}{}",
                huzhu_domain::id_number::check_char(first17.as_bytes())
            )
        };
        let batch = json!({"records": [
            settlement("YB-1", MEMBER_ID, "2026-06-01", "2026-06-06", "1300.00"),
            settlement("YB-2", MEMBER_ID, "2026-07-01", "2026-07-06", "10300.00"),
            settlement("YB-1", MEMBER_ID, "2026-06-01", "2026-06-06", "1300.00"),
            settlement("YB-3", &stranger, "2026-06-01", "2026-06-06", "1300.00"),
            settlement("YB-4", "440106199003071232", "2026-06-01", "2026-06-06", "1300.00"),
            settlement("YB-5", MEMBER_ID, "2026-06-06", "2026-06-01", "1300.00"),
            settlement("YB-6", MEMBER_ID, "2026-02-01", "2026-02-06", "1300.00"),
        ]});
        let (s, report) = call(
            &app,
            step("/api/v1/settlements", &integrator, batch.clone()),
        )
        .await;
        assert_eq!(s, 200, "{report}");
        let r = report["results"].as_array().unwrap();
        let summary: Vec<(&str, Option<&str>)> = r
            .iter()
            .map(|o| (o["outcome"].as_str().unwrap(), o["code"].as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("claims_created", None),
                ("claims_created", None),
                ("duplicate", None),
                ("not_covered", Some("claim.not_enrolled")),
                ("invalid", Some("id_number.check_digit")),
                ("invalid", Some("claim.dates_out_of_order")),
                ("not_covered", Some("claim.waiting_period")),
            ],
            "{report}"
        );
        // 2 days × 40 under JT and (1,300 − 300) × 60 % under ZY: both at most 1,000, approved.
        let first: Vec<(&str, &str, &str)> = r[0]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["plan_code"].as_str().unwrap(),
                    c["amount"].as_str().unwrap(),
                    c["status"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            first,
            [("JT", "80.00", "approved"), ("ZY", "600.00", "approved")],
            "{}",
            r[0]
        );
        // 10,300 × 60 % (the deductible is used) is above 1,000: it waits for review.
        assert_eq!(r[1]["claims"][1]["amount"], "6180.00");
        assert_eq!(r[1]["claims"][1]["status"], "submitted");
        assert_eq!(
            r[2]["claims"], r[0]["claims"],
            "the duplicate names the claims made the first time"
        );
        assert_eq!(r[4]["field"], "id_number");
        assert_eq!(r[5]["field"], "discharge");

        // The same batch again creates nothing.
        let (_, again) = call(&app, step("/api/v1/settlements", &integrator, batch)).await;
        let outcomes: Vec<&str> = again["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["outcome"].as_str().unwrap())
            .collect();
        assert_eq!(
            outcomes,
            [
                "duplicate",
                "duplicate",
                "duplicate",
                "not_covered",
                "invalid",
                "invalid",
                "not_covered"
            ]
        );
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let (_, all) = call(&app, get("/api/v1/claims", Some(&reviewer))).await;
        assert_eq!(all["total"], 4, "two stays under two plans");
        let (_, queued) = call(
            &app,
            get("/api/v1/claims?status=submitted", Some(&reviewer)),
        )
        .await;
        assert_eq!(
            queued["total"], 1,
            "the amount above 1,000 waits for review"
        );
        let auto = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == "approved")
            .unwrap();
        let (_, detail) = call(
            &app,
            get(&format!("/api/v1/claims/{}", auto["id"]), Some(&reviewer)),
        )
        .await;
        assert_eq!(detail["channel"], "settlement");
        assert!(detail["steps"][1]["comment"]
            .as_str()
            .unwrap()
            .contains("approved automatically"));

        let (s, b) = call(
            &app,
            step("/api/v1/settlements", &integrator, json!({"records": []})),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("settlement.batch_size"))
        );
        let (s, _) = call(
            &app,
            step("/api/v1/settlements", &integrator, json!({"rows": []})),
        )
        .await;
        assert_eq!(s, 400);
    });
}

fn upload(
    path: &str,
    token: &str,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> actix_web::test::TestRequest {
    let q = format!("{path}?kind={kind}&name={}", name.replace(' ', "%20"));
    with_token(
        actix_web::test::TestRequest::post()
            .uri(&q)
            .insert_header(("content-type", "application/octet-stream"))
            .set_payload(bytes),
        Some(token),
    )
}

#[test]
fn documents_are_judged_by_their_content_and_checked_when_read() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let policy = insure(&f, "ZY", 1, 0);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let (_, claim) = call(
            &app,
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": policy, "facts": stay("1000.00", &[])}),
            ),
        )
        .await;
        let id = claim["id"].as_i64().unwrap();
        let missing = claim["missing_documents"].as_array().unwrap().clone();
        assert!(missing.contains(&json!("discharge_summary")), "{claim}");
        let docs = format!("/api/v1/me/claims/{id}/documents");

        let pdf = huzhu_domain::document::examples::pdf();
        let (s, doc) = call(
            &app,
            upload(
                &docs,
                &member,
                "discharge_summary",
                "summary.pdf",
                pdf.clone(),
            ),
        )
        .await;
        assert_eq!(s, 201, "{doc}");
        assert_eq!(
            (doc["media_type"].as_str(), doc["size_bytes"].as_u64()),
            (Some("application/pdf"), Some(pdf.len() as u64))
        );
        let png = huzhu_domain::document::examples::png();
        // A file that begins as a PDF or a JPEG and is a web page inside, or a whole PDF with
        // a page after its end, is refused: it would be two things at once.
        let page = b"<html><script>fetch('/api/v1/me')</script></html>".as_slice();
        for (name, polyglot, code) in [
            (
                "p.pdf",
                [b"%PDF-1.7\n".as_slice(), page].concat(),
                "document.malformed",
            ),
            (
                "p.jpg",
                [&[0xFF, 0xD8, 0xFF, 0xE0][..], page].concat(),
                "document.malformed",
            ),
            (
                "p.pdf",
                [pdf.as_slice(), page].concat(),
                "document.malformed",
            ),
        ] {
            let (s, b) = call(&app, upload(&docs, &member, "invoices", name, polyglot)).await;
            assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{name}: {b}");
        }
        // A picture is decoded before it is kept: one that declares 10 GB of pixels is refused
        // before anything is allocated, and chunks with right checksums around data that is
        // no picture are refused when decoded.
        use huzhu_domain::document::examples::{png_declaring, ONE_GREY_PIXEL};
        let bomb = png_declaring(100_000, 100_000, &ONE_GREY_PIXEL);
        let (s, b) = call(&app, upload(&docs, &member, "invoices", "bomb.png", bomb)).await;
        assert_eq!(
            (s, b["code"].as_str(), b["details"]["limit"].as_u64()),
            (422, Some("document.picture_too_large"), Some(20_000)),
            "{b}"
        );
        let not_a_picture = png_declaring(1, 1, page);
        let (s, b) = call(
            &app,
            upload(&docs, &member, "invoices", "p.png", not_a_picture),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("document.malformed")),
            "{b}"
        );
        let (s, b) = call(
            &app,
            upload(&docs, &member, "invoices", "invoice.pdf", png.clone()),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("document.name_mismatch")),
            "a PNG named .pdf"
        );
        let (s, b) = call(
            &app,
            upload(
                &docs,
                &member,
                "invoices",
                "invoice.pdf",
                b"MZ an executable".to_vec(),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("document.unsupported_type"))
        );
        let (s, b) = call(
            &app,
            upload(&docs, &member, "selfie", "me.png", png.clone()),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("document.unknown_kind"))
        );
        let big = [b"%PDF-".to_vec(), vec![b'x'; 5 * 1024 * 1024]].concat();
        let (s, _) = call(&app, upload(&docs, &member, "invoices", "big.pdf", big)).await;
        assert_eq!(s, 413, "over 5 MB");
        let (s, _) = call(&app, upload(&docs, &member, "invoices", "invoice.png", png)).await;
        assert_eq!(s, 201);

        // The claim lists them and what is still missing; staff read the same file back.
        let (_, now) = call(&app, get(&format!("/api/v1/me/claims/{id}"), Some(&member))).await;
        assert_eq!(now["documents"].as_array().unwrap().len(), 2);
        let still: Vec<&str> = now["missing_documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert!(
            !still.contains(&"discharge_summary") && !still.contains(&"invoices"),
            "{still:?}"
        );
        assert_eq!(still.len(), missing.len() - 2);
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let doc_id = doc["id"].as_i64().unwrap();
        let res = actix_web::test::call_service(
            &app,
            get(
                &format!("/api/v1/claims/{id}/documents/{doc_id}"),
                Some(&reviewer),
            )
            .to_request(),
        )
        .await;
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/pdf"
        );
        assert_eq!(actix_web::test::read_body(res).await.to_vec(), pdf);

        // A file changed on disk no longer passes its checksum.
        let sha = doc["sha256"].as_str().unwrap();
        let file = f
            .state
            .config
            .documents_dir
            .join(id.to_string())
            .join(format!("{sha}.sealed"));
        // Kept sealed: nothing of the file is on disk in clear.
        let kept = std::fs::read(&file).unwrap();
        assert!(kept.starts_with(b"HZS1"));
        assert!(!kept.windows(8).any(|w| pdf.windows(8).any(|p| p == w)));
        std::fs::write(&file, b"%PDF-tampered").unwrap();
        let (s, _) = call(
            &app,
            get(
                &format!("/api/v1/me/claims/{id}/documents/{doc_id}"),
                Some(&member),
            ),
        )
        .await;
        assert_eq!(s, 500);

        // Nobody else's claim, and no documents once the claim is closed.
        let (s, _) = call(
            &app,
            upload(
                &format!("/api/v1/me/claims/{}/documents", id + 100),
                &member,
                "invoices",
                "a.pdf",
                pdf.clone(),
            ),
        )
        .await;
        assert_eq!(s, 404);
        let (_, _) = call(
            &app,
            step(
                &format!("/api/v1/me/claims/{id}/withdraw"),
                &member,
                json!({}),
            ),
        )
        .await;
        let (s, b) = call(&app, upload(&docs, &member, "invoices", "late.pdf", pdf)).await;
        assert_eq!((s, b["code"].as_str()), (409, Some("claim.closed")));
    });
}

/// A stay with 30,300.00 of self-pay inside a bill of 60,000.00.
fn big_stay() -> Value {
    let mut s = stay("30300.00", &[]);
    s["total_cost"] = json!("60000.00");
    s
}

#[test]
fn concurrent_approvals_never_spend_one_cap_twice() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let policy = insure(&f, "ZY", 1, 0);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let approver = staff_token(&app, Role::ProvincialApprover.as_str()).await;
        let mut ids = Vec::new();
        for _ in 0..6 {
            let (s, claim) = call(
                &app,
                step(
                    "/api/v1/me/claims",
                    &member,
                    json!({"policy_id": policy, "facts": big_stay()}),
                ),
            )
            .await;
            assert_eq!(s, 201, "{claim}");
            let id = claim["id"].as_i64().unwrap();
            assert_eq!(
                call(
                    &app,
                    step(&format!("/api/v1/claims/{id}/review"), &reviewer, json!({}))
                )
                .await
                .0,
                200
            );
            ids.push(id);
        }
        // Each estimate alone is 18,000; together they would be 108,000 against a 50,000 cap.
        let approvals = ids.iter().map(|id| {
            call(
                &app,
                step(
                    &format!("/api/v1/claims/{id}/approve"),
                    &approver,
                    json!({}),
                ),
            )
        });
        let answers = futures_util::future::join_all(approvals).await;
        let mut total = huzhu_domain::Money::ZERO;
        for (s, claim) in &answers {
            assert_eq!(*s, 200, "{claim}");
            let amount =
                huzhu_domain::Money::parse(claim["approved_amount"].as_str().unwrap()).unwrap();
            total = huzhu_domain::Money::round(total.amount() + amount.amount());
        }
        assert_eq!(total.to_string(), "50000.00", "exactly the cap");
        let (_, cover) = call(
            &app,
            get("/api/v1/me/coverage?date=2026-06-01", Some(&member)),
        )
        .await;
        assert_eq!(
            cover["policies"][0]["accumulators"][0]["remaining"],
            json!({"unit": "amount", "value": "0.00"})
        );
    });
}

#[test]
fn a_consolation_in_the_waiting_period_ends_the_cover() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let zj = insure(&f, "ZJ", 3, 0);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        // Diagnosed on 2026-03-01, inside the waiting period that ends on 2026-04-10.
        let facts = json!({"type": "critical_illness", "disease_code": "paralysis", "diagnosed_on": "2026-03-01"});
        let (s, claim) = call(
            &app,
            step(
                "/api/v1/me/claims",
                &member,
                json!({"policy_id": zj, "facts": facts}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{claim}");
        assert_eq!(
            claim["adjudication"]["lines"][0]["rule"],
            "waiting_consolation"
        );
        assert_eq!(
            claim["adjudication"]["total"], "3000.00",
            "1,000 × 3 shares"
        );
        let id = claim["id"].as_i64().unwrap();
        let reviewer = staff_token(&app, Role::ClaimsReviewer.as_str()).await;
        let approver = staff_token(&app, Role::ProvincialApprover.as_str()).await;
        assert_eq!(
            call(
                &app,
                step(&format!("/api/v1/claims/{id}/review"), &reviewer, json!({}))
            )
            .await
            .0,
            200
        );
        let (s, approved) = call(
            &app,
            step(
                &format!("/api/v1/claims/{id}/approve"),
                &approver,
                json!({}),
            ),
        )
        .await;
        assert_eq!(
            (s, approved["approved_amount"].as_str()),
            (200, Some("3000.00")),
            "{approved}"
        );
        // Before the diagnosis the cover held; from it on there is none.
        let cover_on = |day: &str| get(&format!("/api/v1/me/coverage?date={day}"), Some(&member));
        let (_, before) = call(&app, cover_on("2026-02-28")).await;
        assert_eq!(before["policies"][0]["status"], "terminated");
        assert_eq!(
            before["policies"][0]["reason_code"],
            "coverage.waiting_period"
        );
        let (_, after) = call(&app, cover_on("2026-06-01")).await;
        assert_eq!(after["policies"][0]["covered"], false);
        assert_eq!(after["policies"][0]["reason_code"], "coverage.terminated");
    });
}
