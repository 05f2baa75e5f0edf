//! `huzhu-bench engine [--claims N]`: the benefit engine on one core, adjudicating a generated
//! mix of claims (inpatient stays under ZY and JT, diagnoses under ZJ and NZG, accidents under
//! YW and XYT) for half as many members, each policy carrying its usage from one claim to the
//! next as approvals would.

use chrono::{Days, NaiveDate};
use huzhu_domain::adjudication::{
    adjudicate, AccidentEvent, ClaimFacts, Diagnosis, InpatientStay, Usage,
};
use huzhu_domain::plan::examples::guangdong_demo;
use huzhu_domain::plan::CoverPeriod;
use huzhu_domain::{Money, PolicyCover, PolicyStatus};
use std::time::Instant;

/// A deterministic stream of numbers (xorshift), so every run adjudicates the same claims.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

const DISEASES: [&str; 6] = [
    "paralysis",
    "severe_crohns_disease",
    "malignant_tumour_mild",
    "breast_cancer",
    "influenza",
    "end_stage_renal_failure",
];

pub fn run(claims: usize) {
    let plans = guangdong_demo();
    let start: NaiveDate = "2026-01-10".parse().unwrap();
    let policies: Vec<PolicyCover> = plans
        .iter()
        .map(|t| {
            PolicyCover::new(
                t,
                CoverPeriod::starting(t, start),
                (t.max_shares).min(2),
                false,
                PolicyStatus::Active,
            )
        })
        .collect();
    let mut dice = Dice(0x2545_f491_4f6c_dd1d);
    // Half as many members as claims, each with the six policies and their own usage: about
    // one claim per member and year, as in a real book.
    let members = (claims / 2).max(1);
    let mut usage: Vec<Usage> = vec![Usage::default(); members * plans.len()];
    let work: Vec<(usize, usize, ClaimFacts)> = (0..claims)
        .map(|_| {
            let member = dice.next(members as u64) as usize;
            let p = dice.next(plans.len() as u64) as usize;
            let day = start + Days::new(dice.next(360));
            let facts = match plans[p].code.as_str() {
                "ZY" | "JT" => ClaimFacts::Inpatient(InpatientStay {
                    admission: day,
                    discharge: day + Days::new(dice.next(30)),
                    hospital: None,
                    hospital_level: None,
                    diagnosis_text: None,
                    diagnosis_code: "J18.9".into(),
                    psychiatric: dice.next(50) == 0,
                    caused_by_accident: dice.next(10) == 0,
                    total_cost: Money::from_fen(5_000_000),
                    pooled_fund_paid: Money::from_fen(2_000_000),
                    in_catalogue_self_pay: Money::from_fen(dice.next(2_000_000) as i64),
                    out_of_catalogue_self_pay: Money::from_fen(100_000),
                    has_basic_insurance: dice.next(20) != 0,
                    invoice_numbers: Vec::new(),
                }),
                "ZJ" | "NZG" => ClaimFacts::CriticalIllness(Diagnosis {
                    disease_code: DISEASES[dice.next(DISEASES.len() as u64) as usize].into(),
                    diagnosed_on: day,
                    caused_by_accident: false,
                }),
                _ => ClaimFacts::Accident(AccidentEvent {
                    date: day,
                    cause: None,
                    injury: None,
                    excluded_cause: None,
                    disability_grade: (dice.next(4) == 0).then(|| 1 + dice.next(10) as u8),
                    death: dice.next(40) == 0,
                    medical_self_pay: Money::from_fen(dice.next(3_000_000) as i64),
                    hospital_days: dice.next(20) as u32,
                }),
            };
            (member, p, facts)
        })
        .collect();
    let started = Instant::now();
    let (mut paid, mut refused) = (0usize, 0usize);
    for (member, p, facts) in &work {
        let slot = member * plans.len() + p;
        let a = adjudicate(&plans[*p], &policies[*p], facts, &usage[slot]);
        if a.pays() {
            paid += 1;
        } else {
            refused += 1;
        }
        usage[slot] = a.usage_after;
    }
    let took = started.elapsed();
    println!(
        "engine: {claims} claims in {:.3} s = {:.0} claims/s on one core ({paid} paying, {refused} refused)",
        took.as_secs_f64(),
        claims as f64 / took.as_secs_f64()
    );
}
