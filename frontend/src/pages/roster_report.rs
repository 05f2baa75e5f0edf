//! The result of checking a roster: the totals, each row's problems by line and column, and the
//! problems of the union as a whole.

use std::rc::Rc;

use huzhu_api_types::{RosterIssue, RosterReport};
use huzhu_domain::plan::PlanTerms;
use huzhu_domain::Money;
use yew::prelude::*;

use crate::api::RosterQuery;
use crate::components::form::{ErrorMessage, SuccessMessage};
use crate::components::paged::{local_page, paged_table};
use crate::format;
use crate::i18n::{roster_column_key, use_i18n, Key};
use crate::roster_text::{issue_text, unit_problem_text, UnitFigures};

/// Problems shown at a time.
const PAGE_SIZE: i64 = 50;

/// A check and what it ran on: an enrollment sends these very bytes with this very query.
#[derive(Clone, PartialEq)]
pub struct Checked {
    pub query: RosterQuery,
    pub bytes: Rc<Vec<u8>>,
    pub content_type: String,
    pub report: RosterReport,
    /// The report came with the server's refusal to enroll (`roster.invalid`).
    pub refused: bool,
}

impl Checked {
    /// Nothing stands in the way of enrolling.
    pub fn is_clean(&self) -> bool {
        !self.refused && self.report.issues.is_empty() && self.report.unit_problems.is_empty()
    }
}

#[derive(Properties, PartialEq)]
pub struct RosterReportProps {
    pub checked: Checked,
    /// The plan checked against, for the figures in the problems.
    pub terms: Option<PlanTerms>,
    /// The union, plan, shares or headcount have changed since.
    pub stale: bool,
}

#[function_component(RosterReportView)]
pub fn roster_report_view(props: &RosterReportProps) -> Html {
    let i18n = use_i18n();
    let offset = use_state(|| 0i64);
    {
        let offset = offset.clone();
        let r = &props.checked.report;
        let which = (r.file_sha256.clone(), r.issues.len(), props.checked.refused);
        use_effect_with(which, move |_| offset.set(0));
    }
    let c = &props.checked;
    let r = &c.report;
    let terms = props.terms.as_ref();
    let problems = r.issues.len() + r.unit_problems.len();
    let premium =
        Money::parse(&r.premium_total).map_or_else(|_| r.premium_total.clone(), format::yuan);
    let figures = UnitFigures {
        terms,
        headcount: c.query.headcount,
        enrolled: r.valid_rows,
    };
    let status = if c.refused {
        html! { <ErrorMessage text={i18n.t(Key::ReportRefused).to_owned()} testid="roster-refused" /> }
    } else if problems > 0 {
        html! { <ErrorMessage text={i18n.tf(Key::ReportProblems, &[&problems.to_string()])} testid="roster-problems" /> }
    } else if !props.stale {
        html! { <SuccessMessage text={i18n.t(Key::ReportOk).to_owned()} testid="roster-ok" /> }
    } else {
        html! {}
    };
    let on_page = {
        let offset = offset.clone();
        Callback::from(move |o: i64| offset.set(o))
    };
    let page = Some(Ok(local_page(&r.issues, PAGE_SIZE, *offset)));
    let columns = [Key::IssueLine, Key::IssueColumn, Key::IssueProblem];
    let row = |issue: &RosterIssue| {
        html! {
            <tr data-testid="roster-issue" data-line={issue.line.to_string()} data-code={issue.code.as_str()}>
                <td class="nowrap">{ issue.line }</td>
                <td class="nowrap">{ i18n.code_or(roster_column_key(&issue.column), &issue.column) }</td>
                <td>{ issue_text(i18n.lang, issue, terms) }</td>
            </tr>
        }
    };

    html! {
        <section class="card roster-report" data-testid="roster-report" aria-live="polite">
            <h2>{ i18n.t(Key::CheckResult) }</h2>
            <dl class="facts" data-testid="roster-totals">
                <dt>{ i18n.t(Key::ReportRows) }</dt><dd data-testid="roster-rows">{ r.rows }</dd>
                <dt>{ i18n.t(Key::ReportValidRows) }</dt><dd data-testid="roster-valid-rows">{ r.valid_rows }</dd>
                <dt>{ i18n.t(Key::ReportNewMembers) }</dt><dd data-testid="roster-new-members">{ r.new_members }</dd>
                <dt>{ i18n.t(Key::PremiumTotal) }</dt><dd data-testid="roster-premium-total">{ premium }</dd>
            </dl>
            { status }
            if props.stale {
                <div class="message warn" role="status" data-testid="roster-stale">{ i18n.t(Key::ReportStale) }</div>
            }
            if !r.unit_problems.is_empty() {
                <h3>{ i18n.t(Key::UnitProblems) }</h3>
                <ul class="unit-problems" data-testid="roster-unit-problems">
                    { for r.unit_problems.iter().map(|p| html! {
                        <li data-testid="roster-unit-problem" data-code={p.code.as_str()}>
                            { unit_problem_text(i18n.lang, p, figures) }
                        </li>
                    }) }
                </ul>
            }
            if !r.issues.is_empty() {
                { paged_table(&i18n, &page, "", on_page, "roster-issues", &columns, row) }
            }
        </section>
    }
}
