//! The catalogue of error codes: every code the API reports when something is refused — the `code`
//! of an error body, of each problem listed in its details, of a roster row or a settlement record
//! that is refused, and the reasons a claim is refused or cover is missing.
//!
//! A code is stable: integrators match on it, so it is never renamed or reused. Each code carries
//! its wording in Chinese and English, which the web app shows in place of the server's detailed
//! message and `docs/errors.md` lists (generated from this file; a test keeps it current). A new
//! code cannot be added without both texts: the macro below asks for them.

use std::fmt;
use std::str::FromStr;

macro_rules! error_codes {
    ($( $variant:ident = $code:literal { en: $en:literal, zh: $zh:literal } )*) => {
        /// A stable, machine-readable error code, e.g. `payment.already_paid`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum ErrorCode {
            $( #[serde(rename = $code)] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it travels, e.g. `payment.already_paid`.
            pub const fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }

            /// What the code means and what to do about it, in English.
            pub const fn en(self) -> &'static str {
                match self { $(ErrorCode::$variant => $en,)* }
            }

            /// What the code means and what to do about it, in Chinese.
            pub const fn zh(self) -> &'static str {
                match self { $(ErrorCode::$variant => $zh,)* }
            }

            /// The code of a string as it travels, if it is one of the catalogue's.
            pub fn parse(code: &str) -> Option<ErrorCode> {
                match code { $($code => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

include!("error_code/catalogue.rs");

// Written by hand: the derive cannot read the codes the macro passes to `serde(rename)`, and the
// schema must list the codes as they travel.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "A stable, machine-readable error code; docs/errors.md gives the meaning of each.",
            ))
            .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ErrorCode {}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Not one of the catalogue's codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an error code")]
pub struct UnknownErrorCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

/// The catalogue as a Markdown table, for `docs/errors.md`.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Every refusal carries a stable `code` (in the error body, in each problem of its \
         `details`, in a refused roster row or settlement record, in a claim's refusal reasons). \
         Codes are never renamed or reused; match on the code, show the message. The HTTP status \
         says what kind of refusal it is (400 malformed request, 401 not signed in, 403 not \
         allowed, 404 not found, 409 the state of things refuses it, 413 too large, 422 the input \
         is wrong); the `message` of a response says what exactly was wrong.\n\n\
         This file is generated from `crates/domain/src/error_code/catalogue.rs` \
         (`cargo run -p huzhu-server -- errors`); a test fails when it is stale.\n\n\
         | code | meaning | 含义 |\n|---|---|---|\n",
    );
    for code in ErrorCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.en(),
            code.zh()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_round_trips_and_is_unique() {
        let mut seen = HashSet::new();
        for &code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert_eq!(ErrorCode::parse("no.such_code"), None);
    }

    #[test]
    fn docs_list_every_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/errors.md");
        let checked_in = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            checked_in == catalogue_markdown(),
            "docs/errors.md is stale: run `cargo run -p huzhu-server -- errors` and commit it"
        );
    }

    #[test]
    fn every_code_is_dotted_snake_case_with_both_texts() {
        for &code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'),
                "{s}"
            );
            assert!(code.en().ends_with('.'), "{s}: {}", code.en());
            assert!(code.zh().ends_with('。'), "{s}: {}", code.zh());
            assert!(
                code.zh()
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{s}"
            );
        }
    }
}
