//! Unified social credit code (统一社会信用代码, GB 32100-2015).

use crate::ErrorCode;
use std::fmt;
use std::str::FromStr;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error(
        "a unified social credit code has 18 characters from 0-9 and A-Y without I, O, S, V, Z"
    )]
    Format,
    #[error("the check character of the unified social credit code is wrong")]
    CheckDigit,
    #[error("a grassroots union's credit code begins with 81 (registered by the trade union)")]
    NotAUnion,
}

impl CreditCodeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Format => ErrorCode::CreditCodeFormat,
            Self::CheckDigit => ErrorCode::CreditCodeCheckDigit,
            Self::NotAUnion => ErrorCode::CreditCodeNotAUnion,
        }
    }
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters (which must be from the alphabet).
pub fn check_char(first17: &[u8]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += value_of(*c)? * w;
    }
    Some(ALPHABET[((31 - sum % 31) % 31) as usize] as char)
}

/// A valid 18-character unified social credit code, upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let s = input.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() != 18 || !b.iter().all(|c| value_of(*c).is_some()) {
            return Err(CreditCodeError::Format);
        }
        if check_char(&b[..17]) != Some(b[17] as char) {
            return Err(CreditCodeError::CheckDigit);
        }
        Ok(Self(s))
    }

    /// A grassroots union's code: valid and registered by the trade union (`81…`).
    pub fn parse_union(input: &str) -> Result<Self, CreditCodeError> {
        let code = Self::parse(input)?;
        if !code.0.starts_with("81") {
            return Err(CreditCodeError::NotAUnion);
        }
        Ok(code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_valid_code() {
        assert_eq!(
            CreditCode::parse("91350100m000100y43").unwrap().as_str(),
            "91350100M000100Y43"
        );
        assert_eq!(
            CreditCode::parse_union("91350100M000100Y43"),
            Err(CreditCodeError::NotAUnion)
        );
    }

    #[test]
    fn rejections() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y4"),
            Err(CreditCodeError::Format)
        );
        assert_eq!(
            CreditCode::parse("91350100M000100I43"),
            Err(CreditCodeError::Format)
        );
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::CheckDigit)
        );
    }

    fn code_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(0usize..31, 17).prop_map(|idx| {
            let first: Vec<u8> = idx.iter().map(|i| ALPHABET[*i]).collect();
            let mut s = String::from_utf8(first.clone()).unwrap();
            s.push(check_char(&first).unwrap());
            s
        })
    }

    proptest! {
        #[test]
        fn generated_codes_parse(code in code_strategy()) {
            let parsed = CreditCode::parse(&code).unwrap();
            prop_assert_eq!(parsed.as_str(), code.as_str());
        }

        #[test]
        fn one_changed_character_is_detected(code in code_strategy(), pos in 0usize..18, delta in 1usize..31) {
            let mut b = code.into_bytes();
            let v = value_of(b[pos]).unwrap() as usize;
            b[pos] = ALPHABET[(v + delta) % 31];
            prop_assert!(CreditCode::parse(std::str::from_utf8(&b).unwrap()).is_err());
        }
    }
}
