//! A test application over a fresh database: a small tree, one account per role, a member and
//! an integrator, and a clock the test can move.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::test;
use chrono::{DateTime, Duration, Utc};
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::{IdNumber, MemberCategory, OrgUnitKind, Role, Scope};
use huzhu_http::auth::lookup_hash::token_hash;
use huzhu_http::auth::passwords::hash_blocking;
use huzhu_http::sealing::{protect_id_number, Sealer};
use huzhu_http::{AppState, Clock, HttpConfig};
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::org_units::{self, NewOrgUnit, OrgUnit};
use huzhu_store::{api_clients, members, plans, policies, Store};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex, OnceLock};

pub const PASSWORD: &str = "correct horse battery";
pub const MEMBER_ID: &str = "440106199003071231";
pub const CLIENT_ID: &str = "hz_test_client";
pub const CLIENT_SECRET: &str = "test-client-secret-test-client-secret";

/// Where every test's clock starts: 10:00 in China on 30 November 2026. Tests move it
/// themselves; nothing depends on the day they run.
pub fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-30T02:00:00Z")
        .unwrap()
        .to_utc()
}

pub struct TestClock(Mutex<DateTime<Utc>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        TestClock::now(self)
    }
}

impl TestClock {
    pub fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

pub struct Fixture {
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub province: OrgUnit,
    pub guangzhou: OrgUnit,
    pub shenzhen: OrgUnit,
    pub union: OrgUnit,
}

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_blocking(PASSWORD).unwrap())
}

/// Staff usernames are the role names; `city_admin` is an administrator of Guangzhou only.
pub fn fixture(store: &Store) -> Fixture {
    fixture_with(store, |_| {})
}

/// The same, its configuration changed by `configure` first.
pub fn fixture_with(store: &Store, configure: impl FnOnce(&mut HttpConfig)) -> Fixture {
    let clock = Arc::new(TestClock(Mutex::new(start())));
    let mut config = HttpConfig::for_tests();
    configure(&mut config);
    // Each fixture keeps its claim documents apart (claim ids repeat across databases).
    static FIXTURES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    config.documents_dir = std::env::temp_dir().join(format!(
        "huzhu-test-documents-{}-{}",
        std::process::id(),
        FIXTURES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let key = config.lookup_key.0.clone();
    let data_key = config.data_key.clone();
    let now = start();
    let (province, guangzhou, shenzhen, union) = store
        .write(|c| -> huzhu_store::StoreResult<_> {
            let add = |c: &mut huzhu_store::DbConn,
                       p: Option<&OrgUnit>,
                       kind,
                       name: &str,
                       code: Option<&str>| {
                org_units::insert(
                    c,
                    NewOrgUnit {
                        parent: p,
                        kind,
                        name,
                        credit_code: code,
                    },
                    now,
                )
            };
            let province = add(c, None, OrgUnitKind::Province, "广东省职工保障互助会", None)?;
            let guangzhou = add(
                c,
                Some(&province),
                OrgUnitKind::CityOffice,
                "广州市代办处",
                None,
            )?;
            let shenzhen = add(
                c,
                Some(&province),
                OrgUnitKind::CityOffice,
                "深圳市代办处",
                None,
            )?;
            let union = add(
                c,
                Some(&guangzhou),
                OrgUnitKind::GrassrootsUnion,
                "某公司工会",
                Some("81440106MC00000016"),
            )?;
            for role in Role::ALL.into_iter().filter(|r| r.is_staff()) {
                staff(c, role.as_str(), province.id, &[role])?;
            }
            staff(c, "city_admin", guangzhou.id, &[Role::Admin])?;
            let id = IdNumber::parse(MEMBER_ID).unwrap();
            let (hash, protected) =
                protect_id_number(&Sealer::new(&data_key.0), &key, &id).unwrap();
            let m = members::insert(
                c,
                members::NewMember {
                    org_unit_id: union.id,
                    name: "张伟",
                    id_number_hash: &hash,
                    id_number: protected,
                    gender: id.gender(),
                    birth_date: id.birth_date(),
                    category: MemberCategory::InService,
                    mobile: None,
                    bank_card: None,
                    bank_card_luhn_override_by: None,
                    health_consent: false,
                },
                now,
            )?;
            accounts::insert_for_member(c, &m, password_hash(), now)?;
            let admin = accounts::find_staff_by_username(c, "admin")?.unwrap();
            api_clients::insert(
                c,
                api_clients::NewApiClient {
                    client_id: CLIENT_ID,
                    name: "医保结算平台",
                    secret_hash: &token_hash(CLIENT_SECRET),
                    scopes: &Scope::ALL,
                    created_by: admin.id,
                },
                now,
            )?;
            Ok((province, guangzhou, shenzhen, union))
        })
        .unwrap();
    let state = AppState::new(store.clone(), config, clock.clone());
    Fixture {
        state,
        clock,
        province,
        guangzhou,
        shenzhen,
        union,
    }
}

/// A staff account with the test password.
pub fn staff(
    c: &mut huzhu_store::DbConn,
    username: &str,
    unit: i64,
    roles: &[Role],
) -> huzhu_store::StoreResult<()> {
    accounts::insert(
        c,
        NewAccount {
            kind: AccountKind::Staff,
            username: Some(username),
            member_id: None,
            display_name: username,
            org_unit_id: unit,
            password_hash: password_hash(),
            roles,
        },
        start(),
    )?;
    Ok(())
}

pub async fn service(
    state: &AppState,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    static METRICS: OnceLock<actix_web_prom::PrometheusMetrics> = OnceLock::new();
    let metrics = METRICS
        .get_or_init(|| huzhu_http::metrics().unwrap())
        .clone();
    test::init_service(huzhu_http::app(state.clone(), metrics)).await
}

/// Status and JSON body (Null when empty or not JSON).
pub async fn call<S, B>(app: &S, req: test::TestRequest) -> (u16, Value)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let res = test::call_service(app, req.to_request()).await;
    let status = res.status().as_u16();
    let bytes = test::read_body(res).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

pub fn get(path: &str, token: Option<&str>) -> test::TestRequest {
    with_token(test::TestRequest::get().uri(path), token)
}

pub fn send(method: &str, path: &str, token: Option<&str>, body: Value) -> test::TestRequest {
    let req = test::TestRequest::default()
        .method(method.parse().unwrap())
        .uri(path)
        .set_json(body);
    with_token(req, token)
}

pub fn with_token(req: test::TestRequest, token: Option<&str>) -> test::TestRequest {
    match token {
        Some(t) => req.insert_header(("Authorization", format!("Bearer {t}"))),
        None => req,
    }
}

pub async fn login<S, B>(app: &S, body: Value) -> (u16, Value)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    call(app, send("POST", "/api/v1/auth/login", None, body)).await
}

/// Status, JSON body and the `Set-Cookie` headers of one call.
pub async fn call_with_cookies<S, B>(app: &S, req: test::TestRequest) -> (u16, Value, Vec<String>)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let res = test::call_service(app, req.to_request()).await;
    let status = res.status().as_u16();
    let cookies = res
        .headers()
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let bytes = test::read_body(res).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        cookies,
    )
}

/// The refresh token a `Set-Cookie` list carries, if any (empty when it is being removed).
pub fn refresh_cookie(set_cookies: &[String]) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        let first = c.split(';').next()?;
        first
            .strip_prefix("huzhu_refresh=")
            .map(|v| v.trim_matches('"').to_owned())
    })
}

/// A refresh presenting `token` in the cookie, with the CSRF header when `csrf`.
pub fn refresh_request(token: Option<&str>, csrf: bool) -> test::TestRequest {
    let mut req = test::TestRequest::post().uri("/api/v1/auth/refresh");
    if let Some(t) = token {
        req = req.insert_header(("Cookie", format!("huzhu_refresh={t}")));
    }
    if csrf {
        req = req.insert_header(("X-Huzhu-Csrf", "1"));
    }
    req
}

/// Logs in and returns the answer and the refresh token from its cookie.
pub async fn login_session<S, B>(app: &S, body: Value) -> (Value, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (status, answer, cookies) =
        call_with_cookies(app, send("POST", "/api/v1/auth/login", None, body)).await;
    assert_eq!(status, 200, "{answer}");
    let refresh = refresh_cookie(&cookies).expect("login sets the refresh cookie");
    (answer, refresh)
}

pub async fn staff_token<S, B>(app: &S, username: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (status, body) = login(app, json!({"username": username, "password": PASSWORD})).await;
    assert_eq!(status, 200, "login of {username}: {body}");
    body["access_token"].as_str().unwrap().to_string()
}

pub async fn member_token<S, B>(app: &S) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (status, body) = login(app, json!({"id_number": MEMBER_ID, "password": PASSWORD})).await;
    assert_eq!(status, 200, "member login: {body}");
    body["access_token"].as_str().unwrap().to_string()
}

pub async fn client_token<S, B>(app: &S) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (status, body) = call(
        app,
        send("POST", "/api/v1/auth/token", None, json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})),
    )
    .await;
    assert_eq!(status, 200, "client token: {body}");
    body["access_token"].as_str().unwrap().to_string()
}

/// Runs an async test body on SQLite and then on PostgreSQL (when available).
pub fn on_each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let sqlite = huzhu_store::testing::sqlite();
    actix_web::rt::System::new().block_on(test(sqlite.store.clone()));
    if let Some(pg) = huzhu_store::testing::postgres() {
        actix_web::rt::System::new().block_on(test(pg.store.clone()));
    }
}

/// The caller's account id.
pub async fn my_id<S, B>(app: &S, token: &str) -> i64
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (_, me) = call(app, get("/api/v1/me", Some(token))).await;
    me["id"].as_i64().unwrap()
}

/// Puts a draft plan version in force the only way there is: a resolution of the council. The
/// first time, constitutes a council of one seat (the `council` account) for a term from 2024.
/// Returns the counted motion.
pub async fn put_in_force<S, B>(app: &S, version_id: i64) -> Value
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let admin = staff_token(app, "admin").await;
    let council = staff_token(app, "council").await;
    let (_, terms) = call(app, get("/api/v1/governance/terms", Some(&admin))).await;
    let existing = terms
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["body"] == "council")
        .cloned();
    let term = match existing {
        Some(t) => t,
        None => {
            let (s, t) = call(
                app,
                send(
                    "POST",
                    "/api/v1/governance/terms",
                    Some(&admin),
                    json!({"body": "council", "starts_on": "2024-01-01"}),
                ),
            )
            .await;
            assert_eq!(s, 201, "{t}");
            let account = my_id(app, &council).await;
            let path = format!("/api/v1/governance/terms/{}/seats", t["id"]);
            let (s, seat) = call(
                app,
                send(
                    "POST",
                    &path,
                    Some(&admin),
                    json!({"account_id": account, "position": "chair"}),
                ),
            )
            .await;
            assert_eq!(s, 201, "{seat}");
            let (_, terms) = call(app, get("/api/v1/governance/terms", Some(&admin))).await;
            terms[0].clone()
        }
    };
    let seat = term["seats"][0]["id"].as_i64().unwrap();
    let (s, meeting) = call(
        app,
        send(
            "POST",
            "/api/v1/governance/meetings",
            Some(&admin),
            json!({"body": "council", "title": "理事会会议", "location": "广州",
                   "starts_at": "2024-06-01T01:00:00Z", "notice_given_on": "2024-05-20"}),
        ),
    )
    .await;
    assert_eq!(s, 201, "{meeting}");
    let m = meeting["id"].as_i64().unwrap();
    let (s, motion) = call(
        app,
        send(
            "POST",
            &format!("/api/v1/governance/meetings/{m}/motions"),
            Some(&admin),
            json!({"kind": "approve_plan_version", "title": "批准计划版本", "text": "批准并施行。",
                   "plan_version_id": version_id}),
        ),
    )
    .await;
    assert_eq!(s, 201, "{motion}");
    let id = motion["id"].as_i64().unwrap();
    let (s, b) = call(
        app,
        send(
            "POST",
            &format!("/api/v1/governance/meetings/{m}/attendance"),
            Some(&admin),
            json!({"seat_ids": [seat]}),
        ),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = call(
        app,
        send(
            "POST",
            &format!("/api/v1/governance/motions/{id}/votes"),
            Some(&council),
            json!({"choice": "yes"}),
        ),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let (s, counted) = call(
        app,
        send(
            "POST",
            &format!("/api/v1/governance/motions/{id}/close"),
            Some(&admin),
            json!({}),
        ),
    )
    .await;
    assert_eq!(
        (s, counted["status"].as_str()),
        (200, Some("passed")),
        "{counted}"
    );
    counted
}

/// Sends the request and checks that it is refused with `status` and `code`; returns the body.
pub async fn refused<S, B>(app: &S, req: test::TestRequest, status: u16, code: &str) -> Value
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (s, b) = call(app, req).await;
    assert_eq!((s, b["code"].as_str()), (status, Some(code)), "{b}");
    b
}

/// A policy of the fixture's member in the demo plan `code`, active from 2026-01-10 for a year
/// (waiting period to 2026-04-10), its plan version put in force first if need be.
pub fn insure(f: &Fixture, code: &str, shares: i32, premium_fen: i64) -> i64 {
    let terms = guangdong_demo()
        .into_iter()
        .find(|t| t.code.as_str() == code)
        .unwrap();
    let now = start();
    f.state
        .store
        .write(|c| -> huzhu_store::StoreResult<i64> {
            let v = match plans::active_version(c, code)? {
                Some(v) => v,
                None => {
                    let v = plans::insert_draft(
                        c,
                        code,
                        &serde_json::to_string(&terms).unwrap(),
                        None,
                        now,
                    )?;
                    plans::seed_in_force(c, v.id, None, now)?
                }
            };
            let member = members::find_by_id_number_hash(c, &member_hash(f))?.unwrap();
            Ok(policies::insert(
                c,
                policies::NewPolicy {
                    member_id: member.id,
                    plan_version_id: v.id,
                    plan_code: code,
                    shares,
                    premium_fen,
                    status: huzhu_domain::coverage::PolicyState::Active,
                    start_date: Some("2026-01-10".parse().unwrap()),
                    end_date: Some("2027-01-09".parse().unwrap()),
                    waiting_period_end: Some("2026-04-10".parse().unwrap()),
                    paid_at: Some(now),
                    batch_id: None,
                },
                now,
            )?
            .id)
        })
        .unwrap()
}

/// The lookup hash of the fixture member's ID number.
pub fn member_hash(f: &Fixture) -> String {
    huzhu_http::auth::lookup_hash::id_number_hash(
        &f.state.config.lookup_key.0,
        &huzhu_domain::IdNumber::parse(MEMBER_ID).unwrap(),
    )
}

/// A medical-insurance settlement record of an inpatient stay.
pub fn settlement(
    number: &str,
    id_number: &str,
    admission: &str,
    discharge: &str,
    self_pay: &str,
) -> Value {
    json!({
        "settlement_number": number, "id_number": id_number, "admission": admission,
        "discharge": discharge, "diagnosis_code": "J18.9", "total_cost": "30000.00",
        "pooled_fund_paid": "15000.00", "in_catalogue_self_pay": self_pay,
        "out_of_catalogue_self_pay": "0.00"
    })
}

/// Puts a plan of the demo catalogue in force directly in the store; returns its version.
pub fn seed_in_force(f: &Fixture, code: &str) -> i64 {
    let now = f.clock.now();
    let terms = guangdong_demo()
        .into_iter()
        .find(|t| t.code.as_str() == code)
        .unwrap();
    f.state
        .store
        .write(|c| -> huzhu_store::StoreResult<i64> {
            let v =
                plans::insert_draft(c, code, &serde_json::to_string(&terms).unwrap(), None, now)?;
            plans::seed_in_force(c, v.id, None, now)?;
            Ok(v.id)
        })
        .unwrap()
}

/// A valid ID number of Guangzhou's Tianhe district, born on `birth` (`YYYYMMDD`), with the
/// sequence number `seq` (0–999).
pub fn id_born(birth: &str, seq: u32) -> String {
    let first17 = format!("440106{birth}{seq:03}");
    format!(
        "{first17}{}",
        huzhu_domain::id_number::check_char(first17.as_bytes())
    )
}

/// A CSV roster sent to `path` (a dry run or a commit) for the union `unit` and the plan ZJ.
pub fn roster_upload(
    path: &str,
    token: &str,
    unit: i64,
    headcount: u32,
    bytes: Vec<u8>,
) -> test::TestRequest {
    with_token(
        test::TestRequest::post()
            .uri(&format!(
                "{path}?org_unit_id={unit}&plan_code=ZJ&headcount={headcount}"
            ))
            .insert_header(("content-type", "text/csv"))
            .set_payload(bytes),
        Some(token),
    )
}
