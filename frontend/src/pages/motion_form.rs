//! Tabling a motion: its kind decides what else it carries — the draft plan version put to the
//! council, the budget's reserve share and expense cap, the new articles, or for an election the
//! body, the candidate's account, the position and the supervisors scrutinising it.

use std::collections::BTreeSet;

use huzhu_api_types::{BudgetTerms, MotionRequest, PlanVersion, Term};
use huzhu_domain::governance::{Body, MotionType, Position};
use huzhu_domain::ErrorCode;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::busy::submit;
use crate::components::form::{
    select_value, setter, textarea_value, toggle_in, FormFooter, TextField,
};
use crate::format;
use crate::i18n::{body_key, motion_kind_key, position_key, use_i18n, Key};
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct MotionFormProps {
    pub meeting: i64,
    /// The body meeting, which decides the kinds of motion it takes.
    pub body: Body,
    pub on_done: Callback<()>,
}

#[function_component(MotionForm)]
pub fn motion_form(props: &MotionFormProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let kind = use_state(|| MotionType::General);
    let title = use_state(String::new);
    let text = use_state(String::new);
    let version = use_state(String::new);
    let year = use_state(|| {
        (format::china_today()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap_or(2026)
            + 1)
        .to_string()
    });
    let reserve = use_state(|| "10".to_owned());
    let cap = use_state(|| "8".to_owned());
    let articles = use_state(String::new);
    let elect_to = use_state(|| Body::Council.as_str().to_owned());
    let candidate = use_state(String::new);
    let position = use_state(|| Position::Member.as_str().to_owned());
    let scrutineers = use_state(BTreeSet::<i64>::new);
    let drafts = use_state(Vec::<PlanVersion>::new);
    let terms = use_state(Vec::<Term>::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let api = session.as_ref().map(|s| s.api.clone());
    {
        let (api, drafts, terms) = (api.clone(), drafts.clone(), terms.clone());
        use_effect_with((), move |_| {
            if let Some(api) = api {
                yew::platform::spawn_local(async move {
                    if let Ok(all) = api.plan_versions().await {
                        drafts.set(
                            all.into_iter()
                                .filter(|v| v.state == huzhu_domain::plan::PlanVersionState::Draft)
                                .collect(),
                        );
                    }
                    if let Ok(all) = api.governance_terms().await {
                        terms.set(all);
                    }
                });
            }
        });
    }
    let Some(api) = api else {
        return html! {};
    };
    let onsubmit = {
        let fields = (
            kind.clone(),
            title.clone(),
            text.clone(),
            version.clone(),
            year.clone(),
            reserve.clone(),
            cap.clone(),
            articles.clone(),
            elect_to.clone(),
            candidate.clone(),
            position.clone(),
            scrutineers.clone(),
        );
        let (busy, error, done, meeting) = (
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            props.meeting,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (
                kind,
                title,
                text,
                version,
                year,
                reserve,
                cap,
                articles,
                elect_to,
                candidate,
                position,
                scrutineers,
            ) = &fields;
            let (title, text) = ((**title).clone(), (**text).clone());
            // What the kind needs, typed; a choice left empty is refused here, in both
            // languages, before anything is sent.
            let request =
                match **kind {
                    MotionType::ApprovePlanVersion => version.parse().ok().map(|plan_version_id| {
                        MotionRequest::ApprovePlanVersion {
                            title,
                            text,
                            plan_version_id,
                        }
                    }),
                    MotionType::ApproveBudget => Some(MotionRequest::ApproveBudget {
                        title,
                        text,
                        budget: BudgetTerms {
                            year: year.parse().unwrap_or_default(),
                            reserve_percent: (**reserve).clone(),
                            expense_cap_percent: (**cap).clone(),
                        },
                    }),
                    MotionType::ApproveAnnualReport => {
                        Some(MotionRequest::ApproveAnnualReport { title, text })
                    }
                    MotionType::AmendArticles => Some(MotionRequest::AmendArticles {
                        title,
                        text,
                        articles_text: (**articles).clone(),
                    }),
                    MotionType::Elect => match (
                        Body::parse(elect_to),
                        candidate.trim().parse().ok(),
                        Position::parse(position),
                    ) {
                        (Some(elect_to), Some(candidate_account_id), Some(candidate_position)) => {
                            Some(MotionRequest::Elect {
                                title,
                                text,
                                elect_to,
                                candidate_account_id,
                                candidate_position,
                                scrutineer_seat_ids: scrutineers.iter().copied().collect(),
                            })
                        }
                        _ => None,
                    },
                    MotionType::General => Some(MotionRequest::General { title, text }),
                };
            let Some(request) = request else {
                error.set(Some(ApiError::local(
                    422,
                    ErrorCode::GovernanceMotionField.as_str(),
                )));
                return;
            };
            let (api, error, done) = (api.clone(), error.clone(), done.clone());
            error.set(None);
            submit(&busy, &error, &done.reform(|_| ()), async move {
                api.table_motion(meeting, &request).await
            });
        })
    };
    let select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(select_value(&e)))
    };
    let on_articles = {
        let articles = articles.clone();
        Callback::from(move |e: InputEvent| articles.set(textarea_value(&e)))
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(textarea_value(&e)))
    };
    let board_seats: Vec<_> = terms
        .iter()
        .filter(|t| t.body == Body::SupervisoryBoard)
        .flat_map(|t| t.seats.iter().cloned())
        .collect();
    let k = *kind;
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = MotionType::parse(&select_value(&e)) {
                kind.set(chosen);
            }
        })
    };
    // The body elected to decides what its chair is called (理事长, 监事长).
    let electing = Body::parse(&elect_to).unwrap_or(Body::Council);
    html! {
        <form class="form card" {onsubmit} data-testid="motion-form">
            <h2>{ i18n.t(Key::TableMotion) }</h2>
            <div class="field">
                <label>{ i18n.t(Key::MotionKind) }</label>
                <select onchange={on_kind} data-testid="motion-kind">
                    { for MotionType::ALL.iter().map(|x| html! {
                        <option value={x.as_str()} selected={k == *x}>{ i18n.t(motion_kind_key(*x)) }</option>
                    }) }
                </select>
            </div>
            <TextField label={i18n.t(Key::MotionTitle)} value={(*title).clone()} oninput={setter(&title)} testid="motion-title" required=true />
            <div class="field">
                <label>{ i18n.t(Key::MotionText) }</label>
                <textarea rows="3" value={(*text).clone()} oninput={on_text} data-testid="motion-text" />
            </div>
            if k == MotionType::ApprovePlanVersion {
                <div class="field">
                    <label>{ i18n.t(Key::DraftVersion) }</label>
                    <select onchange={select(&version)} data-testid="motion-plan-version">
                        <option value="" selected={version.is_empty()}>{ "—" }</option>
                        { for drafts.iter().map(|v| html! {
                            <option value={v.id.to_string()} selected={*version == v.id.to_string()}>
                                { format!("{} v{} · {}", v.code, v.version, v.terms.name_zh) }
                            </option>
                        }) }
                    </select>
                </div>
            }
            if k == MotionType::ApproveBudget {
                <TextField label={i18n.t(Key::BudgetYear)} value={(*year).clone()} oninput={setter(&year)} inputmode="numeric" testid="motion-budget-year" />
                <TextField label={i18n.t(Key::ReservePercent)} value={(*reserve).clone()} oninput={setter(&reserve)} inputmode="decimal" testid="motion-reserve" />
                <TextField label={i18n.t(Key::ExpenseCapPercent)} value={(*cap).clone()} oninput={setter(&cap)} inputmode="decimal" testid="motion-cap" />
            }
            if k == MotionType::AmendArticles {
                <div class="field">
                    <label>{ i18n.t(Key::ArticlesText) }</label>
                    <textarea rows="6" value={(*articles).clone()} oninput={on_articles} data-testid="motion-articles" />
                </div>
            }
            if k == MotionType::Elect {
                <div class="field">
                    <label>{ i18n.t(Key::ElectTo) }</label>
                    <select onchange={select(&elect_to)} data-testid="motion-elect-to">
                        { for [Body::Council, Body::SupervisoryBoard, Body::StandingCouncil].iter().map(|b| html! {
                            <option value={b.as_str()} selected={*elect_to == b.as_str()}>{ i18n.t(body_key(*b)) }</option>
                        }) }
                    </select>
                </div>
                <TextField label={i18n.t(Key::CandidateAccount)} value={(*candidate).clone()} oninput={setter(&candidate)} inputmode="numeric" testid="motion-candidate" />
                <div class="field">
                    <label>{ i18n.t(Key::Position) }</label>
                    <select onchange={select(&position)} data-testid="motion-position">
                        { for Position::ALL.iter().map(|p| html! {
                            <option value={p.as_str()} selected={*position == p.as_str()}>{ i18n.t(position_key(electing, *p)) }</option>
                        }) }
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{ i18n.t(Key::ScrutineersLabel) }</legend>
                    { for board_seats.iter().map(|s| html! {
                        <label key={s.id} class="inline-label">
                            <input type="checkbox" checked={scrutineers.contains(&s.id)} onchange={toggle_in(&scrutineers, s.id)} />
                            { " " }{ s.holder.clone() }
                        </label>
                    }) }
                </fieldset>
            }
            <p class="muted small">{ i18n.tf(Key::MotionBodyHint, &[i18n.t(body_key(props.body))]) }</p>
            <FormFooter error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::TableMotion)} submit_testid="motion-submit" />
        </form>
    }
}
