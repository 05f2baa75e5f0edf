//! `huzhu-bench settlements [--records N]`: the medical-insurance settlement feed end to end on
//! SQLite. N members with paid ZY cover (every second one also JT) are seeded; then an
//! integrator posts one settlement per member, 1,000 records a request, through the same
//! application the server runs. Every record becomes claims (two where the member holds JT),
//! adjudicated, and small ones approved at once.

use super::coverage::{populate, CLIENT_ID, CLIENT_SECRET};
use super::roster::id_number;
use actix_web::test;
use chrono::{Duration, Utc};
use huzhu_domain::plan::china_date;
use huzhu_http::sealing::Sealer;
use huzhu_http::{AppState, HttpConfig, SystemClock};
use std::sync::Arc;
use std::time::Instant;

const BATCH: usize = 1_000;

pub async fn run(records: usize) {
    let db = huzhu_store::testing::sqlite();
    let config = HttpConfig::for_tests();
    let sealer = Sealer::new(&config.data_key.0);
    populate(
        &db.store,
        records,
        &config.lookup_key,
        &sealer,
        &mut std::io::sink(),
    );
    let state = AppState::new(db.store.clone(), config, Arc::new(SystemClock));
    let app = test::init_service(huzhu_http::app(state, huzhu_http::metrics().unwrap())).await;
    let login = test::TestRequest::post()
        .uri("/api/v1/auth/token")
        .set_json(serde_json::json!({"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}))
        .to_request();
    let token: serde_json::Value = test::call_and_read_body_json(&app, login).await;
    let token = token["access_token"].as_str().unwrap().to_string();
    // The stays end last week: the cover was paid 200 days ago, past every waiting period.
    let discharge = china_date(Utc::now()) - Duration::days(7);
    let admission = discharge - Duration::days(6);
    let started = Instant::now();
    let (mut created, mut claims) = (0usize, 0usize);
    for first in (0..records).step_by(BATCH) {
        let batch: Vec<serde_json::Value> = (first..(first + BATCH).min(records))
            .map(|i| {
                serde_json::json!({
                    "settlement_number": format!("YB-{i:08}"),
                    "id_number": id_number(i),
                    "admission": admission,
                    "discharge": discharge,
                    "diagnosis_code": "J18.9",
                    "total_cost": "30000.00",
                    "pooled_fund_paid": "18000.00",
                    "in_catalogue_self_pay": format!("{}.00", 500 + (i * 37) % 9000),
                    "out_of_catalogue_self_pay": "800.00",
                })
            })
            .collect();
        let req = test::TestRequest::post()
            .uri("/api/v1/settlements")
            .insert_header(("Authorization", format!("Bearer {token}")))
            .set_json(serde_json::json!({ "records": batch }))
            .to_request();
        let res = test::call_service(&app, req).await;
        assert!(res.status().is_success(), "settlements: {}", res.status());
        let report: serde_json::Value = test::read_body_json(res).await;
        for r in report["results"].as_array().unwrap() {
            assert_eq!(r["outcome"], "claims_created", "{r}");
            created += 1;
            claims += r["claims"].as_array().map_or(0, Vec::len);
        }
    }
    let took = started.elapsed();
    println!(
        "settlements: {records} records ({claims} claims) on SQLite in {:.2} s = {:.0} records/s",
        took.as_secs_f64(),
        created as f64 / took.as_secs_f64()
    );
}
