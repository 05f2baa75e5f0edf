//! Exact money in yuan. Stored as integer fen (分); rounded half away from zero (四舍五入).

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("an amount is written in yuan with at most two decimals, e.g. \"1234.50\"")]
    Format,
    #[error("the amount is too large")]
    Overflow,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_fen(fen: i64) -> Self {
        Money(Decimal::new(fen, 2))
    }

    /// Rounds any yuan amount to the fen, half away from zero.
    pub fn round(amount: Decimal) -> Self {
        Money(amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    pub fn fen(self) -> Result<i64, MoneyError> {
        let scaled = self.0 * Decimal::ONE_HUNDRED;
        i64::try_from(scaled.trunc()).map_err(|_| MoneyError::Overflow)
    }

    /// Parses a yuan amount with at most two decimals; more precision is an error, not rounding.
    pub fn parse(s: &str) -> Result<Self, MoneyError> {
        let d: Decimal = s.trim().parse().map_err(|_| MoneyError::Format)?;
        if d.scale() > 2 && d.normalize().scale() > 2 {
            return Err(MoneyError::Format);
        }
        let m = Money(d);
        m.fen()?;
        Ok(m)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    /// This amount `n` times; exact, because a whole multiple of fen stays in fen. Cannot
    /// overflow for any amount that fits in `i64` fen.
    pub fn times(self, n: u32) -> Self {
        Money(self.0 * Decimal::from(n))
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }
}

/// Money travels as a string with two decimals (`"1234.50"`), never as a JSON float.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Money::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// In the OpenAPI document: a string of yuan with at most two decimals, as it travels.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "An amount in yuan with at most two decimals, written as a string (never a JSON number).",
            ))
            .pattern(Some(r"^-?[0-9]+(\.[0-9]{1,2})?$"))
            .examples(["1234.50"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Money {}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(
            Money::round(Decimal::from_str("2.345").unwrap()).to_string(),
            "2.35"
        );
        assert_eq!(
            Money::round(Decimal::from_str("-2.345").unwrap()).to_string(),
            "-2.35"
        );
        assert_eq!(
            Money::round(Decimal::from_str("2.344").unwrap()).to_string(),
            "2.34"
        );
    }

    #[test]
    fn parse_rejects_fractions_of_a_fen() {
        assert_eq!(Money::parse("1234.5").unwrap().to_string(), "1234.50");
        assert!(Money::parse("1.234").is_err());
        assert!(Money::parse("abc").is_err());
        assert_eq!(Money::parse("1.230").unwrap().fen(), Ok(123));
    }

    #[test]
    fn serde_uses_two_decimal_strings() {
        let m = Money::from_fen(123_450);
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"1234.50\"");
        assert_eq!(serde_json::from_str::<Money>("\"1234.5\"").unwrap(), m);
        assert!(serde_json::from_str::<Money>("1234.5").is_err());
        assert!(serde_json::from_str::<Money>("\"1.234\"").is_err());
    }

    proptest! {
        #[test]
        fn times_is_exact(fen in 0i64..10_000_000_000, n in 0u32..1000) {
            prop_assert_eq!(Money::from_fen(fen).times(n).fen(), Ok(fen * i64::from(n)));
        }

        #[test]
        fn fen_round_trips(fen in -1_000_000_000_000i64..1_000_000_000_000) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(m.fen(), Ok(fen));
            prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
        }
    }
}
