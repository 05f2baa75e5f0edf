//! `huzhu-bench coverage-seed --db FILE --members N --ids FILE`: a SQLite database with N members
//! in 100 unions, every one with paid inpatient-allowance cover (ZY) and every second one also
//! with accident cover (JT), and an integrator's API client; plus a sample of the members' ID
//! numbers for the load generator. `scripts/bench-coverage.sh` serves it and measures
//! `POST /api/v1/coverage/eligibility` with wrk.
//!
//! The keys must be the server's: HUZHU_LOOKUP_KEY and HUZHU_DATA_KEY are required.

use super::roster::{id_number, in_force};
use chrono::{Duration, Utc};
use huzhu_domain::activation::on_payment;
use huzhu_domain::plan::{china_date, premium};
use huzhu_domain::{credit_code, IdNumber, MemberCategory, OrgUnitKind, Role, Scope};
use huzhu_http::auth::lookup_hash::{id_number_hash, token_hash};
use huzhu_http::auth::passwords::hash_blocking;
use huzhu_http::sealing::Sealer;
use huzhu_http::Secret;
use huzhu_store::accounts::{self, AccountKind, NewAccount};
use huzhu_store::enrollment::{insert_roster, Holder, PendingPolicy};
use huzhu_store::members::{NewMember, Protected};
use huzhu_store::org_units::{self, NewOrgUnit};
use huzhu_store::{api_clients, batches, migrations, policies, DatabaseUrl, Store, StoreResult};
use std::io::Write;
use std::time::Instant;

pub const CLIENT_ID: &str = "bench-integrator";
pub const CLIENT_SECRET: &str = "bench-integrator-secret-2026-bench-integrator";
const UNIONS: usize = 100;
const CHUNK: usize = 20_000;
/// One ID number in this many goes into the sample.
const SAMPLE_EVERY: usize = 50;

fn key(name: &str) -> Secret {
    match std::env::var(name) {
        Ok(v) if v.len() >= 32 => Secret(v.into_bytes()),
        _ => panic!("{name} must be set (at least 32 characters): the server's key"),
    }
}

pub fn seed(db: &str, members: usize, ids_file: &str) {
    let lookup_key = key("HUZHU_LOOKUP_KEY");
    let sealer = Sealer::new(&key("HUZHU_DATA_KEY").0);
    let store = Store::connect(&DatabaseUrl::Sqlite(db.to_string()), 2).unwrap();
    let mut conn = store.conn().unwrap();
    migrations::run_pending(&mut conn).unwrap();
    drop(conn);
    let mut sample = std::io::BufWriter::new(std::fs::File::create(ids_file).unwrap());
    populate(&store, members, &lookup_key, &sealer, &mut sample);
    sample.flush().unwrap();
}

/// `members` members in 100 unions with paid ZY cover (every second one also JT) and the
/// integrator's client; one ID number in [`SAMPLE_EVERY`] goes to `sample`.
pub fn populate(
    store: &Store,
    members: usize,
    lookup_key: &Secret,
    sealer: &Sealer,
    sample: &mut dyn Write,
) {
    let now = Utc::now();
    let paid_on = china_date(now) - Duration::days(200);
    let started = Instant::now();
    let password_hash = hash_blocking("bench password 2026").unwrap();
    let (unions, zy, jt) = store
        .write(|c| -> StoreResult<_> {
            let add = |c: &mut huzhu_store::DbConn,
                       parent: Option<&org_units::OrgUnit>,
                       kind,
                       name: &str,
                       code: Option<&str>| {
                org_units::insert(
                    c,
                    NewOrgUnit {
                        parent,
                        kind,
                        name,
                        credit_code: code,
                    },
                    now,
                )
            };
            let province = add(c, None, OrgUnitKind::Province, "省职工保障互助会", None)?;
            let city = add(
                c,
                Some(&province),
                OrgUnitKind::CityOffice,
                "广州市代办处",
                None,
            )?;
            let mut unions = Vec::new();
            for u in 0..UNIONS {
                let base = format!("81440106MC{u:07}");
                let code = format!(
                    "{base}{}",
                    credit_code::check_char(base.as_bytes()).unwrap()
                );
                let name = format!("第{u}基层工会");
                unions.push(
                    add(
                        c,
                        Some(&city),
                        OrgUnitKind::GrassrootsUnion,
                        &name,
                        Some(&code),
                    )?
                    .id,
                );
            }
            let admin = accounts::insert(
                c,
                NewAccount {
                    kind: AccountKind::Staff,
                    username: Some("admin"),
                    member_id: None,
                    display_name: "admin",
                    org_unit_id: province.id,
                    password_hash: &password_hash,
                    roles: &[Role::Admin],
                },
                now,
            )?;
            api_clients::insert(
                c,
                api_clients::NewApiClient {
                    client_id: CLIENT_ID,
                    name: "医保结算平台（压测）",
                    secret_hash: &token_hash(CLIENT_SECRET),
                    scopes: &[Scope::CoverageRead, Scope::SettlementsWrite],
                    created_by: admin.id,
                },
                now,
            )?;
            Ok((unions, in_force(c, "ZY", now)?, in_force(c, "JT", now)?))
        })
        .unwrap();
    let mut policies_made = 0;
    for (k, first) in (0..members).step_by(CHUNK).enumerate() {
        let last = (first + CHUNK).min(members);
        let mut sealed = Vec::with_capacity(last - first);
        for i in first..last {
            let raw = id_number(i);
            let id = IdNumber::parse(&raw).unwrap();
            if i % SAMPLE_EVERY == 0 {
                writeln!(sample, "{raw}").unwrap();
            }
            sealed.push((
                id_number_hash(&lookup_key.0, &id),
                Protected {
                    ciphertext: sealer.seal(id.as_str()).unwrap(),
                    masked: id.masked(),
                },
                id,
                format!("职工{i}"),
            ));
        }
        let new: Vec<NewMember<'_>> = sealed
            .iter()
            .enumerate()
            .map(|(n, (hash, protected, id, name))| NewMember {
                org_unit_id: unions[(first + n) % UNIONS],
                name,
                id_number_hash: hash,
                id_number: protected.clone(),
                gender: id.gender(),
                birth_date: id.birth_date(),
                category: MemberCategory::InService,
                mobile: None,
                bank_card: None,
                bank_card_luhn_override_by: None,
                health_consent: true,
            })
            .collect();
        store
            .write(|c| -> StoreResult<()> {
                let mut member_ids = Vec::new();
                for ((terms, version), every) in [(&zy, 1), (&jt, 2)] {
                    let holders: Vec<PendingPolicy> = (0..new.len())
                        .filter(|n| (first + n) % every == 0)
                        .map(|n| PendingPolicy {
                            holder: if member_ids.is_empty() {
                                Holder::New(n)
                            } else {
                                Holder::Existing(member_ids[n])
                            },
                            shares: 1,
                            premium_fen: premium(terms, 1).fen().unwrap(),
                        })
                        .collect();
                    let batch = batches::insert(
                        c,
                        batches::NewBatch {
                            org_unit_id: unions[k % UNIONS],
                            plan_version_id: *version,
                            plan_code: terms.code.as_str(),
                            file_sha256: &format!("bench-{k}-{}", terms.code.as_str()),
                            member_count: holders.len() as i32,
                            premium_fen: premium(terms, 1).fen().unwrap() * holders.len() as i64,
                            created_by: None,
                        },
                        now,
                    )?;
                    let to_register: &[NewMember<'_>] =
                        if member_ids.is_empty() { &new } else { &[] };
                    let enrolled = insert_roster(
                        c,
                        to_register,
                        batch.id,
                        *version,
                        terms.code.as_str(),
                        &holders,
                        now,
                    )?;
                    if member_ids.is_empty() {
                        member_ids = enrolled.member_ids;
                    }
                    let a = on_payment(terms, paid_on, None);
                    let ids: Vec<i64> = enrolled.policies.iter().map(|(id, _)| *id).collect();
                    policies_made += policies::activate_many(
                        c,
                        &ids,
                        a.period.start,
                        a.period.end,
                        a.waiting_period_end,
                        now,
                    )?;
                }
                Ok(())
            })
            .unwrap();
        eprint!("\r{last} members, {policies_made} policies");
    }
    eprintln!(
        "\nseeded {members} members and {policies_made} policies in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}
