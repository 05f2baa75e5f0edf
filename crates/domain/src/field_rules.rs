//! The rules for fields a person types, checked the same way by the web app (as they type) and by
//! the server (which decides): usernames, new passwords, the purpose of an unmasking, a refusal's
//! explanation, a decision's comment, a payment's reference and amount, and the length of free
//! text. Each check returns the value as it is kept (trimmed, lower-cased) or the refusal with its
//! error code.
//! Lengths count characters, not bytes.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::{ErrorCode, Money};

/// A username: 3 to 32 of `a-z`, `0-9`, `_`, `-`, `.` (kept trimmed and lower-cased).
pub const USERNAME_CHARS: RangeInclusive<usize> = 3..=32;
/// A new password has at least this many characters (spaces count).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Why someone needs to see a member's details in full; it is recorded in the access log.
pub const PURPOSE_CHARS: RangeInclusive<usize> = 4..=200;
/// What a member is told when a claim is refused.
pub const REJECTION_TEXT_CHARS: RangeInclusive<usize> = 2..=500;
/// A reviewer's or approver's comment on a claim (optional).
pub const MAX_COMMENT_CHARS: usize = 500;
/// A payment's reference (bank transfer number, receipt number).
pub const MAX_REFERENCE_CHARS: usize = 64;

/// The longest free text of each kind, in characters.
pub mod max_chars {
    pub const MEMBER_NAME: usize = 50;
    pub const DISPLAY_NAME: usize = 64;
    pub const UNIT_NAME: usize = 100;
    pub const CLIENT_NAME: usize = 100;
    /// A meeting's title or place.
    pub const MEETING_TEXT: usize = 200;
    /// The bank's reference of a claim paid by hand.
    pub const BANK_REFERENCE: usize = 100;
}

/// A field that does not meet its rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("a username has 3 to 32 characters: lower-case letters, digits, `_`, `-` and `.`")]
    Username,
    #[error("a password needs at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("say why you need to see these details (4 to 200 characters); it is recorded")]
    UnmaskPurpose,
    #[error("explain the refusal to the member in 2 to 500 characters")]
    RejectionText,
    #[error("a comment has at most {MAX_COMMENT_CHARS} characters")]
    Comment,
    #[error("give the payment's reference (1 to {MAX_REFERENCE_CHARS} characters)")]
    PaymentReference,
    #[error("the amount must be a sum in yuan above zero, with at most two decimals: {0}")]
    PaymentAmount(String),
    #[error("{0} is in the future")]
    PaidOnFuture(NaiveDate),
    #[error("`{field}` must have 1 to {max_chars} characters")]
    Text {
        field: &'static str,
        max_chars: usize,
    },
    #[error(
        "`{field}` holds a control or invisible character (U+{code_point:04X}, character \
         {position}); type the text again without it"
    )]
    Unprintable {
        field: &'static str,
        /// Counted from 1, in characters.
        position: usize,
        code_point: u32,
    },
}

impl FieldError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Username => ErrorCode::StaffInvalidUsername,
            Self::PasswordTooShort => ErrorCode::PasswordTooShort,
            Self::UnmaskPurpose => ErrorCode::UnmaskPurposeRequired,
            Self::RejectionText => ErrorCode::ClaimRejectionText,
            Self::Comment => ErrorCode::ClaimComment,
            Self::PaymentReference => ErrorCode::ContributionReference,
            Self::PaymentAmount(_) => ErrorCode::ContributionAmount,
            Self::PaidOnFuture(_) => ErrorCode::ContributionPaidOn,
            Self::Text { .. } => ErrorCode::RequestInvalidText,
            Self::Unprintable { .. } => ErrorCode::RequestInvalidCharacter,
        }
    }

    /// The request field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Username => "username",
            Self::PasswordTooShort => "password",
            Self::UnmaskPurpose => "purpose",
            Self::RejectionText => "text",
            Self::Comment => "comment",
            Self::PaymentReference => "reference",
            Self::PaymentAmount(_) => "amount",
            Self::PaidOnFuture(_) => "paid_on",
            Self::Text { field, .. } | Self::Unprintable { field, .. } => field,
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Whether a text may run over several lines (line breaks and tabs allowed) or is one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Several,
}

/// A character no text may hold: a control character (NUL, escape, DEL, the C1 set; line
/// breaks and tabs only in text of several lines), a bidirectional embedding, override, isolate
/// or mark (which make a text read differently from how it is stored), or an invisible format
/// character (zero-width spaces and joiners, the byte-order mark, interlinear annotation).
pub fn is_unprintable(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\r' | '\t' => lines == Lines::One,
        c if c.is_control() => true,
        '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}' => true,
        _ => false,
    }
}

/// Refuses a text that holds an unprintable character, naming the first and where it is.
pub fn printable(field: &'static str, input: &str, lines: Lines) -> Result<(), FieldError> {
    match input
        .chars()
        .enumerate()
        .find(|(_, c)| is_unprintable(*c, lines))
    {
        Some((i, c)) => Err(FieldError::Unprintable {
            field,
            position: i + 1,
            code_point: u32::from(c),
        }),
        None => Ok(()),
    }
}

/// The username as it is kept (trimmed, lower-cased), if it meets the rule.
pub fn username(input: &str) -> Result<String, FieldError> {
    let u = input.trim().to_lowercase();
    let ok = USERNAME_CHARS.contains(&chars(&u))
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(u)
    } else {
        Err(FieldError::Username)
    }
}

/// A new password is long enough (it is taken exactly as typed).
pub fn new_password(password: &str) -> Result<(), FieldError> {
    if chars(password) < MIN_PASSWORD_CHARS {
        return Err(FieldError::PasswordTooShort);
    }
    Ok(())
}

/// The purpose of an unmasking, trimmed.
pub fn unmask_purpose(input: &str) -> Result<String, FieldError> {
    let p = input.trim();
    printable("purpose", p, Lines::One)?;
    if PURPOSE_CHARS.contains(&chars(p)) {
        Ok(p.to_string())
    } else {
        Err(FieldError::UnmaskPurpose)
    }
}

/// A refusal's explanation for the member, trimmed.
pub fn rejection_text(input: &str) -> Result<String, FieldError> {
    let t = input.trim();
    printable("text", t, Lines::Several)?;
    if REJECTION_TEXT_CHARS.contains(&chars(t)) {
        Ok(t.to_string())
    } else {
        Err(FieldError::RejectionText)
    }
}

/// A decision's comment, trimmed; empty means none.
pub fn decision_comment(input: Option<&str>) -> Result<Option<String>, FieldError> {
    let comment = input.map(str::trim).filter(|s| !s.is_empty());
    if let Some(c) = comment {
        printable("comment", c, Lines::Several)?;
    }
    match comment {
        Some(c) if chars(c) > MAX_COMMENT_CHARS => Err(FieldError::Comment),
        c => Ok(c.map(str::to_string)),
    }
}

/// A payment's reference, trimmed.
pub fn payment_reference(input: &str) -> Result<String, FieldError> {
    let r = input.trim();
    printable("reference", r, Lines::One)?;
    if (1..=MAX_REFERENCE_CHARS).contains(&chars(r)) {
        Ok(r.to_string())
    } else {
        Err(FieldError::PaymentReference)
    }
}

/// A payment's amount: yuan above zero, at most two decimals.
pub fn payment_amount(input: &str) -> Result<Money, FieldError> {
    let amount = Money::parse(input).map_err(|e| FieldError::PaymentAmount(e.to_string()))?;
    amount
        .fen()
        .map_err(|e| FieldError::PaymentAmount(e.to_string()))?;
    if !amount.is_positive() {
        return Err(FieldError::PaymentAmount(input.trim().to_string()));
    }
    Ok(amount)
}

/// The day a payment arrived: not after today (China time, as the caller gives it).
pub fn paid_on(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    if day > today {
        return Err(FieldError::PaidOnFuture(day));
    }
    Ok(day)
}

/// A required one-line text (a name, a title, a reference), trimmed, 1 to `max_chars`
/// characters, nothing unprintable.
pub fn required_text(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<String, FieldError> {
    text_of(field, input, max_chars, Lines::One)
}

/// A required text of several lines (minutes, findings, a motion's text), as
/// [`required_text`] but with line breaks and tabs allowed.
pub fn required_paragraphs(
    field: &'static str,
    input: &str,
    max_chars: usize,
) -> Result<String, FieldError> {
    text_of(field, input, max_chars, Lines::Several)
}

/// An optional one-line text (a hospital's name): trimmed, empty means none.
pub fn optional_text(
    field: &'static str,
    input: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => required_text(field, v, max_chars).map(Some),
        None => Ok(None),
    }
}

fn text_of(
    field: &'static str,
    input: &str,
    max_chars: usize,
    lines: Lines,
) -> Result<String, FieldError> {
    let v = input.trim();
    if v.is_empty() || chars(v) > max_chars {
        return Err(FieldError::Text { field, max_chars });
    }
    printable(field, v, lines)?;
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn usernames_are_kept_trimmed_and_lower_cased() {
        assert_eq!(username("  Li.Ming_2 ").unwrap(), "li.ming_2");
        assert_eq!(username("ab"), Err(FieldError::Username));
        assert_eq!(username(&"a".repeat(33)), Err(FieldError::Username));
        assert_eq!(username("li ming"), Err(FieldError::Username));
        assert_eq!(username("李明明"), Err(FieldError::Username));
        // The Kelvin sign lower-cases to an ASCII `k` but is not typed as one.
        assert_eq!(username("\u{212A}elvin").unwrap(), "kelvin");
        assert_eq!(
            username("x").unwrap_err().code(),
            ErrorCode::StaffInvalidUsername
        );
    }

    #[test]
    fn passwords_count_characters_and_keep_spaces() {
        assert_eq!(new_password("123456789"), Err(FieldError::PasswordTooShort));
        assert_eq!(new_password("一二三四五六七八九十"), Ok(()));
        assert_eq!(new_password("          "), Ok(()));
    }

    #[test]
    fn limits_are_inclusive_and_count_characters() {
        assert!(unmask_purpose(" 核对身份 ").is_ok());
        assert_eq!(unmask_purpose("核对"), Err(FieldError::UnmaskPurpose));
        assert!(unmask_purpose(&"查".repeat(200)).is_ok());
        assert!(unmask_purpose(&"查".repeat(201)).is_err());
        assert!(rejection_text("不符").is_ok());
        assert!(rejection_text(" 不 ").is_err());
        assert!(rejection_text(&"字".repeat(500)).is_ok());
        assert!(rejection_text(&"字".repeat(501)).is_err());
        assert_eq!(decision_comment(Some("   ")), Ok(None));
        assert_eq!(decision_comment(None), Ok(None));
        assert_eq!(decision_comment(Some(" 同意 ")), Ok(Some("同意".into())));
        assert_eq!(
            decision_comment(Some(&"字".repeat(501))),
            Err(FieldError::Comment)
        );
        assert_eq!(payment_reference(" HX-1 ").unwrap(), "HX-1");
        assert!(payment_reference("  ").is_err());
        assert!(payment_reference(&"号".repeat(64)).is_ok());
        assert!(payment_reference(&"号".repeat(65)).is_err());
        assert_eq!(
            required_text("name", &"名".repeat(51), max_chars::MEMBER_NAME)
                .unwrap_err()
                .field(),
            "name"
        );
    }

    #[test]
    fn control_bidi_and_invisible_characters_are_refused_where_they_are() {
        for (bad, code_point) in [
            ("张\u{0}伟", 0x0),
            ("张\u{1b}[31m伟", 0x1b),
            ("张\u{7f}伟", 0x7f),
            ("张\u{85}伟", 0x85),
            ("张\u{202E}伟", 0x202E),
            ("张\u{2067}伟", 0x2067),
            ("张\u{200B}伟", 0x200B),
            ("张\u{FEFF}伟", 0xFEFF),
            ("张\n伟", 0x0A),
        ] {
            let e = required_text("name", bad, 50).unwrap_err();
            assert_eq!(
                e,
                FieldError::Unprintable {
                    field: "name",
                    position: 2,
                    code_point
                },
                "{bad:?}"
            );
            assert_eq!(e.code(), ErrorCode::RequestInvalidCharacter);
            assert!(
                e.to_string().contains(&format!("U+{code_point:04X}")),
                "{e}"
            );
        }
        // Text of several lines keeps its line breaks and tabs, and nothing else.
        assert!(required_paragraphs("minutes", "一、开会\n二、表决\t通过", 100).is_ok());
        assert!(rejection_text("第一行\r\n第二行").is_ok());
        assert!(required_paragraphs("minutes", "a\u{0}b", 100).is_err());
        assert!(decision_comment(Some("同意\u{202D}")).is_err());
        assert!(payment_reference("HX\t1").is_err());
        assert!(unmask_purpose("核对\u{2066}身份").is_err());
        // Chinese, other scripts and emoji are text like any other.
        assert!(required_text("name", "Zoë 欧阳·娜娜 🙂", 50).is_ok());
        assert_eq!(optional_text("hospital", Some("  "), 200), Ok(None));
    }

    proptest! {
        /// No text that passes holds an unprintable character, and every text without one
        /// passes (when its length fits).
        #[test]
        fn printable_is_exactly_the_absence_of_unprintables(s in "\\PC{0,20}[\\x00-\\x1f\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}]?\\PC{0,20}") {
            let clean = !s.trim().chars().any(|c| is_unprintable(c, Lines::One));
            let outcome = required_text("name", &s, 100);
            if s.trim().is_empty() {
                prop_assert!(outcome.is_err());
            } else {
                prop_assert_eq!(outcome.is_ok(), clean);
            }
        }
    }

    #[test]
    fn payments_take_a_positive_amount_a_known_channel_and_no_future_day() {
        assert_eq!(payment_amount("1200.5").unwrap().to_string(), "1200.50");
        for bad in ["0", "-1", "1.234", "abc", ""] {
            assert_eq!(
                payment_amount(bad).unwrap_err().code(),
                ErrorCode::ContributionAmount,
                "{bad}"
            );
        }
        assert!(paid_on(day("2026-12-02"), day("2026-12-02")).is_ok());
        assert_eq!(
            paid_on(day("2026-12-03"), day("2026-12-02"))
                .unwrap_err()
                .code(),
            ErrorCode::ContributionPaidOn
        );
    }

    #[test]
    fn the_catalogue_states_the_limits_these_rules_apply() {
        assert!(ErrorCode::PasswordTooShort
            .en()
            .contains(&MIN_PASSWORD_CHARS.to_string()));
        assert!(ErrorCode::ClaimRejectionText.en().contains("2 to 500"));
        assert!(ErrorCode::ClaimComment
            .en()
            .contains(&MAX_COMMENT_CHARS.to_string()));
        assert!(ErrorCode::ContributionReference
            .en()
            .contains(&MAX_REFERENCE_CHARS.to_string()));
        assert!(ErrorCode::UnmaskPurposeRequired.en().contains("4 to 200"));
        assert!(ErrorCode::StaffInvalidUsername.en().contains("3 to 32"));
    }

    proptest! {
        #[test]
        fn a_kept_username_is_accepted_again_unchanged(s in "[ A-Za-z0-9_.-]{0,40}") {
            if let Ok(kept) = username(&s) {
                prop_assert_eq!(username(&kept), Ok(kept.clone()));
            }
        }

        #[test]
        fn trimmed_texts_never_start_or_end_with_space(s in "\\PC{0,80}") {
            for kept in [unmask_purpose(&s), rejection_text(&s), payment_reference(&s)].into_iter().flatten() {
                prop_assert_eq!(kept.trim(), kept.as_str());
            }
        }
    }
}
