//! 议事与监督: the governance workspace. Everyone with a seat sees the meetings of their bodies;
//! the council, the supervisory board and the secretariat also see every body's term and seats
//! and the budgets adopted; the secretariat convenes meetings.

use chrono::{Duration, NaiveDateTime};
use huzhu_api_types::{Articles, Budget, MeetingRequest, MeetingSummary, Term};
use huzhu_domain::governance::{
    Body, InspectionStatus, MeetingStatus, MotionStatus, DEFAULT_NOTICE_DAYS,
};
use huzhu_domain::Permission;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::busy::submit;
use crate::components::form::{select_value, setter, ErrorMessage, FormFooter, TextField};
use crate::components::nav_link::NavLink;
use crate::format;
use crate::i18n::{body_key, position_key, use_i18n, I18n, Key};
use crate::route::Route;
use crate::session::use_session;

type Loaded<T> = Option<Result<T, ApiError>>;

/// A `datetime-local` value, read as China Standard Time.
pub fn cst_to_utc(value: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .ok()
        .map(|t| (t - Duration::hours(8)).and_utc())
}

#[function_component(GovernancePage)]
pub fn governance_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let meetings = use_state(|| None::<Result<Vec<MeetingSummary>, ApiError>>);
    let terms = use_state(|| None::<Result<Vec<Term>, ApiError>>);
    let budgets = use_state(|| None::<Result<Vec<Budget>, ApiError>>);
    let articles = use_state(|| None::<Result<Vec<Articles>, ApiError>>);
    let reload = use_state(|| 0u32);
    let api = session.as_ref().map(|s| s.api.clone());
    let reads = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::GovernanceRead));
    let manages = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::GovernanceManage));
    {
        let (api, meetings, terms, budgets, articles) = (
            api.clone(),
            meetings.clone(),
            terms.clone(),
            budgets.clone(),
            articles.clone(),
        );
        use_effect_with(*reload, move |_| {
            if let Some(api) = api {
                yew::platform::spawn_local(async move {
                    meetings.set(Some(api.meetings().await));
                    articles.set(Some(api.articles().await));
                    if reads {
                        terms.set(Some(api.governance_terms().await));
                        budgets.set(Some(api.budgets().await));
                    }
                });
            }
        });
    }
    if api.is_none() {
        return html! {};
    }
    let on_convened = {
        let navigator = use_navigator();
        Callback::from(move |id: i64| {
            if let Some(n) = &navigator {
                n.push(&Route::Meeting { id });
            }
        })
    };
    html! {
        <section class="page" data-testid="page-governance">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavGovernance) }</h1>
            </div>
            <h2>{ i18n.t(Key::Meetings) }</h2>
            { meetings_table(&i18n, &meetings) }
            if manages {
                <ConveneForm on_done={on_convened} />
            }
            if reads {
                <h2>{ i18n.t(Key::BodiesAndSeats) }</h2>
                { terms_list(&i18n, &terms) }
                <h2>{ i18n.t(Key::Budgets) }</h2>
                { budgets_table(&i18n, &budgets) }
            }
            <h2>{ i18n.t(Key::ArticlesOfAssociation) }</h2>
            { articles_in_force(&i18n, &articles) }
        </section>
    }
}

fn meetings_table(i18n: &I18n, meetings: &Loaded<Vec<MeetingSummary>>) -> Html {
    let list = match meetings {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) if list.is_empty() => {
            return html! { <p class="muted" data-testid="no-meetings">{ i18n.t(Key::NoMeetings) }</p> }
        }
        Some(Ok(list)) => list,
    };
    html! {
        <div class="table-wrap">
            <table data-testid="meeting-list">
                <thead><tr>
                    <th>{ i18n.t(Key::Meeting) }</th>
                    <th>{ i18n.t(Key::Body) }</th>
                    <th>{ i18n.t(Key::MeetingStarts) }</th>
                    <th>{ i18n.t(Key::Status) }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|m| html! {
                        <tr key={m.id} data-testid="meeting-row">
                            <td><NavLink to={Route::Meeting { id: m.id }}>{ m.title.clone() }</NavLink></td>
                            <td>{ i18n.t(body_key(m.body)) }</td>
                            <td class="nowrap">{ format::date_time(&m.starts_at) }</td>
                            <td>{ status_pill(i18n, m.status) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// How a governance record's status is shown: the class of its pill and its words.
pub trait StatusPill: Copy + std::fmt::Display {
    fn pill(self) -> (&'static str, Key);
}

impl StatusPill for MeetingStatus {
    fn pill(self) -> (&'static str, Key) {
        match self {
            MeetingStatus::Scheduled => ("pill warn", Key::MeetingScheduled),
            MeetingStatus::Closed => ("pill", Key::MeetingClosed),
        }
    }
}

impl StatusPill for MotionStatus {
    fn pill(self) -> (&'static str, Key) {
        match self {
            MotionStatus::Open => ("pill warn", Key::MotionOpen),
            MotionStatus::Passed => ("pill on", Key::MotionPassed),
            MotionStatus::NotPassed => ("pill off", Key::MotionNotPassed),
        }
    }
}

impl StatusPill for InspectionStatus {
    fn pill(self) -> (&'static str, Key) {
        match self {
            InspectionStatus::Open => ("pill warn", Key::InspectionOpen),
            InspectionStatus::Answered => ("pill on", Key::InspectionAnswered),
            InspectionStatus::Closed => ("pill", Key::InspectionClosed),
        }
    }
}

pub fn status_pill(i18n: &I18n, status: impl StatusPill) -> Html {
    let (class, key) = status.pill();
    html! { <span class={class} data-status={status.to_string()}>{ i18n.t(key) }</span> }
}

fn terms_list(i18n: &I18n, terms: &Loaded<Vec<Term>>) -> Html {
    let list = match terms {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) if list.is_empty() => {
            return html! { <p class="muted">{ i18n.t(Key::NoTerms) }</p> }
        }
        Some(Ok(list)) => list,
    };
    html! {
        <div class="cards" data-testid="term-list">
            { for list.iter().map(|t| html! {
                <article class="card" key={t.id} data-testid="term-card">
                    <h3>{ i18n.t(body_key(t.body)) }{ " · " }{ i18n.tf(Key::TermNumber, &[&t.number.to_string()]) }</h3>
                    <p class="muted">{ format!("{} – {}", t.starts_on, t.ends_on) }
                        if t.extended { { " · " }{ i18n.t(Key::TermExtended) } }
                    </p>
                    <ul class="plain">
                        { for t.seats.iter().map(|s| html! {
                            <li key={s.id}>{ s.holder.clone() }{ " · " }<span class="muted">{ i18n.t(position_key(t.body, s.position)) }</span></li>
                        }) }
                    </ul>
                </article>
            }) }
        </div>
    }
}

fn budgets_table(i18n: &I18n, budgets: &Loaded<Vec<Budget>>) -> Html {
    let list = match budgets {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) if list.is_empty() => {
            return html! { <p class="muted">{ i18n.t(Key::NoBudgets) }</p> }
        }
        Some(Ok(list)) => list,
    };
    html! {
        <div class="table-wrap">
            <table data-testid="budget-list">
                <thead><tr>
                    <th>{ i18n.t(Key::BudgetYear) }</th>
                    <th>{ i18n.t(Key::ReservePercent) }</th>
                    <th>{ i18n.t(Key::ExpenseCapPercent) }</th>
                    <th>{ i18n.t(Key::AdoptedAt) }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|b| html! {
                        <tr key={b.terms.year}>
                            <td>{ b.terms.year }</td>
                            <td>{ format!("{} %", b.terms.reserve_percent) }</td>
                            <td>{ format!("{} %", b.terms.expense_cap_percent) }</td>
                            <td class="nowrap">{ format::date_time(&b.adopted_at) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The version of the articles in force (the latest adopted), with the resolution behind it.
fn articles_in_force(i18n: &I18n, articles: &Loaded<Vec<Articles>>) -> Html {
    match articles {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) => match list.first() {
            None => html! { <p class="muted">{ i18n.t(Key::NoArticles) }</p> },
            Some(a) => html! {
                <article class="card" data-testid="articles">
                    <p class="muted">{ i18n.tf(Key::ArticlesVersion, &[&a.version.to_string(), &format::date_time(&a.adopted_at)]) }</p>
                    <p class="prewrap">{ a.text.clone() }</p>
                </article>
            },
        },
    }
}

#[derive(Properties, PartialEq)]
struct ConveneProps {
    on_done: Callback<i64>,
}

/// Convening a meeting: the body, the title and place, when, and the day notice went out (the
/// server checks the notice period and says by when notice should have gone).
#[function_component(ConveneForm)]
fn convene_form(props: &ConveneProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let body = use_state(|| Body::Council);
    let title = use_state(String::new);
    let location = use_state(String::new);
    let starts = use_state(String::new);
    let notice = use_state(|| format::china_today().to_string());
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let incomplete = use_state(|| None::<String>);
    let Some(session) = session else {
        return html! {};
    };
    let onsubmit = {
        let (body, title, location, starts, notice) = (
            body.clone(),
            title.clone(),
            location.clone(),
            starts.clone(),
            notice.clone(),
        );
        let (busy, error, incomplete, on_done, api, i18n) = (
            busy.clone(),
            error.clone(),
            incomplete.clone(),
            props.on_done.clone(),
            session.api.clone(),
            i18n.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(starts_at), Ok(notice_given_on)) =
                (cst_to_utc(&starts), notice.parse::<chrono::NaiveDate>())
            else {
                incomplete.set(Some(i18n.t(Key::MeetingWhenNeeded).to_owned()));
                return;
            };
            incomplete.set(None);
            error.set(None);
            let request = MeetingRequest {
                body: *body,
                title: (*title).clone(),
                location: (*location).clone(),
                starts_at,
                notice_given_on,
            };
            let api = api.clone();
            let done = on_done.reform(|m: huzhu_api_types::Meeting| m.summary.id);
            submit(
                &busy,
                &error,
                &done,
                async move { api.convene(&request).await },
            );
        })
    };
    let on_body = {
        let body = body.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = Body::parse(&select_value(&e)) {
                body.set(chosen);
            }
        })
    };
    html! {
        <form class="form card" {onsubmit} data-testid="convene-form">
            <h2>{ i18n.t(Key::ConveneMeeting) }</h2>
            <div class="field">
                <label>{ i18n.t(Key::Body) }</label>
                <select onchange={on_body} data-testid="meeting-body">
                    { for Body::ALL.iter().map(|b| html! {
                        <option value={b.as_str()} selected={*body == *b}>{ i18n.t(body_key(*b)) }</option>
                    }) }
                </select>
            </div>
            <TextField label={i18n.t(Key::MeetingTitle)} value={(*title).clone()} oninput={setter(&title)} testid="meeting-title" required=true />
            <TextField label={i18n.t(Key::MeetingPlace)} value={(*location).clone()} oninput={setter(&location)} testid="meeting-location" required=true />
            <TextField label={i18n.t(Key::MeetingStarts)} input_type="datetime-local" value={(*starts).clone()} oninput={setter(&starts)} testid="meeting-starts" required=true />
            <TextField label={i18n.t(Key::NoticeGivenOn)} input_type="date" value={(*notice).clone()} oninput={setter(&notice)} testid="meeting-notice"
                       hint={i18n.tf(Key::NoticeHint, &[&DEFAULT_NOTICE_DAYS.to_string()])} required=true />
            <FormFooter incomplete={(*incomplete).clone()} error={error.as_ref().map(|e| e.text(i18n.lang))}
                        busy={*busy} submit_label={i18n.t(Key::ConveneMeeting)} submit_testid="convene-submit" />
        </form>
    }
}
