use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn apply(b: &mut Balances, postings: &[Posting]) {
    for p in postings {
        b.add(p.account, p.fen);
    }
}

#[test]
fn every_builder_balances() {
    for postings in [
        premium_due(9_500),
        contribution_received(9_500, 1_000),
        earned(100),
        claim_approved(123_456),
        payment_confirmed(123_456),
        expense_paid(5_000),
    ] {
        assert!(balanced(postings).is_ok());
    }
    assert_eq!(
        balanced(vec![
            debit(Account::Bank, 10),
            credit(Account::RiskReserve, 9)
        ]),
        Err(LedgerError::Unbalanced {
            debits: 10,
            credits: 9
        })
    );
    assert_eq!(
        balanced(vec![debit(Account::Bank, 0)]),
        Err(LedgerError::TooFew)
    );
}

#[test]
fn a_contribution_sets_its_reserve_aside_rounded_once() {
    // 95.00 yuan at 10 %: 9.50 to the reserve.
    let p = contribution_received(9_500, 1_000);
    let mut b = Balances::default();
    apply(&mut b, &premium_due(9_500));
    apply(&mut b, &p);
    assert_eq!(b.normal(Account::RiskReserve), 950);
    assert_eq!(b.normal(Account::UnearnedContributions), 8_550);
    assert_eq!(b.normal(Account::Bank), 9_500);
    assert_eq!(b.normal(Account::ContributionsReceivable), 0);
    // 0.05 yuan at 10 % is half a fen: away from zero.
    assert_eq!(share_of(5, 1_000), 1);
    assert_eq!(share_of(4, 1_000), 0);
}

#[test]
fn contributions_are_earned_day_by_day() {
    let (start, end) = (d(2026, 1, 1), d(2026, 12, 31));
    assert_eq!(earned_by(36_500, start, end, d(2025, 12, 31)), 0);
    assert_eq!(earned_by(36_500, start, end, start), 100);
    assert_eq!(earned_by(36_500, start, end, d(2026, 1, 31)), 3_100);
    assert_eq!(earned_by(36_500, start, end, end), 36_500);
    assert_eq!(earned_by(36_500, start, end, d(2027, 6, 1)), 36_500);
    assert_eq!(period_of(d(2026, 11, 29)), "2026-11");
    assert!(closable(d(2026, 10, 1), d(2026, 11, 1)));
    assert!(!closable(d(2026, 11, 1), d(2026, 11, 30)));
    assert!(!closable(d(2026, 12, 1), d(2026, 11, 30)));
}

#[test]
fn indicators_follow_the_definitions() {
    let mut b = Balances::default();
    apply(&mut b, &premium_due(100_000));
    apply(&mut b, &contribution_received(100_000, 1_000));
    apply(&mut b, &earned(45_000));
    apply(&mut b, &claim_approved(30_000));
    apply(&mut b, &payment_confirmed(20_000));
    apply(&mut b, &expense_paid(8_000));
    assert_eq!(b.net(), 0);
    let i = indicators(&b, 100_000, Some(1_200), 500);
    assert_eq!(i.loss_ratio, Some(Decimal::new(6667, 4)));
    assert_eq!(i.reserve_ratio, Some(Decimal::new(1, 1)));
    assert_eq!(i.expense_ratio, Some(Decimal::new(8, 2)));
    assert_eq!(i.expenses_within_cap, Some(true));
    // IBNR 5 % of 450.00 = 22.50; bank 720.00 against payable 100.00 + 22.50.
    assert_eq!(i.ibnr_fen, 2_250);
    assert_eq!(i.solvency, Some(Decimal::new(58776, 4)));
    assert_eq!(
        indicators(&Balances::default(), 0, None, 500).loss_ratio,
        None
    );
}

#[test]
fn funds_and_accounts_have_stable_names() {
    let f = Fund {
        plan_code: "ZY".into(),
        year: 2026,
    };
    assert_eq!(Fund::parse(&f.key()), Some(f));
    for a in Account::ALL {
        assert_eq!(Account::parse(a.as_str()), Some(a));
    }
}

proptest! {
    #[test]
    fn a_reversal_restores_every_balance(fen in 1i64..10_000_000, bp in 0i32..=10_000) {
        let p = contribution_received(fen, bp);
        let mut b = Balances::default();
        apply(&mut b, &p);
        apply(&mut b, &reversal(&p));
        prop_assert!(b.0.values().all(|v| *v == 0));
    }

    #[test]
    fn the_reserve_and_the_rest_make_the_contribution(fen in 1i64..10_000_000, bp in 0i32..=10_000) {
        let mut b = Balances::default();
        apply(&mut b, &premium_due(fen));
        apply(&mut b, &contribution_received(fen, bp));
        prop_assert_eq!(b.normal(Account::RiskReserve) + b.normal(Account::UnearnedContributions), fen);
        prop_assert!(b.normal(Account::RiskReserve) >= 0 && b.normal(Account::UnearnedContributions) >= 0);
    }

    #[test]
    fn earning_never_goes_back_nor_beyond(net in 0i64..10_000_000, a in 0i64..400, b in 0i64..400) {
        let start = d(2026, 3, 1);
        let end = d(2027, 2, 28);
        let (x, y) = (a.min(b), a.max(b));
        let early = earned_by(net, start, end, start + chrono::Duration::days(x));
        let late = earned_by(net, start, end, start + chrono::Duration::days(y));
        prop_assert!(early <= late && late <= net && early >= 0);
    }
}
