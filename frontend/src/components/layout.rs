use huzhu_domain::Permission;
use yew::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    #[prop_or_default]
    pub children: Html,
}

/// Header and navigation around every signed-in page. The navigation shows only what the
/// caller's permissions allow (the server checks again; this only avoids dead ends).
#[function_component(Layout)]
pub fn layout(props: &LayoutProps) -> Html {
    let i18n = use_i18n();
    let Some(session) = use_session() else {
        return props.children.clone();
    };
    let logout = {
        let logout = session.logout.clone();
        Callback::from(move |_: MouseEvent| logout.emit(()))
    };
    // In this order; a member's cover comes first after home.
    let sections = [
        (
            Route::Coverage,
            "nav-coverage",
            Key::NavCoverage,
            Some(Permission::OwnCoverageRead),
        ),
        (
            Route::MyClaims,
            "nav-my-claims",
            Key::NavMyClaims,
            Some(Permission::OwnClaim),
        ),
        (
            Route::Claims,
            "nav-claims",
            Key::NavClaims,
            Some(Permission::ClaimRead),
        ),
        (
            Route::Members,
            "nav-members",
            Key::NavMembers,
            Some(Permission::MemberRead),
        ),
        (
            Route::Rosters,
            "nav-rosters",
            Key::NavRosters,
            Some(Permission::MemberManage),
        ),
        (
            Route::Batches,
            "nav-batches",
            Key::NavBatches,
            Some(Permission::MemberRead),
        ),
        (Route::Plans, "nav-plans", Key::NavPlans, None),
        (
            Route::Finance,
            "nav-finance",
            Key::NavFinance,
            Some(Permission::FinanceRead),
        ),
        // Seat holders who are members (congress representatives) follow their meetings too.
        (
            Route::Governance,
            "nav-governance",
            Key::NavGovernance,
            None,
        ),
        (Route::Elections, "nav-elections", Key::NavElections, None),
        (
            Route::Inspections,
            "nav-inspections",
            Key::NavInspections,
            Some(Permission::GovernanceRead),
        ),
        (
            Route::Audit,
            "nav-audit",
            Key::NavAudit,
            Some(Permission::AuditRead),
        ),
        (
            Route::OrgUnits,
            "nav-org-units",
            Key::NavOrgUnits,
            Some(Permission::OrgUnitRead),
        ),
        (
            Route::Staff,
            "nav-staff",
            Key::NavStaff,
            Some(Permission::StaffManage),
        ),
        (
            Route::ApiClients,
            "nav-api-clients",
            Key::NavApiClients,
            Some(Permission::ApiClientManage),
        ),
        (Route::Account, "nav-account", Key::NavAccount, None),
    ];
    html! {
        <div class="shell">
            <header class="topbar">
                <NavLink to={Route::Home} class="brand">
                    <span class="brand-zh">{ "互助" }</span>
                    <span class="brand-en">{ "Huzhu" }</span>
                </NavLink>
                <div class="topbar-right">
                    <span class="user-name" data-testid="user-name">{ session.me.display_name.clone() }</span>
                    <LangToggle />
                    <button type="button" class="button-quiet" data-testid="logout" onclick={logout}>
                        { i18n.t(Key::Logout) }
                    </button>
                </div>
            </header>
            <nav class="main-nav" data-testid="main-nav" aria-label={i18n.t(Key::NavLabel)}>
                <NavLink to={Route::Home} testid="nav-home">{ i18n.t(Key::NavHome) }</NavLink>
                { for sections.into_iter().filter(|s| s.3.is_none_or(|p| session.can(p))).map(|(route, testid, key, _)| html! {
                    <NavLink to={route} {testid}>{ i18n.t(key) }</NavLink>
                }) }
            </nav>
            <main class="content">
                { props.children.clone() }
            </main>
        </div>
    }
}

/// Switches between Chinese and English; labelled in the language it switches to.
#[function_component(LangToggle)]
pub fn lang_toggle() -> Html {
    let i18n = use_i18n();
    let onclick = {
        let i18n = i18n.clone();
        Callback::from(move |_: MouseEvent| i18n.set_lang.emit(i18n.lang.other()))
    };
    html! {
        <button type="button" class="button-quiet" data-testid="lang-toggle"
                lang={i18n.lang.other().tag()} {onclick}>
            { i18n.t(Key::LangToggle) }
        </button>
    }
}
