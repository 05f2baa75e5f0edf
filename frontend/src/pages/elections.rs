//! 选举: the elections of the bodies, each a secret ballot scrutinised by supervisors, with the
//! count and its working once voting has closed.

use huzhu_api_types::Motion;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::form::ErrorMessage;
use crate::i18n::{body_key, position_key, use_i18n, Key, Lang};
use crate::pages::governance::status_pill;
use crate::route::Route;
use crate::session::use_session;

#[function_component(ElectionsPage)]
pub fn elections_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let list = use_state(|| None::<Result<Vec<Motion>, ApiError>>);
    let api = session.as_ref().map(|s| s.api.clone());
    {
        let (api, list) = (api.clone(), list.clone());
        use_effect_with((), move |_| {
            if let Some(api) = api {
                yew::platform::spawn_local(async move { list.set(Some(api.elections().await)) });
            }
        });
    }
    if api.is_none() {
        return html! {};
    }
    let body = match &*list {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="muted">{ i18n.t(Key::NoElections) }</p> }
        }
        Some(Ok(items)) => html! {
            <div class="cards" data-testid="election-list">
                { for items.iter().map(|m| {
                    // Every election names the body and the seat it fills.
                    let (Some(to), Some(position)) = (m.elect_to, m.candidate_position) else {
                        return html! {};
                    };
                    let explanation = match i18n.lang { Lang::Zh => m.explanation_zh.clone(), Lang::En => m.explanation_en.clone() };
                    html! {
                        <article class="card" key={m.id} data-testid="election">
                            <div class="page-head">
                                <h3><Link<Route> to={Route::Meeting { id: m.meeting_id }}>{ m.title.clone() }</Link<Route>></h3>
                                { status_pill(&i18n, m.status) }
                            </div>
                            <p>{ i18n.tf(Key::MotionCandidate, &[
                                &m.candidate_name.clone().unwrap_or_default(),
                                i18n.t(body_key(to)),
                                i18n.t(position_key(to, position)),
                            ]) }</p>
                            <p class="muted">{ i18n.tf(Key::Scrutineers, &[&m.scrutineers.iter().map(|s| s.holder.clone()).collect::<Vec<_>>().join("、")]) }</p>
                            <p>{ i18n.tf(Key::BallotsCast, &[&m.ballots_cast.to_string()]) }</p>
                            if let Some(text) = explanation {
                                <p class="message">{ text }</p>
                            }
                        </article>
                    }
                }) }
            </div>
        },
    };
    html! {
        <section class="page" data-testid="page-elections">
            <div class="page-head"><h1>{ i18n.t(Key::NavElections) }</h1></div>
            { body }
        </section>
    }
}
