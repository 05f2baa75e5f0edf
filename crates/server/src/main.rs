//! `huzhu`: runs the association's system and its chores.

mod demo;
mod demo_governance;
mod settings;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use huzhu_app::{AccessLogConfig, Actor, App, Dispatcher, Done, Event, LogNotifier};
use huzhu_domain::{OrgUnitKind, Role};
use huzhu_http::AppState;
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::{org_units, DatabaseUrl, Store};
use settings::Settings;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "huzhu",
    version,
    about = "Huzhu (互助): workers' mutual-aid association system"
)]
struct Cli {
    /// TOML configuration file (also HUZHU_CONFIG); HUZHU_* variables override it.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, then serve the API and the web UI.
    Serve {
        /// Seed demo data (accounts with the password `huzhu-demo`) if the database is empty.
        #[arg(long)]
        demo: bool,
        /// Address to listen on, e.g. 127.0.0.1:8080 (also HUZHU_BIND).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Seed demo data into an empty database.
    SeedDemo,
    /// Write the OpenAPI document.
    Openapi {
        /// Output file; `-` for standard output.
        #[arg(long, default_value = "api-spec/openapi.json")]
        out: String,
    },
    /// Write the catalogue of error codes (docs/errors.md).
    Errors {
        /// Output file; `-` for standard output.
        #[arg(long, default_value = "docs/errors.md")]
        out: String,
    },
    /// Create an administrator (and the province association if there is none yet).
    /// The password is read from HUZHU_ADMIN_PASSWORD or from standard input.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        /// Name of the province association, used only when the organisation is empty.
        #[arg(long, default_value = "省职工保障互助会")]
        province_name: String,
    },
    /// Finance jobs.
    Finance {
        #[command(subcommand)]
        command: FinanceCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum FinanceCommand {
    /// The month-end job: earn each fund's contributions pro rata through a day (default:
    /// today, China time). Running it again for the same day books nothing more.
    Earn {
        #[arg(long)]
        through: Option<chrono::NaiveDate>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the keyed hash chain of the whole trail; exits with status 1 naming the first
    /// broken entry. With `--checkpoint`, also checks that every entry the checkpoint vouches
    /// for still stands (finds a rewritten trail and entries cut from the end).
    Verify {
        /// A checkpoint file written by `huzhu audit checkpoint` (or downloaded by the
        /// supervisory board).
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
    /// Write a signed checkpoint of the trail's head (count, last hash, time) for the
    /// supervisory board to keep outside the system.
    Checkpoint {
        /// Output file; `-` (the default) for standard output.
        #[arg(long, default_value = "-")]
        out: String,
    },
}

fn init_logging(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

fn open_store(settings: &Settings) -> Result<Store> {
    let url = DatabaseUrl::parse(&settings.database_url)?;
    let store = Store::connect(&url, settings.pool_size)
        .with_context(|| format!("cannot open the database {url:?}"))?;
    let applied = store.migrate().context("cannot migrate the database")?;
    if !applied.is_empty() {
        tracing::info!(?applied, "applied migrations");
    }
    Ok(store)
}

/// The application over the configured database, for commands run by an operator.
fn open_app(settings: &Settings) -> Result<App> {
    let store = open_store(settings)?;
    Ok(App::new(
        store,
        settings.audit_key()?,
        settings.clock()?,
        AccessLogConfig::default(),
    ))
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load(cli.config.as_deref())?;
    init_logging(&settings.log_format);
    match cli.command {
        Command::Serve { demo, bind } => {
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            serve(settings, demo)
        }
        Command::Migrate => {
            open_store(&settings)?;
            println!("database is up to date");
            Ok(())
        }
        Command::SeedDemo => {
            let store = open_store(&settings)?;
            let config = settings.http_config()?;
            demo::seed(&store, &config, settings.clock()?)?;
            println!(
                "demo data seeded; every demo account's password is `{}`",
                demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::Openapi { out } => write_out(&out, &huzhu_http::openapi_json()),
        Command::Errors { out } => write_out(&out, &huzhu_domain::error_code::catalogue_markdown()),
        Command::Finance {
            command: FinanceCommand::Earn { through },
        } => {
            let app = open_app(&settings)?;
            let through = through.unwrap_or_else(|| huzhu_domain::plan::china_date(app.now()));
            let posted = app
                .earn_contributions(&Actor::operator("huzhu finance earn"), through)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "contributions earned through {through}: {} fund(s) booked",
                posted.len()
            );
            for (fund, entry) in posted {
                println!("  {fund}: entry {entry}");
            }
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Checkpoint { out },
        } => {
            let app = open_app(&settings)?;
            let cp = app
                .audit_checkpoint(&Actor::operator("huzhu audit checkpoint"))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut text = serde_json::to_string_pretty(&cp)?;
            text.push('\n');
            if out == "-" {
                print!("{text}");
            } else {
                std::fs::write(&out, text).with_context(|| format!("cannot write {out}"))?;
                eprintln!("checkpoint of entry {} written to {out}", cp.seq);
            }
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify { checkpoint },
        } => {
            let app = open_app(&settings)?;
            let checkpoint = match checkpoint {
                None => None,
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let cp: huzhu_domain::audit::Checkpoint = serde_json::from_str(&text)
                        .with_context(|| {
                            format!("{} is not an audit checkpoint", path.display())
                        })?;
                    Some(cp)
                }
            };
            let (v, against) = match &checkpoint {
                None => (app.verify_audit_trail(), Ok(())),
                Some(cp) => match app.verify_audit_trail_against(cp) {
                    Ok((v, against)) => (Ok(v), against),
                    Err(e) => (Err(e), Ok(())),
                },
            };
            let v = v.map_err(|e| anyhow::anyhow!("{e}"))?;
            if let Some(b) = v.broken {
                bail!(
                    "the audit trail is broken at entry {}: {b} ({} entries before it are intact)",
                    b.seq(),
                    v.checked
                );
            }
            if let Err(e) = against {
                bail!("the audit trail does not match the checkpoint: {e}");
            }
            match checkpoint {
                Some(cp) => println!(
                    "the audit trail is intact: {} entries checked, the last is {}; the checkpoint of entry {} ({}) holds",
                    v.checked, v.head_seq, cp.seq, cp.at
                ),
                None => println!(
                    "the audit trail is intact: {} entries checked, the last is {}",
                    v.checked, v.head_seq
                ),
            }
            Ok(())
        }
        Command::CreateAdmin {
            username,
            display_name,
            province_name,
        } => create_admin(
            &settings,
            &username,
            display_name.as_deref(),
            &province_name,
        ),
    }
}

fn serve(settings: Settings, demo: bool) -> Result<()> {
    let store = open_store(&settings)?;
    let config = settings.http_config()?;
    let clock = settings.clock()?;
    if demo {
        if demo::is_empty(&store)? {
            demo::seed(&store, &config, clock.clone())?;
            tracing::info!(
                "seeded demo data; demo accounts use the password `{}`",
                demo::DEMO_PASSWORD
            );
        } else {
            tracing::info!("database not empty: demo data not seeded");
        }
    }
    match &config.web_dir {
        Some(dir) => tracing::info!(dir = %dir.display(), "serving the web UI"),
        None => {
            tracing::warn!(dir = %settings.web_dir.display(), "no built web UI found; serving the API only (run `just web`)")
        }
    }
    // Notices are delivered after their change commits, by whichever instance holds the lease.
    let dispatcher = Dispatcher::new(
        store.clone(),
        Arc::new(LogNotifier),
        clock.clone(),
        std::time::Duration::from_secs(settings.outbox_lease_seconds),
    )
    .retrying(huzhu_app::RetryPolicy {
        max_attempts: settings.outbox_max_attempts,
        ..Default::default()
    })
    .spawn(std::time::Duration::from_millis(settings.outbox_poll_ms));
    let sweeper = huzhu_app::Sweeper::new(
        store.clone(),
        clock.clone(),
        settings.idempotency_days,
        std::time::Duration::from_secs(settings.outbox_lease_seconds),
    )
    .spawn(std::time::Duration::from_secs(3600));
    let state = AppState::new(store, config, clock);
    // A roster written in parts lives in the process that started it, and SQLite serves one
    // process: what a stopped server left unfinished is removed before anyone sees it.
    if state.store.backend() == huzhu_store::Backend::Sqlite {
        let removed = state.app.recover_roster_imports()?;
        if removed > 0 {
            tracing::warn!(removed, "removed unfinished roster imports");
        }
    }
    let metrics = huzhu_http::metrics().map_err(anyhow::Error::msg)?;
    let bind = settings.bind.clone();
    let workers = settings.workers;
    let served = actix_web::rt::System::new().block_on(async move {
        let mut server =
            actix_web::HttpServer::new(move || huzhu_http::app(state.clone(), metrics.clone()));
        if let Some(n) = workers {
            server = server.workers(n);
        }
        let server = server
            .bind(&bind)
            .with_context(|| format!("cannot listen on {bind}"))?;
        for addr in server.addrs() {
            tracing::info!(%addr, "Huzhu is listening: http://{addr}/ (API docs at /api/docs/)");
            println!("Huzhu is listening on http://{addr}/");
        }
        server.run().await.context("server stopped with an error")
    });
    // Stopped (a signal, or an error): the notices in hand finish and the lease is given up,
    // so another instance delivers the rest at once.
    dispatcher.stop();
    sweeper.stop();
    served
}

fn read_password() -> Result<String> {
    if let Ok(p) = std::env::var("HUZHU_ADMIN_PASSWORD") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        eprintln!(
            "password for the new administrator (input is visible; or set HUZHU_ADMIN_PASSWORD):"
        );
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn create_admin(
    settings: &Settings,
    username: &str,
    display_name: Option<&str>,
    province_name: &str,
) -> Result<()> {
    let username = username.trim().to_lowercase();
    if username.len() < 3 {
        bail!("the username needs at least 3 characters");
    }
    let password = read_password()?;
    if password.chars().count() < huzhu_http::auth::passwords::MIN_PASSWORD_CHARS {
        bail!(
            "the password needs at least {} characters",
            huzhu_http::auth::passwords::MIN_PASSWORD_CHARS
        );
    }
    let hash = huzhu_http::auth::passwords::hash_blocking(&password).map_err(anyhow::Error::msg)?;
    let app = open_app(settings)?;
    let now = app.now();
    let actor = Actor::operator("huzhu create-admin");
    app.change(&actor, |c| -> Result<Done<()>> {
        let province = match org_units::root(c)? {
            Some(root) => root,
            None => org_units::insert(
                c,
                org_units::NewOrgUnit {
                    parent: None,
                    kind: OrgUnitKind::Province,
                    name: province_name,
                    credit_code: None,
                },
                now,
            )?,
        };
        let account = accounts::insert(
            c,
            NewAccount {
                kind: AccountKind::Staff,
                username: Some(&username),
                member_id: None,
                display_name: display_name.unwrap_or(&username),
                org_unit_id: province.id,
                password_hash: &hash,
                roles: &[Role::Admin],
            },
            now,
        )?;
        Ok(Done::new(
            (),
            Event::of("staff.create_admin", "account", account.id)
                .fact("username", &username)
                .fact("org_unit", province.id),
        ))
    })?;
    println!("administrator `{username}` created at {province_name}");
    Ok(())
}

/// Writes a generated document to `out`, or to standard output for `-`.
fn write_out(out: &str, text: &str) -> Result<()> {
    if out == "-" {
        print!("{text}");
    } else {
        std::fs::write(out, text).with_context(|| format!("cannot write {out}"))?;
        println!("wrote {out}");
    }
    Ok(())
}
