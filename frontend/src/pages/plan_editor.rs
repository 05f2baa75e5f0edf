//! Drafting a plan version (administrators): every parameter of docs/domain.md §2 as a field, the
//! benefit rules as JSON, checked here with the same rules the server applies before it is
//! sent. A draft is edited in place; any other version is the starting point of a new draft.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use huzhu_api_types::PlanVersion;
use huzhu_domain::plan::{
    AgeRange, BenefitProblem, DateRange, DocumentKind, Exclusion, PlanCode, PlanError, PlanTerms,
};
use huzhu_domain::{Gender, MemberCategory, Money};
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{checkbox_checked, select_value, FormFooter, TextField};
use crate::i18n::{document_key, exclusion_key, use_i18n, I18n, Key};

/// The form's fields as typed.
#[derive(Clone, Debug, PartialEq)]
struct Fields {
    code: String,
    name_zh: String,
    name_en: String,
    price_per_share: String,
    max_shares: String,
    same_shares_per_unit: bool,
    categories: BTreeSet<MemberCategory>,
    age_min: String,
    age_max: String,
    female_age_min: String,
    female_age_max: String,
    /// "", "female" or "male".
    gender: String,
    term_years: String,
    waiting_days: String,
    group_enrollment: bool,
    individual_enrollment: bool,
    min_participation_percent: String,
    min_group_size: String,
    window_from: String,
    window_to: String,
    fixed_start_date: String,
    documents: BTreeSet<DocumentKind>,
    exclusions: BTreeSet<Exclusion>,
    benefits: String,
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl Fields {
    fn of(t: &PlanTerms) -> Self {
        Self {
            code: t.code.to_string(),
            name_zh: t.name_zh.clone(),
            name_en: t.name_en.clone(),
            price_per_share: t.price_per_share.to_string(),
            max_shares: t.max_shares.to_string(),
            same_shares_per_unit: t.same_shares_per_unit,
            categories: t.categories.iter().copied().collect(),
            age_min: t.age.min.to_string(),
            age_max: t.age.max.to_string(),
            female_age_min: opt(t.female_age.map(|a| a.min)),
            female_age_max: opt(t.female_age.map(|a| a.max)),
            gender: match t.gender {
                Some(Gender::Female) => "female".into(),
                Some(Gender::Male) => "male".into(),
                None => String::new(),
            },
            term_years: t.term_years.to_string(),
            waiting_days: t.waiting_days.to_string(),
            group_enrollment: t.group_enrollment,
            individual_enrollment: t.individual_enrollment,
            min_participation_percent: opt(t.min_participation_percent),
            min_group_size: opt(t.min_group_size),
            window_from: opt(t.enrollment_window.map(|w| w.from)),
            window_to: opt(t.enrollment_window.map(|w| w.to)),
            fixed_start_date: opt(t.fixed_start_date),
            documents: t.documents.iter().copied().collect(),
            exclusions: t.exclusions.iter().copied().collect(),
            benefits: serde_json::to_string_pretty(&t.benefits).unwrap_or_default(),
        }
    }
}

/// What keeps the fields from being terms at all: (field, message).
type FieldErrors = Vec<(&'static str, String)>;

/// The terms the fields describe, or what cannot be read in them.
fn terms_of(f: &Fields, i18n: &I18n) -> Result<PlanTerms, FieldErrors> {
    let mut errs: FieldErrors = Vec::new();
    let whole = |errs: &mut FieldErrors, field: &'static str, text: &str| -> Option<u32> {
        match text.trim().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push((field, i18n.t(Key::ErrWholeNumber).to_owned()));
                None
            }
        }
    };
    let optional = |errs: &mut FieldErrors, field: &'static str, text: &str| -> Option<u32> {
        if text.trim().is_empty() {
            None
        } else {
            whole(errs, field, text)
        }
    };
    let date = |errs: &mut FieldErrors, field: &'static str, text: &str| -> Option<NaiveDate> {
        if text.trim().is_empty() {
            return None;
        }
        match text.trim().parse() {
            Ok(d) => Some(d),
            Err(_) => {
                errs.push((field, i18n.t(Key::ErrDate).to_owned()));
                None
            }
        }
    };
    let small = |errs: &mut FieldErrors, field: &'static str, n: Option<u32>| -> Option<u8> {
        n.and_then(|n| match u8::try_from(n) {
            Ok(v) => Some(v),
            Err(_) => {
                errs.push((field, i18n.t(Key::ErrWholeNumber).to_owned()));
                None
            }
        })
    };
    let code = PlanCode::parse(f.code.trim())
        .map_err(|_| errs.push(("code", i18n.t(Key::ErrPlanCode).to_owned())))
        .ok();
    let price = Money::parse(f.price_per_share.trim())
        .map_err(|_| errs.push(("price_per_share", i18n.t(Key::ErrPayAmount).to_owned())))
        .ok();
    let max_shares = whole(&mut errs, "max_shares", &f.max_shares);
    let n = whole(&mut errs, "age_min", &f.age_min);
    let age_min = small(&mut errs, "age_min", n);
    let n = whole(&mut errs, "age_max", &f.age_max);
    let age_max = small(&mut errs, "age_max", n);
    let n = optional(&mut errs, "female_age_min", &f.female_age_min);
    let female_min = small(&mut errs, "female_age_min", n);
    let n = optional(&mut errs, "female_age_max", &f.female_age_max);
    let female_max = small(&mut errs, "female_age_max", n);
    if female_min.is_some() != female_max.is_some() {
        errs.push(("female_age_min", i18n.t(Key::ErrBothOrNeither).to_owned()));
    }
    let n = whole(&mut errs, "term_years", &f.term_years);
    let term_years = small(&mut errs, "term_years", n);
    let waiting_days = whole(&mut errs, "waiting_days", &f.waiting_days);
    let n = optional(
        &mut errs,
        "min_participation_percent",
        &f.min_participation_percent,
    );
    let min_participation = small(&mut errs, "min_participation_percent", n);
    let min_group_size = optional(&mut errs, "min_group_size", &f.min_group_size);
    let from = date(&mut errs, "window_from", &f.window_from);
    let to = date(&mut errs, "window_to", &f.window_to);
    if from.is_some() != to.is_some() {
        errs.push(("window_from", i18n.t(Key::ErrBothOrNeither).to_owned()));
    }
    let fixed = date(&mut errs, "fixed_start_date", &f.fixed_start_date);
    let benefits = serde_json::from_str(&f.benefits)
        .map_err(|e| errs.push(("benefits", i18n.tf(Key::ErrBenefitsJson, &[&e.to_string()]))))
        .ok();
    let (
        Some(code),
        Some(price_per_share),
        Some(max_shares),
        Some(min),
        Some(max),
        Some(term_years),
        Some(waiting_days),
        Some(benefits),
    ) = (
        code,
        price,
        max_shares,
        age_min,
        age_max,
        term_years,
        waiting_days,
        benefits,
    )
    else {
        return Err(errs);
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(PlanTerms {
        code,
        name_zh: f.name_zh.trim().to_owned(),
        name_en: f.name_en.trim().to_owned(),
        price_per_share,
        max_shares,
        same_shares_per_unit: f.same_shares_per_unit,
        categories: f.categories.iter().copied().collect(),
        age: AgeRange { min, max },
        female_age: female_min
            .zip(female_max)
            .map(|(min, max)| AgeRange { min, max }),
        gender: match f.gender.as_str() {
            "female" => Some(Gender::Female),
            "male" => Some(Gender::Male),
            _ => None,
        },
        term_years,
        waiting_days,
        group_enrollment: f.group_enrollment,
        individual_enrollment: f.individual_enrollment,
        min_participation_percent: min_participation,
        min_group_size,
        enrollment_window: from.zip(to).map(|(from, to)| DateRange { from, to }),
        fixed_start_date: fixed,
        benefits,
        documents: f.documents.iter().copied().collect(),
        exclusions: f.exclusions.iter().copied().collect(),
    })
}

/// A rule the terms break, in the reader's language.
pub fn problem_text(i18n: &I18n, p: &PlanError) -> String {
    match p {
        PlanError::Benefit {
            index,
            kind: _,
            problem,
        } => i18n.tf(
            Key::PlanProblemBenefit,
            &[
                &(index + 1).to_string(),
                i18n.t(benefit_problem_key(problem)),
            ],
        ),
        other => i18n.t(plan_problem_key(other)).to_owned(),
    }
}

fn plan_problem_key(p: &PlanError) -> Key {
    match p {
        PlanError::NameZh => Key::PlanProblemNameZh,
        PlanError::NameEn => Key::PlanProblemNameEn,
        PlanError::PricePerShare(_) => Key::PlanProblemPrice,
        PlanError::MaxShares => Key::PlanProblemMaxShares,
        PlanError::NoCategories => Key::PlanProblemNoCategories,
        PlanError::CategoryRepeated(_) => Key::PlanProblemRepeated,
        PlanError::AgeRange(_) => Key::PlanProblemAgeRange,
        PlanError::FemaleAgeRange(_) => Key::PlanProblemFemaleAgeRange,
        PlanError::FemaleAgeOnMenOnlyPlan => Key::PlanProblemFemaleAgeMenOnly,
        PlanError::TermYears(_) => Key::PlanProblemTermYears,
        PlanError::WaitingDays(_) => Key::PlanProblemWaitingDays,
        PlanError::NoEnrollmentMode => Key::PlanProblemEnrollmentMode,
        PlanError::GroupRulesWithoutGroupEnrollment => Key::PlanProblemGroupRules,
        PlanError::MinParticipation(_) => Key::PlanProblemParticipation,
        PlanError::MinGroupSize => Key::PlanProblemGroupSize,
        PlanError::EnrollmentWindow { .. } => Key::PlanProblemWindow,
        PlanError::FixedStartBeforeWindow { .. } => Key::PlanProblemFixedStart,
        PlanError::NoBenefits => Key::PlanProblemNoBenefits,
        PlanError::Benefit { .. } => Key::PlanProblemNoBenefits,
        PlanError::NoDocuments => Key::PlanProblemNoDocuments,
        PlanError::DocumentRepeated(_) | PlanError::ExclusionRepeated(_) => {
            Key::PlanProblemRepeated
        }
    }
}

fn benefit_problem_key(p: &BenefitProblem) -> Key {
    match p.code().as_str() {
        "plan.benefit.amount" => Key::BenefitProblemAmount,
        "plan.benefit.ratio" => Key::BenefitProblemRatio,
        "plan.benefit.days" => Key::BenefitProblemDays,
        "plan.benefit.tiers" => Key::BenefitProblemTiers,
        "plan.benefit.diseases" => Key::BenefitProblemDiseases,
        "plan.benefit.max_claims" => Key::BenefitProblemMaxClaims,
        "plan.benefit.waiting_consolation" => Key::BenefitProblemConsolation,
        _ => Key::BenefitProblemDisability,
    }
}

/// A checkbox for `item` in the set `set` picks out of the fields.
fn check_box<T: Ord + Copy + 'static>(
    fields: &UseStateHandle<Fields>,
    item: T,
    set: fn(&mut Fields) -> &mut BTreeSet<T>,
    label: &str,
    testid: Option<String>,
) -> Html {
    let checked = set(&mut (**fields).clone()).contains(&item);
    let onchange = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut next = (*fields).clone();
            if checkbox_checked(&e) {
                set(&mut next).insert(item);
            } else {
                set(&mut next).remove(&item);
            }
            fields.set(next);
        })
    };
    html! {
        <label class="check">
            <input type="checkbox" {checked} {onchange} data-testid={testid} />
            { label.to_owned() }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct PlanEditorProps {
    pub api: Api,
    /// The draft to edit, or the version a new draft starts from.
    pub base: PlanVersion,
    pub on_saved: Callback<PlanVersion>,
    pub on_cancel: Callback<()>,
}

#[function_component(PlanEditor)]
pub fn plan_editor(props: &PlanEditorProps) -> Html {
    let i18n = use_i18n();
    let fields = use_state(|| Fields::of(&props.base.terms));
    let tried = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let editing_draft = props.base.state == huzhu_domain::plan::PlanVersionState::Draft;

    let read = terms_of(&fields, &i18n);
    let problems: Vec<String> = match &read {
        Ok(terms) => terms
            .validate()
            .err()
            .unwrap_or_default()
            .iter()
            .map(|p| problem_text(&i18n, p))
            .collect(),
        Err(_) => Vec::new(),
    };
    let field_error = |name: &str| -> Option<AttrValue> {
        if !*tried {
            return None;
        }
        match &read {
            Err(errs) => errs
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, m)| AttrValue::from(m.clone())),
            Ok(_) => None,
        }
    };
    let text = |set: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |v: String| {
            let mut next = (*fields).clone();
            set(&mut next, v);
            fields.set(next);
        })
    };
    let flag = |set: fn(&mut Fields, bool)| {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut next = (*fields).clone();
            set(&mut next, checkbox_checked(&e));
            fields.set(next);
        })
    };

    let onsubmit = {
        let (fields, tried, busy, error) =
            (fields.clone(), tried.clone(), busy.clone(), error.clone());
        let (api, id, on_saved) = (props.api.clone(), props.base.id, props.on_saved.clone());
        let i18n = i18n.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let Ok(terms) = terms_of(&fields, &i18n) else {
                return;
            };
            if terms.validate().is_err() {
                return;
            }
            error.set(None);
            let api = api.clone();
            if editing_draft {
                submit(&busy, &error, &on_saved, async move {
                    api.edit_plan_version(id, &terms).await
                });
            } else {
                submit(&busy, &error, &on_saved, async move {
                    api.draft_plan_version(&terms).await
                });
            }
        })
    };
    let incomplete = (*tried && (read.is_err() || !problems.is_empty()))
        .then(|| i18n.t(Key::PlanFixProblems).to_owned());
    let f = &*fields;
    let title = if editing_draft {
        i18n.tf(
            Key::EditDraftTitle,
            &[&props.base.code, &props.base.version.to_string()],
        )
    } else {
        i18n.tf(
            Key::NewDraftTitle,
            &[&props.base.code, &props.base.version.to_string()],
        )
    };
    let on_gender = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut next = (*fields).clone();
            next.gender = select_value(&e);
            fields.set(next);
        })
    };
    let on_benefits = {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*fields).clone();
            next.benefits = crate::components::form::textarea_value(&e);
            fields.set(next);
        })
    };
    let category_box = |c: MemberCategory| {
        check_box(
            &fields,
            c,
            |f| &mut f.categories,
            i18n.category(c),
            Some(format!("plan-category-{}", c.as_str())),
        )
    };
    let document_box = |d: DocumentKind| {
        check_box(
            &fields,
            d,
            |f| &mut f.documents,
            i18n.t(document_key(d)),
            None,
        )
    };
    let exclusion_box = |x: Exclusion| {
        check_box(
            &fields,
            x,
            |f| &mut f.exclusions,
            i18n.t(exclusion_key(x)),
            None,
        )
    };

    html! {
        <form class="card" onsubmit={onsubmit} novalidate=true data-testid="plan-editor">
            <h2>{ title }</h2>
            <div class="form-grid">
                if !editing_draft {
                    <TextField label={i18n.t(Key::PlanCode)} value={f.code.clone()} testid="plan-code"
                               hint={i18n.t(Key::PlanCodeHint)} error={field_error("code")}
                               oninput={text(|f, v| f.code = v.to_uppercase())} />
                }
                <TextField label={i18n.t(Key::PlanNameZh)} value={f.name_zh.clone()} testid="plan-name-zh"
                           oninput={text(|f, v| f.name_zh = v)} />
                <TextField label={i18n.t(Key::PlanNameEn)} value={f.name_en.clone()} testid="plan-name-en"
                           oninput={text(|f, v| f.name_en = v)} />
                <TextField label={i18n.t(Key::PricePerShare)} value={f.price_per_share.clone()} testid="plan-price"
                           inputmode="decimal" error={field_error("price_per_share")}
                           oninput={text(|f, v| f.price_per_share = v)} />
                <TextField label={i18n.t(Key::MaxShares)} value={f.max_shares.clone()} testid="plan-max-shares"
                           inputmode="numeric" error={field_error("max_shares")}
                           oninput={text(|f, v| f.max_shares = v)} />
                <TextField label={i18n.t(Key::AgeMin)} value={f.age_min.clone()} inputmode="numeric"
                           error={field_error("age_min")} oninput={text(|f, v| f.age_min = v)} />
                <TextField label={i18n.t(Key::AgeMax)} value={f.age_max.clone()} inputmode="numeric"
                           error={field_error("age_max")} oninput={text(|f, v| f.age_max = v)} />
                <TextField label={i18n.t(Key::FemaleAgeMin)} value={f.female_age_min.clone()} inputmode="numeric"
                           hint={i18n.t(Key::OptionalField)} error={field_error("female_age_min")}
                           oninput={text(|f, v| f.female_age_min = v)} />
                <TextField label={i18n.t(Key::FemaleAgeMax)} value={f.female_age_max.clone()} inputmode="numeric"
                           hint={i18n.t(Key::OptionalField)} error={field_error("female_age_max")}
                           oninput={text(|f, v| f.female_age_max = v)} />
                <div class="field">
                    <label>{ i18n.t(Key::Gender) }</label>
                    <select onchange={on_gender}>
                        <option value="" selected={f.gender.is_empty()}>{ i18n.t(Key::AnyGender) }</option>
                        <option value="female" selected={f.gender == "female"}>{ i18n.t(Key::WomenOnly) }</option>
                        <option value="male" selected={f.gender == "male"}>{ i18n.t(Key::MenOnly) }</option>
                    </select>
                </div>
                <TextField label={i18n.t(Key::TermYearsLabel)} value={f.term_years.clone()} inputmode="numeric"
                           error={field_error("term_years")} oninput={text(|f, v| f.term_years = v)} />
                <TextField label={i18n.t(Key::WaitingDaysLabel)} value={f.waiting_days.clone()} inputmode="numeric"
                           testid="plan-waiting-days" error={field_error("waiting_days")}
                           oninput={text(|f, v| f.waiting_days = v)} />
                <TextField label={i18n.t(Key::MinParticipationLabel)} value={f.min_participation_percent.clone()}
                           inputmode="numeric" hint={i18n.t(Key::OptionalField)} error={field_error("min_participation_percent")}
                           oninput={text(|f, v| f.min_participation_percent = v)} />
                <TextField label={i18n.t(Key::MinGroupSizeLabel)} value={f.min_group_size.clone()}
                           inputmode="numeric" hint={i18n.t(Key::OptionalField)} error={field_error("min_group_size")}
                           oninput={text(|f, v| f.min_group_size = v)} />
                <TextField label={i18n.t(Key::WindowFrom)} value={f.window_from.clone()} input_type="date"
                           hint={i18n.t(Key::OptionalField)} error={field_error("window_from")}
                           oninput={text(|f, v| f.window_from = v)} />
                <TextField label={i18n.t(Key::WindowTo)} value={f.window_to.clone()} input_type="date"
                           hint={i18n.t(Key::OptionalField)} error={field_error("window_to")}
                           oninput={text(|f, v| f.window_to = v)} />
                <TextField label={i18n.t(Key::FixedStartLabel)} value={f.fixed_start_date.clone()} input_type="date"
                           hint={i18n.t(Key::OptionalField)} error={field_error("fixed_start_date")}
                           oninput={text(|f, v| f.fixed_start_date = v)} />
            </div>
            <fieldset class="checks">
                <legend>{ i18n.t(Key::Enrollment) }</legend>
                <label class="check">
                    <input type="checkbox" checked={f.group_enrollment} onchange={flag(|f, v| f.group_enrollment = v)} />
                    { i18n.t(Key::GroupEnrollment) }
                </label>
                <label class="check">
                    <input type="checkbox" checked={f.individual_enrollment} onchange={flag(|f, v| f.individual_enrollment = v)} />
                    { i18n.t(Key::IndividualEnrollment) }
                </label>
                <label class="check">
                    <input type="checkbox" checked={f.same_shares_per_unit} onchange={flag(|f, v| f.same_shares_per_unit = v)} />
                    { i18n.t(Key::SameSharesPerUnit) }
                </label>
            </fieldset>
            <fieldset class="checks">
                <legend>{ i18n.t(Key::Category) }</legend>
                { for MemberCategory::ALL.into_iter().map(category_box) }
            </fieldset>
            <fieldset class="checks">
                <legend>{ i18n.t(Key::DocumentChecklist) }</legend>
                { for DocumentKind::ALL.into_iter().map(document_box) }
            </fieldset>
            <fieldset class="checks">
                <legend>{ i18n.t(Key::Exclusions) }</legend>
                { for Exclusion::ALL.into_iter().map(exclusion_box) }
            </fieldset>
            <div class={classes!("field", "wide-field", field_error("benefits").is_some().then_some("invalid"))}>
                <label>{ i18n.t(Key::BenefitsJson) }</label>
                <textarea class="mono" rows="12" value={f.benefits.clone()} oninput={on_benefits}
                          data-testid="plan-benefits" />
                <div class="field-hint">{ i18n.t(Key::BenefitsJsonHint) }</div>
                if let Some(e) = field_error("benefits") {
                    <div class="field-error">{ e }</div>
                }
            </div>
            if !problems.is_empty() {
                <ul class="problems" data-testid="plan-problems">
                    { for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                </ul>
            }
            <FormFooter incomplete={incomplete} error={(*error).as_ref().map(|e| e.text(i18n.lang))}
                        busy={*busy} submit_label={i18n.t(if editing_draft { Key::SaveDraft } else { Key::CreateDraft })}
                        submit_testid="plan-save" on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
