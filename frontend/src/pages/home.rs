use huzhu_domain::Permission;
use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;
use crate::session::use_session;

#[function_component(HomePage)]
pub fn home_page() -> Html {
    let i18n = use_i18n();
    let Some(session) = use_session() else {
        return html! {};
    };
    let me = &session.me;
    let unit_name = me.org_unit.as_ref().map(|u| u.name.clone());

    if session.is_member() {
        return html! {
            <section class="page narrow" data-testid="page-home">
                <h1>{ i18n.tf(Key::WelcomeName, &[&me.display_name]) }</h1>
                <div class="card">
                    <dl class="facts">
                        <dt>{ i18n.t(Key::IdNumber) }</dt>
                        <dd class="mono">{ me.id_number_masked.clone().unwrap_or_default() }</dd>
                        <dt>{ i18n.t(Key::MemberUnion) }</dt>
                        <dd>{ unit_name.unwrap_or_else(|| i18n.t(Key::None).to_owned()) }</dd>
                    </dl>
                </div>
                <div class="cards">
                    if session.can(Permission::OwnCoverageRead) {
                        <NavLink to={Route::Coverage} class="card card-link" testid="home-coverage">
                            <h2>{ i18n.t(Key::NavCoverage) }</h2>
                            <p>{ i18n.t(Key::CardCoverage) }</p>
                        </NavLink>
                    }
                    <NavLink to={Route::Plans} class="card card-link">
                        <h2>{ i18n.t(Key::NavPlans) }</h2>
                        <p>{ i18n.t(Key::CardPlans) }</p>
                    </NavLink>
                </div>
                <p class="muted">{ i18n.t(Key::MemberHomeNote) }</p>
            </section>
        };
    }

    let cards = [
        (
            Route::Claims,
            Key::NavClaims,
            Key::CardClaims,
            Permission::ClaimRead,
        ),
        (
            Route::Members,
            Key::NavMembers,
            Key::CardMembers,
            Permission::MemberRead,
        ),
        (
            Route::Rosters,
            Key::NavRosters,
            Key::CardRosters,
            Permission::MemberManage,
        ),
        (
            Route::Batches,
            Key::NavBatches,
            Key::CardBatches,
            Permission::MemberRead,
        ),
        (
            Route::OrgUnits,
            Key::NavOrgUnits,
            Key::CardOrgUnits,
            Permission::OrgUnitRead,
        ),
        (
            Route::Staff,
            Key::NavStaff,
            Key::CardStaff,
            Permission::StaffManage,
        ),
        (
            Route::ApiClients,
            Key::NavApiClients,
            Key::CardApiClients,
            Permission::ApiClientManage,
        ),
    ];
    let roles = i18n.roles(&me.roles);
    html! {
        <section class="page" data-testid="page-home">
            <h1>{ i18n.tf(Key::WelcomeName, &[&me.display_name]) }</h1>
            <div class="card">
                <dl class="facts">
                    <dt>{ i18n.t(Key::OrgUnit) }</dt>
                    <dd>
                        { unit_name.unwrap_or_else(|| i18n.t(Key::None).to_owned()) }
                        if let Some(unit) = &me.org_unit {
                            <span class="badge">{ i18n.kind(unit.kind) }</span>
                        }
                    </dd>
                    <dt>{ i18n.t(Key::Roles) }</dt>
                    <dd>{ roles }</dd>
                </dl>
            </div>
            <div class="cards">
                { for cards.into_iter().filter(|c| session.can(c.3)).map(|(route, title, text, _)| html! {
                    <NavLink to={route} class="card card-link">
                        <h2>{ i18n.t(title) }</h2>
                        <p>{ i18n.t(text) }</p>
                    </NavLink>
                }) }
                <NavLink to={Route::Plans} class="card card-link">
                    <h2>{ i18n.t(Key::NavPlans) }</h2>
                    <p>{ i18n.t(Key::CardPlans) }</p>
                </NavLink>
                <NavLink to={Route::Account} class="card card-link">
                    <h2>{ i18n.t(Key::NavAccount) }</h2>
                    <p>{ i18n.t(Key::CardAccount) }</p>
                </NavLink>
            </div>
        </section>
    }
}
