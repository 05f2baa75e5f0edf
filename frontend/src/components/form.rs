//! Form fields and messages, so that every page labels, validates and reports errors alike.

use std::collections::BTreeSet;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The text of a `<textarea>` from its `input` event.
pub fn textarea_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value()
}

/// The value of an `<input>` from its `change` event (date fields report only whole dates).
pub fn changed_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

pub fn checkbox_checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// The `oninput` of a [`TextField`] that keeps what is typed in `state`.
pub fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

/// The `onchange` of a checkbox that adds `item` to the set in `state` or takes it out.
pub fn toggle_in<T: Ord + Copy + 'static>(
    state: &UseStateHandle<BTreeSet<T>>,
    item: T,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let mut next = (*state).clone();
        if checkbox_checked(&e) {
            next.insert(item);
        } else {
            next.remove(&item);
        }
        state.set(next);
    })
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Shown under the field and marks it invalid.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
}

/// A labelled input whose error (validation as you type) sits right under it.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let id = use_memo((), |_| next_field_id());
    let error_id = format!("{id}-error");
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| cb.emit(input_value(&e)))
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={(*id).clone()}>{ props.label.clone() }</label>
            <input id={(*id).clone()}
                   type={props.input_type.clone()}
                   value={props.value.clone()}
                   data-testid={props.testid.clone()}
                   autocomplete={props.autocomplete.clone()}
                   inputmode={props.inputmode.clone()}
                   maxlength={props.maxlength.clone()}
                   required={props.required}
                   aria-invalid={props.error.is_some().then_some("true")}
                   aria-describedby={props.error.is_some().then_some(error_id.clone())}
                   {oninput} />
            if let Some(hint) = &props.hint {
                <div class="field-hint">{ hint.clone() }</div>
            }
            if let Some(error) = &props.error {
                <div class="field-error" id={error_id}>{ error.clone() }</div>
            }
        </div>
    }
}

/// Unique ids tie labels to inputs; a counter is enough in a single-threaded page.
fn next_field_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("field-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[derive(Properties, PartialEq)]
pub struct MessageProps {
    #[prop_or_default]
    pub text: Option<String>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// An error box, rendered only when there is an error.
#[function_component(ErrorMessage)]
pub fn error_message(props: &MessageProps) -> Html {
    match &props.text {
        Some(text) => html! {
            <div class="message error" role="alert" data-testid={props.testid.clone()}>{ text.clone() }</div>
        },
        None => html! {},
    }
}

/// A confirmation after a successful action, rendered only when there is one.
#[function_component(SuccessMessage)]
pub fn success_message(props: &MessageProps) -> Html {
    match &props.text {
        Some(text) => html! {
            <div class="message success" role="status" data-testid={props.testid.clone()}>{ text.clone() }</div>
        },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct FormFooterProps {
    /// Shown when the form was sent with something missing or invalid.
    #[prop_or_default]
    pub incomplete: Option<String>,
    /// Why the server refused the form (or could not be reached).
    #[prop_or_default]
    pub error: Option<String>,
    /// A request is in flight: the submit button is disabled.
    pub busy: bool,
    pub submit_label: AttrValue,
    #[prop_or_default]
    pub submit_testid: Option<AttrValue>,
    /// Without it the form has no cancel button (a form that stays on its page).
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// More buttons after submit.
    #[prop_or_default]
    pub children: Html,
}

/// The end of a create or edit form: its errors, then submit and cancel.
#[function_component(FormFooter)]
pub fn form_footer(props: &FormFooterProps) -> Html {
    let i18n = use_i18n();
    let cancel = props
        .on_cancel
        .as_ref()
        .map(|cb| cb.reform(|_: MouseEvent| ()));
    html! {
        <>
            <ErrorMessage text={props.incomplete.clone()} />
            <ErrorMessage text={props.error.clone()} />
            <div class="form-actions">
                <button type="submit" class="button-primary" disabled={props.busy}
                        data-testid={props.submit_testid.clone()}>
                    { props.submit_label.clone() }
                </button>
                { props.children.clone() }
                if let Some(cancel) = cancel {
                    <button type="button" class="button-quiet" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                }
            </div>
        </>
    }
}
