//! Formatting of values for display, the same in both languages.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use huzhu_domain::Money;
use rust_decimal::Decimal;

/// The association works on China Standard Time, so instants are shown in UTC+8 whatever the
/// browser's own time zone (a member abroad still sees the times the branch office sees).
pub fn date_time(t: &DateTime<Utc>) -> String {
    match FixedOffset::east_opt(8 * 3600) {
        Some(cst) => t.with_timezone(&cst).format("%Y-%m-%d %H:%M").to_string(),
        None => t.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

thread_local! {
    /// How far the association's clock is ahead of this device's, as last told by the server
    /// (its `huzhu-time` header): a device's clock may be wrong, and "today" is the
    /// association's.
    static CLOCK_OFFSET: std::cell::Cell<chrono::Duration> =
        const { std::cell::Cell::new(chrono::Duration::zero()) };
}

/// Takes the association's time from a response's `huzhu-time` header.
pub fn learn_server_time(header: Option<String>) {
    let Some(Ok(server)) = header.map(|h| DateTime::parse_from_rfc3339(&h)) else {
        return;
    };
    let offset = server.with_timezone(&Utc) - Utc::now();
    CLOCK_OFFSET.with(|o| o.set(offset));
}

/// Now on the association's clock.
pub fn now() -> DateTime<Utc> {
    Utc::now() + CLOCK_OFFSET.with(std::cell::Cell::get)
}

/// Today in China Standard Time, the calendar the association's dates are in.
pub fn china_today() -> NaiveDate {
    huzhu_domain::plan::china_date(now())
}

/// An amount with thousands separators and two decimals: `50,000.00`.
pub fn money(amount: Money) -> String {
    let text = amount.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    format!("{}.{fraction}", group_thousands(whole))
}

/// `¥50,000.00`, for contributions and what is left of a limit.
pub fn yuan(amount: Money) -> String {
    format!("¥{}", money(amount))
}

/// An amount without the decimals when they are zero: `50,000`, but `12.50`; for plan terms,
/// which are round figures.
pub fn money_short(amount: Money) -> String {
    let full = money(amount);
    match full.strip_suffix(".00") {
        Some(whole) => whole.to_owned(),
        None => full,
    }
}

/// A ratio as a percentage: `0.60` → `60%`, `0.125` → `12.5%`.
pub fn percent(ratio: Decimal) -> String {
    format!("{}%", (ratio * Decimal::ONE_HUNDRED).normalize())
}

/// A ratio as the API sends it (`"0.6667"`), as a percentage; a dash when there is none (its
/// denominator was zero).
pub fn ratio(text: Option<&str>) -> String {
    text.and_then(|r| r.parse::<Decimal>().ok())
        .map_or_else(|| "—".to_owned(), percent)
}

fn group_thousands(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn amounts_have_thousands_separators() {
        assert_eq!(yuan(m("50000")), "¥50,000.00");
        assert_eq!(yuan(m("95")), "¥95.00");
        assert_eq!(money(m("1234567.5")), "1,234,567.50");
        assert_eq!(money(m("0")), "0.00");
        assert_eq!(money(m("-1500")), "-1,500.00");
        assert_eq!(money_short(m("40.00")), "40");
        assert_eq!(money_short(m("12.50")), "12.50");
        assert_eq!(money_short(m("100000")), "100,000");
    }

    #[test]
    fn ratios_are_percentages() {
        assert_eq!(percent(Decimal::new(60, 2)), "60%");
        assert_eq!(percent(Decimal::new(125, 3)), "12.5%");
        assert_eq!(percent(Decimal::new(1, 0)), "100%");
    }
}
