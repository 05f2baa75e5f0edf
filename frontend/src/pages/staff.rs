//! Staff accounts: list and search, create, disable/enable, unlock, reset password.

use huzhu_domain::field_rules;
use std::collections::{BTreeSet, HashMap};

use huzhu_api_types::{NewStaffAccount, OrgUnitRef, Page, StaffAccount, StaffAccountChanges};
use huzhu_domain::{Permission, Role};
use yew::prelude::*;

use crate::api::{Api, ApiError, ListQuery};
use crate::components::busy::{run_busy, submit};
use crate::components::form::{
    input_value, setter, toggle_in, ErrorMessage, FormFooter, SuccessMessage, TextField,
};
use crate::components::paged::paged_table;
use crate::components::unit_picker::UnitPicker;
use crate::format;
use crate::i18n::{use_i18n, I18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::session::use_session;

const PAGE_SIZE: i64 = 20;
/// The domain's rule for new passwords, as the server applies it.
fn password_error(i18n: &I18n, password: &str) -> Option<String> {
    if password.is_empty() {
        return None;
    }
    field_rules::new_password(password)
        .err()
        .map(|e| i18n.error(e.code()).to_owned())
}

#[function_component(StaffPage)]
pub fn staff_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_state(String::new);
    let list_query = use_state(|| ListQuery {
        limit: Some(PAGE_SIZE),
        ..ListQuery::default()
    });
    let version = use_state(|| 0u32);
    let page = use_state(|| None::<Result<Page<StaffAccount>, ApiError>>);
    let unit_names = use_state(HashMap::<i64, String>::new);
    let creating = use_state(|| false);
    let notice = use_state(|| None::<String>);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::StaffRead) || s.can(Permission::StaffManage));

    {
        let (api, page, unit_names) = (api.clone(), page.clone(), unit_names.clone());
        use_effect_with(((*list_query).clone(), *version), move |(q, _)| {
            if let (Some(api), true) = (api, allowed) {
                let q = q.clone();
                yew::platform::spawn_local(async move {
                    let outcome = api.staff(None, &q).await;
                    // Accounts carry only their unit's id; look up the names not seen yet,
                    // after showing the list.
                    let mut names = (*unit_names).clone();
                    let missing: BTreeSet<i64> = match &outcome {
                        Ok(loaded) => loaded
                            .items
                            .iter()
                            .map(|a| a.org_unit_id)
                            .filter(|id| !names.contains_key(id))
                            .collect(),
                        Err(_) => BTreeSet::new(),
                    };
                    page.set(Some(outcome));
                    if missing.is_empty() {
                        return;
                    }
                    for id in missing {
                        if let Ok(unit) = api.org_unit(id).await {
                            names.insert(id, unit.name);
                        }
                    }
                    unit_names.set(names);
                });
            }
        });
    }

    let (Some(session), Some(api)) = (session, api) else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }
    let manage = session.can(Permission::StaffManage);

    let on_search = {
        let (query, list_query) = (query.clone(), list_query.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let q = query.trim().to_owned();
            list_query.set(ListQuery {
                q: (!q.is_empty()).then_some(q),
                limit: Some(PAGE_SIZE),
                offset: None,
            });
        })
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(input_value(&e)))
    };
    let on_page = {
        let list_query = list_query.clone();
        Callback::from(move |offset: i64| {
            list_query.set(ListQuery {
                offset: Some(offset),
                ..(*list_query).clone()
            })
        })
    };
    let open_create = {
        let (creating, notice) = (creating.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            creating.set(true);
        })
    };
    let on_created = {
        let (creating, notice, version) = (creating.clone(), notice.clone(), version.clone());
        let lang = i18n.lang;
        Callback::from(move |account: StaffAccount| {
            creating.set(false);
            notice.set(Some(crate::i18n::tf(
                lang,
                Key::StaffCreated,
                &[&account.username],
            )));
            version.set(version.wrapping_add(1));
        })
    };
    let on_cancel = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };

    let mut columns = vec![
        Key::Username,
        Key::DisplayName,
        Key::OrgUnit,
        Key::Roles,
        Key::Status,
        Key::CreatedAt,
    ];
    if manage {
        columns.push(Key::Actions);
    }
    let table = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NothingFound),
        on_page,
        "staff-list",
        &columns,
        |account| {
            html! {
                <StaffRow key={account.id} api={api.clone()} account={account.clone()}
                          unit_name={unit_names.get(&account.org_unit_id).cloned()}
                          {manage} />
            }
        },
    );

    html! {
        <section class="page" data-testid="page-staff">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavStaff) }</h1>
                if manage && !*creating {
                    <button type="button" class="button-primary" onclick={open_create} data-testid="staff-new">
                        { i18n.t(Key::NewStaff) }
                    </button>
                }
            </div>
            <SuccessMessage text={(*notice).clone()} />
            if *creating {
                <NewStaffForm api={api.clone()} default_unit={session.me.org_unit.clone()} {on_created} {on_cancel} />
            }
            <form class="toolbar" onsubmit={on_search} role="search">
                <input type="search" value={(*query).clone()} {oninput}
                       placeholder={i18n.t(Key::SearchStaff)} aria-label={i18n.t(Key::SearchStaff)} />
                <button type="submit" class="button-primary">{ i18n.t(Key::Search) }</button>
            </form>
            { table }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct StaffRowProps {
    api: Api,
    account: StaffAccount,
    unit_name: Option<String>,
    manage: bool,
}

#[function_component(StaffRow)]
fn staff_row(props: &StaffRowProps) -> Html {
    let i18n = use_i18n();
    // Local copy: every change answers with the updated account.
    let account = use_state(|| props.account.clone());
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<String>);
    let resetting = use_state(|| false);
    let new_password = use_state(String::new);
    let busy = use_state(|| false);
    {
        let account = account.clone();
        use_effect_with(props.account.clone(), move |fresh| {
            account.set(fresh.clone())
        });
    }

    let apply = {
        let (api, account, error, notice, busy, resetting) = (
            props.api.clone(),
            account.clone(),
            error.clone(),
            notice.clone(),
            busy.clone(),
            resetting.clone(),
        );
        let lang = i18n.lang;
        move |changes: StaffAccountChanges, done: Key| {
            let (api, account, error, notice, resetting) = (
                api.clone(),
                account.clone(),
                error.clone(),
                notice.clone(),
                resetting.clone(),
            );
            let id = account.id;
            error.set(None);
            notice.set(None);
            let request = async move { api.update_staff(id, &changes).await };
            run_busy(&busy, request, move |outcome| match outcome {
                Ok(updated) => {
                    account.set(updated);
                    resetting.set(false);
                    notice.set(Some(crate::i18n::t(lang, done).to_owned()));
                }
                Err(e) => error.set(Some(e)),
            });
        }
    };

    let locked = account.locked_until.is_some_and(|t| t > format::now());
    let toggle_active = {
        let apply = apply.clone();
        let active = account.active;
        Callback::from(move |_: MouseEvent| {
            let changes = StaffAccountChanges {
                active: Some(!active),
                ..StaffAccountChanges::default()
            };
            apply(
                changes,
                if active {
                    Key::StaffDisabled
                } else {
                    Key::StaffEnabled
                },
            );
        })
    };
    let unlock = {
        let apply = apply.clone();
        Callback::from(move |_: MouseEvent| {
            let changes = StaffAccountChanges {
                unlock: Some(true),
                ..StaffAccountChanges::default()
            };
            apply(changes, Key::StaffUnlocked);
        })
    };
    let open_reset = {
        let (resetting, new_password) = (resetting.clone(), new_password.clone());
        Callback::from(move |_: MouseEvent| {
            new_password.set(String::new());
            resetting.set(!*resetting);
        })
    };
    let pw_error = password_error(&i18n, &new_password);
    let save_password = {
        let (apply, new_password) = (apply.clone(), new_password.clone());
        let valid = pw_error.is_none() && !new_password.is_empty();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !valid {
                return;
            }
            let changes = StaffAccountChanges {
                password: Some((*new_password).clone()),
                ..StaffAccountChanges::default()
            };
            apply(changes, Key::PasswordReset);
        })
    };

    let roles = i18n.roles(&account.roles);
    let status = if !account.active {
        html! { <span class="status off">{ i18n.t(Key::StatusDisabled) }</span> }
    } else if let (true, Some(until)) = (locked, &account.locked_until) {
        html! { <span class="status warn">{ i18n.tf(Key::StatusLockedUntil, &[&format::date_time(until)]) }</span> }
    } else {
        html! { <span class="status on">{ i18n.t(Key::StatusActive) }</span> }
    };
    let columns = if props.manage { "7" } else { "6" };

    html! {
        <>
            <tr data-testid="staff-row" data-username={account.username.clone()}>
                <td class="mono">{ account.username.clone() }</td>
                <td>{ account.display_name.clone() }</td>
                <td>{ props.unit_name.clone().unwrap_or_else(|| format!("#{}", account.org_unit_id)) }</td>
                <td>{ roles }</td>
                <td>{ status }</td>
                <td class="nowrap">{ format::date_time(&account.created_at) }</td>
                if props.manage {
                    <td class="row-actions">
                        <button type="button" class={classes!("button-quiet", "small", account.active.then_some("danger"))}
                                disabled={*busy} onclick={toggle_active}>
                            { i18n.t(if account.active { Key::Disable } else { Key::Enable }) }
                        </button>
                        if locked {
                            <button type="button" class="button-quiet small" disabled={*busy} onclick={unlock}>
                                { i18n.t(Key::Unlock) }
                            </button>
                        }
                        <button type="button" class="button-quiet small" onclick={open_reset}>
                            { i18n.t(Key::ResetPassword) }
                        </button>
                    </td>
                }
            </tr>
            if error.is_some() || notice.is_some() || *resetting {
                <tr class="row-detail"><td colspan={columns}>
                    <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
                    <SuccessMessage text={(*notice).clone()} />
                    if *resetting {
                        <form class="inline-form" onsubmit={save_password} novalidate=true>
                            <TextField label={i18n.tf(Key::NewPasswordFor, &[&account.username])}
                                       value={(*new_password).clone()} input_type="password"
                                       autocomplete="new-password" error={pw_error.clone()}
                                       oninput={setter(&new_password)} />
                            <div class="form-actions">
                                <button type="submit" class="button-primary" disabled={*busy}>{ i18n.t(Key::Save) }</button>
                            </div>
                        </form>
                    }
                </td></tr>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewStaffFormProps {
    api: Api,
    default_unit: Option<OrgUnitRef>,
    on_created: Callback<StaffAccount>,
    on_cancel: Callback<()>,
}

#[function_component(NewStaffForm)]
fn new_staff_form(props: &NewStaffFormProps) -> Html {
    let i18n = use_i18n();
    let username = use_state(String::new);
    let display_name = use_state(String::new);
    let unit = use_state(|| props.default_unit.clone());
    let roles = use_state(BTreeSet::<Role>::new);
    let password = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let missing = use_state(|| false);
    let busy = use_state(|| false);

    let username_error = (!username.is_empty())
        .then(|| field_rules::username(&username).err())
        .flatten()
        .map(|_| i18n.t(Key::UsernameRule).to_owned());
    let pw_error = password_error(&i18n, &password);

    let onsubmit = {
        let (username, display_name, unit, roles, password) = (
            username.clone(),
            display_name.clone(),
            unit.clone(),
            roles.clone(),
            password.clone(),
        );
        let (error, missing, busy) = (error.clone(), missing.clone(), busy.clone());
        let (api, on_created) = (props.api.clone(), props.on_created.clone());
        let fields_ok = username_error.is_none() && pw_error.is_none();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(unit) = (*unit).clone() else {
                missing.set(true);
                return;
            };
            if !fields_ok
                || username.is_empty()
                || display_name.trim().is_empty()
                || password.is_empty()
                || roles.is_empty()
            {
                missing.set(true);
                return;
            }
            missing.set(false);
            let account = NewStaffAccount {
                // As the server keeps it (trimmed, lower-cased).
                username: field_rules::username(&username).unwrap_or_default(),
                display_name: display_name.trim().to_owned(),
                org_unit_id: unit.id,
                roles: roles.iter().copied().collect(),
                password: (*password).clone(),
            };
            let api = api.clone();
            submit(&busy, &error, &on_created, async move {
                api.create_staff(&account).await
            });
        })
    };
    let on_select_unit = {
        let unit = unit.clone();
        Callback::from(move |u: OrgUnitRef| unit.set(Some(u)))
    };

    html! {
        <form class="card form-card" {onsubmit} novalidate=true data-testid="staff-new-form">
            <h2>{ i18n.t(Key::NewStaff) }</h2>
            <div class="form-grid">
                <TextField label={i18n.t(Key::Username)} value={(*username).clone()} oninput={setter(&username)}
                           testid="staff-new-username" autocomplete="off" maxlength={huzhu_domain::field_rules::USERNAME_CHARS.end().to_string()}
                           hint={i18n.t(Key::UsernameRule)} error={username_error.clone()} required=true />
                <TextField label={i18n.t(Key::DisplayName)} value={(*display_name).clone()}
                           oninput={setter(&display_name)} testid="staff-new-display-name" required=true maxlength={huzhu_domain::field_rules::max_chars::DISPLAY_NAME.to_string()} />
                <UnitPicker api={props.api.clone()} label={i18n.t(Key::OrgUnit)}
                            selected={(*unit).clone()} on_select={on_select_unit} />
                <TextField label={i18n.t(Key::InitialPassword)} value={(*password).clone()}
                           oninput={setter(&password)} input_type="password" autocomplete="new-password"
                           testid="staff-new-password" error={pw_error.clone()} required=true />
            </div>
            <fieldset class="checks">
                <legend>{ i18n.t(Key::Roles) }</legend>
                { for Role::ALL.into_iter().filter(|r| r.is_staff()).map(|role| html! {
                    <label class="check">
                        <input type="checkbox" checked={roles.contains(&role)} onchange={toggle_in(&roles, role)}
                               data-testid={format!("staff-new-role-{}", role.as_str())} />
                        { i18n.role(role) }
                    </label>
                }) }
            </fieldset>
            <FormFooter incomplete={missing.then(|| i18n.t(Key::FormIncomplete).to_owned())}
                        error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::Create)} submit_testid="staff-new-submit"
                        on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
