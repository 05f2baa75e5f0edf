//! The plan catalogue and the coverage enquiry: drafting and activating plan versions, and the
//! eligibility answer on the day before, on and after the waiting period ends, for members,
//! staff and integrators, on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::*;
use huzhu_domain::plan::{self, examples::guangdong_demo, PlanTerms};
use huzhu_store::{members, plans, policies};
use serde_json::{json, Value};

fn demo_plan(code: &str) -> PlanTerms {
    guangdong_demo()
        .into_iter()
        .find(|p| p.code.as_str() == code)
        .unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn plan_versions_go_from_draft_to_the_catalogue() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let zy = serde_json::to_value(demo_plan("ZY")).unwrap();

        // Broken terms: every problem listed, nothing saved.
        let mut broken = zy.clone();
        broken["max_shares"] = json!(0);
        broken["term_years"] = json!(9);
        let (s, b) = call(
            &app,
            send("POST", "/api/v1/plan-versions", Some(&admin), broken),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (422, Some("plan.invalid")), "{b}");
        assert!(
            b["details"]["problems"].as_array().unwrap().len() >= 2,
            "{b}"
        );
        let mut typo = zy.clone();
        typo["price_per_shar"] = json!("95.00");
        assert_eq!(
            call(
                &app,
                send("POST", "/api/v1/plan-versions", Some(&admin), typo)
            )
            .await
            .0,
            422
        );
        let (_, all) = call(&app, get("/api/v1/plan-versions", Some(&admin))).await;
        assert_eq!(all, json!([]));

        let (s, v1) = call(
            &app,
            send("POST", "/api/v1/plan-versions", Some(&admin), zy.clone()),
        )
        .await;
        assert_eq!(s, 201, "{v1}");
        assert_eq!(
            (v1["state"].as_str(), v1["version"].as_i64()),
            (Some("draft"), Some(1))
        );
        let id = v1["id"].as_i64().unwrap();
        let post = |path: String| send("POST", &path, Some(&admin), json!({}));
        let (s, b) = call(&app, post(format!("/api/v1/plan-versions/{id}/activate"))).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("plan.resolution_required")),
            "a draft goes into force only by a council resolution"
        );
        let member = member_token(&app).await;
        let (_, catalogue) = call(&app, get("/api/v1/plans", Some(&member))).await;
        assert_eq!(catalogue, json!([]), "drafts are not in the catalogue");

        assert_eq!(
            call(&app, post(format!("/api/v1/plan-versions/{id}/approve")))
                .await
                .0,
            404,
            "no administrator approves a plan: the council does"
        );
        let resolution = put_in_force(&app, id).await;
        assert!(
            resolution["explanation_en"]
                .as_str()
                .unwrap()
                .contains("passed"),
            "{resolution}"
        );
        let mut changed = zy.clone();
        changed["price_per_share"] = json!("99.00");
        let (s, b) = call(
            &app,
            send(
                "PUT",
                &format!("/api/v1/plan-versions/{id}"),
                Some(&admin),
                changed.clone(),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (409, Some("plan.not_draft")));
        let (_, all) = call(&app, get("/api/v1/plan-versions", Some(&admin))).await;
        assert_eq!(all[0]["state"], "active", "the resolution put it in force");

        // A second version replaces the first when activated.
        let (_, v2) = call(
            &app,
            send("POST", "/api/v1/plan-versions", Some(&admin), changed),
        )
        .await;
        assert_eq!(v2["version"], 2);
        let id2 = v2["id"].as_i64().unwrap();
        put_in_force(&app, id2).await;
        let (_, catalogue) = call(&app, get("/api/v1/plans", Some(&member))).await;
        assert_eq!(catalogue.as_array().unwrap().len(), 1);
        assert_eq!(catalogue[0]["terms"]["price_per_share"], "99.00");
        let (_, all) = call(&app, get("/api/v1/plan-versions", Some(&admin))).await;
        assert_eq!(all[0]["state"], "retired");

        // Members read the catalogue but manage nothing.
        assert_eq!(
            call(
                &app,
                send("POST", "/api/v1/plan-versions", Some(&member), zy)
            )
            .await
            .0,
            403
        );
        assert_eq!(
            call(&app, get("/api/v1/plan-versions", Some(&member)))
                .await
                .0,
            403
        );
    });
}

/// The fixture's member with ZY cover paid on 2026-01-09: covered from 2026-01-10 to
/// 2027-01-09, illness from 2026-04-10 (90 days).
fn insured(f: &Fixture) -> i64 {
    let terms = demo_plan("ZY");
    let now = f.clock.now();
    f.state
        .store
        .write(|c| -> huzhu_store::StoreResult<i64> {
            let v =
                plans::insert_draft(c, "ZY", &serde_json::to_string(&terms).unwrap(), None, now)?;
            plans::seed_in_force(c, v.id, None, now)?;
            let (list, _) = members::list(
                c,
                &huzhu_domain::Reach::everything(),
                &Default::default(),
                huzhu_store::Paging::new(None, None),
            )?;
            let period = plan::cover_period(&terms, date("2026-01-09"));
            assert_eq!(
                (period.start, period.end),
                (date("2026-01-10"), date("2027-01-09"))
            );
            policies::insert(
                c,
                policies::NewPolicy {
                    member_id: list[0].id,
                    plan_version_id: v.id,
                    plan_code: "ZY",
                    shares: 2,
                    premium_fen: 19_000,
                    status: huzhu_domain::coverage::PolicyState::Active,
                    start_date: Some(period.start),
                    end_date: Some(period.end),
                    waiting_period_end: Some(huzhu_domain::eligibility::waiting_period_end(
                        period.start,
                        &terms,
                        false,
                    )),
                    paid_at: Some(now),
                    batch_id: None,
                },
                now,
            )?;
            Ok(list[0].id)
        })
        .unwrap()
}

fn ask(token: &str, event_date: &str, kind: &str) -> actix_web::test::TestRequest {
    send(
        "POST",
        "/api/v1/coverage/eligibility",
        Some(token),
        json!({"id_number": MEMBER_ID, "event_date": event_date, "event_kind": kind}),
    )
}

fn only_policy(b: &Value) -> &Value {
    assert_eq!(b["policies"].as_array().map(Vec::len), Some(1), "{b}");
    &b["policies"][0]
}

#[test]
fn eligibility_around_the_waiting_period_for_integrators_and_staff() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let member_id = insured(&f);
        let app = service(&f.state).await;
        let integrator = client_token(&app).await;

        for (day, kind, covered, reason) in [
            (
                "2026-01-09",
                "accident",
                false,
                Some("coverage.not_yet_effective"),
            ),
            ("2026-01-10", "accident", true, None),
            (
                "2026-01-10",
                "illness",
                false,
                Some("coverage.waiting_period"),
            ),
            (
                "2026-04-09",
                "illness",
                false,
                Some("coverage.waiting_period"),
            ),
            ("2026-04-10", "illness", true, None),
            ("2026-04-11", "illness", true, None),
            ("2027-01-09", "illness", true, None),
            ("2027-01-10", "illness", false, Some("coverage.lapsed")),
        ] {
            let (s, b) = call(&app, ask(&integrator, day, kind)).await;
            assert_eq!(s, 200, "{b}");
            let p = only_policy(&b);
            assert_eq!(p["covered"], covered, "{day} {kind}: {p}");
            assert_eq!(p["reason_code"].as_str(), reason, "{day} {kind}");
        }
        let (_, b) = call(&app, ask(&integrator, "2026-06-01", "illness")).await;
        let p = only_policy(&b);
        assert_eq!(p["waiting_period_end"], "2026-04-10");
        assert_eq!(p["shares"], 2);
        assert_eq!(p["premium"], "190.00");
        assert_eq!(p["accumulators"][0]["kind"], "reimbursement_cap");
        assert_eq!(
            p["accumulators"][0]["remaining"],
            json!({"unit": "amount", "value": "100000.00"})
        );
        // An approved claim spends the cap, and the enquiry says what is left.
        let policy_id = p["policy_id"].as_i64().unwrap();
        let stay: huzhu_domain::adjudication::ClaimFacts = serde_json::from_value(json!({
            "type": "inpatient", "admission": "2026-05-01", "discharge": "2026-05-06",
            "diagnosis_code": "J18.9", "total_cost": "20000.00", "pooled_fund_paid": "8000.00",
            "in_catalogue_self_pay": "10300.00", "out_of_catalogue_self_pay": "0.00"
        }))
        .unwrap();
        let approved = f
            .state
            .store
            .write(|c| -> huzhu_store::StoreResult<_> {
                let claim = huzhu_store::claims::insert(
                    c,
                    huzhu_store::claims::NewClaim {
                        member_id,
                        policy_id,
                        org_unit_id: f.union.id,
                        kind: huzhu_domain::adjudication::ClaimKind::Inpatient,
                        facts: &serde_json::to_string(&stay).unwrap(),
                        event_date: date("2026-05-01"),
                        status: huzhu_domain::claim_flow::ClaimStatus::BranchReviewed,
                        channel: huzhu_domain::claim_flow::ClaimChannel::Staff,
                        settlement_number: None,
                        filed_by: None,
                        invoice_numbers: &[],
                        adjudication: None,
                    },
                    f.clock.now(),
                )?;
                let cover = huzhu_domain::PolicyCover::new(
                    &demo_plan("ZY"),
                    huzhu_domain::CoverPeriod {
                        start: date("2026-01-10"),
                        end: date("2027-01-09"),
                    },
                    2,
                    false,
                    huzhu_domain::PolicyStatus::Active,
                );
                huzhu_store::claims::approve(
                    c,
                    claim.id,
                    huzhu_domain::claim_flow::ClaimStatus::BranchReviewed,
                    None,
                    None,
                    f.clock.now(),
                    |used| {
                        huzhu_domain::adjudication::adjudicate(
                            &demo_plan("ZY"),
                            &cover,
                            &stay,
                            used,
                        )
                    },
                )
            })
            .unwrap()
            .unwrap();
        assert_eq!(
            approved.total.to_string(),
            "6000.00",
            "(10,300 − 300) × 60 %"
        );
        let (_, b) = call(&app, ask(&integrator, "2026-06-01", "illness")).await;
        let acc = &only_policy(&b)["accumulators"][0];
        assert_eq!(acc["used"], json!({"unit": "amount", "value": "6000.00"}));
        assert_eq!(
            acc["remaining"],
            json!({"unit": "amount", "value": "94000.00"})
        );

        assert_eq!(b["id_number_masked"], "440106********1231");
        assert!(
            !b.to_string().contains(MEMBER_ID),
            "the answer masks the ID number"
        );

        // Someone who is not a member; a plan the member does not hold; bad input.
        let (_, b) = call(
            &app,
            send(
                "POST",
                "/api/v1/coverage/eligibility",
                Some(&integrator),
                json!({"id_number": "11010519491231002X", "event_date": "2026-06-01"}),
            ),
        )
        .await;
        assert_eq!(
            (
                b["member_found"].as_bool(),
                b["policies"].as_array().map(Vec::len)
            ),
            (Some(false), Some(0))
        );
        let (_, b) = call(
            &app,
            send(
                "POST",
                "/api/v1/coverage/eligibility",
                Some(&integrator),
                json!({"id_number": MEMBER_ID, "event_date": "2026-06-01", "plan_code": "JT"}),
            ),
        )
        .await;
        assert_eq!(b["policies"], json!([]));
        let (s, b) = call(
            &app,
            send(
                "POST",
                "/api/v1/coverage/eligibility",
                Some(&integrator),
                json!({"id_number": "440106199003071232", "event_date": "2026-06-01"}),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("id_number.check_digit"))
        );
        let (s, _) = call(
            &app,
            send(
                "POST",
                "/api/v1/coverage/eligibility",
                Some(&integrator),
                json!({"id_number": MEMBER_ID, "event_date": "2026-02-30"}),
            ),
        )
        .await;
        assert_eq!(s, 422);

        // A client without the coverage scope may not ask.
        let (_, narrow) = call(&app, send("POST", "/api/v1/auth/token", None, json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scope": "settlements:write"}))).await;
        assert_eq!(
            call(
                &app,
                ask(
                    narrow["access_token"].as_str().unwrap(),
                    "2026-06-01",
                    "illness"
                )
            )
            .await
            .0,
            403
        );

        // Staff: Guangzhou sees the member, Shenzhen does not.
        let clerk = staff_token(&app, "branch_staff").await;
        let (_, b) = call(&app, ask(&clerk, "2026-06-01", "illness")).await;
        assert_eq!(b["member_found"], true);
        let admin = staff_token(&app, "admin").await;
        let (s, _) = call(&app, send("POST", "/api/v1/staff", Some(&admin), json!({"username": "sz_clerk", "display_name": "深圳", "org_unit_id": f.shenzhen.id, "roles": ["branch_staff"], "password": PASSWORD}))).await;
        assert_eq!(s, 201);
        let sz = staff_token(&app, "sz_clerk").await;
        let (_, b) = call(&app, ask(&sz, "2026-06-01", "illness")).await;
        assert_eq!(
            (
                b["member_found"].as_bool(),
                b["policies"].as_array().map(Vec::len)
            ),
            (Some(false), Some(0))
        );
        assert_eq!(
            call(
                &app,
                get(&format!("/api/v1/members/{member_id}/coverage"), Some(&sz))
            )
            .await
            .0,
            404
        );
        let (s, b) = call(
            &app,
            get(
                &format!("/api/v1/members/{member_id}/coverage?date=2026-04-09"),
                Some(&clerk),
            ),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(only_policy(&b)["reason_code"], "coverage.waiting_period");

        // Every look-up of the member is in the access log (not in the audit trail), with who
        // asked; the one Shenzhen could not see names nobody.
        let trail_before = f.state.store.read(huzhu_store::audit::head_seq).unwrap();
        f.state.app.access_log().flush();
        let (s, reads) = call(
            &app,
            get(&format!("/api/v1/members/{member_id}/reads"), Some(&admin)),
        )
        .await;
        assert_eq!(s, 200, "{reads}");
        let reads = reads.as_array().unwrap();
        let by = |action: &str, actor_kind: &str| {
            reads
                .iter()
                .filter(|r| {
                    r["action"] == action && r["actor"].as_str().unwrap().starts_with(actor_kind)
                })
                .count()
        };
        assert!(by("coverage.eligibility", "client:") >= 6, "{reads:?}");
        assert_eq!(
            by("coverage.eligibility", "staff:"),
            1,
            "the Guangzhou clerk; {reads:?}"
        );
        assert_eq!(by("coverage.read", "staff:"), 1, "{reads:?}");
        assert!(reads
            .iter()
            .all(|r| !r["request_id"].as_str().unwrap().is_empty()));
        let (_, more) = call(&app, ask(&integrator, "2026-06-01", "illness")).await;
        assert_eq!(more["member_found"], true);
        assert_eq!(
            f.state.store.read(huzhu_store::audit::head_seq).unwrap(),
            trail_before,
            "an enquiry changes nothing and writes no audit entry"
        );
    });
}

#[test]
fn members_see_their_own_cover() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        insured(&f);
        let app = service(&f.state).await;
        let member = member_token(&app).await;
        let (s, b) = call(
            &app,
            get("/api/v1/me/coverage?date=2026-05-01", Some(&member)),
        )
        .await;
        assert_eq!(s, 200, "{b}");
        let p = only_policy(&b);
        assert_eq!(
            (p["plan_code"].as_str(), p["covered"].as_bool()),
            (Some("ZY"), Some(true))
        );
        assert_eq!(p["plan_name_zh"], demo_plan("ZY").name_zh);
        let (s, b) = call(&app, get("/api/v1/me/coverage", Some(&member))).await;
        assert_eq!(s, 200);
        assert!(b["date"].is_string(), "today by default");
        let clerk = staff_token(&app, "branch_staff").await;
        assert_eq!(
            call(&app, get("/api/v1/me/coverage", Some(&clerk))).await.0,
            403,
            "staff have no cover of their own here"
        );
    });
}
