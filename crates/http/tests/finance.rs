//! Money through the API, on both databases: a contribution and settled claims are booked as
//! they happen; finance batches the approved claims, a second person approves, the bank file
//! carries the account, a wrong result file is refused whole, the right one settles the claims
//! once (again: nothing changes), a failed payment returns to payable; idempotency keys; 100
//! concurrent payments of one claim pay it once; periods, reversals and expenses; the trial
//! balance balances after every step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use actix_web::test::TestRequest;
use common::*;
use huzhu_domain::Role;
use huzhu_store::contributions;
use serde_json::{json, Value};

const CARD: &str = "6222020200112233446";

fn with_key(req: TestRequest, key: &str) -> TestRequest {
    req.insert_header(("Idempotency-Key", key))
}

fn csv(path: &str, token: &str, body: &str) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header(("Content-Type", "text/csv"))
        .set_payload(body.to_string())
}

async fn balanced<S, B>(app: &S, token: &str) -> Value
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let (s, tb) = call(app, get("/api/v1/finance/trial-balance", Some(token))).await;
    assert_eq!(s, 200, "{tb}");
    assert_eq!(tb["balanced"], true, "{tb}");
    assert_eq!(tb["total_debit"], tb["total_credit"], "{tb}");
    tb
}

/// A second finance person, and the member's policy (its premium fell due when it was made)
/// with its 95.00 received by bank transfer.
fn setup(f: &Fixture) -> i64 {
    f.state
        .store
        .write(|c| staff(c, "finance2", f.province.id, &[Role::Finance]))
        .unwrap();
    let policy = insure(f, "ZY", 1, 9_500);
    let now = f.state.now();
    f.state
        .store
        .write(|c| {
            contributions::insert(
                c,
                contributions::NewContribution {
                    policy_id: policy,
                    amount_fen: 9_500,
                    channel: huzhu_domain::contribution::ContributionChannel::BankTransfer,
                    reference: "BANK-001",
                    paid_on: huzhu_domain::plan::china_date(now),
                    recorded_by: None,
                },
                now,
            )
        })
        .unwrap();
    policy
}

#[test]
fn money_goes_from_contribution_to_the_members_bank_account_once() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let policy = setup(&f);
        let app = service(&f.state).await;
        let finance = staff_token(&app, "finance").await;
        let finance2 = staff_token(&app, "finance2").await;
        let admin = staff_token(&app, "admin").await;
        let integrator = client_token(&app).await;
        let today = huzhu_domain::plan::china_date(f.state.now());
        let fund = format!("ZY-{}", today.format("%Y"));

        balanced(&app, &finance).await;

        // The member's bank card, and three small stays settled by medical insurance.
        let (_, members) = call(&app, get("/api/v1/members", Some(&admin))).await;
        let member = members["items"][0]["id"].as_i64().unwrap();
        let (s, b) = call(
            &app,
            send(
                "PATCH",
                &format!("/api/v1/members/{member}"),
                Some(&admin),
                json!({"bank_card": CARD}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{b}");
        let (s, report) = call(
            &app,
            send(
                "POST",
                "/api/v1/settlements",
                Some(&integrator),
                json!({"records": [
                    settlement("YB-1", MEMBER_ID, "2026-06-01", "2026-06-06", "1300.00"),
                    settlement("YB-2", MEMBER_ID, "2026-07-01", "2026-07-06", "1300.00"),
                    settlement("YB-3", MEMBER_ID, "2026-08-01", "2026-08-06", "1300.00"),
                ]}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{report}");
        let claim = |i: usize| {
            report["results"][i]["claims"][0]["claim_id"]
                .as_i64()
                .unwrap()
        };
        let (c1, c2, c3) = (claim(0), claim(1), claim(2));
        let (_, payable) = call(&app, get("/api/v1/finance/payable-claims", Some(&finance))).await;
        assert_eq!(payable.as_array().unwrap().len(), 3, "{payable}");
        assert_eq!(payable[0]["amount"], "600.00");
        balanced(&app, &finance).await;

        // A batch of two, once per key; the key again with another body is refused.
        let batch_req = |ids: Vec<i64>| {
            send(
                "POST",
                "/api/v1/finance/payment-batches",
                Some(&finance),
                json!({"claim_ids": ids}),
            )
        };
        let (s, batch) = call(&app, with_key(batch_req(vec![c1, c2]), "batch-1")).await;
        assert_eq!(
            (s, batch["status"].as_str(), batch["total"].as_str()),
            (201, Some("draft"), Some("1380.00")),
            "{batch}"
        );
        let (s, again) = call(&app, with_key(batch_req(vec![c1, c2]), "batch-1")).await;
        assert_eq!(
            (s, &again["id"]),
            (201, &batch["id"]),
            "the same answer: {again}"
        );
        refused(
            &app,
            with_key(batch_req(vec![c3]), "batch-1"),
            422,
            "idempotency.key_reused",
        )
        .await;
        refused(&app, batch_req(vec![c1]), 409, "payment.already_paid").await;
        let (_, batches) = call(&app, get("/api/v1/finance/payment-batches", Some(&finance))).await;
        assert_eq!(
            batches.as_array().unwrap().len(),
            1,
            "retries made no second batch"
        );
        let id = batch["id"].as_i64().unwrap();
        let path = |tail: &str| format!("/api/v1/finance/payment-batches/{id}{tail}");

        // The bank file waits for a second person's approval.
        let (s, _) = call(&app, get(&path("/bank-file"), Some(&finance))).await;
        assert_eq!(s, 409);
        refused(
            &app,
            send("POST", &path("/approve"), Some(&finance), json!({})),
            409,
            "payment.maker_checker",
        )
        .await;
        let (s, approved) = call(
            &app,
            send("POST", &path("/approve"), Some(&finance2), json!({})),
        )
        .await;
        assert_eq!(
            (s, approved["status"].as_str()),
            (200, Some("approved")),
            "{approved}"
        );
        let res = actix_web::test::call_service(
            &app,
            with_token(
                actix_web::test::TestRequest::get().uri(&path("/bank-file")),
                Some(&finance),
            )
            .to_request(),
        )
        .await;
        let file = String::from_utf8(actix_web::test::read_body(res).await.to_vec()).unwrap();
        let refs: Vec<String> = approved["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["reference"].as_str().unwrap().to_string())
            .collect();
        assert!(
            file.starts_with("account,name,amount,reference\n"),
            "{file}"
        );
        assert!(
            file.contains(&format!("{CARD},张伟,600.00,{}", refs[0])),
            "{file}"
        );

        // A wrong file is refused whole, naming its lines; nothing changes.
        let wrong = format!("reference,status,amount,reason\n{},paid,600.00,\nHZP99999999,paid,600.00,\n{},paid,650.00,\n", refs[0], refs[1]);
        let b = refused(
            &app,
            csv(&path("/bank-result"), &finance, &wrong),
            422,
            "payment.bank_result_rejected",
        )
        .await;
        let lines: Vec<i64> = b["details"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["line"].as_i64().unwrap())
            .collect();
        assert_eq!(lines, vec![3, 4], "{b}");
        let (_, still) = call(&app, get(&path(""), Some(&finance))).await;
        assert!(
            still["payments"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["status"] == "pending"),
            "{still}"
        );

        // The right one: one paid, one failed; the same file again changes nothing.
        let right = format!(
            "reference,status,amount,reason\n{},paid,600.00,\n{},failed,780.00,账户已销户\n",
            refs[0], refs[1]
        );
        let (s, imported) = call(&app, csv(&path("/bank-result"), &finance, &right)).await;
        assert_eq!(
            (
                s,
                imported["paid"].as_i64(),
                imported["failed"].as_i64(),
                imported["repeated"].as_bool()
            ),
            (200, Some(1), Some(1), Some(false)),
            "{imported}"
        );
        let (s, repeat) = call(&app, csv(&path("/bank-result"), &finance, &right)).await;
        assert_eq!(
            (s, repeat["repeated"].as_bool()),
            (200, Some(true)),
            "{repeat}"
        );
        let (_, settled) = call(&app, get(&path(""), Some(&finance))).await;
        assert_eq!(settled["status"], "settled");
        let (_, c1_now) = call(&app, get(&format!("/api/v1/claims/{c1}"), Some(&finance))).await;
        assert_eq!(c1_now["status"], "paid", "{c1_now}");
        let (_, payable) = call(&app, get("/api/v1/finance/payable-claims", Some(&finance))).await;
        let waiting: Vec<i64> = payable
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["claim_id"].as_i64().unwrap())
            .collect();
        assert_eq!(waiting, vec![c2, c3], "the failed payment is payable again");
        balanced(&app, &finance).await;

        // Paid is paid: by hand too.
        let pay = |claim: i64, bank_ref: &str| {
            send(
                "POST",
                &format!("/api/v1/finance/claims/{claim}/payment"),
                Some(&finance),
                json!({"bank_reference": bank_ref}),
            )
        };
        refused(&app, pay(c1, "MANUAL-1"), 409, "payment.already_paid").await;
        let (s, p2) = call(&app, pay(c2, "MANUAL-2")).await;
        assert_eq!((s, p2["status"].as_str()), (201, Some("paid")), "{p2}");

        // One hundred payments of one claim at once: one is made.
        let racing =
            (0..100).map(|i| call(&app, with_key(pay(c3, "MANUAL-3"), &format!("race-{i}"))));
        let answers = futures_util::future::join_all(racing).await;
        let made = answers.iter().filter(|(s, _)| *s == 201).count();
        assert_eq!(
            made,
            1,
            "{:?}",
            answers
                .iter()
                .map(|(s, b)| (*s, b["code"].clone()))
                .collect::<Vec<_>>()
        );
        assert!(answers
            .iter()
            .all(|(s, b)| *s == 201 || (*s == 409 && b["code"] == "payment.already_paid")));
        let tb = balanced(&app, &finance).await;
        let payable_left: i64 = tb["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["account"] == "benefits_payable")
            .map(|l| {
                huzhu_domain::Money::parse(l["credit"].as_str().unwrap())
                    .unwrap()
                    .fen()
                    .unwrap()
            })
            .sum();
        assert_eq!(payable_left, 0, "every approved claim paid once: {tb}");

        // The fund statement follows the money: 95.00 in, 600.00 + 780.00 + 780.00 out.
        let (s, st) = call(
            &app,
            get(
                &format!("/api/v1/finance/funds/{fund}/statement"),
                Some(&finance),
            ),
        )
        .await;
        assert_eq!(s, 200, "{st}");
        let line = |account: &str| {
            st["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["account"] == account)
                .unwrap()["closing"]
                .clone()
        };
        assert_eq!(
            (line("bank"), line("risk_reserve"), line("benefits_paid")),
            (json!("-2065.00"), json!("9.50"), json!("2160.00")),
            "{st}"
        );
        assert_eq!(st["contributions_received"], "95.00");
        assert_eq!(st["indicators"]["reserve_ratio"], "0.1");

        // The month-end job earns the contribution pro rata, once.
        let earn = || {
            send(
                "POST",
                "/api/v1/finance/earnings",
                Some(&finance),
                json!({"through": today}),
            )
        };
        let (s, run) = call(&app, earn()).await;
        assert_eq!(
            (s, run["entries"].as_array().map(Vec::len)),
            (200, Some(1)),
            "{run}"
        );
        let (_, run) = call(&app, earn()).await;
        assert_eq!(run["entries"], json!([]), "nothing more to earn today");
        let (_, st) = call(
            &app,
            get(
                &format!("/api/v1/finance/funds/{fund}/statement"),
                Some(&finance),
            ),
        )
        .await;
        let earned = huzhu_domain::Money::parse(
            st["lines"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["account"] == "earned_contributions")
                .unwrap()["closing"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        let expected = huzhu_domain::ledger::earned_by(
            8_550,
            "2026-01-10".parse().unwrap(),
            "2027-01-09".parse().unwrap(),
            today,
        );
        assert_eq!(earned.fen().unwrap(), expected, "{st}");
        assert!(st["indicators"]["loss_ratio"].is_string(), "{st}");

        // Reversal once; expenses need a second person.
        let (_, entries) = call(
            &app,
            get("/api/v1/finance/entries?reference=BANK-001", Some(&finance)),
        )
        .await;
        assert_eq!(entries["total"], 0, "references name what caused the entry");
        let (_, entries) = call(
            &app,
            get(
                &format!("/api/v1/finance/entries?reference=policy:{policy}"),
                Some(&finance),
            ),
        )
        .await;
        let received = entries["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "contribution_received")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (s, rev) = call(
            &app,
            send(
                "POST",
                &format!("/api/v1/finance/entries/{received}/reversal"),
                Some(&finance),
                json!({}),
            ),
        )
        .await;
        assert_eq!(
            (s, rev["reverses"].as_i64()),
            (201, Some(received)),
            "{rev}"
        );
        refused(
            &app,
            send(
                "POST",
                &format!("/api/v1/finance/entries/{received}/reversal"),
                Some(&finance),
                json!({}),
            ),
            409,
            "ledger.already_reversed",
        )
        .await;
        let (s, e) = call(
            &app,
            send(
                "POST",
                "/api/v1/finance/expenses",
                Some(&finance),
                json!({"fund": fund, "description": "代办点办公用品", "amount": "120.00"}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{e}");
        let approve = |token: &str| {
            send(
                "POST",
                &format!("/api/v1/finance/expenses/{}/approve", e["id"]),
                Some(token),
                json!({}),
            )
        };
        refused(&app, approve(&finance), 409, "expense.maker_checker").await;
        let (s, e) = call(&app, approve(&finance2)).await;
        assert_eq!((s, e["status"].as_str()), (200, Some("approved")), "{e}");
        balanced(&app, &finance).await;

        // Periods: the running month stays open; an ended month closes once.
        let this_month = today.format("%Y-%m").to_string();
        refused(
            &app,
            send(
                "POST",
                &format!("/api/v1/finance/periods/{this_month}/close"),
                Some(&finance),
                json!({}),
            ),
            409,
            "finance.period_open",
        )
        .await;
        let (s, _) = call(
            &app,
            send(
                "POST",
                "/api/v1/finance/periods/2026-01/close",
                Some(&finance),
                json!({}),
            ),
        )
        .await;
        assert_eq!(s, 200);
        refused(
            &app,
            send(
                "POST",
                "/api/v1/finance/periods/2026-01/close",
                Some(&finance),
                json!({}),
            ),
            409,
            "ledger.period_already_closed",
        )
        .await;
        refused(
            &app,
            send(
                "POST",
                "/api/v1/finance/earnings",
                Some(&finance),
                json!({"through": "2026-01-31"}),
            ),
            409,
            "ledger.period_closed",
        )
        .await;

        // Readers: the council reads, does not pay.
        let council = staff_token(&app, "council").await;
        assert_eq!(
            call(&app, get("/api/v1/finance/funds", Some(&council)))
                .await
                .0,
            200
        );
        assert_eq!(call(&app, pay(c3, "X")).await.0, 409);
        assert_eq!(
            call(
                &app,
                send(
                    "POST",
                    "/api/v1/finance/payment-batches",
                    Some(&council),
                    json!({})
                )
            )
            .await
            .0,
            403
        );
    });
}
