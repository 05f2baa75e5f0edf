use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;

#[function_component(NotFoundPage)]
pub fn not_found_page() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page narrow" data-testid="page-not-found">
            <h1>{ i18n.t(Key::NotFoundTitle) }</h1>
            <p>{ i18n.t(Key::NotFoundText) }</p>
            <p><NavLink to={Route::Home}>{ i18n.t(Key::BackHome) }</NavLink></p>
        </section>
    }
}
