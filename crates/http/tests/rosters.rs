//! Group enrollment from a roster file: the dry run's row-by-row report, all-or-nothing and
//! idempotent commits, CSV in UTF-8 and GBK and .xlsx, the unit's participation rate, and the
//! batch payment that starts the cover; on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use huzhu_domain::plan::{china_date, examples::guangdong_demo};
use serde_json::{json, Value};

/// Ten workers born in 1990 (men and women alternate), plus the fixture's member.
fn good_rows() -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = (1..=10)
        .map(|i| (format!("职工{i}"), id_born("19900101", 100 + i)))
        .collect();
    rows.push(("张伟".into(), MEMBER_ID.into()));
    rows
}

fn csv(rows: &[(String, String)], extra: &str) -> Vec<u8> {
    let mut text = String::from("姓名,身份证号,人员类别,份数\n");
    for (name, id) in rows {
        text.push_str(&format!("{name},{id},在职职工,2\n"));
    }
    text.push_str(extra);
    text.into_bytes()
}

fn issue_codes(report: &Value) -> Vec<(u64, String, String)> {
    report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["line"].as_u64().unwrap(),
                i["column"].as_str().unwrap().to_string(),
                i["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_roster_with_errors_is_reported_row_by_row_and_writes_nothing() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        seed_in_force(&f, "ZJ");
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let bad = format!(
            "王五,{},在职职工,2\n{},{},在职职工,2\n少年,{},在职职工,2\n赵六,{},在职职工,9\n{},{},在职职工,2\n",
            "440106199003071232",               // line 13: check digit
            "职工1", id_born("19900101", 101),        // line 14: duplicate of line 2
            id_born("20120101", 201),                // line 15: 14 years old
            id_born("19900101", 202),                // line 16: 9 shares, ZJ allows 5
            "=cmd|'/c calc'!A1", id_born("19900101", 203), // line 17: formula
        );
        let (s, report) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.union.id,
                15,
                csv(&good_rows(), &bad),
            ),
        )
        .await;
        assert_eq!(s, 200, "{report}");
        assert_eq!(report["rows"], 16);
        assert_eq!(report["valid_rows"], 11);
        assert_eq!(
            issue_codes(&report),
            vec![
                (13, "id_number".into(), "id_number.check_digit".into()),
                (14, "id_number".into(), "roster.duplicate".into()),
                (15, "id_number".into(), "enrollment.age".into()),
                (16, "shares".into(), "enrollment.shares".into()),
                (17, "name".into(), "roster.formula".into()),
            ]
        );
        assert!(
            report["issues"][2]["message"]
                .as_str()
                .unwrap()
                .contains("16 to 60"),
            "{report}"
        );

        let (_, before) = call(&app, get("/api/v1/members", Some(&clerk))).await;
        let (s, b) = call(
            &app,
            roster_upload(
                "/api/v1/rosters",
                &clerk,
                f.union.id,
                15,
                csv(&good_rows(), &bad),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (422, Some("roster.invalid")));
        assert_eq!(b["details"]["issues"].as_array().unwrap().len(), 5);
        let (_, after) = call(&app, get("/api/v1/members", Some(&clerk))).await;
        assert_eq!(before["total"], after["total"], "nothing was half-written");

        // The unit: 11 of 20 is below ZJ's 60 %; a plan with a participation rate needs a headcount.
        let (_, r) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.union.id,
                20,
                csv(&good_rows(), ""),
            ),
        )
        .await;
        assert_eq!(
            r["unit_problems"][0]["code"], "enrollment.participation",
            "{r}"
        );
        let bare = with_token(
            actix_web::test::TestRequest::post()
                .uri(&format!(
                    "/api/v1/rosters/dry-run?org_unit_id={}&plan_code=ZJ",
                    f.union.id
                ))
                .set_payload(csv(&good_rows(), "")),
            Some(&clerk),
        );
        let (_, r) = call(&app, bare).await;
        assert_eq!(r["unit_problems"][0]["code"], "roster.headcount_required");

        // Files that are not rosters.
        for (bytes, code) in [
            (Vec::new(), "roster.empty"),
            (b"\x89PNG\r\n\x1a\n\0\0\0".to_vec(), "roster.not_a_roster"),
            (
                b"PK\x03\x04\x14\0\0\0broken".to_vec(),
                "roster.unreadable_xlsx",
            ),
            (
                "name,phone\nx,1\n".as_bytes().to_vec(),
                "roster.missing_column",
            ),
        ] {
            let (s, b) = call(
                &app,
                roster_upload("/api/v1/rosters/dry-run", &clerk, f.union.id, 15, bytes),
            )
            .await;
            assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{b}");
        }
        let (s, b) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.guangzhou.id,
                15,
                csv(&good_rows(), ""),
            ),
        )
        .await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("member.unit_not_union"))
        );
        let huge = vec![b'a'; huzhu_http::roster_file::MAX_BYTES + 1];
        let (s, b) = call(
            &app,
            roster_upload("/api/v1/rosters/dry-run", &clerk, f.union.id, 15, huge),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (413, Some("request.too_large")));
    });
}

#[test]
fn a_clean_roster_commits_once_and_one_payment_starts_the_cover() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        seed_in_force(&f, "ZJ");
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;

        // Saved by Excel in China: GBK.
        let utf8 = String::from_utf8(csv(&good_rows(), "")).unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
        let (s, batch) = call(
            &app,
            roster_upload("/api/v1/rosters", &clerk, f.union.id, 15, gbk.to_vec()),
        )
        .await;
        assert_eq!(s, 201, "{batch}");
        assert_eq!(
            (
                batch["member_count"].as_i64(),
                batch["premium_total"].as_str()
            ),
            (Some(11), Some("1760.00"))
        );
        assert_eq!(
            batch["policies"][0]["member_name"], "职工1",
            "GBK names decoded"
        );
        assert_eq!(batch["policies"][0]["status"], "pending_payment");
        let (_, members) = call(&app, get("/api/v1/members", Some(&clerk))).await;
        assert_eq!(
            members["total"], 11,
            "ten new members registered, the existing one reused"
        );

        // The same file again enrolls nobody twice.
        let (s, again) = call(
            &app,
            roster_upload("/api/v1/rosters", &clerk, f.union.id, 15, gbk.to_vec()),
        )
        .await;
        assert_eq!((s, again["id"].clone()), (200, batch["id"].clone()));
        // The same people in another file: refused, they are waiting for payment already.
        let (s, b) = call(
            &app,
            roster_upload(
                "/api/v1/rosters",
                &clerk,
                f.union.id,
                15,
                csv(&good_rows(), ""),
            ),
        )
        .await;
        assert_eq!((s, b["code"].as_str()), (422, Some("roster.invalid")));
        assert_eq!(b["details"]["issues"][0]["code"], "roster.pending_exists");

        let id = batch["id"].as_i64().unwrap();
        let paid_on = (china_date(f.clock.now()) - Duration::days(1)).to_string();
        let pay = |amount: &str, reference: &str| {
            send(
                "POST",
                &format!("/api/v1/enrollment-batches/{id}/payment"),
                Some(&clerk),
                json!({"amount": amount, "channel": "union_dues", "reference": reference, "paid_on": paid_on}),
            )
        };
        let (s, b) = call(&app, pay("1000.00", "GH-1")).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (422, Some("contribution.amount_mismatch"))
        );
        let (s, paid) = call(&app, pay("1760.00", "GH-1")).await;
        assert_eq!(s, 200, "{paid}");
        assert_eq!(paid["status"], "paid");
        let start = china_date(f.clock.now()).to_string();
        for p in paid["policies"].as_array().unwrap() {
            assert_eq!(
                (p["status"].as_str(), p["start_date"].as_str()),
                (Some("active"), Some(start.as_str()))
            );
        }
        let (s, b) = call(&app, pay("1760.00", "GH-2")).await;
        assert_eq!((s, b["code"].as_str()), (409, Some("batch.already_paid")));

        // Renewing the whole roster while the cover runs: the new period follows the old one
        // without a gap, so it has no waiting period.
        let mut renewal = csv(&good_rows(), "");
        renewal.extend_from_slice(b"\n");
        let (s, r) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.union.id,
                15,
                renewal.clone(),
            ),
        )
        .await;
        assert_eq!((s, r["valid_rows"].as_u64()), (200, Some(11)), "{r}");
        let (s, next) = call(
            &app,
            roster_upload("/api/v1/rosters", &clerk, f.union.id, 15, renewal),
        )
        .await;
        assert_eq!(s, 201, "{next}");
        let next_id = next["id"].as_i64().unwrap();
        let (s, next_paid) = call(&app, send("POST", &format!("/api/v1/enrollment-batches/{next_id}/payment"), Some(&clerk), json!({"amount": "1760.00", "channel": "union_dues", "reference": "GH-3", "paid_on": paid_on}))).await;
        assert_eq!(s, 200, "{next_paid}");
        let zj = guangdong_demo()
            .into_iter()
            .find(|t| t.code.as_str() == "ZJ")
            .unwrap();
        let first_start: chrono::NaiveDate = paid["policies"][0]["start_date"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let renewal_start =
            huzhu_domain::plan::CoverPeriod::starting(&zj, first_start).next_start();
        let p = &next_paid["policies"][0];
        assert_eq!(p["start_date"], renewal_start.to_string(), "{p}");
        assert_eq!(
            p["waiting_period_end"],
            renewal_start.to_string(),
            "a renewal without a gap does not wait"
        );

        // The member now sees the cover, inside its 90-day waiting period.
        let member = member_token(&app).await;
        let (_, mine) = call(&app, get("/api/v1/me/coverage", Some(&member))).await;
        let zj = mine["policies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["plan_code"] == "ZJ")
            .min_by_key(|p| p["start_date"].as_str().unwrap().to_string())
            .unwrap()
            .clone();
        assert_eq!(
            zj["reason_code"], "coverage.waiting_period",
            "the first period: {zj}"
        );
    });
}

#[test]
fn excel_rosters_are_read_like_csv() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        seed_in_force(&f, "ZJ");
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, h) in ["姓名", "身份证号", "份数"].iter().enumerate() {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        for (row, (name, id)) in good_rows().iter().enumerate() {
            sheet.write_string(row as u32 + 1, 0, name).unwrap();
            sheet.write_string(row as u32 + 1, 1, id).unwrap();
            sheet.write_number(row as u32 + 1, 2, 2.0).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let (s, r) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.union.id,
                15,
                bytes.clone(),
            ),
        )
        .await;
        assert_eq!(s, 200, "{r}");
        assert_eq!(
            (
                r["valid_rows"].as_u64(),
                r["issues"].as_array().map(Vec::len)
            ),
            (Some(11), Some(0)),
            "{r}"
        );
        let (s, truncated) = call(
            &app,
            roster_upload(
                "/api/v1/rosters/dry-run",
                &clerk,
                f.union.id,
                15,
                bytes[..bytes.len() / 2].to_vec(),
            ),
        )
        .await;
        assert_eq!(
            (s, truncated["code"].as_str()),
            (422, Some("roster.unreadable_xlsx"))
        );
    });
}

#[test]
fn batches_are_listed_in_scope_and_download_as_escaped_workbooks() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        seed_in_force(&f, "ZJ");
        f.state
            .store
            .write(|c| {
                staff(
                    c,
                    "shenzhen_clerk",
                    f.shenzhen.id,
                    &[huzhu_domain::Role::BranchStaff],
                )
            })
            .unwrap();
        let app = service(&f.state).await;
        let clerk = staff_token(&app, "branch_staff").await;
        // A name registered by hand that a spreadsheet would run as a formula.
        let sly = id_born("19910202", 555);
        let (s, m) = call(&app, send("POST", "/api/v1/members", Some(&clerk), json!({
            "org_unit_id": f.union.id, "name": "=HYPERLINK(\"http://x\",\"y\")", "id_number": sly, "category": "in_service"
        }))).await;
        assert_eq!(s, 201, "{m}");
        let mut rows = good_rows();
        rows.push(("某某".into(), sly.clone()));
        let (s, batch) = call(
            &app,
            roster_upload("/api/v1/rosters", &clerk, f.union.id, 15, csv(&rows, "")),
        )
        .await;
        assert_eq!(s, 201, "{batch}");
        let batch_id = batch["id"].as_i64().unwrap();

        let (s, page) = call(&app, get("/api/v1/enrollment-batches", Some(&clerk))).await;
        assert_eq!(s, 200, "{page}");
        assert_eq!(page["total"], 1);
        let first = &page["items"][0];
        assert_eq!(
            (
                first["id"].as_i64(),
                first["member_count"].as_i64(),
                first["premium_total"].as_str(),
                first["status"].as_str()
            ),
            (
                Some(batch_id),
                Some(12),
                Some("1920.00"),
                Some("pending_payment")
            )
        );
        assert_eq!(first["org_unit_name"], f.union.name.as_str());
        let (_, paid) = call(
            &app,
            get("/api/v1/enrollment-batches?status=paid", Some(&clerk)),
        )
        .await;
        assert_eq!(paid["total"], 0);
        let (s, bad) = call(
            &app,
            get("/api/v1/enrollment-batches?status=lost", Some(&clerk)),
        )
        .await;
        assert_eq!(
            (s, bad["code"].as_str()),
            (422, Some("batch.unknown_status"))
        );

        // Another city's office sees none of it.
        let elsewhere = staff_token(&app, "shenzhen_clerk").await;
        let (_, none) = call(&app, get("/api/v1/enrollment-batches", Some(&elsewhere))).await;
        assert_eq!(none["total"], 0);
        let path = format!("/api/v1/enrollment-batches/{batch_id}/workbook");
        assert_eq!(call(&app, get(&path, Some(&elsewhere))).await.0, 404);

        let res = actix_web::test::call_service(&app, get(&path, Some(&clerk)).to_request()).await;
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            huzhu_http::workbook::CONTENT_TYPE
        );
        let bytes = actix_web::test::read_body(res).await;
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        Data::Empty => String::new(),
                        other => panic!("every cell is text, found {other:?}"),
                    })
                    .collect()
            })
            .collect();
        let header = cells
            .iter()
            .position(|r| r.first().map(String::as_str) == Some("序号 No."))
            .unwrap();
        let people = &cells[header + 1..];
        assert_eq!(people.len(), 12);
        let first_id = id_born("19900101", 101);
        let masked = format!("{}********{}", &first_id[..6], &first_id[14..]);
        assert_eq!(
            people[0][..5],
            ["1", "职工1", masked.as_str(), "2", "160.00"].map(String::from)
        );
        let sly_row = people.iter().find(|r| r[1].contains("HYPERLINK")).unwrap();
        assert_eq!(sly_row[1], "'=HYPERLINK(\"http://x\",\"y\")", "escaped");
        assert!(cells
            .iter()
            .any(|r| r[..2] == ["会费合计 Premium total".to_string(), "1920.00".to_string()]));
        assert!(
            book.worksheet_formula("参保结果")
                .unwrap()
                .used_cells()
                .next()
                .is_none(),
            "no formulas"
        );
    });
}
