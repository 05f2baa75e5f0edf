//! 我的保障: the signed-in member's policies and how each stands today.

use huzhu_domain::Permission;
use yew::prelude::*;

use crate::components::cover::Cover;
use crate::i18n::{use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::session::use_session;

#[function_component(CoveragePage)]
pub fn coverage_page() -> Html {
    let i18n = use_i18n();
    let Some(session) = use_session() else {
        return html! {};
    };
    if !session.can(Permission::OwnCoverageRead) {
        return html! { <Forbidden /> };
    }
    html! {
        <section class="page narrow" data-testid="page-coverage">
            <h1>{ i18n.t(Key::NavCoverage) }</h1>
            <Cover />
        </section>
    }
}
