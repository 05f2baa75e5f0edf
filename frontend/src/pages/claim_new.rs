//! 申请互助金: a member picks the cover to claim under, says what happened — a hospital stay, a
//! critical illness or an accident — and submits; documents follow on the claim's page.

use huzhu_api_types::{Coverage, OwnClaimRequest, PlanVersion};
use huzhu_domain::adjudication::{
    AccidentEvent, ClaimFacts, ClaimKind, Diagnosis, HospitalLevel, InpatientStay,
};
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::plan::BenefitRule;
use huzhu_domain::{Money, Permission};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::busy::run_busy;
use crate::components::form::{checkbox_checked, select_value, ErrorMessage, TextField};
use crate::format;
use crate::i18n::{claim_kind_key, use_i18n, I18n, Key, Lang};
use crate::pages::forbidden::Forbidden;
use crate::route::Route;
use crate::session::use_session;

/// The form as typed.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    policy: String,
    kind: Option<ClaimKind>,
    admission: String,
    discharge: String,
    hospital: String,
    /// "", "primary", "secondary" or "tertiary".
    level: String,
    diagnosis: String,
    diagnosis_text: String,
    total: String,
    pooled: String,
    in_catalogue: String,
    out_of_catalogue: String,
    invoices: String,
    psychiatric: bool,
    accident_caused: bool,
    basic_insurance: bool,
    disease: String,
    diagnosed_on: String,
    accident_date: String,
    cause: String,
    injury: String,
    death: bool,
    grade: String,
    medical: String,
    days: String,
}

impl Default for Form {
    fn default() -> Self {
        Self {
            policy: String::new(),
            kind: Some(ClaimKind::Inpatient),
            admission: String::new(),
            discharge: String::new(),
            hospital: String::new(),
            level: String::new(),
            diagnosis: String::new(),
            diagnosis_text: String::new(),
            total: String::new(),
            pooled: "0.00".into(),
            in_catalogue: String::new(),
            out_of_catalogue: "0.00".into(),
            invoices: String::new(),
            psychiatric: false,
            accident_caused: false,
            basic_insurance: true,
            disease: String::new(),
            diagnosed_on: String::new(),
            accident_date: String::new(),
            cause: String::new(),
            injury: String::new(),
            death: false,
            grade: String::new(),
            medical: "0.00".into(),
            days: "0".into(),
        }
    }
}

/// The facts the form describes, or the first thing that cannot be read.
fn facts_of(f: &Form, i18n: &I18n) -> Result<ClaimFacts, String> {
    let date = |s: &str| {
        s.trim()
            .parse()
            .map_err(|_| i18n.t(Key::ErrDate).to_owned())
    };
    let money = |s: &str| Money::parse(s).map_err(|_| i18n.t(Key::ErrAmount).to_owned());
    Ok(match f.kind {
        Some(ClaimKind::CriticalIllness) => ClaimFacts::CriticalIllness(Diagnosis {
            disease_code: f.disease.clone(),
            diagnosed_on: date(&f.diagnosed_on)?,
            caused_by_accident: f.accident_caused,
        }),
        Some(ClaimKind::Accident) => ClaimFacts::Accident(AccidentEvent {
            date: date(&f.accident_date)?,
            cause: Some(f.cause.trim().to_owned()).filter(|t| !t.is_empty()),
            injury: Some(f.injury.trim().to_owned()).filter(|t| !t.is_empty()),
            excluded_cause: None,
            disability_grade: f.grade.parse().ok(),
            death: f.death,
            medical_self_pay: money(&f.medical)?,
            hospital_days: f
                .days
                .trim()
                .parse()
                .map_err(|_| i18n.t(Key::ErrWholeNumber).to_owned())?,
        }),
        _ => ClaimFacts::Inpatient(InpatientStay {
            admission: date(&f.admission)?,
            discharge: date(&f.discharge)?,
            hospital: Some(f.hospital.trim().to_owned()).filter(|h| !h.is_empty()),
            hospital_level: match f.level.as_str() {
                "primary" => Some(HospitalLevel::Primary),
                "secondary" => Some(HospitalLevel::Secondary),
                "tertiary" => Some(HospitalLevel::Tertiary),
                _ => None,
            },
            diagnosis_code: f.diagnosis.trim().to_owned(),
            diagnosis_text: Some(f.diagnosis_text.trim().to_owned()).filter(|t| !t.is_empty()),
            psychiatric: f.psychiatric,
            caused_by_accident: f.accident_caused,
            total_cost: money(&f.total)?,
            pooled_fund_paid: money(&f.pooled)?,
            in_catalogue_self_pay: money(&f.in_catalogue)?,
            out_of_catalogue_self_pay: money(&f.out_of_catalogue)?,
            has_basic_insurance: f.basic_insurance,
            invoice_numbers: f
                .invoices
                .split([',', '，', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }),
    })
}

/// The kinds of claim a plan pays for.
fn kinds_of(plan: Option<&PlanVersion>) -> Vec<ClaimKind> {
    let mut out = Vec::new();
    for rule in plan
        .map(|p| p.terms.benefits.as_slice())
        .unwrap_or_default()
    {
        let kind = match rule {
            BenefitRule::DailyAllowance(_) | BenefitRule::Reimbursement(_) => ClaimKind::Inpatient,
            BenefitRule::LumpSum(_) => ClaimKind::CriticalIllness,
            BenefitRule::Accident(_) => ClaimKind::Accident,
        };
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out
}

fn plan_name(lang: Lang, p: &PlanVersion) -> String {
    match lang {
        Lang::Zh => p.terms.name_zh.clone(),
        Lang::En => p.terms.name_en.clone(),
    }
}

#[function_component(NewClaimPage)]
pub fn new_claim_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_state(Form::default);
    let cover = use_state(|| None::<Result<Coverage, ApiError>>);
    let plans = use_state(|| None::<Vec<PlanVersion>>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::OwnClaim));
    {
        let (api, cover, plans) = (api.clone(), cover.clone(), plans.clone());
        use_effect_with((), move |_| {
            if let (Some(api), true) = (api, allowed) {
                yew::platform::spawn_local(async move {
                    cover.set(Some(api.my_coverage(None).await));
                    plans.set(api.plans().await.ok());
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
    let held: Vec<(i64, String)> = match &*cover {
        Some(Ok(c)) => c
            .policies
            .iter()
            .filter(|p| p.status == PolicyState::Active)
            .map(|p| (p.policy_id, p.plan_code.clone()))
            .collect(),
        Some(Err(e)) => {
            return html! { <section class="page"><ErrorMessage text={e.text(i18n.lang)} /></section> }
        }
        None => {
            return html! { <section class="page"><p class="muted">{ i18n.t(Key::Loading) }</p></section> }
        }
    };
    if held.is_empty() {
        return html! {
            <section class="page" data-testid="page-new-claim">
                <h1>{ i18n.t(Key::NewClaim) }</h1>
                <p class="empty-state">{ i18n.t(Key::NoActiveCover) }</p>
            </section>
        };
    }
    let f = &*form;
    let chosen_code = held
        .iter()
        .find(|(id, _)| id.to_string() == f.policy)
        .map(|(_, code)| code.clone());
    let plan = chosen_code.as_ref().and_then(|code| {
        plans
            .as_ref()
            .and_then(|list| list.iter().find(|p| &p.code == code))
    });
    let kinds = kinds_of(plan);
    // A kind the chosen policy's plan pays for.
    let chosen = f.kind.is_some_and(|k| kinds.contains(&k));
    let set = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            apply(&mut next, v);
            form.set(next);
        })
    };
    let pick = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            apply(&mut next, select_value(&e));
            form.set(next);
        })
    };
    let tick = |apply: fn(&mut Form, bool)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            apply(&mut next, checkbox_checked(&e));
            form.set(next);
        })
    };
    let submit = |draft: bool| {
        let (form, busy, error, api, navigator, i18n) = (
            form.clone(),
            busy.clone(),
            error.clone(),
            api.clone(),
            navigator.clone(),
            i18n.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let Ok(policy_id) = form.policy.parse::<i64>() else {
                error.set(Some(i18n.t(Key::ChoosePolicy).to_owned()));
                return;
            };
            let facts = match facts_of(&form, &i18n) {
                Ok(f) => f,
                Err(text) => {
                    error.set(Some(text));
                    return;
                }
            };
            let today = format::china_today();
            if let Some(p) = facts.problems(today).first() {
                error.set(Some(i18n.error(p.code()).to_owned()));
                return;
            }
            error.set(None);
            let (api, navigator, error, lang) =
                (api.clone(), navigator.clone(), error.clone(), i18n.lang);
            let request = OwnClaimRequest {
                policy_id,
                facts,
                draft,
            };
            run_busy(
                &busy,
                async move { api.file_own_claim(&request).await },
                move |outcome| match outcome {
                    Ok(claim) => {
                        if let Some(nav) = &navigator {
                            nav.push(&Route::MyClaim { id: claim.id });
                        }
                    }
                    Err(e) => error.set(Some(e.text(lang))),
                },
            );
        })
    };
    let diseases: Vec<String> = plan
        .map(|p| {
            p.terms
                .benefits
                .iter()
                .filter_map(|b| match b {
                    BenefitRule::LumpSum(l) => Some(
                        l.tiers
                            .iter()
                            .flat_map(|t| t.diseases.clone())
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                })
                .flatten()
                .collect()
        })
        .unwrap_or_default();
    html! {
        <section class="page" data-testid="page-new-claim">
            <h1>{ i18n.t(Key::NewClaim) }</h1>
            <form class="card" novalidate=true data-testid="claim-form">
                <div class="form-grid">
                    <div class="field">
                        <label>{ i18n.t(Key::ClaimPolicy) }</label>
                        <select onchange={pick(|f, v| { f.policy = v; f.kind = None; })} data-testid="claim-policy">
                            <option value="" selected={f.policy.is_empty()}>{ i18n.t(Key::ChoosePolicy) }</option>
                            { for held.iter().map(|(id, code)| {
                                let name = plans.as_ref().and_then(|l| l.iter().find(|p| &p.code == code)).map(|p| plan_name(i18n.lang, p)).unwrap_or_default();
                                html! { <option value={id.to_string()} selected={f.policy == id.to_string()}>{ format!("{code} {name}") }</option> }
                            }) }
                        </select>
                    </div>
                    if !kinds.is_empty() {
                        <div class="field">
                            <label>{ i18n.t(Key::ClaimKind) }</label>
                            <select onchange={pick(|f, v| f.kind = ClaimKind::parse(&v))} data-testid="claim-kind">
                                <option value="" selected={!chosen}>{ "—" }</option>
                                { for kinds.iter().map(|k| html! {
                                    <option value={k.as_str()} selected={f.kind == Some(*k)}>{ i18n.t(claim_kind_key(*k)) }</option>
                                }) }
                            </select>
                        </div>
                    }
                </div>
                if chosen && f.kind == Some(ClaimKind::Inpatient) {
                    <div class="form-grid">
                        <TextField label={i18n.t(Key::Admission)} input_type="date" value={f.admission.clone()} testid="claim-admission" oninput={set(|f, v| f.admission = v)} />
                        <TextField label={i18n.t(Key::Discharge)} input_type="date" value={f.discharge.clone()} testid="claim-discharge" oninput={set(|f, v| f.discharge = v)} />
                        <TextField label={i18n.t(Key::Hospital)} value={f.hospital.clone()} testid="claim-hospital" oninput={set(|f, v| f.hospital = v)} />
                        <div class="field">
                            <label>{ i18n.t(Key::HospitalLevelLabel) }</label>
                            <select onchange={pick(|f, v| f.level = v)} data-testid="claim-hospital-level">
                                <option value="" selected={f.level.is_empty()}>{ "—" }</option>
                                <option value="primary" selected={f.level == "primary"}>{ i18n.t(Key::LevelPrimary) }</option>
                                <option value="secondary" selected={f.level == "secondary"}>{ i18n.t(Key::LevelSecondary) }</option>
                                <option value="tertiary" selected={f.level == "tertiary"}>{ i18n.t(Key::LevelTertiary) }</option>
                            </select>
                        </div>
                        <TextField label={i18n.t(Key::DiagnosisCode)} value={f.diagnosis.clone()} testid="claim-diagnosis" oninput={set(|f, v| f.diagnosis = v)} />
                        <TextField label={i18n.t(Key::DiagnosisText)} value={f.diagnosis_text.clone()} oninput={set(|f, v| f.diagnosis_text = v)} />
                        <TextField label={i18n.t(Key::TotalCost)} inputmode="decimal" value={f.total.clone()} testid="claim-total" oninput={set(|f, v| f.total = v)} />
                        <TextField label={i18n.t(Key::PooledFundPaid)} inputmode="decimal" value={f.pooled.clone()} testid="claim-pooled" oninput={set(|f, v| f.pooled = v)} />
                        <TextField label={i18n.t(Key::InCatalogueSelfPay)} inputmode="decimal" value={f.in_catalogue.clone()} testid="claim-self-pay" oninput={set(|f, v| f.in_catalogue = v)} />
                        <TextField label={i18n.t(Key::OutOfCatalogueSelfPay)} inputmode="decimal" value={f.out_of_catalogue.clone()} oninput={set(|f, v| f.out_of_catalogue = v)} />
                        <TextField label={i18n.t(Key::InvoiceNumbers)} value={f.invoices.clone()} testid="claim-invoices" oninput={set(|f, v| f.invoices = v)} />
                    </div>
                    <fieldset class="checks">
                        <label class="check"><input type="checkbox" checked={f.psychiatric} onchange={tick(|f, v| f.psychiatric = v)} />{ i18n.t(Key::PsychiatricStay) }</label>
                        <label class="check"><input type="checkbox" checked={f.accident_caused} onchange={tick(|f, v| f.accident_caused = v)} />{ i18n.t(Key::CausedByAccident) }</label>
                        <label class="check"><input type="checkbox" checked={f.basic_insurance} onchange={tick(|f, v| f.basic_insurance = v)} />{ i18n.t(Key::HasBasicInsurance) }</label>
                    </fieldset>
                }
                if chosen && f.kind == Some(ClaimKind::CriticalIllness) {
                    <div class="form-grid">
                        <div class="field">
                            <label>{ i18n.t(Key::Disease) }</label>
                            <select onchange={pick(|f, v| f.disease = v)} data-testid="claim-disease">
                                <option value="" selected={f.disease.is_empty()}>{ i18n.t(Key::ChooseDisease) }</option>
                                { for diseases.iter().map(|d| html! { <option value={d.clone()} selected={&f.disease == d}>{ d.replace('_', " ") }</option> }) }
                            </select>
                        </div>
                        <TextField label={i18n.t(Key::DiagnosedOn)} input_type="date" value={f.diagnosed_on.clone()} testid="claim-diagnosed-on" oninput={set(|f, v| f.diagnosed_on = v)} />
                    </div>
                }
                if chosen && f.kind == Some(ClaimKind::Accident) {
                    <div class="form-grid">
                        <TextField label={i18n.t(Key::AccidentDate)} input_type="date" value={f.accident_date.clone()} testid="claim-accident-date" oninput={set(|f, v| f.accident_date = v)} />
                        <TextField label={i18n.t(Key::AccidentCause)} value={f.cause.clone()} oninput={set(|f, v| f.cause = v)} />
                        <TextField label={i18n.t(Key::Injury)} value={f.injury.clone()} oninput={set(|f, v| f.injury = v)} />
                        <div class="field">
                            <label>{ i18n.t(Key::DisabilityGrade) }</label>
                            <select onchange={pick(|f, v| f.grade = v)}>
                                <option value="" selected={f.grade.is_empty()}>{ i18n.t(Key::NoDisability) }</option>
                                { for (1..=10).map(|g: u8| html! { <option value={g.to_string()} selected={f.grade == g.to_string()}>{ i18n.tf(Key::GradeN, &[&g.to_string()]) }</option> }) }
                            </select>
                        </div>
                        <TextField label={i18n.t(Key::MedicalSelfPay)} inputmode="decimal" value={f.medical.clone()} oninput={set(|f, v| f.medical = v)} />
                        <TextField label={i18n.t(Key::HospitalDays)} inputmode="numeric" value={f.days.clone()} oninput={set(|f, v| f.days = v)} />
                    </div>
                    <fieldset class="checks">
                        <label class="check"><input type="checkbox" checked={f.death} onchange={tick(|f, v| f.death = v)} />{ i18n.t(Key::Death) }</label>
                    </fieldset>
                }
                <ErrorMessage text={(*error).clone()} />
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled={*busy || !chosen} onclick={submit(false)} data-testid="claim-submit">{ i18n.t(Key::SubmitClaim) }</button>
                    <button type="button" class="button-quiet" disabled={*busy || !chosen} onclick={submit(true)}>{ i18n.t(Key::SaveAsDraft) }</button>
                </div>
            </form>
        </section>
    }
}
