//! Forms to create a child unit and to rename a unit, shown inline in the tree.

use huzhu_api_types::{NewOrgUnit, OrgUnit, OrgUnitChanges};
use huzhu_domain::{CreditCode, OrgUnitKind};
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{select_value, setter, FormFooter, TextField};
use crate::i18n::{use_i18n, I18n, Key};

/// The credit code as typed is checked with the server's rule while typing (when not empty).
fn credit_code_error(i18n: &I18n, code: &str) -> Option<String> {
    if code.trim().is_empty() {
        return None;
    }
    CreditCode::parse_union(code)
        .err()
        .map(|e| i18n.credit_code_error(&e))
}

#[derive(Properties, PartialEq)]
pub struct NewUnitFormProps {
    pub api: Api,
    pub parent: OrgUnit,
    pub on_created: Callback<OrgUnit>,
    pub on_cancel: Callback<()>,
}

#[function_component(NewUnitForm)]
pub fn new_unit_form(props: &NewUnitFormProps) -> Html {
    let i18n = use_i18n();
    // Only kinds that may sit under the parent (the same rule the server applies).
    let kinds: Vec<OrgUnitKind> = OrgUnitKind::ALL
        .into_iter()
        .filter(|k| k.check_parent(Some(props.parent.kind)).is_ok())
        .collect();
    let first_kind = kinds.first().copied();
    let kind = use_state(move || first_kind);
    let name = use_state(String::new);
    let credit_code = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let missing = use_state(|| false);
    let busy = use_state(|| false);

    let needs_code = kind.is_some_and(|k| k.requires_credit_code());
    let code_error = if needs_code {
        credit_code_error(&i18n, &credit_code)
    } else {
        None
    };

    let onchange = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(OrgUnitKind::parse(&select_value(&e))))
    };
    let onsubmit = {
        let (kind, name, credit_code) = (*kind, name.clone(), credit_code.clone());
        let (error, missing, busy) = (error.clone(), missing.clone(), busy.clone());
        let (api, parent_id, on_created) =
            (props.api.clone(), props.parent.id, props.on_created.clone());
        let code_ok = code_error.is_none();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(kind) = kind else { return };
            let code = credit_code.trim().to_ascii_uppercase();
            if name.trim().is_empty() || (needs_code && (code.is_empty() || !code_ok)) {
                missing.set(true);
                return;
            }
            missing.set(false);
            let unit = NewOrgUnit {
                parent_id,
                kind,
                name: name.trim().to_owned(),
                credit_code: needs_code.then_some(code),
            };
            let api = api.clone();
            submit(&busy, &error, &on_created, async move {
                api.create_org_unit(&unit).await
            });
        })
    };

    html! {
        <form class="inline-form" {onsubmit} novalidate=true data-testid="org-new-form">
            <h3>{ i18n.tf(Key::NewUnitUnder, &[&props.parent.name]) }</h3>
            <div class="field">
                <label>{ i18n.t(Key::UnitKind) }
                    <select {onchange} data-testid="org-new-kind">
                        { for kinds.iter().map(|k| html! {
                            <option value={k.as_str()} selected={Some(*k) == *kind}>{ i18n.kind(*k) }</option>
                        }) }
                    </select>
                </label>
            </div>
            <TextField label={i18n.t(Key::UnitName)} value={(*name).clone()} oninput={setter(&name)}
                       testid="org-new-name" required=true maxlength={huzhu_domain::field_rules::max_chars::UNIT_NAME.to_string()} />
            if needs_code {
                <TextField label={i18n.t(Key::CreditCode)} value={(*credit_code).clone()}
                           oninput={setter(&credit_code)} testid="org-new-credit-code" maxlength="18"
                           hint={i18n.t(Key::CreditCodeHint)} error={code_error.clone()} required=true />
            }
            <FormFooter incomplete={missing.then(|| i18n.t(Key::FormIncomplete).to_owned())}
                        error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::Create)} on_cancel={props.on_cancel.clone()} />
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct EditUnitFormProps {
    pub api: Api,
    pub unit: OrgUnit,
    pub on_saved: Callback<OrgUnit>,
    pub on_cancel: Callback<()>,
}

/// Renames a unit; for a grassroots union the credit code can be corrected too.
#[function_component(EditUnitForm)]
pub fn edit_unit_form(props: &EditUnitFormProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(|| props.unit.name.clone());
    let credit_code = use_state(|| props.unit.credit_code.clone().unwrap_or_default());
    let error = use_state(|| None::<ApiError>);
    let missing = use_state(|| false);
    let busy = use_state(|| false);

    let has_code = props.unit.kind.requires_credit_code();
    let code_error = if has_code {
        credit_code_error(&i18n, &credit_code)
    } else {
        None
    };

    let onsubmit = {
        let (name, credit_code) = (name.clone(), credit_code.clone());
        let (error, missing, busy) = (error.clone(), missing.clone(), busy.clone());
        let (api, unit, on_saved) = (
            props.api.clone(),
            props.unit.clone(),
            props.on_saved.clone(),
        );
        let code_ok = code_error.is_none();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let new_name = name.trim().to_owned();
            let new_code = credit_code.trim().to_ascii_uppercase();
            if new_name.is_empty() || (has_code && (new_code.is_empty() || !code_ok)) {
                missing.set(true);
                return;
            }
            missing.set(false);
            // Send only what changed.
            let changes = OrgUnitChanges {
                name: (new_name != unit.name).then_some(new_name),
                credit_code: (has_code && Some(&new_code) != unit.credit_code.as_ref())
                    .then_some(new_code),
            };
            if changes == OrgUnitChanges::default() {
                on_saved.emit(unit.clone());
                return;
            }
            let (api, id) = (api.clone(), unit.id);
            submit(&busy, &error, &on_saved, async move {
                api.update_org_unit(id, &changes).await
            });
        })
    };

    html! {
        <form class="inline-form" {onsubmit} novalidate=true data-testid="org-edit-form">
            <TextField label={i18n.t(Key::UnitName)} value={(*name).clone()} oninput={setter(&name)}
                       testid="org-edit-name" required=true maxlength={huzhu_domain::field_rules::max_chars::UNIT_NAME.to_string()} />
            if has_code {
                <TextField label={i18n.t(Key::CreditCode)} value={(*credit_code).clone()}
                           oninput={setter(&credit_code)} maxlength="18"
                           hint={i18n.t(Key::CreditCodeHint)} error={code_error.clone()} required=true />
            }
            <FormFooter incomplete={missing.then(|| i18n.t(Key::FormIncomplete).to_owned())}
                        error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::Save)} on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
