//! One member: the register entry (masked, or in full after stating a purpose), their cover,
//! and who has seen their sensitive details.

use std::collections::BTreeSet;

use huzhu_api_types::{Member, SensitiveAccess, Unmasked};
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::cover::Cover;
use crate::components::form::{ErrorMessage, SuccessMessage};
use crate::components::nav_link::NavLink;
use crate::components::unit_names::{unit_label, use_unit_names};
use crate::format;
use crate::i18n::{sensitive_field_key, use_i18n, I18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::pages::member_forms::EditMemberForm;
use crate::pages::member_unmask::UnmaskForm;
use crate::route::Route;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct MemberPageProps {
    pub id: i64,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    View,
    Unmasking,
    Editing,
}

#[function_component(MemberPage)]
pub fn member_page(props: &MemberPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let member = use_state(|| None::<Result<Member, ApiError>>);
    let unmasked = use_state(|| None::<Unmasked>);
    let mode = use_state(|| Mode::View);
    let notice = use_state(|| None::<String>);
    // Bumped after an unmask, which adds to the access log.
    let log_version = use_state(|| 0u32);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::MemberRead));
    {
        let (api, member, unmasked, mode) =
            (api.clone(), member.clone(), unmasked.clone(), mode.clone());
        use_effect_with(props.id, move |id| {
            unmasked.set(None);
            mode.set(Mode::View);
            if let (Some(api), true) = (api, allowed) {
                let id = *id;
                member.set(None);
                yew::platform::spawn_local(async move {
                    member.set(Some(api.member(id).await));
                });
            }
        });
    }
    let unit_ids: BTreeSet<i64> = match &*member {
        Some(Ok(m)) => BTreeSet::from([m.org_unit_id]),
        _ => BTreeSet::new(),
    };
    let unit_names = use_unit_names(api.clone(), unit_ids);

    let (Some(session), Some(api)) = (session, api) else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }
    let back = html! {
        <p class="back-link"><NavLink to={Route::Members}>{ format!("← {}", i18n.t(Key::BackToMembers)) }</NavLink></p>
    };
    let m = match &*member {
        None => {
            return html! {
                <section class="page" data-testid="page-member">{ back }<p class="muted">{ i18n.t(Key::Loading) }</p></section>
            }
        }
        Some(Err(e)) => {
            return html! {
                <section class="page" data-testid="page-member">{ back }<ErrorMessage text={e.text(i18n.lang)} /></section>
            }
        }
        Some(Ok(m)) => m.clone(),
    };
    let can_unmask = session.can(Permission::MemberUnmask);
    let can_edit = session.can(Permission::MemberManage);
    let set_mode = |next: Mode| {
        let (mode, notice) = (mode.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            mode.set(next);
        })
    };
    let back_to_view = {
        let mode = mode.clone();
        Callback::from(move |()| mode.set(Mode::View))
    };
    let on_unmasked = {
        let (unmasked, mode, log_version) = (unmasked.clone(), mode.clone(), log_version.clone());
        Callback::from(move |u: Unmasked| {
            unmasked.set(Some(u));
            mode.set(Mode::View);
            log_version.set(log_version.wrapping_add(1));
        })
    };
    let hide = {
        let unmasked = unmasked.clone();
        Callback::from(move |_: MouseEvent| unmasked.set(None))
    };
    let on_saved = {
        let (member, mode, notice) = (member.clone(), mode.clone(), notice.clone());
        let lang = i18n.lang;
        Callback::from(move |saved: Member| {
            member.set(Some(Ok(saved)));
            mode.set(Mode::View);
            notice.set(Some(crate::i18n::t(lang, Key::Saved).to_owned()));
        })
    };
    let union = unit_label(&unit_names, m.org_unit_id);

    html! {
        <section class="page" data-testid="page-member">
            { back }
            <div class="page-head">
                <h1 data-testid="member-name">{ m.name.clone() }</h1>
                <div class="form-actions">
                    if can_unmask && unmasked.is_none() && *mode == Mode::View {
                        <button type="button" class="button-quiet" onclick={set_mode(Mode::Unmasking)} data-testid="unmask-open">
                            { i18n.t(Key::ShowInFull) }
                        </button>
                    }
                    if unmasked.is_some() {
                        <button type="button" class="button-quiet" onclick={hide} data-testid="unmask-hide">
                            { i18n.t(Key::Hide) }
                        </button>
                    }
                    if can_edit && *mode == Mode::View {
                        <button type="button" class="button-quiet" onclick={set_mode(Mode::Editing)} data-testid="member-edit">
                            { i18n.t(Key::Edit) }
                        </button>
                    }
                </div>
            </div>
            <SuccessMessage text={(*notice).clone()} />
            if *mode == Mode::Unmasking {
                <UnmaskForm api={api.clone()} member_id={m.id} {on_unmasked} on_cancel={back_to_view.clone()} />
            }
            if *mode == Mode::Editing {
                <EditMemberForm api={api.clone()} member={m.clone()} unit_name={union.clone()}
                                {on_saved} on_cancel={back_to_view.clone()} />
            }
            { facts(&i18n, &m, &union, unmasked.as_ref()) }
            <h2 class="section-title">{ i18n.t(Key::MemberCover) }</h2>
            <Cover member_id={m.id} />
            <h2 class="section-title">{ i18n.t(Key::AccessLog) }</h2>
            <AccessLog api={api.clone()} member_id={m.id} version={*log_version} me={session.me.id} />
        </section>
    }
}

/// The register entry; the sensitive fields in full when `unmasked` holds them.
fn facts(i18n: &I18n, m: &Member, union: &str, unmasked: Option<&Unmasked>) -> Html {
    let not_recorded = || html! { <span class="muted">{ i18n.t(Key::NotRecorded) }</span> };
    let id_number = match unmasked.and_then(|u| u.id_number.clone()) {
        Some(full) => {
            html! { <span class="mono revealed" data-testid="unmasked-id-number">{ full }</span> }
        }
        None => {
            html! { <span class="mono" data-testid="member-id-number">{ m.id_number_masked.clone() }</span> }
        }
    };
    let mobile = match (unmasked.and_then(|u| u.mobile.clone()), &m.mobile_masked) {
        (Some(full), _) => {
            html! { <span class="mono revealed" data-testid="unmasked-mobile">{ full }</span> }
        }
        (None, Some(masked)) => html! { <span class="mono">{ masked.clone() }</span> },
        (None, None) => not_recorded(),
    };
    let card = match (
        unmasked.and_then(|u| u.bank_card.clone()),
        &m.bank_card_masked,
    ) {
        (Some(full), _) => {
            html! { <span class="mono revealed" data-testid="unmasked-bank-card">{ full }</span> }
        }
        (None, Some(masked)) => html! { <span class="mono">{ masked.clone() }</span> },
        (None, None) => not_recorded(),
    };
    let consent = match &m.health_consent_at {
        Some(at) => i18n.tf(Key::ConsentGiven, &[&format::date_time(at)]),
        None => i18n.t(Key::ConsentNotGiven).to_owned(),
    };
    html! {
        <div class="card">
            <dl class="facts">
                <dt>{ i18n.t(Key::IdNumber) }</dt><dd>{ id_number }</dd>
                <dt>{ i18n.t(Key::Gender) }</dt><dd>{ i18n.gender(m.gender) }</dd>
                <dt>{ i18n.t(Key::Age) }</dt><dd>{ i18n.tf(Key::AgeYears, &[&m.age.to_string()]) }</dd>
                <dt>{ i18n.t(Key::Category) }</dt><dd>{ i18n.category(m.category) }</dd>
                <dt>{ i18n.t(Key::Union) }</dt><dd>{ union.to_owned() }</dd>
                <dt>{ i18n.t(Key::Mobile) }</dt><dd>{ mobile }</dd>
                <dt>{ i18n.t(Key::BankCard) }</dt>
                <dd>
                    { card }
                    if m.bank_card_luhn_overridden {
                        <span class="badge warn">{ i18n.t(Key::LuhnOverridden) }</span>
                    }
                </dd>
                <dt>{ i18n.t(Key::HealthConsent) }</dt><dd>{ consent }</dd>
                <dt>{ i18n.t(Key::RegisteredAt) }</dt><dd>{ format::date_time(&m.created_at) }</dd>
                <dt>{ i18n.t(Key::UpdatedAt) }</dt><dd>{ format::date_time(&m.updated_at) }</dd>
            </dl>
            if unmasked.is_some() {
                <p class="muted small">{ i18n.t(Key::UnmaskedNote) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AccessLogProps {
    api: Api,
    member_id: i64,
    /// Changes when the log has grown.
    version: u32,
    /// The caller's account id, to say "me".
    me: i64,
}

#[function_component(AccessLog)]
fn access_log(props: &AccessLogProps) -> Html {
    let i18n = use_i18n();
    let log = use_state(|| None::<Result<Vec<SensitiveAccess>, ApiError>>);
    {
        let (api, log) = (props.api.clone(), log.clone());
        use_effect_with((props.member_id, props.version), move |(id, _)| {
            let id = *id;
            yew::platform::spawn_local(async move {
                log.set(Some(api.member_access_log(id).await));
            });
        });
    }
    let entries = match &*log {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(entries)) if entries.is_empty() => {
            return html! { <p class="muted" data-testid="access-log-empty">{ i18n.t(Key::AccessLogEmpty) }</p> }
        }
        Some(Ok(entries)) => entries,
    };
    let columns = [
        Key::AccessedAt,
        Key::AccessBy,
        Key::AccessFields,
        Key::Purpose,
    ];
    html! {
        <div class="table-wrap">
            <table class="list" data-testid="access-log">
                <thead><tr>{ for columns.iter().map(|k| html! { <th>{ i18n.t(*k) }</th> }) }</tr></thead>
                <tbody>
                    // Newest first: the last access is the one people look for.
                    { for entries.iter().rev().map(|a| {
                        let who = if a.account_id == props.me { Key::AccountMe } else { Key::AccountRef };
                        let fields = a.fields.iter()
                            .map(|f| i18n.code_or(sensitive_field_key(f), f))
                            .collect::<Vec<_>>()
                            .join(i18n.t(Key::ListSeparator));
                        html! {
                            <tr data-testid="access-row">
                                <td class="nowrap">{ format::date_time(&a.accessed_at) }</td>
                                <td>{ i18n.tf(who, &[&a.account_id.to_string()]) }</td>
                                <td>{ fields }</td>
                                <td>{ a.purpose.clone() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
