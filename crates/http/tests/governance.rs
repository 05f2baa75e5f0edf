//! Governance through the API, on both databases: a plan version goes from a motion through a
//! quorate meeting and a counted vote into force; every refusal of docs/domain.md §6 answers
//! with its code and writes nothing; elections are secret and scrutinised; one seat casts one
//! ballot even when its requests race; inspections run from findings to conclusion; and the
//! audit trail shows, and verifies, every step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use huzhu_domain::plan::{china_date, examples::guangdong_demo};
use huzhu_domain::Role;
use serde_json::{json, Value};

const COUNCILLORS: [&str; 5] = ["council", "council2", "council3", "council4", "council5"];

fn add_councillors(f: &Fixture) {
    f.state
        .store
        .write(|c| {
            for name in &COUNCILLORS[1..] {
                staff(c, name, f.province.id, &[Role::Council])?;
            }
            staff(c, "supervisor2", f.province.id, &[Role::Supervisor])
        })
        .unwrap();
}

fn post(path: &str, token: &str, body: Value) -> actix_web::test::TestRequest {
    send("POST", path, Some(token), body)
}

/// Opens the body's term from 2024 and seats the named staff; returns the seat ids in order.
async fn constitute<S, B>(app: &S, admin: &str, body: &str, holders: &[&str]) -> Vec<i64>
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let (s, term) = call(
        app,
        post(
            "/api/v1/governance/terms",
            admin,
            json!({"body": body, "starts_on": "2024-01-01"}),
        ),
    )
    .await;
    assert_eq!(s, 201, "{term}");
    assert_eq!(
        term["ends_on"], "2028-12-31",
        "five years, to the day before"
    );
    let mut seats = Vec::new();
    for (i, holder) in holders.iter().enumerate() {
        let token = staff_token(app, holder).await;
        let account = my_id(app, &token).await;
        let position = if i == 0 { "chair" } else { "member" };
        let (s, seat) = call(
            app,
            post(
                &format!("/api/v1/governance/terms/{}/seats", term["id"]),
                admin,
                json!({"account_id": account, "position": position}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{seat}");
        seats.push(seat["id"].as_i64().unwrap());
    }
    seats
}

#[test]
fn a_plan_version_goes_from_motion_to_force_and_the_board_verifies_each_step() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        add_councillors(&f);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let member = member_token(&app).await;
        let zy = guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == "ZY")
            .unwrap();
        let (s, draft) = call(
            &app,
            post(
                "/api/v1/plan-versions",
                &admin,
                serde_json::to_value(&zy).unwrap(),
            ),
        )
        .await;
        assert_eq!(s, 201, "{draft}");
        let version = draft["id"].as_i64().unwrap();
        refused(
            &app,
            post(
                &format!("/api/v1/plan-versions/{version}/activate"),
                &admin,
                json!({}),
            ),
            409,
            "plan.resolution_required",
        )
        .await;

        let seats = constitute(&app, &admin, "council", &COUNCILLORS).await;
        let now = f.state.now();
        // Notice counts in days before the meeting's day (China time), whatever the hour now.
        let starts_at = now - Duration::hours(1);
        let meeting_day = china_date(starts_at);
        // Nine days of notice is too short, and nothing is written.
        let meeting = |notice_days: i64| {
            json!({"body": "council", "title": "第一届理事会第六次会议", "location": "广州",
                   "starts_at": starts_at,
                   "notice_given_on": meeting_day - Duration::days(notice_days)})
        };
        let b = refused(
            &app,
            post("/api/v1/governance/meetings", &admin, meeting(9)),
            422,
            "governance.notice",
        )
        .await;
        assert!(
            b["message"].as_str().unwrap().contains("at least 10 days"),
            "{b}"
        );
        let (_, none) = call(&app, get("/api/v1/governance/meetings", Some(&admin))).await;
        assert_eq!(none, json!([]));
        let (s, m) = call(
            &app,
            post("/api/v1/governance/meetings", &admin, meeting(10)),
        )
        .await;
        assert_eq!(s, 201, "{m}");
        assert_eq!(
            m["quorum"],
            json!({"members": 5, "present": 0, "needed": 4, "quorate": false})
        );
        let mid = m["id"].as_i64().unwrap();
        let motions = format!("/api/v1/governance/meetings/{mid}/motions");

        // The council does not amend the articles; a plan motion needs a draft.
        refused(&app, post(&motions, &admin, json!({"kind": "amend_articles", "title": "修改章程", "text": "…", "articles_text": "新章程"})), 422, "governance.not_for_this_body").await;
        refused(
            &app,
            post(
                &motions,
                &admin,
                json!({"kind": "approve_plan_version", "title": "批准", "text": "…"}),
            ),
            422,
            "request.missing_field",
        )
        .await;
        // What another kind needs is refused, not ignored.
        refused(
            &app,
            post(
                &motions,
                &admin,
                json!({"kind": "general", "title": "增设", "text": "…", "plan_version_id": 1}),
            ),
            422,
            "request.unknown_field",
        )
        .await;
        let (s, general) = call(
            &app,
            post(
                &motions,
                &admin,
                json!({"kind": "general", "title": "增设代办点", "text": "在河源增设代办点。"}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{general}");
        let (s, motion) = call(
            &app,
            post(
                &motions,
                &admin,
                json!({"kind": "approve_plan_version", "title": "批准住院津贴计划第 1 版",
                                          "text": "批准并施行。", "plan_version_id": version}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{motion}");
        assert_eq!(motion["threshold"], "two_thirds_of_present");
        let plan_motion = motion["id"].as_i64().unwrap();
        let general = general["id"].as_i64().unwrap();
        // The text under vote cannot change while the motion is open.
        refused(
            &app,
            send(
                "PUT",
                &format!("/api/v1/plan-versions/{version}"),
                Some(&admin),
                serde_json::to_value(&zy).unwrap(),
            ),
            409,
            "governance.motion_pending",
        )
        .await;

        let (s, m) = call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/attendance"),
                &admin,
                json!({"seat_ids": &seats[..4]}),
            ),
        )
        .await;
        assert_eq!(s, 200, "{m}");
        assert_eq!(m["quorum"]["quorate"], true);
        refused(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/attendance"),
                &admin,
                json!({"seat_ids": [999_999]}),
            ),
            422,
            "governance.seat_not_in_body",
        )
        .await;

        let vote = |motion: i64| format!("/api/v1/governance/motions/{motion}/votes");
        refused(
            &app,
            post(&vote(plan_motion), &member, json!({"choice": "yes"})),
            403,
            "governance.no_seat",
        )
        .await;
        let absent = staff_token(&app, "council5").await;
        refused(
            &app,
            post(&vote(plan_motion), &absent, json!({"choice": "yes"})),
            409,
            "governance.not_present",
        )
        .await;
        let mut tokens = Vec::new();
        for name in &COUNCILLORS[..4] {
            tokens.push(staff_token(&app, name).await);
        }
        refused(
            &app,
            post(&vote(plan_motion), &tokens[0], json!({"choice": "maybe"})),
            422,
            "request.invalid_field", // the choices are an enum of the schema
        )
        .await;
        for (token, choice) in tokens.iter().zip(["yes", "yes", "yes", "no"]) {
            let (s, b) = call(
                &app,
                post(&vote(plan_motion), token, json!({"choice": choice})),
            )
            .await;
            assert_eq!(s, 200, "{b}");
            assert_eq!(b["voted"], true);
        }
        let b = refused(
            &app,
            post(&vote(plan_motion), &tokens[0], json!({"choice": "no"})),
            409,
            "governance.already_voted",
        )
        .await;
        // Open ballots are on record seat by seat.
        assert_eq!(b["code"], "governance.already_voted");
        for (token, choice) in tokens.iter().zip(["yes", "yes", "no", "abstain"]) {
            call(&app, post(&vote(general), token, json!({"choice": choice}))).await;
        }

        let close = |motion: i64| format!("/api/v1/governance/motions/{motion}/close");
        let (s, failed) = call(&app, post(&close(general), &admin, json!({}))).await;
        assert_eq!(
            (s, failed["status"].as_str()),
            (200, Some("not_passed")),
            "{failed}"
        );
        assert_eq!(
            failed["explanation_en"],
            "4 of 5 present ≥ 2/3: quorate; 2 yes, 1 no, 1 abstaining of 4 present < 2/3: not passed"
        );
        let (s, passed) = call(&app, post(&close(plan_motion), &admin, json!({}))).await;
        assert_eq!(
            (s, passed["status"].as_str()),
            (200, Some("passed")),
            "{passed}"
        );
        assert_eq!(
            passed["explanation_zh"],
            "应到 5 人，实到 4 人，达到三分之二：会议有效；赞成 3 票、反对 1 票、弃权 0 票（实到 4 人），达到三分之二以上：通过"
        );
        assert_eq!(passed["ballots"].as_array().unwrap().len(), 4);
        assert_eq!(passed["ballots"][3]["choice"], "no");
        refused(
            &app,
            post(&close(plan_motion), &admin, json!({})),
            409,
            "governance.voting_closed",
        )
        .await;
        refused(
            &app,
            post(&vote(plan_motion), &absent, json!({"choice": "yes"})),
            409,
            "governance.voting_closed",
        )
        .await;

        // The resolution put the version in force: members see it in the catalogue.
        let (_, catalogue) = call(&app, get("/api/v1/plans", Some(&member))).await;
        assert_eq!(catalogue[0]["code"], "ZY", "{catalogue}");
        let (s, closed) = call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/close"),
                &admin,
                json!({"minutes": "会议审议通过住院津贴计划第 1 版。"}),
            ),
        )
        .await;
        assert_eq!(
            (s, closed["summary"].is_null(), closed["status"].as_str()),
            (200, true, Some("closed")),
            "{closed}"
        );
        refused(
            &app,
            post(
                &motions,
                &admin,
                json!({"kind": "general", "title": "t", "text": "t"}),
            ),
            409,
            "governance.meeting_closed",
        )
        .await;

        // The supervisory board reads and verifies the trail of every step.
        let supervisor = staff_token(&app, "supervisor").await;
        let (s, v) = call(&app, get("/api/v1/audit/verify", Some(&supervisor))).await;
        assert_eq!((s, v["intact"].as_bool()), (200, Some(true)), "{v}");
        assert!(v["checked"].as_u64().unwrap() >= 15, "{v}");
        let (_, page) = call(&app, get("/api/v1/audit?limit=500", Some(&supervisor))).await;
        let entries: Vec<(String, String, Value)> = page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let details: Value = serde_json::from_str(e["details"].as_str().unwrap()).unwrap();
                (
                    e["action"].as_str().unwrap().to_string(),
                    e["subject"].as_str().unwrap().to_string(),
                    details,
                )
            })
            .collect();
        let find = |action: &str, subject: String| {
            entries
                .iter()
                .find(|(a, s, _)| a == action && *s == subject)
                .map(|(_, _, d)| d.clone())
                .unwrap_or_else(|| panic!("{action} {subject} missing from {entries:?}"))
        };
        // The trail reads as events with their facts, not as routes.
        assert_eq!(
            find("plan.draft", format!("plan_version:{version}"))["facts"]["code"],
            "ZY"
        );
        find("meeting.convene", format!("meeting:{mid}"));
        let tabled = find("meeting.table_motion", format!("motion:{plan_motion}"));
        assert_eq!(tabled["facts"]["plan_version"], version);
        assert_eq!(
            find("motion.vote", format!("motion:{plan_motion}"))["facts"]["secret"],
            false
        );
        let counted = find("motion.close_vote", format!("motion:{plan_motion}"));
        assert_eq!(
            (
                counted["facts"]["yes"].as_i64(),
                counted["facts"]["status"].as_str()
            ),
            (Some(3), Some("open → passed")),
            "{counted}"
        );
        let enacted = find("plan.activate", format!("plan_version:{version}"));
        assert_eq!(enacted["facts"]["motion"], plan_motion, "{enacted}");
        // Refusals changed nothing and left no entry: the version went into force once, by the
        // resolution.
        assert_eq!(
            entries
                .iter()
                .filter(|(a, _, _)| a == "plan.activate")
                .count(),
            1,
            "{entries:?}"
        );
        let council = &tokens[0];
        let (s, _) = call(&app, get("/api/v1/audit", Some(council))).await;
        assert_eq!(s, 403, "the council does not read the trail");
    });
}

#[test]
fn elections_are_secret_scrutinised_by_supervisors_and_seat_the_winner() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        add_councillors(&f);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let congress = constitute(&app, &admin, "member_congress", &COUNCILLORS[..3]).await;
        constitute(&app, &admin, "council", &COUNCILLORS[3..]).await;
        let board = constitute(
            &app,
            &admin,
            "supervisory_board",
            &["supervisor", "supervisor2"],
        )
        .await;
        let now = f.state.now();
        let (_, m) = call(
            &app,
            post("/api/v1/governance/meetings", &admin, json!({"body": "member_congress", "title": "第一届会员代表大会第三次会议",
                "location": "广州", "starts_at": now - Duration::minutes(5), "notice_given_on": china_date(now) - Duration::days(30)})),
        )
        .await;
        let mid = m["id"].as_i64().unwrap();
        let motions = format!("/api/v1/governance/meetings/{mid}/motions");
        let candidate_token = staff_token(&app, "supervisor2").await;
        let candidate = my_id(&app, &candidate_token).await;
        let election = |scrutineers: Vec<i64>| {
            json!({"kind": "elect", "elect_to": "council", "title": "补选理事", "text": "补选一名理事。",
                   "candidate_account_id": candidate, "candidate_position": "member",
                   "scrutineer_seat_ids": scrutineers})
        };
        for (scrutineers, why) in [
            (vec![], "an election needs at least one scrutineer"),
            (
                vec![board[1]],
                "the candidate cannot scrutinise their own election",
            ),
            (vec![congress[0]], "not on the supervisory board"),
        ] {
            let b = refused(
                &app,
                post(&motions, &admin, election(scrutineers)),
                422,
                "governance.scrutineer",
            )
            .await;
            assert!(b["message"].as_str().unwrap().contains(why), "{b}");
        }
        let (s, motion) = call(&app, post(&motions, &admin, election(vec![board[0]]))).await;
        assert_eq!(s, 201, "{motion}");
        assert_eq!(
            (motion["secret"].as_bool(), motion["threshold"].as_str()),
            (Some(true), Some("majority_of_present"))
        );
        let id = motion["id"].as_i64().unwrap();
        call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/attendance"),
                &admin,
                json!({"seat_ids": congress}),
            ),
        )
        .await;
        for (name, choice) in COUNCILLORS[..3].iter().zip(["yes", "no", "yes"]) {
            let token = staff_token(&app, name).await;
            let (s, b) = call(
                &app,
                post(
                    &format!("/api/v1/governance/motions/{id}/votes"),
                    &token,
                    json!({"choice": choice}),
                ),
            )
            .await;
            assert_eq!(s, 200, "{b}");
            assert!(
                b["yes"].is_null(),
                "no running count of a secret ballot: {b}"
            );
            assert!(
                b["ballots"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|x| x["choice"].is_null()),
                "{b}"
            );
        }
        let (s, counted) = call(
            &app,
            post(
                &format!("/api/v1/governance/motions/{id}/close"),
                &admin,
                json!({}),
            ),
        )
        .await;
        assert_eq!(
            (s, counted["status"].as_str(), counted["yes"].as_u64()),
            (200, Some("passed"), Some(2)),
            "{counted}"
        );
        assert!(
            counted["ballots"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["choice"].is_null()),
            "who voted, not how: {counted}"
        );
        let (_, terms) = call(&app, get("/api/v1/governance/terms", Some(&admin))).await;
        let council = terms
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["body"] == "council")
            .unwrap();
        let seat = council["seats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["account_id"] == candidate)
            .unwrap();
        assert_eq!(seat["elected_by_motion"], id, "{council}");
        let (_, elections) = call(
            &app,
            get("/api/v1/governance/elections", Some(&candidate_token)),
        )
        .await;
        assert_eq!(elections[0]["candidate_name"], "supervisor2");

        // The trail says which seats voted in the election, never how.
        let supervisor = staff_token(&app, "supervisor").await;
        let (_, page) = call(&app, get("/api/v1/audit?limit=500", Some(&supervisor))).await;
        let votes: Vec<Value> = page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "motion.vote" && e["subject"] == format!("motion:{id}"))
            .map(|e| serde_json::from_str(e["details"].as_str().unwrap()).unwrap())
            .collect();
        assert!(!votes.is_empty());
        for v in &votes {
            assert_eq!(v["facts"]["secret"], true, "{v}");
            let text = v.to_string();
            assert!(
                v["facts"].get("choice").is_none()
                    && !text.contains("\"yes\"")
                    && !text.contains("\"no\""),
                "a secret ballot's entry must not tell the choice: {v}"
            );
        }

        // A term is extended once, by a year at most.
        let term = format!("/api/v1/governance/terms/{}/extension", council["id"]);
        refused(
            &app,
            post(&term, &admin, json!({"months": 13})),
            422,
            "governance.term_extension",
        )
        .await;
        let (s, b) = call(&app, post(&term, &admin, json!({"months": 12}))).await;
        assert_eq!((s, b["ends_on"].as_str()), (200, Some("2029-12-31")), "{b}");
        refused(
            &app,
            post(&term, &admin, json!({"months": 1})),
            409,
            "governance.term_extension",
        )
        .await;
    });
}

#[test]
fn a_budget_resolution_sets_the_reserve_and_the_expense_cap() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let seats = constitute(&app, &admin, "council", &["council"]).await;
        let now = f.state.now();
        let (_, m) = call(&app, post("/api/v1/governance/meetings", &admin, json!({"body": "council", "title": "预算会议",
            "location": "广州", "starts_at": now, "notice_given_on": china_date(now) - Duration::days(12)}))).await;
        let mid = m["id"].as_i64().unwrap();
        let year = china_date(now)
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap()
            + 1;
        let budget = |reserve: &str| {
            json!({"kind": "approve_budget", "title": "年度预算", "text": "…",
            "budget": {"year": year, "reserve_percent": reserve, "expense_cap_percent": "8"}})
        };
        refused(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/motions"),
                &admin,
                budget("10.125"),
            ),
            422,
            "governance.motion_field",
        )
        .await;
        let (s, motion) = call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/motions"),
                &admin,
                budget("12.5"),
            ),
        )
        .await;
        assert_eq!(s, 201, "{motion}");
        call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/attendance"),
                &admin,
                json!({"seat_ids": seats}),
            ),
        )
        .await;
        let council = staff_token(&app, "council").await;
        let id = motion["id"].clone();
        call(
            &app,
            post(
                &format!("/api/v1/governance/motions/{id}/votes"),
                &council,
                json!({"choice": "yes"}),
            ),
        )
        .await;
        let (s, b) = call(
            &app,
            post(
                &format!("/api/v1/governance/motions/{id}/close"),
                &admin,
                json!({}),
            ),
        )
        .await;
        assert_eq!((s, b["status"].as_str()), (200, Some("passed")), "{b}");
        let (_, budgets) = call(&app, get("/api/v1/governance/budgets", Some(&council))).await;
        assert_eq!(
            (
                &budgets[0]["year"],
                &budgets[0]["reserve_percent"],
                &budgets[0]["expense_cap_percent"],
                &budgets[0]["motion_id"]
            ),
            (&json!(year), &json!("12.5"), &json!("8"), &id)
        );
    });
}

#[test]
fn one_seat_casts_one_ballot_when_its_requests_race() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let admin = staff_token(&app, "admin").await;
        let seats = constitute(&app, &admin, "council", &["council"]).await;
        let now = f.clock.now();
        let (_, m) = call(&app, post("/api/v1/governance/meetings", &admin, json!({"body": "council", "title": "会议",
            "location": "广州", "starts_at": now - Duration::hours(1), "notice_given_on": china_date(now) - Duration::days(11)}))).await;
        let mid = m["id"].as_i64().unwrap();
        let (_, motion) = call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/motions"),
                &admin,
                json!({"kind": "general", "title": "t", "text": "t"}),
            ),
        )
        .await;
        call(
            &app,
            post(
                &format!("/api/v1/governance/meetings/{mid}/attendance"),
                &admin,
                json!({"seat_ids": seats}),
            ),
        )
        .await;
        let council = staff_token(&app, "council").await;
        let path = format!("/api/v1/governance/motions/{}/votes", motion["id"]);
        let ballots = (0..20).map(|_| call(&app, post(&path, &council, json!({"choice": "yes"}))));
        let answers = futures_util::future::join_all(ballots).await;
        let accepted = answers.iter().filter(|(s, _)| *s == 200).count();
        assert_eq!(accepted, 1, "{answers:?}");
        assert!(
            answers
                .iter()
                .all(|(s, b)| *s == 200 || (*s == 409 && b["code"] == "governance.already_voted")),
            "{answers:?}"
        );
        let (_, meeting) = call(
            &app,
            get(&format!("/api/v1/governance/meetings/{mid}"), Some(&admin)),
        )
        .await;
        assert_eq!(meeting["motions"][0]["yes"], 1);
        assert_eq!(meeting["motions"][0]["ballots_cast"], 1);
    });
}

#[test]
fn the_board_inspects_and_the_council_answers() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let supervisor = staff_token(&app, "supervisor").await;
        let council = staff_token(&app, "council").await;
        let today = china_date(f.state.now());
        let inspection = |respond_by| {
            json!({"title": "住院津贴抽查", "scope": "第三季度 ZY 理赔 50 件",
            "findings": "3 件住院天数不一致", "request": "请说明核对规则", "respond_by": respond_by})
        };
        let (s, _) = call(
            &app,
            post(
                "/api/v1/inspections",
                &council,
                inspection(today + Duration::days(30)),
            ),
        )
        .await;
        assert_eq!(s, 403, "inspections are the board's");
        refused(
            &app,
            post(
                "/api/v1/inspections",
                &supervisor,
                inspection(today - Duration::days(1)),
            ),
            422,
            "inspection.respond_by",
        )
        .await;
        let (s, opened) = call(
            &app,
            post(
                "/api/v1/inspections",
                &supervisor,
                inspection(today + Duration::days(30)),
            ),
        )
        .await;
        assert_eq!(
            (s, opened["status"].as_str()),
            (201, Some("open")),
            "{opened}"
        );
        let id = opened["id"].clone();
        let (s, b) = call(
            &app,
            post(
                &format!("/api/v1/inspections/{id}/responses"),
                &supervisor,
                json!({"text": "x"}),
            ),
        )
        .await;
        assert_eq!(s, 403, "the council answers, not the board: {b}");
        let (s, answered) = call(
            &app,
            post(
                &format!("/api/v1/inspections/{id}/responses"),
                &council,
                json!({"text": "按发票天数核对，3 件已复核无误。"}),
            ),
        )
        .await;
        assert_eq!(
            (s, answered["status"].as_str()),
            (200, Some("answered")),
            "{answered}"
        );
        assert_eq!(answered["responses"][0]["responder"], "council");
        let (s, closed) = call(
            &app,
            post(
                &format!("/api/v1/inspections/{id}/close"),
                &supervisor,
                json!({"text": "答复充分，结案。"}),
            ),
        )
        .await;
        assert_eq!(
            (s, closed["conclusion"].as_str()),
            (200, Some("答复充分，结案。")),
            "{closed}"
        );
        refused(
            &app,
            post(
                &format!("/api/v1/inspections/{id}/responses"),
                &council,
                json!({"text": "补充"}),
            ),
            409,
            "inspection.closed",
        )
        .await;
        let (_, list) = call(&app, get("/api/v1/inspections", Some(&council))).await;
        assert_eq!(list.as_array().unwrap().len(), 1);
    });
}
