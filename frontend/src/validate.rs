//! Checks of what is typed into member forms, with the server's own rules (huzhu-domain).
//! While a number is still being typed and could yet become valid, no error is shown; once the
//! form has been sent (`finished`), every problem is.

use huzhu_domain::{BankCard, IdNumber, Mobile};

use crate::i18n::{I18n, Key};

fn digits_so_far(s: &str, allowed: &[char], max: usize) -> bool {
    s.chars().filter(char::is_ascii_digit).count() < max
        && s.chars()
            .all(|c| c.is_ascii_digit() || allowed.contains(&c))
}

/// Why `input` is not a resident ID number (nothing while it is empty).
pub fn id_number_error(i18n: &I18n, input: &str, finished: bool) -> Option<String> {
    let s = input.trim();
    if s.is_empty() || (!finished && digits_so_far(s, &[], 18) && s.len() < 18) {
        return None;
    }
    IdNumber::parse(s).err().map(|e| i18n.id_number_error(&e))
}

/// Why `input` is not a mobile number (nothing while it is empty).
pub fn mobile_error(i18n: &I18n, input: &str, finished: bool) -> Option<String> {
    let s = input.trim();
    if s.is_empty() || (!finished && digits_so_far(s, &['+', ' ', '-'], 11)) {
        return None;
    }
    Mobile::parse(s)
        .err()
        .map(|_| i18n.t(Key::ErrMobileFormat).to_owned())
}

/// What is wrong with a bank card number as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardProblem {
    /// Not 16 to 19 digits: the server refuses it.
    Format,
    /// The check digit is wrong: accepted only when someone confirms the number.
    Luhn,
}

pub fn bank_card_problem(input: &str, finished: bool) -> Option<CardProblem> {
    let s = input.trim();
    if s.is_empty() || (!finished && digits_so_far(s, &[' '], 16)) {
        return None;
    }
    match BankCard::parse(s) {
        Err(_) => Some(CardProblem::Format),
        Ok(card) if !card.passes_luhn() => Some(CardProblem::Luhn),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use yew::Callback;

    fn zh() -> I18n {
        I18n {
            lang: Lang::Zh,
            set_lang: Callback::noop(),
        }
    }

    #[test]
    fn id_numbers_are_checked_once_complete() {
        let i = zh();
        assert_eq!(id_number_error(&i, "", true), None);
        assert_eq!(id_number_error(&i, "4403041985", false), None);
        assert!(id_number_error(&i, "4403041985", true).is_some());
        assert!(id_number_error(&i, "44030419851120456a", false).is_some());
        assert_eq!(id_number_error(&i, "440304198511204567", false), None);
        assert_eq!(
            id_number_error(&i, "440304198511204568", false).as_deref(),
            Some(i.t(Key::ErrIdCheckDigit))
        );
    }

    #[test]
    fn mobiles_and_cards() {
        let i = zh();
        assert_eq!(mobile_error(&i, "138001", false), None);
        assert!(mobile_error(&i, "138001", true).is_some());
        assert_eq!(mobile_error(&i, "+86 138 0013 8002", false), None);
        assert!(mobile_error(&i, "12800138002", false).is_some());

        assert_eq!(bank_card_problem("6222 0212", false), None);
        assert_eq!(
            bank_card_problem("62220212", true),
            Some(CardProblem::Format)
        );
        assert_eq!(
            bank_card_problem("6222021234567890129", false),
            Some(CardProblem::Luhn)
        );
        assert_eq!(bank_card_problem("4111111111111111", false), None);
    }
}
