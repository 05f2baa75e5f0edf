//! "Show in full": asks why (the purpose is recorded with the access) and fetches the member's
//! ID number, mobile and bank card unmasked.

use huzhu_api_types::{SensitiveField, UnmaskRequest, Unmasked};
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{setter, FormFooter, TextField};
use crate::i18n::{use_i18n, Key};
use huzhu_domain::field_rules::{self, PURPOSE_CHARS};

#[derive(Properties, PartialEq)]
pub struct UnmaskFormProps {
    pub api: Api,
    pub member_id: i64,
    pub on_unmasked: Callback<Unmasked>,
    pub on_cancel: Callback<()>,
}

#[function_component(UnmaskForm)]
pub fn unmask_form(props: &UnmaskFormProps) -> Html {
    let i18n = use_i18n();
    let purpose = use_state(String::new);
    let tried = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let purpose_error = (*tried)
        .then(|| field_rules::unmask_purpose(&purpose).err())
        .flatten()
        .map(|e| i18n.error(e.code()).to_owned());
    let onsubmit = {
        let (purpose, tried, error, busy) =
            (purpose.clone(), tried.clone(), error.clone(), busy.clone());
        let (api, id, on_unmasked) = (
            props.api.clone(),
            props.member_id,
            props.on_unmasked.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            if field_rules::unmask_purpose(&purpose).is_err() {
                return;
            }
            let request = UnmaskRequest {
                fields: vec![
                    SensitiveField::IdNumber,
                    SensitiveField::Mobile,
                    SensitiveField::BankCard,
                ],
                purpose: purpose.trim().to_owned(),
            };
            error.set(None);
            let api = api.clone();
            submit(&busy, &error, &on_unmasked, async move {
                api.unmask_member(id, &request).await
            });
        })
    };
    html! {
        <form class="inline-form" {onsubmit} novalidate=true data-testid="unmask-form">
            <TextField label={i18n.t(Key::UnmaskPurpose)} value={(*purpose).clone()} oninput={setter(&purpose)}
                       testid="unmask-purpose" hint={i18n.t(Key::UnmaskPurposeHint)}
                       maxlength={PURPOSE_CHARS.end().to_string()} error={purpose_error} required=true />
            <FormFooter error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::UnmaskShow)} submit_testid="unmask-submit"
                        on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
