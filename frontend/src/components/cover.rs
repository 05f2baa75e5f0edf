//! A person's cover on a chosen day: the date, then one policy card per policy. Shows the
//! signed-in member's own cover, or (for staff) a member's.

use chrono::NaiveDate;
use huzhu_api_types::Coverage;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::form::{changed_value, ErrorMessage};
use crate::components::policy_card::PolicyCard;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct CoverProps {
    /// Whose cover: a member of the register, or `None` for the signed-in member.
    #[prop_or_default]
    pub member_id: Option<i64>,
}

#[function_component(Cover)]
pub fn cover(props: &CoverProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    // None: today (the server's China Standard Time date).
    let date = use_state(|| None::<NaiveDate>);
    let loaded = use_state(|| None::<Result<Coverage, ApiError>>);
    {
        let api = session.as_ref().map(|s| s.api.clone());
        let loaded = loaded.clone();
        use_effect_with((props.member_id, *date), move |(member_id, date)| {
            if let Some(api) = api {
                let (member_id, date) = (*member_id, *date);
                yew::platform::spawn_local(async move {
                    let outcome = match member_id {
                        Some(id) => api.member_coverage(id, date).await,
                        None => api.my_coverage(date).await,
                    };
                    loaded.set(Some(outcome));
                });
            }
        });
    }

    let on_date = {
        let date = date.clone();
        Callback::from(move |e: Event| {
            // An emptied field means today again.
            date.set(changed_value(&e).parse::<NaiveDate>().ok());
        })
    };
    let on_today = {
        let date = date.clone();
        Callback::from(move |_: MouseEvent| date.set(None))
    };
    let empty = if props.member_id.is_some() {
        Key::CoverageNoneMember
    } else {
        Key::CoverageNoneMine
    };
    let shown_date = date
        .or_else(|| match &*loaded {
            Some(Ok(c)) => Some(c.date),
            _ => None,
        })
        .unwrap_or_else(format::china_today);

    let body = match &*loaded {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(c)) if c.policies.is_empty() => html! {
            <p class="empty-state" data-testid="coverage-empty">{ i18n.t(empty) }</p>
        },
        Some(Ok(c)) => {
            let is_today = date.is_none();
            html! {
                <div class="policy-cards">
                    { for c.policies.iter().map(|p| html! {
                        <PolicyCard key={p.policy_id} policy={p.clone()} date={c.date} {is_today} />
                    }) }
                </div>
            }
        }
    };
    html! {
        <div class="cover">
            <div class="cover-date">
                <label>
                    <span>{ i18n.t(Key::CoverageDate) }</span>
                    <input type="date" value={shown_date.to_string()} onchange={on_date}
                           data-testid="coverage-date" />
                </label>
                if date.is_some() {
                    <button type="button" class="button-quiet small" onclick={on_today}>
                        { i18n.t(Key::CoverageToday) }
                    </button>
                }
            </div>
            { body }
        </div>
    }
}
