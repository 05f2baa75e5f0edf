//! Plan terms in words: one sentence per benefit rule, in either language, e.g.
//! "住院津贴：每份每天 40 元，第 4 天起，每期最多 180 天".

use huzhu_domain::plan::{AccidentBenefit, BenefitRule, DailyAllowance, LumpSum, Reimbursement};
use huzhu_domain::Money;

use crate::format::{money_short, percent};
use crate::i18n::{t, tf, tier_key, Key, Lang};

/// `40 元` / `¥40`.
pub fn amount(lang: Lang, money: Money) -> String {
    tf(lang, Key::Yuan, &[&money_short(money)])
}

/// What one benefit rule pays, as a sentence.
pub fn benefit(lang: Lang, rule: &BenefitRule) -> String {
    match rule {
        BenefitRule::DailyAllowance(r) => daily_allowance(lang, r),
        BenefitRule::Reimbursement(r) => reimbursement(lang, r),
        BenefitRule::LumpSum(r) => lump_sum(lang, r),
        BenefitRule::Accident(r) => accident(lang, r),
    }
}

fn daily_allowance(lang: Lang, r: &DailyAllowance) -> String {
    let mut out = tf(
        lang,
        Key::BenDaily,
        &[
            &amount(lang, r.daily_rate_per_share),
            &(r.deductible_days + 1).to_string(),
            &r.max_days_per_period.to_string(),
        ],
    );
    if r.excludes_psychiatric {
        out.push_str(t(lang, Key::BenNoPsychiatric));
    }
    out
}

fn reimbursement(lang: Lang, r: &Reimbursement) -> String {
    let ratios = match r.ratios.as_slice() {
        [only] => tf(lang, Key::BenRatio, &[&percent(*only)]),
        ratios => ratios
            .iter()
            .enumerate()
            .map(|(i, ratio)| {
                let key = if i + 1 == ratios.len() {
                    Key::BenRatioStayAndLater
                } else {
                    Key::BenRatioStay
                };
                tf(lang, key, &[&(i + 1).to_string(), &percent(*ratio)])
            })
            .collect::<Vec<_>>()
            .join(t(lang, Key::ListSeparator)),
    };
    let template = if r.accident_only {
        Key::BenAccidentReimbursement
    } else {
        Key::BenReimbursement
    };
    let mut out = tf(
        lang,
        template,
        &[
            &amount(lang, r.deductible),
            &ratios,
            &amount(lang, r.cap_per_share_per_period),
        ],
    );
    if let Some(other) = &r.without_basic_insurance {
        out.push_str(&tf(
            lang,
            Key::BenNoBasicInsurance,
            &[&percent(other.ratio), &amount(lang, other.cap_per_share)],
        ));
    }
    out
}

fn lump_sum(lang: Lang, r: &LumpSum) -> String {
    let tiers = r
        .tiers
        .iter()
        .map(|tier| {
            tf(
                lang,
                Key::BenTier,
                &[
                    t(lang, tier_key(tier.tier)),
                    &tier.diseases.len().to_string(),
                    &amount(lang, tier.amount_per_share),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(t(lang, Key::ListSeparator));
    let claims = if r.max_claims == 1 {
        t(lang, Key::BenOneClaim).to_owned()
    } else {
        tf(lang, Key::BenMaxClaims, &[&r.max_claims.to_string()])
    };
    let mut out = tf(lang, Key::BenLumpSum, &[&tiers, &claims]);
    if let Some(c) = &r.waiting_consolation {
        out.push_str(&tf(
            lang,
            Key::BenConsolation,
            &[&amount(lang, c.per_share), &amount(lang, c.max)],
        ));
    }
    out
}

fn accident(lang: Lang, r: &AccidentBenefit) -> String {
    let grades = &r.disability_percent_by_grade;
    let by_grade = format!("{}%–{}%", grades[0], grades[grades.len() - 1]);
    let mut out = tf(
        lang,
        Key::BenAccident,
        &[&amount(lang, r.death_per_share), &by_grade],
    );
    if let Some(m) = &r.medical {
        out.push_str(&tf(
            lang,
            Key::BenAccidentMedical,
            &[&percent(m.ratio), &amount(lang, m.cap_per_share)],
        ));
    }
    if let Some(d) = &r.daily_allowance {
        out.push_str(&tf(
            lang,
            Key::BenAccidentDaily,
            &[&amount(lang, d.rate_per_share), &d.max_days.to_string()],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu_domain::plan::examples::guangdong_demo;

    fn sentences(code: &str, lang: Lang) -> Vec<String> {
        let plan = guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == code)
            .unwrap();
        plan.benefits.iter().map(|b| benefit(lang, b)).collect()
    }

    #[test]
    fn daily_allowance_reads_as_agreed() {
        assert_eq!(
            sentences("JT", Lang::Zh),
            ["住院津贴：每份每天 40 元，第 4 天起，每期最多 180 天（精神疾病除外）"]
        );
        assert_eq!(
            sentences("JT", Lang::En),
            ["Daily allowance: ¥40 per share per day from day 4, at most 180 days per period (not for psychiatric illness)"]
        );
    }

    #[test]
    fn reimbursement_names_deductible_ratio_and_cap() {
        assert_eq!(
            sentences("ZY", Lang::Zh),
            ["住院医疗报销：每期免赔额 300 元，报销 60%，每份每期最高 50,000 元；未参加基本医疗保险的报销 10%，每份最高 15,000 元"]
        );
        assert_eq!(
            sentences("ZY", Lang::En),
            ["Inpatient reimbursement: deductible ¥300 per period, 60% of eligible costs, at most ¥50,000 per share per period; without basic medical insurance 10%, at most ¥15,000 per share"]
        );
    }

    #[test]
    fn ratios_by_stay() {
        let mut plan = guangdong_demo().remove(0);
        let BenefitRule::Reimbursement(r) = &mut plan.benefits[0] else {
            panic!()
        };
        r.ratios = vec![
            rust_decimal::Decimal::new(70, 2),
            rust_decimal::Decimal::new(40, 2),
        ];
        r.without_basic_insurance = None;
        assert_eq!(
            benefit(Lang::Zh, &plan.benefits[0]),
            "住院医疗报销：每期免赔额 300 元，第 1 次住院报销 70%、第 2 次及以后住院报销 40%，每份每期最高 50,000 元"
        );
        assert_eq!(
            benefit(Lang::En, &plan.benefits[0]),
            "Inpatient reimbursement: deductible ¥300 per period, 70% for stay 1, 40% for stay 2 and later, at most ¥50,000 per share per period"
        );
    }

    #[test]
    fn lump_sum_lists_tiers_and_claims() {
        assert_eq!(
            sentences("ZJ", Lang::Zh),
            ["大病一次性给付：常见重大疾病（10 种）每份 30,000 元、罕见重大疾病（5 种）每份 60,000 元、轻症（3 种）每份 5,000 元；最多给付 2 次；等待期内确诊给付慰问金每份 1,000 元，最高 5,000 元"]
        );
        assert_eq!(
            sentences("NZG", Lang::En),
            ["Critical illness lump sum: severe illness (5 diseases) ¥7,500 per share; paid once"]
        );
    }

    #[test]
    fn accident_sums() {
        assert_eq!(
            sentences("YW", Lang::Zh),
            ["意外伤害：身故每份 20,000 元，伤残按 1–10 级给付身故保额的 100%–10%；意外医疗报销 80%，每份最高 5,000 元"]
        );
        assert_eq!(
            sentences("XYT", Lang::En),
            ["Accident: death ¥100,000 per share; disability by grade 1–10, 100%–10% of the death sum; accident medical costs 90%, at most ¥20,000 per share"]
        );
    }
}
