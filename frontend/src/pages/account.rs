use huzhu_api_types::PrincipalKind;
use yew::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::session::use_session;

/// Everything `/me` says about the caller.
#[function_component(AccountPage)]
pub fn account_page() -> Html {
    let i18n = use_i18n();
    let Some(session) = use_session() else {
        return html! {};
    };
    let me = &session.me;
    let sep = i18n.t(Key::ListSeparator);
    let none = || html! { <span class="muted">{ i18n.t(Key::None) }</span> };
    let joined = |items: Vec<String>| {
        if items.is_empty() {
            none()
        } else {
            html! { { items.join(sep) } }
        }
    };
    let kind = match me.kind {
        PrincipalKind::Staff => Key::KindStaff,
        PrincipalKind::Member => Key::KindMember,
        PrincipalKind::Integrator => Key::KindIntegrator,
    };
    html! {
        <section class="page narrow" data-testid="page-account">
            <h1>{ i18n.t(Key::NavAccount) }</h1>
            <div class="card">
                <dl class="facts">
                    <dt>{ i18n.t(Key::AccountKind) }</dt>
                    <dd>{ i18n.t(kind) }</dd>
                    <dt>{ i18n.t(Key::DisplayName) }</dt>
                    <dd>{ me.display_name.clone() }</dd>
                    if let Some(username) = &me.username {
                        <dt>{ i18n.t(Key::Username) }</dt>
                        <dd class="mono">{ username.clone() }</dd>
                    }
                    if let Some(id) = &me.id_number_masked {
                        <dt>{ i18n.t(Key::IdNumber) }</dt>
                        <dd class="mono">{ id.clone() }</dd>
                    }
                    <dt>{ i18n.t(Key::Roles) }</dt>
                    <dd>{ joined(me.roles.iter().map(|r| i18n.role(*r).to_owned()).collect()) }</dd>
                    <dt>{ i18n.t(Key::Permissions) }</dt>
                    <dd>{ joined(me.permissions.iter().map(|p| i18n.permission(*p).to_owned()).collect()) }</dd>
                    if !me.scopes.is_empty() {
                        <dt>{ i18n.t(Key::Scopes) }</dt>
                        <dd>{ joined(me.scopes.iter().map(|s| i18n.scope(*s).to_owned()).collect()) }</dd>
                    }
                    <dt>{ i18n.t(Key::OrgUnit) }</dt>
                    <dd>
                        { match &me.org_unit {
                            Some(unit) => html! {
                                <>{ unit.name.clone() }<span class="badge">{ i18n.kind(unit.kind) }</span></>
                            },
                            None => none(),
                        } }
                    </dd>
                    <dt>{ i18n.t(Key::SessionStarted) }</dt>
                    <dd>
                        { match &me.session_started_at {
                            Some(t) => html! { { format::date_time(t) } },
                            None => none(),
                        } }
                    </dd>
                </dl>
            </div>
        </section>
    }
}
