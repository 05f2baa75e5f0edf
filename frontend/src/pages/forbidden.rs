use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;

/// Shown instead of a page the caller's roles do not allow (reached by a typed or old link).
#[function_component(Forbidden)]
pub fn forbidden() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="page narrow" data-testid="page-forbidden">
            <h1>{ i18n.t(Key::ForbiddenTitle) }</h1>
            <p>{ i18n.t(Key::ForbiddenText) }</p>
            <p><NavLink to={Route::Home}>{ i18n.t(Key::BackHome) }</NavLink></p>
        </section>
    }
}
