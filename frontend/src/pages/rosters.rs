//! 参保名单: a grassroots union's roster checked against a plan (a dry run, nothing written),
//! then enrolled all at once; the batch it makes opens for its payment.

use std::rc::Rc;

use huzhu_api_types::{EnrollmentBatch, OrgUnitRef, PlanVersion};
use huzhu_domain::plan::PlanTerms;
use huzhu_domain::{OrgUnitKind, Permission};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{ApiError, RosterQuery};
use crate::components::busy::{run_busy, submit};
use crate::components::form::{select_value, setter, FormFooter, TextField};
use crate::components::unit_picker::UnitPicker;
use crate::i18n::{use_i18n, I18n, Key, Lang};
use crate::pages::forbidden::Forbidden;
use crate::pages::roster_report::{Checked, RosterReportView};
use crate::roster_text::{csv_data_url, template_csv};
use crate::route::Route;
use crate::session::use_session;

/// The server's limit on a roster file.
const MAX_BYTES: f64 = 16.0 * 1024.0 * 1024.0;
pub(crate) const XLSX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Plans = Option<Result<Vec<PlanVersion>, ApiError>>;

/// The shares typed, if a whole number the plan allows.
fn shares_of(text: &str, terms: Option<&PlanTerms>) -> Option<u32> {
    let max = terms.map_or(u32::MAX, |t| t.max_shares);
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
}

/// The headcount typed: `Ok(None)` when left empty where the plan does not need it.
fn headcount_of(text: &str, terms: Option<&PlanTerms>) -> Result<Option<u32>, ()> {
    let needed = terms.is_some_and(|t| t.min_participation_percent.is_some());
    match text.trim() {
        "" if needed => Err(()),
        "" => Ok(None),
        t => t.parse::<u32>().ok().filter(|n| *n > 0).map(Some).ok_or(()),
    }
}

/// The file's bytes (read once: the commit sends exactly what was checked) and media type.
pub(crate) async fn read_file(file: File) -> Result<(Rc<Vec<u8>>, String), ApiError> {
    if file.size() > MAX_BYTES {
        return Err(ApiError::local(413, "request.too_large"));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ApiError::local(0, crate::api::CODE_FILE_UNREADABLE))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let content_type = match file.type_() {
        t if !t.is_empty() => t,
        _ if file.name().to_lowercase().ends_with(".xlsx") => XLSX_TYPE.to_owned(),
        _ => "text/csv".to_owned(),
    };
    Ok((Rc::new(bytes), content_type))
}

fn plan_name(lang: Lang, terms: &PlanTerms) -> String {
    let name = match lang {
        Lang::Zh => &terms.name_zh,
        Lang::En => &terms.name_en,
    };
    format!("{} · {name}", terms.code.as_str())
}

#[function_component(RostersPage)]
pub fn rosters_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator();
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::MemberManage));
    let own_union = session
        .as_ref()
        .and_then(|s| s.me.org_unit.clone())
        .filter(|u| u.kind == OrgUnitKind::GrassrootsUnion);
    let unit = use_state(move || own_union);
    let plans = use_state(|| None as Plans);
    let plan_code = use_state(String::new);
    let shares = use_state(|| "1".to_owned());
    let headcount = use_state(String::new);
    let file = use_state(|| None::<File>);
    let checked = use_state(|| None::<Checked>);
    let tried = use_state(|| false);
    let checking = use_state(|| false);
    let committing = use_state(|| false);
    let error = use_state(|| None::<ApiError>);

    let api = session.as_ref().map(|s| s.api.clone());
    {
        let (api, plans) = (api.clone(), plans.clone());
        use_effect_with(allowed, move |allowed| {
            if let (Some(api), true) = (api, *allowed) {
                yew::platform::spawn_local(async move {
                    let only_groups = api.plans().await.map(|all| {
                        all.into_iter()
                            .filter(|v| v.terms.group_enrollment)
                            .collect()
                    });
                    plans.set(Some(only_groups));
                });
            }
        });
    }
    let Some(api) = api else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }

    let group_plans: &[PlanVersion] = match &*plans {
        Some(Ok(list)) => list,
        _ => &[],
    };
    let terms = group_plans
        .iter()
        .map(|v| &v.terms)
        .find(|t| t.code.as_str() == plan_code.as_str());
    let shares_value = shares_of(&shares, terms);
    let headcount_value = headcount_of(&headcount, terms);
    let query = match (&*unit, terms, shares_value, headcount_value) {
        (Some(u), Some(t), Some(s), Ok(h)) => Some(RosterQuery {
            org_unit_id: u.id,
            plan_code: t.code.as_str().to_owned(),
            shares: Some(s),
            headcount: h,
        }),
        _ => None,
    };
    let busy = *checking || *committing;
    let can_commit = !busy
        && checked
            .as_ref()
            .is_some_and(|c| c.is_clean() && Some(&c.query) == query.as_ref());

    let on_checked = {
        let checked = checked.clone();
        Callback::from(move |c: Checked| checked.set(Some(c)))
    };
    let onsubmit = {
        let (api, query, file) = (api.clone(), query.clone(), (*file).clone());
        let (tried, checked, error, checking) = (
            tried.clone(),
            checked.clone(),
            error.clone(),
            checking.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let (Some(query), Some(file)) = (query.clone(), file.clone()) else {
                return;
            };
            error.set(None);
            checked.set(None);
            let api = api.clone();
            submit(&checking, &error, &on_checked, async move {
                let (bytes, content_type) = read_file(file).await?;
                let report = api
                    .check_roster(&query, bytes.clone(), &content_type)
                    .await?;
                Ok(Checked {
                    query,
                    bytes,
                    content_type,
                    report,
                    refused: false,
                })
            });
        })
    };
    let on_commit = {
        let (api, checked, error, committing) = (
            api.clone(),
            checked.clone(),
            error.clone(),
            committing.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*checked).clone() else {
                return;
            };
            error.set(None);
            let (api, navigator, checked, error) = (
                api.clone(),
                navigator.clone(),
                checked.clone(),
                error.clone(),
            );
            let request = {
                let c = c.clone();
                async move {
                    api.commit_roster(&c.query, c.bytes.clone(), &c.content_type)
                        .await
                }
            };
            run_busy(&committing, request, move |outcome| {
                match outcome {
                    Ok(EnrollmentBatch { id, .. }) => {
                        if let Some(nav) = &navigator {
                            nav.push(&Route::Batch { id });
                        }
                    }
                    // Rows changed meaning since the check (e.g. someone enrolled meanwhile).
                    Err(e) => match e.roster_report() {
                        Some(report) => checked.set(Some(Checked {
                            report,
                            refused: true,
                            ..c
                        })),
                        None => error.set(Some(e)),
                    },
                }
            });
        })
    };
    let on_file = {
        let (file, checked, error) = (file.clone(), checked.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            file.set(input.files().and_then(|list| list.get(0)));
            checked.set(None);
            error.set(None);
        })
    };
    // Choosing the same (corrected) file again must count as a new choice.
    let on_file_click = Callback::from(|e: MouseEvent| {
        e.target_unchecked_into::<HtmlInputElement>().set_value("");
    });
    let on_file_cancel = {
        let (file, checked) = (file.clone(), checked.clone());
        Callback::from(move |_: Event| {
            file.set(None);
            checked.set(None);
        })
    };
    let on_select_unit = {
        let unit = unit.clone();
        Callback::from(move |u: OrgUnitRef| unit.set(Some(u)))
    };
    let on_plan = {
        let plan_code = plan_code.clone();
        Callback::from(move |e: Event| plan_code.set(select_value(&e)))
    };

    let shares_error =
        (shares_value.is_none() && (*tried || !shares.trim().is_empty())).then(|| {
            let max = terms.map_or(99, |t| t.max_shares).to_string();
            i18n.tf(Key::ErrShares, &[&max])
        });
    let headcount_error = (headcount_value.is_err() && (*tried || !headcount.trim().is_empty()))
        .then(|| i18n.t(Key::ErrHeadcount).to_owned());
    let incomplete = (*tried && (query.is_none() || file.is_none()))
        .then(|| i18n.t(Key::RosterMissing).to_owned());
    let report = checked.as_ref().map(|c| {
        let stale = Some(&c.query) != query.as_ref();
        let terms = group_plans
            .iter()
            .map(|v| v.terms.clone())
            .find(|t| t.code.as_str() == c.report.plan_code);
        html! { <RosterReportView checked={c.clone()} {terms} {stale} /> }
    });
    let check_label = if *checking {
        Key::RosterChecking
    } else {
        Key::RosterCheck
    };
    let commit_label = if *committing {
        Key::RosterEnrolling
    } else {
        Key::RosterEnroll
    };

    html! {
        <section class="page" data-testid="page-rosters">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavRosters) }</h1>
                <a class="button-quiet" href={csv_data_url(&template_csv(i18n.lang))}
                   download={i18n.t(Key::TemplateFileName)} data-testid="roster-template">
                    { i18n.t(Key::DownloadTemplate) }
                </a>
            </div>
            <p class="muted">{ i18n.t(Key::RosterIntro) }</p>
            <form class="card form-card" {onsubmit} novalidate=true data-testid="roster-form">
                <div class="form-grid">
                    <UnitPicker api={api.clone()} label={i18n.t(Key::RosterUnion)}
                                selected={(*unit).clone()} on_select={on_select_unit}
                                kind={OrgUnitKind::GrassrootsUnion}
                                placeholder={i18n.t(Key::UnionPickerSearch)} testid="roster-union" />
                    { plan_select(&i18n, &plans, &plan_code, on_plan) }
                    <TextField label={i18n.t(Key::DefaultShares)} value={(*shares).clone()}
                               oninput={setter(&shares)} input_type="number" inputmode="numeric"
                               testid="roster-shares" error={shares_error}
                               hint={terms.map(|t| i18n.tf(Key::DefaultSharesHint, &[&t.max_shares.to_string()]))} />
                    <TextField label={i18n.t(Key::Headcount)} value={(*headcount).clone()}
                               oninput={setter(&headcount)} input_type="number" inputmode="numeric"
                               testid="roster-headcount" error={headcount_error}
                               required={terms.is_some_and(|t| t.min_participation_percent.is_some())}
                               hint={terms.map(|t| headcount_hint(&i18n, t))} />
                    <div class="field wide-field">
                        <label>{ i18n.t(Key::RosterFile) }
                            <input type="file" accept=".csv,.xlsx,text/csv" data-testid="roster-file"
                                   onchange={on_file} onclick={on_file_click} oncancel={on_file_cancel} />
                        </label>
                        <div class="field-hint">{ i18n.t(Key::RosterFileHint) }</div>
                    </div>
                </div>
                <FormFooter {incomplete} error={error.as_ref().map(|e| e.text(i18n.lang))} busy={busy}
                            submit_label={i18n.t(check_label)} submit_testid="roster-check">
                    <button type="button" class="button-primary" disabled={!can_commit}
                            onclick={on_commit} data-testid="roster-commit">
                        { i18n.t(commit_label) }
                    </button>
                </FormFooter>
            </form>
            // One slot whether or not there is a report: a list that changes length would be
            // matched from its end and rebuild the form, dropping the chosen file.
            { report.unwrap_or_default() }
        </section>
    }
}

fn headcount_hint(i18n: &I18n, terms: &PlanTerms) -> String {
    match terms.min_participation_percent {
        Some(percent) => i18n.tf(Key::HeadcountNeeded, &[&percent.to_string()]),
        None => i18n.t(Key::HeadcountOptional).to_owned(),
    }
}

/// The plans that take a union's roster.
fn plan_select(i18n: &I18n, plans: &Plans, chosen: &str, onchange: Callback<Event>) -> Html {
    let list = match plans {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <div class="message error">{ e.text(i18n.lang) }</div> },
        Some(Ok(list)) if list.is_empty() => {
            return html! { <p class="muted">{ i18n.t(Key::RosterNoGroupPlans) }</p> }
        }
        Some(Ok(list)) => list,
    };
    html! {
        <div class="field">
            <label>{ i18n.t(Key::RosterPlan) }
                <select {onchange} data-testid="roster-plan">
                    <option value="" selected={chosen.is_empty()}>{ i18n.t(Key::RosterChoosePlan) }</option>
                    { for list.iter().map(|v| {
                        let code = v.terms.code.as_str().to_owned();
                        html! {
                            <option value={code.clone()} selected={code == chosen}>{ plan_name(i18n.lang, &v.terms) }</option>
                        }
                    }) }
                </select>
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use huzhu_domain::plan::examples::guangdong_demo;

    fn plan(code: &str) -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|t| t.code.as_str() == code)
            .unwrap()
    }

    #[test]
    fn shares_and_headcount_follow_the_plan() {
        let zj = plan("ZJ");
        assert_eq!(shares_of("2", Some(&zj)), Some(2));
        assert_eq!(shares_of("0", Some(&zj)), None);
        assert_eq!(shares_of(&(zj.max_shares + 1).to_string(), Some(&zj)), None);
        assert_eq!(shares_of("x", None), None);
        // ZJ has a participation rate: the headcount is required.
        assert_eq!(headcount_of("", Some(&zj)), Err(()));
        assert_eq!(headcount_of("12", Some(&zj)), Ok(Some(12)));
        assert_eq!(headcount_of("0", Some(&zj)), Err(()));
        let without_rate = guangdong_demo()
            .into_iter()
            .find(|t| t.group_enrollment && t.min_participation_percent.is_none())
            .unwrap();
        assert_eq!(headcount_of("", Some(&without_rate)), Ok(None));
        assert_eq!(headcount_of("abc", Some(&without_rate)), Err(()));
    }
}
