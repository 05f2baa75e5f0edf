//! Plan codes (计划代码): the identity of a plan across its versions, e.g. `ZY`, `NZG`.

use crate::ErrorCode;
use std::fmt;
use std::str::FromStr;

/// A plan code: 1 to 16 upper-case ASCII letters or digits. Lower-case input is accepted and
/// upper-cased, because clerks type codes by hand and `zy` can only mean `ZY`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct PlanCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanCodeError {
    #[error("a plan code has 1 to 16 letters A-Z or digits 0-9, e.g. \"ZY\"")]
    Format,
}

impl PlanCodeError {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::PlanCode
    }
}

impl PlanCode {
    pub const MAX_LEN: usize = 16;

    pub fn parse(input: &str) -> Result<Self, PlanCodeError> {
        let s = input.trim().to_ascii_uppercase();
        let ok = (1..=Self::MAX_LEN).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(Self(s))
        } else {
            Err(PlanCodeError::Format)
        }
    }

    /// For code literals in this crate (the demo catalogue), whose validity a test checks.
    pub(crate) fn from_literal(s: &'static str) -> Self {
        debug_assert!(Self::parse(s).is_ok_and(|c| c.0 == s), "{s}");
        Self(s.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// In the OpenAPI document: the code as it travels, upper-case letters and digits.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PlanCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "A plan code: 1 to 16 upper-case letters A-Z or digits 0-9.",
            ))
            .pattern(Some(r"^[A-Z0-9]{1,16}$"))
            .examples(["ZY"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PlanCode {}

impl FromStr for PlanCode {
    type Err = PlanCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PlanCode {
    type Error = PlanCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PlanCode> for String {
    fn from(code: PlanCode) -> Self {
        code.0
    }
}

impl fmt::Display for PlanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(PlanCode::parse("ZY").unwrap().as_str(), "ZY");
        assert_eq!(PlanCode::parse(" nzg ").unwrap().as_str(), "NZG");
        assert_eq!(PlanCode::parse("XYT2026").unwrap().as_str(), "XYT2026");
        assert_eq!(
            PlanCode::parse("A234567890123456").unwrap().as_str().len(),
            16
        );
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in ["", "   ", "A2345678901234567", "Z-Y", "Z Y", "住院", "ZY_1"] {
            assert_eq!(PlanCode::parse(bad), Err(PlanCodeError::Format), "{bad:?}");
        }
    }

    #[test]
    fn serde_validates() {
        let code: PlanCode = serde_json::from_str("\"jt\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"JT\"");
        assert!(serde_json::from_str::<PlanCode>("\"J T\"").is_err());
    }

    proptest! {
        #[test]
        fn valid_codes_round_trip(s in "[A-Z0-9]{1,16}") {
            let code = PlanCode::parse(&s).unwrap();
            prop_assert_eq!(code.as_str(), s.as_str());
            prop_assert_eq!(PlanCode::parse(&code.to_string()).unwrap(), code);
        }
    }
}
