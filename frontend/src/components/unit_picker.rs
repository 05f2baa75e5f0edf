use huzhu_api_types::{OrgUnit, OrgUnitRef};
use huzhu_domain::OrgUnitKind;
use yew::prelude::*;

use crate::api::{Api, ListQuery};
use crate::components::form::input_value;
use crate::i18n::{use_i18n, Key};

#[derive(Properties, PartialEq)]
pub struct UnitPickerProps {
    pub api: Api,
    pub label: AttrValue,
    pub selected: Option<OrgUnitRef>,
    pub on_select: Callback<OrgUnitRef>,
    /// Offer only units of this kind (members belong to grassroots unions).
    #[prop_or_default]
    pub kind: Option<OrgUnitKind>,
    /// Replaces the search field's default placeholder.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// `data-testid` of the search field.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

const DEBOUNCE_MS: u32 = 300;
const RESULTS: i64 = 8;

/// Chooses an organisation unit by typing part of its name. The tree can hold thousands of
/// grassroots unions, so a search beats a drop-down.
#[function_component(UnitPicker)]
pub fn unit_picker(props: &UnitPickerProps) -> Html {
    let i18n = use_i18n();
    let query = use_state(String::new);
    let results = use_state(Vec::<OrgUnit>::new);
    let error = use_state(|| None::<String>);
    // Only the latest keystroke's search may update the list.
    let generation = use_mut_ref(|| 0u32);

    let oninput = {
        let (api, query, results, error) = (
            props.api.clone(),
            query.clone(),
            results.clone(),
            error.clone(),
        );
        let (lang, kind) = (i18n.lang, props.kind);
        Callback::from(move |e: InputEvent| {
            let text = input_value(&e);
            query.set(text.clone());
            let ticket = {
                let mut g = generation.borrow_mut();
                *g = g.wrapping_add(1);
                *g
            };
            if text.trim().is_empty() {
                results.set(Vec::new());
                return;
            }
            let (api, results, error, generation) = (
                api.clone(),
                results.clone(),
                error.clone(),
                generation.clone(),
            );
            yew::platform::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
                if *generation.borrow() != ticket {
                    return;
                }
                let q = ListQuery {
                    q: Some(text.trim().to_owned()),
                    limit: Some(RESULTS),
                    offset: None,
                };
                let outcome = api.org_units_of_kind(None, kind, &q).await;
                if *generation.borrow() != ticket {
                    return;
                }
                match outcome {
                    Ok(page) => {
                        error.set(None);
                        results.set(page.items);
                    }
                    Err(e) => error.set(Some(e.text(lang))),
                }
            });
        })
    };

    let placeholder = props
        .placeholder
        .clone()
        .unwrap_or(AttrValue::Static(i18n.t(Key::UnitPickerSearch)));
    html! {
        <div class="field unit-picker">
            <label>{ props.label.clone() }</label>
            <div class="unit-picker-chosen">
                { match &props.selected {
                    Some(unit) => html! {
                        <>
                            <strong>{ unit.name.clone() }</strong>
                            <span class="badge">{ i18n.kind(unit.kind) }</span>
                        </>
                    },
                    None => html! { <span class="muted">{ i18n.t(Key::UnitPickerNone) }</span> },
                } }
            </div>
            <input type="search" value={(*query).clone()} placeholder={placeholder.clone()}
                   aria-label={placeholder} {oninput} data-testid={props.testid.clone()} />
            if let Some(e) = &*error {
                <div class="field-error">{ e.clone() }</div>
            }
            if !results.is_empty() {
                <ul class="picker-results">
                    { for results.iter().map(|unit| {
                        let choice = OrgUnitRef { id: unit.id, name: unit.name.clone(), kind: unit.kind };
                        let onclick = {
                            let (cb, results, query) = (props.on_select.clone(), results.clone(), query.clone());
                            Callback::from(move |_: MouseEvent| {
                                cb.emit(choice.clone());
                                results.set(Vec::new());
                                query.set(String::new());
                            })
                        };
                        html! {
                            <li><button type="button" class="link-button" {onclick}>
                                { unit.name.clone() }<span class="badge">{ i18n.kind(unit.kind) }</span>
                            </button></li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
