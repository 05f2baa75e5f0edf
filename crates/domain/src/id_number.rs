//! Resident identity card number (居民身份证号码, GB 11643-1999).

use crate::ErrorCode;
use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Gender {
    Male,
    Female,
}

/// Why a string is not a resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("an ID number has 18 characters: 17 digits and a check character (0-9 or X)")]
    Format,
    #[error("digits 7-14 of the ID number are not a valid birth date")]
    BirthDate,
    #[error("the check character of the ID number is wrong")]
    CheckDigit,
}

/// Whole years of age on `on` of someone born on `birth`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

impl IdNumberError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Format => ErrorCode::IdNumberFormat,
            Self::BirthDate => ErrorCode::IdNumberBirthDate,
            Self::CheckDigit => ErrorCode::IdNumberCheckDigit,
        }
    }
}

/// A valid 18-character resident ID number; the check character is stored upper-case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize] as char
}

impl IdNumber {
    pub fn parse(input: &str) -> Result<Self, IdNumberError> {
        let s = input.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() != 18
            || !b[..17].iter().all(u8::is_ascii_digit)
            || !(b[17].is_ascii_digit() || b[17] == b'X')
        {
            return Err(IdNumberError::Format);
        }
        let date = &s[6..14];
        NaiveDate::parse_from_str(date, "%Y%m%d").map_err(|_| IdNumberError::BirthDate)?;
        if check_char(&b[..17]) != b[17] as char {
            return Err(IdNumberError::CheckDigit);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        // Checked in `parse`; the fallback is unreachable for a constructed value.
        NaiveDate::parse_from_str(&self.0[6..14], "%Y%m%d").unwrap_or_default()
    }

    /// The 17th digit: odd for men, even for women.
    pub fn gender(&self) -> Gender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// Whole years of age on `on` (a member born 1966-12-01 is 60 on 2026-12-01).
    pub fn age_on(&self, on: NaiveDate) -> i32 {
        age_on(self.birth_date(), on)
    }

    /// The form shown by default: `440524********0014`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

impl FromStr for IdNumber {
    type Err = IdNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Debug output never shows the full number (it is sensitive personal information).
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_valid_numbers() {
        let a = IdNumber::parse("11010519491231002x").unwrap();
        assert_eq!(a.as_str(), "11010519491231002X");
        assert_eq!(a.gender(), Gender::Female);
        assert_eq!(
            a.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        let b = IdNumber::parse("440524188001010014").unwrap();
        assert_eq!(b.gender(), Gender::Male);
        assert_eq!(b.masked(), "440524********0014");
    }

    #[test]
    fn demo_members_are_valid() {
        let man = IdNumber::parse("440106199003071231").unwrap();
        assert_eq!(man.gender(), Gender::Male);
        let woman = IdNumber::parse("440304198511204567").unwrap();
        assert_eq!(woman.gender(), Gender::Female);
    }

    #[test]
    fn rejections_name_the_problem() {
        assert_eq!(IdNumber::parse("12345"), Err(IdNumberError::Format));
        assert_eq!(
            IdNumber::parse("44052418800101001A"),
            Err(IdNumberError::Format)
        );
        assert_eq!(
            IdNumber::parse("440524188002300014"),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse("440524188001010015"),
            Err(IdNumberError::CheckDigit)
        );
    }

    #[test]
    fn age_counts_whole_years_on_the_birthday() {
        let id = IdNumber::parse(&with_check("44010619661201123")).unwrap();
        assert_eq!(
            id.age_on(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            59
        );
        assert_eq!(id.age_on(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()), 60);
    }

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()))
    }

    proptest! {
        #[test]
        fn any_well_formed_number_parses_and_round_trips(
            region in 110000u32..660000,
            days in 0i64..40000,
            seq in 0u32..1000,
        ) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Duration::days(days);
            let first17 = format!("{region:06}{}{seq:03}", birth.format("%Y%m%d"));
            let id = IdNumber::parse(&with_check(&first17)).unwrap();
            prop_assert_eq!(id.birth_date(), birth);
            prop_assert_eq!(id.gender() == Gender::Male, seq % 2 == 1);
            prop_assert_eq!(IdNumber::parse(id.as_str()).unwrap(), id.clone());
            prop_assert!(!id.masked().contains(&id.as_str()[6..14]));
        }

        #[test]
        fn changing_one_digit_is_always_detected(
            region in 110000u32..660000, seq in 0u32..1000, pos in 0usize..17, delta in 1u8..10,
        ) {
            let valid = with_check(&format!("{region:06}19900307{seq:03}"));
            let mut bytes = valid.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(IdNumber::parse(&changed).is_err());
        }
    }
}
