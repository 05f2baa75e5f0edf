//! Benchmarks with the data they need, generated: `just bench` (release build) runs them all —
//! rosters, the coverage enquiry under load, the benefit engine, settlements and the ledger. Figures: docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod coverage;
mod engine;
mod ledger;
mod roster;
mod settlements;

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

const USAGE: &str = "usage: huzhu-bench roster [--rows N] [--part-rows N] [--alone]
       huzhu-bench coverage-seed --db FILE [--members N] --ids FILE
       huzhu-bench engine [--claims N]
       huzhu-bench settlements [--records N]
       huzhu-bench ledger [--entries N]
       huzhu-bench login-flood [--requests N]";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("roster") => {
            let rows = arg(&args, "--rows").unwrap_or(100_000);
            let part_rows = arg(&args, "--part-rows")
                .unwrap_or(huzhu_http::HttpConfig::for_tests().roster_part_rows);
            // Without a writer and logins beside the commit: its own cost alone.
            let others = !args.iter().any(|a| a == "--alone");
            let sqlite = huzhu_store::testing::sqlite();
            actix_web::rt::System::new().block_on(roster::roster_on(
                "SQLite",
                sqlite.store.clone(),
                rows,
                part_rows,
                others,
            ));
            match huzhu_store::testing::postgres() {
                Some(pg) => actix_web::rt::System::new().block_on(roster::roster_on(
                    "PostgreSQL",
                    pg.store.clone(),
                    rows,
                    part_rows,
                    others,
                )),
                None => println!(
                    "roster on PostgreSQL: SKIPPED (no server at {})",
                    huzhu_store::testing::postgres_admin_url()
                ),
            }
        }
        Some("settlements") => actix_web::rt::System::new()
            .block_on(settlements::run(arg(&args, "--records").unwrap_or(100_000))),
        Some("ledger") => {
            let entries = arg(&args, "--entries").unwrap_or(1_000_000);
            let sqlite = huzhu_store::testing::sqlite();
            ledger::run_on("SQLite", &sqlite.store, entries);
            match huzhu_store::testing::postgres() {
                Some(pg) => ledger::run_on("PostgreSQL", &pg.store, entries),
                None => println!("ledger on PostgreSQL: SKIPPED (no server)"),
            }
        }
        Some("login-flood") => {
            let requests = arg(&args, "--requests").unwrap_or(1_000);
            let clock = huzhu_e2e::clock_start();
            let mut runs = vec![("SQLite", None)];
            let pg = huzhu_store::testing::postgres_empty();
            match &pg {
                Some(db) => runs.push(("PostgreSQL", Some(db.url.as_str()))),
                None => println!("login flood on PostgreSQL: SKIPPED (no server)"),
            }
            for (name, url) in runs {
                for (from, settings) in [
                    ("one address", vec![]),
                    (
                        "many addresses (address limit lifted)",
                        vec![("HUZHU_LOGIN_PER_ADDRESS_PER_MINUTE", "1000000")],
                    ),
                ] {
                    let server = huzhu_e2e::Server::start_configured(true, url, clock, &settings);
                    let report =
                        huzhu_e2e::flood::login_flood(&server, requests, "finance", "supervisor");
                    println!("login flood on {name}, from {from}: {report}");
                }
            }
        }
        Some("engine") => engine::run(arg(&args, "--claims").unwrap_or(200_000)),
        Some("coverage-seed") => {
            let (Some(db), Some(ids)) =
                (arg::<String>(&args, "--db"), arg::<String>(&args, "--ids"))
            else {
                eprintln!("{USAGE}");
                std::process::exit(2);
            };
            coverage::seed(&db, arg(&args, "--members").unwrap_or(1_000_000), &ids);
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}
