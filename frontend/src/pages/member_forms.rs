//! Registering a member and changing a member's details.

use huzhu_api_types::{Member, MemberChanges, NewMember, OrgUnitRef};
use huzhu_domain::{IdNumber, MemberCategory, OrgUnitKind};
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{checkbox_checked, setter, FormFooter, TextField};
use crate::components::unit_picker::UnitPicker;
use crate::i18n::{use_i18n, Key};
use crate::pages::member_fields::{CardField, CategorySelect};
use crate::validate::{bank_card_problem, id_number_error, mobile_error, CardProblem};

/// The `onchange` of a checkbox that keeps its state in `state`.
fn check_setter(state: &UseStateHandle<bool>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| state.set(checkbox_checked(&e)))
}

fn bool_setter(state: &UseStateHandle<bool>) -> Callback<bool> {
    let state = state.clone();
    Callback::from(move |v: bool| state.set(v))
}

/// `None` for an empty field (nothing to send), else the trimmed text.
fn filled(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[derive(Properties, PartialEq)]
pub struct NewMemberFormProps {
    pub api: Api,
    /// The caller's own unit: preselected when it is a grassroots union.
    pub own_unit: Option<OrgUnitRef>,
    pub on_created: Callback<Member>,
    pub on_cancel: Callback<()>,
}

#[function_component(NewMemberForm)]
pub fn new_member_form(props: &NewMemberFormProps) -> Html {
    let i18n = use_i18n();
    let own_union = props
        .own_unit
        .clone()
        .filter(|u| u.kind == OrgUnitKind::GrassrootsUnion);
    let unit = use_state(move || own_union);
    let name = use_state(String::new);
    let id_number = use_state(String::new);
    let category = use_state(|| MemberCategory::InService);
    let mobile = use_state(String::new);
    let bank_card = use_state(String::new);
    let accept_luhn = use_state(|| false);
    let consent = use_state(|| false);
    let tried = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let id_error = id_number_error(&i18n, &id_number, *tried);
    let mobile_err = mobile_error(&i18n, &mobile, *tried);

    let onsubmit = {
        let (unit, name, id_number, category, mobile, bank_card) = (
            unit.clone(),
            name.clone(),
            id_number.clone(),
            *category,
            mobile.clone(),
            bank_card.clone(),
        );
        let (accept_luhn, consent, tried, error, busy) = (
            *accept_luhn,
            *consent,
            tried.clone(),
            error.clone(),
            busy.clone(),
        );
        let (api, on_created) = (props.api.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let card = filled(&bank_card);
            let valid = IdNumber::parse(&id_number).is_ok()
                && !name.trim().is_empty()
                && (mobile.trim().is_empty() || huzhu_domain::Mobile::parse(&mobile).is_ok())
                && bank_card_problem(&bank_card, true) != Some(CardProblem::Format);
            let Some(unit) = (*unit).clone().filter(|_| valid) else {
                return;
            };
            let member = NewMember {
                org_unit_id: unit.id,
                name: name.trim().to_owned(),
                id_number: id_number.trim().to_ascii_uppercase(),
                category,
                mobile: filled(&mobile),
                accept_bank_card_luhn_failure: accept_luhn && card.is_some(),
                bank_card: card,
                health_consent: consent,
            };
            error.set(None);
            let api = api.clone();
            submit(&busy, &error, &on_created, async move {
                api.create_member(&member).await
            });
        })
    };
    let on_select_unit = {
        let unit = unit.clone();
        Callback::from(move |u: OrgUnitRef| unit.set(Some(u)))
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |c| category.set(c))
    };
    let incomplete = (*tried
        && (unit.is_none()
            || name.trim().is_empty()
            || id_number.trim().is_empty()
            || id_error.is_some()
            || mobile_err.is_some()))
    .then(|| i18n.t(Key::FormIncomplete).to_owned());

    html! {
        <form class="card form-card" {onsubmit} novalidate=true data-testid="member-new-form">
            <h2>{ i18n.t(Key::NewMember) }</h2>
            <div class="form-grid">
                <UnitPicker api={props.api.clone()} label={i18n.t(Key::UnionPicker)}
                            selected={(*unit).clone()} on_select={on_select_unit}
                            kind={OrgUnitKind::GrassrootsUnion}
                            placeholder={i18n.t(Key::UnionPickerSearch)} testid="member-new-union" />
                <TextField label={i18n.t(Key::DisplayName)} value={(*name).clone()} oninput={setter(&name)}
                           testid="member-new-name" maxlength={huzhu_domain::field_rules::max_chars::MEMBER_NAME.to_string()} required=true />
                <TextField label={i18n.t(Key::IdNumber)} value={(*id_number).clone()} oninput={setter(&id_number)}
                           testid="member-new-id-number" maxlength="18" autocomplete="off"
                           hint={i18n.t(Key::IdNumberHint)} error={id_error.clone()} required=true />
                <CategorySelect value={*category} on_change={on_category} testid="member-new-category" />
                <TextField label={i18n.t(Key::Mobile)} value={(*mobile).clone()} oninput={setter(&mobile)}
                           input_type="tel" inputmode="tel" autocomplete="off" maxlength="20"
                           testid="member-new-mobile" error={mobile_err.clone()} />
                <CardField value={(*bank_card).clone()} oninput={setter(&bank_card)} finished={*tried}
                           server_luhn_failure={error.as_ref().is_some_and(ApiError::is_luhn_failure)}
                           accept={*accept_luhn} on_accept={bool_setter(&accept_luhn)}
                           testid="member-new-bank-card" />
            </div>
            <label class="check consent">
                <input type="checkbox" checked={*consent} onchange={check_setter(&consent)}
                       data-testid="member-new-consent" />
                { i18n.t(Key::HealthConsentLabel) }
            </label>
            <FormFooter {incomplete} error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::NewMember)} submit_testid="member-new-submit"
                        on_cancel={props.on_cancel.clone()} />
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct EditMemberFormProps {
    pub api: Api,
    pub member: Member,
    /// The name of the member's union, when known.
    pub unit_name: String,
    pub on_saved: Callback<Member>,
    pub on_cancel: Callback<()>,
}

#[function_component(EditMemberForm)]
pub fn edit_member_form(props: &EditMemberFormProps) -> Html {
    let i18n = use_i18n();
    let m = &props.member;
    let current_unit = OrgUnitRef {
        id: m.org_unit_id,
        name: props.unit_name.clone(),
        kind: OrgUnitKind::GrassrootsUnion,
    };
    let unit = use_state(|| current_unit);
    let name = use_state(|| m.name.clone());
    let category = use_state(|| m.category);
    let mobile = use_state(String::new);
    let remove_mobile = use_state(|| false);
    let bank_card = use_state(String::new);
    let remove_card = use_state(|| false);
    let accept_luhn = use_state(|| false);
    let consent = use_state(|| m.health_consent_at.is_some());
    let tried = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let mobile_err = mobile_error(&i18n, &mobile, *tried);

    let onsubmit = {
        let (unit, name, category, mobile, bank_card) = (
            unit.clone(),
            name.clone(),
            *category,
            mobile.clone(),
            bank_card.clone(),
        );
        let (remove_mobile, remove_card, accept_luhn, consent) =
            (*remove_mobile, *remove_card, *accept_luhn, *consent);
        let (tried, error, busy) = (tried.clone(), error.clone(), busy.clone());
        let (api, member, on_saved) = (
            props.api.clone(),
            props.member.clone(),
            props.on_saved.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let new_name = name.trim().to_owned();
            let valid = !new_name.is_empty()
                && (remove_mobile
                    || mobile.trim().is_empty()
                    || huzhu_domain::Mobile::parse(&mobile).is_ok())
                && (remove_card
                    || bank_card_problem(&bank_card, true) != Some(CardProblem::Format));
            if !valid {
                return;
            }
            // An empty mobile or card removes it; absent fields stay as they are.
            let mobile = if remove_mobile {
                Some(String::new())
            } else {
                filled(&mobile)
            };
            let card = if remove_card {
                Some(String::new())
            } else {
                filled(&bank_card)
            };
            let changes = MemberChanges {
                name: (new_name != member.name).then_some(new_name),
                category: (category != member.category).then_some(category),
                org_unit_id: (unit.id != member.org_unit_id).then_some(unit.id),
                mobile,
                accept_bank_card_luhn_failure: accept_luhn
                    && card.as_deref().is_some_and(|c| !c.is_empty()),
                bank_card: card,
                health_consent: (consent != member.health_consent_at.is_some()).then_some(consent),
            };
            if changes == MemberChanges::default() {
                on_saved.emit(member.clone());
                return;
            }
            error.set(None);
            let (api, id) = (api.clone(), member.id);
            submit(&busy, &error, &on_saved, async move {
                api.update_member(id, &changes).await
            });
        })
    };
    let on_select_unit = {
        let unit = unit.clone();
        Callback::from(move |u: OrgUnitRef| unit.set(u))
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |c| category.set(c))
    };
    let incomplete = (*tried && (name.trim().is_empty() || mobile_err.is_some()))
        .then(|| i18n.t(Key::FormIncomplete).to_owned());

    html! {
        <form class="card form-card" {onsubmit} novalidate=true data-testid="member-edit-form">
            <h2>{ i18n.t(Key::EditMember) }</h2>
            <div class="form-grid">
                <UnitPicker api={props.api.clone()} label={i18n.t(Key::UnionPicker)}
                            selected={Some((*unit).clone())} on_select={on_select_unit}
                            kind={OrgUnitKind::GrassrootsUnion}
                            placeholder={i18n.t(Key::UnionPickerSearch)} />
                <TextField label={i18n.t(Key::DisplayName)} value={(*name).clone()} oninput={setter(&name)}
                           testid="member-edit-name" maxlength={huzhu_domain::field_rules::max_chars::MEMBER_NAME.to_string()} required=true />
                <CategorySelect value={*category} on_change={on_category} testid="member-edit-category" />
                <div>
                    <TextField label={i18n.t(Key::Mobile)} value={(*mobile).clone()} oninput={setter(&mobile)}
                               input_type="tel" inputmode="tel" autocomplete="off" maxlength="20"
                               hint={m.mobile_masked.as_ref().map(|cur| format!("{cur} · {}", i18n.t(Key::KeepIfEmpty)))}
                               error={(!*remove_mobile).then_some(mobile_err.clone()).flatten()} />
                    if m.mobile_masked.is_some() {
                        <label class="check">
                            <input type="checkbox" checked={*remove_mobile} onchange={check_setter(&remove_mobile)} />
                            { i18n.t(Key::RemoveMobile) }
                        </label>
                    }
                </div>
                <div>
                    <CardField value={(*bank_card).clone()} oninput={setter(&bank_card)} finished={*tried && !*remove_card}
                               server_luhn_failure={error.as_ref().is_some_and(ApiError::is_luhn_failure)}
                               accept={*accept_luhn} on_accept={bool_setter(&accept_luhn)}
                               hint={m.bank_card_masked.as_ref().map(|cur| format!("{cur} · {}", i18n.t(Key::KeepIfEmpty)))} />
                    if m.bank_card_masked.is_some() {
                        <label class="check">
                            <input type="checkbox" checked={*remove_card} onchange={check_setter(&remove_card)} />
                            { i18n.t(Key::RemoveBankCard) }
                        </label>
                    }
                </div>
            </div>
            <label class="check consent">
                <input type="checkbox" checked={*consent} onchange={check_setter(&consent)} />
                { i18n.t(Key::HealthConsentLabel) }
            </label>
            <FormFooter {incomplete} error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::Save)} submit_testid="member-edit-submit"
                        on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
