//! 保障计划: the plans open for enrollment, each with who may join and what it pays; for staff
//! allowed to read the catalogue, every version of every plan as well; administrators draft,
//! and retire versions here (the council approves them and puts them in force); members apply
//! online for the plans open to individual enrollment.

use huzhu_api_types::PlanVersion;
use huzhu_domain::plan::PlanTerms;
use huzhu_domain::plan::PlanVersionState;
use huzhu_domain::{Gender, Permission};
use yew::prelude::*;

use crate::api::{Api, ApiError, PlanStep};
use crate::components::form::{ErrorMessage, SuccessMessage};
use crate::format;
use crate::i18n::{plan_state_key, use_i18n, I18n, Key, Lang};
use crate::pages::enroll_myself::EnrollMyself;
use crate::pages::plan_editor::PlanEditor;
use crate::plan_text;
use crate::session::use_session;

type Loaded = Option<Result<Vec<PlanVersion>, ApiError>>;

#[function_component(PlansPage)]
pub fn plans_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let plans = use_state(|| None as Loaded);
    let versions = use_state(|| None as Loaded);
    let editing = use_state(|| None::<PlanVersion>);
    let notice = use_state(|| None::<String>);
    let failed = use_state(|| None::<String>);
    let reloads = use_state(|| 0u32);
    let can_read_versions = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::PlanRead));
    let can_manage = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::PlanManage));
    let can_enroll = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::OwnEnrollment));
    {
        let api = session.as_ref().map(|s| s.api.clone());
        let (plans, versions) = (plans.clone(), versions.clone());
        use_effect_with((can_read_versions, *reloads), move |(all, _)| {
            if let Some(api) = api {
                let all = *all;
                yew::platform::spawn_local(async move {
                    plans.set(Some(api.plans().await));
                    if all {
                        versions.set(Some(api.plan_versions().await));
                    }
                });
            }
        });
    }

    let catalogue = match &*plans {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="empty-state">{ i18n.t(Key::PlansNone) }</p> }
        }
        Some(Ok(list)) => html! {
            <div class="plan-cards">
                { for list.iter().map(|v| plan_card(&i18n, &v.terms, can_enroll)) }
            </div>
        },
    };
    let Some(api) = session.as_ref().map(|s| s.api.clone()) else {
        return html! {};
    };
    let lang = i18n.lang;
    // After any change the catalogue and the versions are read again.
    let done = {
        let (notice, failed, reloads, editing) = (
            notice.clone(),
            failed.clone(),
            reloads.clone(),
            editing.clone(),
        );
        Callback::from(move |outcome: Result<PlanVersion, ApiError>| {
            match outcome {
                Ok(v) => {
                    let state = crate::i18n::t(lang, crate::i18n::plan_state_key(v.state));
                    notice.set(Some(crate::i18n::tf(
                        lang,
                        Key::PlanSavedNotice,
                        &[&v.code, &v.version.to_string(), state],
                    )));
                    failed.set(None);
                    editing.set(None);
                }
                Err(e) => {
                    notice.set(None);
                    failed.set(Some(e.text(lang)));
                }
            }
            reloads.set(reloads.wrapping_add(1));
        })
    };
    let actions = can_manage.then(|| Actions {
        api: api.clone(),
        edit: {
            let (editing, notice) = (editing.clone(), notice.clone());
            Callback::from(move |v: PlanVersion| {
                notice.set(None);
                editing.set(Some(v));
            })
        },
        done: done.clone(),
    });
    let editor = match (&*editing, can_manage) {
        (Some(base), true) => {
            let on_saved = done.reform(Ok);
            let on_cancel = {
                let editing = editing.clone();
                Callback::from(move |()| editing.set(None))
            };
            html! { <PlanEditor key={base.id} api={api.clone()} base={base.clone()} {on_saved} {on_cancel} /> }
        }
        _ => html! {},
    };
    html! {
        <section class="page" data-testid="page-plans">
            <h1>{ i18n.t(Key::NavPlans) }</h1>
            <SuccessMessage text={(*notice).clone()} testid="plan-notice" />
            <ErrorMessage text={(*failed).clone()} />
            { editor }
            { catalogue }
            if can_read_versions {
                <h2 class="section-title">{ i18n.t(Key::AllVersions) }</h2>
                { versions_table(&i18n, &versions, actions.as_ref()) }
            }
        </section>
    }
}

fn name(lang: Lang, terms: &PlanTerms) -> String {
    match lang {
        Lang::Zh => terms.name_zh.clone(),
        Lang::En => terms.name_en.clone(),
    }
}

fn plan_card(i18n: &I18n, terms: &PlanTerms, can_enroll: bool) -> Html {
    let term = if terms.term_years == 1 {
        i18n.t(Key::TermOneYear).to_owned()
    } else {
        i18n.tf(Key::TermYears, &[&terms.term_years.to_string()])
    };
    let waiting = if terms.waiting_days == 0 {
        i18n.t(Key::NoWaitingPeriod).to_owned()
    } else {
        i18n.tf(Key::Days, &[&terms.waiting_days.to_string()])
    };
    html! {
        <article class="card plan-card" data-testid="plan-card" data-plan-code={terms.code.to_string()}>
            <header class="policy-head">
                <h2>{ name(i18n.lang, terms) }</h2>
                <span class="badge mono">{ terms.code.to_string() }</span>
            </header>
            <dl class="policy-facts">
                <div><dt>{ i18n.t(Key::PricePerShare) }</dt><dd>{ format::yuan(terms.price_per_share) }</dd></div>
                <div><dt>{ i18n.t(Key::MaxShares) }</dt><dd>{ terms.max_shares }</dd></div>
                <div><dt>{ i18n.t(Key::Term) }</dt><dd>{ term }</dd></div>
                <div><dt>{ i18n.t(Key::WaitingPeriod) }</dt><dd>{ waiting }</dd></div>
                <div class="wide-fact"><dt>{ i18n.t(Key::WhoMayJoin) }</dt><dd>{ lines(who_may_join(i18n, terms)) }</dd></div>
                <div class="wide-fact"><dt>{ i18n.t(Key::Enrollment) }</dt><dd>{ lines(enrollment(i18n, terms)) }</dd></div>
            </dl>
            <h3>{ i18n.t(Key::Benefits) }</h3>
            <ul class="benefits">
                { for terms.benefits.iter().map(|b| html! {
                    <li>{ plan_text::benefit(i18n.lang, b) }</li>
                }) }
            </ul>
            if can_enroll && terms.individual_enrollment {
                <EnrollMyself terms={terms.clone()} />
            }
        </article>
    }
}

fn lines(parts: Vec<String>) -> Html {
    html! { for parts.into_iter().map(|p| html! { <span class="fact-line">{ p }</span> }) }
}

fn who_may_join(i18n: &I18n, terms: &PlanTerms) -> Vec<String> {
    let categories = terms
        .categories
        .iter()
        .map(|c| i18n.category(*c))
        .collect::<Vec<_>>()
        .join(i18n.t(Key::ListSeparator));
    let mut out = vec![categories];
    let age = |key, min: u8, max: u8| i18n.tf(key, &[&min.to_string(), &max.to_string()]);
    out.push(age(Key::AgeRange, terms.age.min, terms.age.max));
    if let Some(f) = terms.female_age {
        out.push(age(Key::FemaleAgeRange, f.min, f.max));
    }
    match terms.gender {
        Some(Gender::Female) => out.push(i18n.t(Key::WomenOnly).to_owned()),
        Some(Gender::Male) => out.push(i18n.t(Key::MenOnly).to_owned()),
        None => {}
    }
    out
}

fn enrollment(i18n: &I18n, terms: &PlanTerms) -> Vec<String> {
    let mut out = Vec::new();
    if terms.group_enrollment {
        out.push(i18n.t(Key::GroupEnrollment).to_owned());
    }
    if terms.individual_enrollment {
        out.push(i18n.t(Key::IndividualEnrollment).to_owned());
    }
    if let Some(p) = terms.min_participation_percent {
        out.push(i18n.tf(Key::MinParticipation, &[&p.to_string()]));
    }
    if let Some(n) = terms.min_group_size {
        out.push(i18n.tf(Key::MinGroupSize, &[&n.to_string()]));
    }
    if terms.same_shares_per_unit {
        out.push(i18n.t(Key::SameSharesPerUnit).to_owned());
    }
    if let Some(w) = terms.enrollment_window {
        out.push(i18n.tf(
            Key::EnrollmentWindow,
            &[&w.from.to_string(), &w.to.to_string()],
        ));
    }
    if let Some(d) = terms.fixed_start_date {
        out.push(i18n.tf(Key::FixedStart, &[&d.to_string()]));
    }
    out
}

/// What an administrator can do from the table of versions.
struct Actions {
    api: Api,
    edit: Callback<PlanVersion>,
    done: Callback<Result<PlanVersion, ApiError>>,
}

impl Actions {
    /// `confirm`: a question to ask first (retiring takes a plan out of the catalogue).
    fn step(&self, id: i64, step: PlanStep, confirm: Option<String>) -> Callback<MouseEvent> {
        let (api, done) = (self.api.clone(), self.done.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(question) = &confirm {
                if !gloo::utils::window()
                    .confirm_with_message(question)
                    .unwrap_or(false)
                {
                    return;
                }
            }
            let (api, done) = (api.clone(), done.clone());
            yew::platform::spawn_local(async move {
                done.emit(api.plan_step(id, step).await);
            });
        })
    }

    fn buttons(&self, i18n: &I18n, v: &PlanVersion) -> Html {
        let open = {
            let (edit, v) = (self.edit.clone(), v.clone());
            Callback::from(move |_: MouseEvent| edit.emit(v.clone()))
        };
        let step = |step: PlanStep, key: Key, testid: &'static str| {
            let confirm = (step == PlanStep::Retire)
                .then(|| i18n.tf(Key::ConfirmRetire, &[&v.code, &v.version.to_string()]));
            html! {
                <button type="button" class="button-quiet small" onclick={self.step(v.id, step, confirm)} data-testid={testid}>
                    { i18n.t(key) }
                </button>
            }
        };
        html! {
            <div class="row-actions">
                if v.state == PlanVersionState::Draft {
                    <button type="button" class="button-quiet small" onclick={open} data-testid="plan-edit">{ i18n.t(Key::EditDraft) }</button>
                    <span class="muted small" data-testid="plan-awaits-resolution">{ i18n.t(Key::AwaitsResolution) }</span>
                } else {
                    <button type="button" class="button-quiet small" onclick={open} data-testid="plan-draft-from">{ i18n.t(Key::DraftFromThis) }</button>
                }
                if v.state == PlanVersionState::Active {
                    { step(PlanStep::Retire, Key::RetireVersion, "plan-retire") }
                }
            </div>
        }
    }
}

fn versions_table(i18n: &I18n, versions: &Loaded, actions: Option<&Actions>) -> Html {
    let list = match versions {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(list)) => list,
    };
    let mut sorted: Vec<&PlanVersion> = list.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code).then(b.version.cmp(&a.version)));
    let when = |t: &Option<chrono::DateTime<chrono::Utc>>| {
        t.as_ref().map(format::date_time).unwrap_or_default()
    };
    let columns = [
        Key::PlanCode,
        Key::PlanName,
        Key::Version,
        Key::Status,
        Key::CreatedAt,
        Key::ApprovedAt,
        Key::ActivatedAt,
        Key::RetiredAt,
    ];
    let columns: Vec<Key> = columns
        .into_iter()
        .chain(actions.map(|_| Key::PlanActions))
        .collect();
    html! {
        <div class="table-wrap">
            <table class="list" data-testid="plan-versions">
                <thead><tr>{ for columns.iter().map(|k| html! { <th>{ i18n.t(*k) }</th> }) }</tr></thead>
                <tbody>
                    { for sorted.into_iter().map(|v| html! {
                        <tr data-testid="plan-version-row" data-plan-code={v.code.clone()} data-version={v.version.to_string()} data-state={v.state.as_str()}>
                            <td class="mono">{ v.code.clone() }</td>
                            <td>{ name(i18n.lang, &v.terms) }</td>
                            <td>{ v.version }</td>
                            <td><span class={classes!("status", (v.state == PlanVersionState::Active).then_some("on"))}>
                                { i18n.t(plan_state_key(v.state)) }
                            </span></td>
                            <td class="nowrap">{ format::date_time(&v.created_at) }</td>
                            <td class="nowrap">{ when(&v.approved_at) }</td>
                            <td class="nowrap">{ when(&v.activated_at) }</td>
                            <td class="nowrap">{ when(&v.retired_at) }</td>
                            if let Some(a) = actions {
                                <td>{ a.buttons(i18n, v) }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
