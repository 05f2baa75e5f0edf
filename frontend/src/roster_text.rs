//! Rosters in words: each problem of a checked roster in the reader's language (the server's
//! own message where the code is not a common one), and the template offered for download.

use huzhu_api_types::{RosterIssue, UnitProblem};
use huzhu_domain::plan::PlanTerms;

use crate::i18n::{error_text, t, tf, Key, Lang};

/// The problem of one row, in words.
pub fn issue_text(lang: Lang, issue: &RosterIssue, terms: Option<&PlanTerms>) -> String {
    let key = match issue.code.as_str() {
        "roster.duplicate" => {
            return match last_number(&issue.message) {
                Some(line) => tf(lang, Key::IssueDuplicateLine, &[&line]),
                None => t(lang, Key::IssueDuplicate).to_owned(),
            }
        }
        "enrollment.shares" => {
            return match terms {
                Some(terms) => tf(
                    lang,
                    Key::IssueSharesRange,
                    &[&terms.max_shares.to_string()],
                ),
                None => error_text(lang, issue.code).to_owned(),
            }
        }
        "roster.formula" => Key::IssueFormula,
        "roster.category" => Key::IssueCategory,
        "roster.shares" => Key::IssueShares,
        "roster.name" => Key::IssueName,
        "roster.other_union" => Key::IssueOtherUnion,
        "roster.pending_exists" => Key::IssuePendingExists,
        "enrollment.age" => Key::IssueAge,
        "enrollment.gender" => Key::IssueGender,
        "enrollment.category" => Key::IssueCategoryNotEligible,
        "enrollment.already_covered" => Key::IssueAlreadyCovered,
        "enrollment.window_closed" => Key::IssueWindowClosed,
        "enrollment.group_not_allowed" => Key::IssueGroupNotAllowed,
        // id_number.*, mobile.format and the rest: the catalogue's wording
        _ => return error_text(lang, issue.code).to_owned(),
    };
    t(lang, key).to_owned()
}

/// What a unit problem is judged on: the plan, and the headcount and valid rows of the check.
#[derive(Clone, Copy, Debug)]
pub struct UnitFigures<'a> {
    pub terms: Option<&'a PlanTerms>,
    pub headcount: Option<u32>,
    pub enrolled: usize,
}

/// A problem of the union as a whole, in words, with the figures to act on.
pub fn unit_problem_text(lang: Lang, problem: &UnitProblem, figures: UnitFigures) -> String {
    let enrolled = figures.enrolled.to_string();
    let terms = figures.terms;
    match problem.code.as_str() {
        "enrollment.participation" => {
            match (
                terms.and_then(|t| t.min_participation_percent),
                figures.headcount,
            ) {
                (Some(percent), Some(headcount)) => {
                    let needed = (u64::from(percent) * u64::from(headcount)).div_ceil(100);
                    tf(
                        lang,
                        Key::UnitParticipation,
                        &[
                            &enrolled,
                            &headcount.to_string(),
                            &percent.to_string(),
                            &needed.to_string(),
                        ],
                    )
                }
                _ => error_text(lang, problem.code).to_owned(),
            }
        }
        "enrollment.group_size" => match terms.and_then(|t| t.min_group_size) {
            Some(min) => tf(lang, Key::UnitGroupSize, &[&enrolled, &min.to_string()]),
            None => error_text(lang, problem.code).to_owned(),
        },
        "enrollment.same_shares" => t(lang, Key::UnitSameShares).to_owned(),
        "enrollment.unit_size" => t(lang, Key::UnitSize).to_owned(),
        "roster.headcount_required" => t(lang, Key::UnitHeadcountRequired).to_owned(),
        "enrollment.window_closed" => t(lang, Key::IssueWindowClosed).to_owned(),
        "enrollment.group_not_allowed" => t(lang, Key::IssueGroupNotAllowed).to_owned(),
        _ => error_text(lang, problem.code).to_owned(),
    }
}

/// The last run of digits in `text` ("... already on line 3" → "3").
fn last_number(text: &str) -> Option<String> {
    text.rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A roster template: a header row and one example row, as CSV in UTF-8 with a byte order
/// mark (so that Excel in China opens it as UTF-8). The server takes the headers and category
/// names in either language.
pub fn template_csv(lang: Lang) -> String {
    let (header, example) = match lang {
        Lang::Zh => (
            "姓名,身份证号,人员类别,份数,手机",
            "张三,440106199001010013,在职职工,1,13800138000",
        ),
        Lang::En => (
            "name,id_number,category,shares,mobile",
            "Zhang San,440106199001010013,in_service,1,13800138000",
        ),
    };
    format!("\u{feff}{header}\r\n{example}\r\n")
}

/// `text` as a `data:` URL of a UTF-8 CSV file, for a download link.
pub fn csv_data_url(text: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu_domain::plan::examples::guangdong_demo;
    use huzhu_domain::IdNumber;

    fn zj() -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|t| t.code.as_str() == "ZJ")
            .unwrap()
    }

    fn issue(code: &str, message: &str) -> RosterIssue {
        RosterIssue {
            line: 4,
            column: "id_number".into(),
            code: code.parse().unwrap(),
            message: message.into(),
        }
    }

    #[test]
    fn row_problems_are_in_the_reader_s_language_never_the_server_s_words() {
        let zj = zj();
        let dup = issue(
            "roster.duplicate",
            "the same ID number is already on line 2",
        );
        assert_eq!(
            issue_text(Lang::Zh, &dup, None),
            "与第 2 行的身份证号重复。"
        );
        assert_eq!(
            issue_text(Lang::En, &dup, None),
            "Same ID number as line 2."
        );
        let check = issue("id_number.check_digit", "wrong check digit");
        assert_eq!(
            issue_text(Lang::Zh, &check, None),
            "身份证号校验码不正确，请核对。"
        );
        let shares = issue(
            "enrollment.shares",
            "9 shares asked; this plan allows 1 to 5",
        );
        assert_eq!(
            issue_text(Lang::Zh, &shares, Some(&zj)),
            format!("份数超出该计划的范围（每人 1–{} 份）。", zj.max_shares)
        );
        for code in [
            "roster.formula",
            "roster.category",
            "roster.shares",
            "roster.name",
            "roster.other_union",
            "roster.pending_exists",
            "enrollment.age",
            "enrollment.gender",
            "enrollment.category",
            "enrollment.already_covered",
            "id_number.format",
            "id_number.birth_date",
            "mobile.format",
        ] {
            let text = issue_text(Lang::Zh, &issue(code, "server words"), Some(&zj));
            assert_ne!(text, "server words", "{code}");
        }
    }

    #[test]
    fn unit_problems_carry_the_figures() {
        let zj = zj();
        let problem = |code: &str| UnitProblem {
            code: code.parse().unwrap(),
            message: "server words".into(),
        };
        let figures = UnitFigures {
            terms: Some(&zj),
            headcount: Some(20),
            enrolled: 9,
        };
        assert_eq!(
            unit_problem_text(Lang::Zh, &problem("enrollment.participation"), figures),
            "参保 9 人，本单位会员 20 人；该计划要求参保人数不少于会员的 60%，即至少 12 人。"
        );
        assert_eq!(
            unit_problem_text(Lang::En, &problem("enrollment.group_size"), figures),
            "9 enrolled; this plan needs at least 10 people from one union."
        );
        assert_eq!(
            unit_problem_text(Lang::Zh, &problem("enrollment.same_shares"), figures),
            "同一单位的参保份数须相同，请统一名单中的份数。"
        );
        let unknown_plan = UnitFigures {
            terms: None,
            ..figures
        };
        assert_eq!(
            unit_problem_text(Lang::Zh, &problem("enrollment.group_size"), unknown_plan),
            "参保人数不足：该计划要求每个单位达到最低参保人数。",
            "without the plan's figures, the catalogue's words, never the server's English"
        );
    }

    #[test]
    fn the_template_is_utf8_with_a_bom_and_a_valid_example() {
        for lang in [Lang::Zh, Lang::En] {
            let csv = template_csv(lang);
            assert!(csv.starts_with('\u{feff}'));
            let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
            assert_eq!(lines.len(), 2, "{csv}");
            let id = lines[1].split(',').nth(1).unwrap();
            assert!(IdNumber::parse(id).is_ok(), "{id}");
        }
        assert!(template_csv(Lang::Zh).contains("姓名,身份证号,人员类别,份数,手机"));
        let url = csv_data_url("\u{feff}姓名,A b\r\n");
        assert_eq!(
            url,
            "data:text/csv;charset=utf-8,%EF%BB%BF%E5%A7%93%E5%90%8D%2CA%20b%0D%0A"
        );
    }
}
