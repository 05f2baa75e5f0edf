//! Mobile numbers and bank cards: the contact and payment details of a member.

use crate::ErrorCode;
use std::fmt;

/// A mainland mobile number (`1[3-9]` and 9 more digits), stored without `+86`/`0086`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mobile(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MobileError {
    #[error(
        "a mobile number has 11 digits and begins with 13 to 19 (a +86 or 0086 prefix is allowed)"
    )]
    Format,
}

impl MobileError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::MobileFormat
    }
}

impl Mobile {
    pub fn parse(input: &str) -> Result<Self, MobileError> {
        let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("0086"))
            .unwrap_or(&compact);
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        if ok {
            Ok(Self(digits.to_string()))
        } else {
            Err(MobileError::Format)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****1234`
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mobile({})", self.masked())
    }
}

/// A bank card number: 16 to 19 digits. A failed Luhn check does not make it invalid (some
/// banks issue such numbers); it is a warning that staff may override, and the override is
/// recorded by the caller.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BankCard {
    number: String,
    luhn_ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankCardError {
    #[error("a bank card number has 16 to 19 digits")]
    Format,
}

impl BankCardError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::BankCardFormat
    }
}

/// Whether the digits pass the Luhn (mod 10) check.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

impl BankCard {
    pub fn parse(input: &str) -> Result<Self, BankCardError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !(16..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BankCardError::Format);
        }
        let luhn_ok = luhn_valid(&digits);
        Ok(Self {
            number: digits,
            luhn_ok,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// False when the Luhn check fails: show a warning, accept only with a recorded override.
    pub fn passes_luhn(&self) -> bool {
        self.luhn_ok
    }

    pub fn last4(&self) -> &str {
        &self.number[self.number.len() - 4..]
    }

    /// `**** 1234`
    pub fn masked(&self) -> String {
        format!("**** {}", self.last4())
    }
}

impl fmt::Debug for BankCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BankCard({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobiles() {
        assert_eq!(
            Mobile::parse("+86 138-0013-1234").unwrap().as_str(),
            "13800131234"
        );
        assert_eq!(
            Mobile::parse("008613800131234").unwrap().masked(),
            "138****1234"
        );
        for bad in [
            "12800131234",
            "1380013123",
            "138001312345",
            "1380013123a",
            "",
        ] {
            assert!(Mobile::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bank_cards() {
        let good = BankCard::parse("6222 0212 3456 7890 128").unwrap();
        assert_eq!(good.last4(), "0128");
        assert_eq!(good.masked(), "**** 0128");
        assert!(BankCard::parse("4111111111111111").unwrap().passes_luhn());
        assert!(!BankCard::parse("4111111111111112").unwrap().passes_luhn());
        assert!(BankCard::parse("411111111111111").is_err());
        assert!(BankCard::parse("41111111111111x1").is_err());
    }

    fn with_luhn(body: &str) -> String {
        (0..10)
            .map(|d| format!("{body}{d}"))
            .find(|s| luhn_valid(s))
            .unwrap()
    }

    proptest! {
        #[test]
        fn luhn_catches_any_single_digit_change(body in "[0-9]{15,18}", pos in 0usize..16, delta in 1u8..10) {
            let card = with_luhn(&body);
            prop_assert!(BankCard::parse(&card).unwrap().passes_luhn());
            let mut b = card.into_bytes();
            let p = pos % b.len();
            b[p] = b'0' + (b[p] - b'0' + delta) % 10;
            prop_assert!(!luhn_valid(std::str::from_utf8(&b).unwrap()));
        }

        #[test]
        fn mobiles_round_trip(rest in "[3-9][0-9]{9}") {
            let m = Mobile::parse(&format!("+861{rest}")).unwrap();
            prop_assert_eq!(m.as_str(), format!("1{rest}"));
            prop_assert_eq!(m.masked(), format!("1{}****{}", &rest[..2], &rest[6..]));
        }
    }
}
