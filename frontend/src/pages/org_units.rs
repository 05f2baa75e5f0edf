//! The organisation tree, from the caller's own unit down, loaded one level at a time.

use huzhu_api_types::{OrgUnit, Page};
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::{Api, ApiError, ListQuery};
use crate::components::busy::run_busy;
use crate::components::form::{input_value, ErrorMessage, SuccessMessage};
use crate::components::paged::paged_list;
use crate::i18n::{use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::pages::org_unit_forms::{EditUnitForm, NewUnitForm};
use crate::session::use_session;

/// Children fetched per request; "show more" fetches the next batch.
const CHILDREN_BATCH: i64 = 50;
const SEARCH_PAGE: i64 = 20;

#[function_component(OrgUnitsPage)]
pub fn org_units_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let roots = use_state(|| None::<Result<Vec<OrgUnit>, ApiError>>);
    let roots_version = use_state(|| 0u32);
    let query = use_state(String::new);
    // The search being shown (None: the tree) and its page.
    let search = use_state(|| None::<(String, i64)>);
    let results = use_state(|| None::<Result<Page<OrgUnit>, ApiError>>);
    // Bumped to run the same search again (after a deletion in the results).
    let search_version = use_state(|| 0u32);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::OrgUnitRead));

    {
        let (api, roots) = (api.clone(), roots.clone());
        use_effect_with(*roots_version, move |_| {
            if let (Some(api), true) = (api, allowed) {
                yew::platform::spawn_local(async move {
                    let outcome = api.org_units(None, &ListQuery::default()).await;
                    roots.set(Some(outcome.map(|page| page.items)));
                });
            }
        });
    }
    {
        let (api, results) = (api.clone(), results.clone());
        use_effect_with(((*search).clone(), *search_version), move |(search, _)| {
            if let (Some(api), Some((q, offset))) = (api, search.clone()) {
                results.set(None);
                yew::platform::spawn_local(async move {
                    let list = ListQuery {
                        q: Some(q),
                        limit: Some(SEARCH_PAGE),
                        offset: Some(offset),
                    };
                    results.set(Some(api.org_units(None, &list).await));
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
    let manage = session.can(Permission::OrgUnitManage);

    let on_search = {
        let (query, search) = (query.clone(), search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let q = query.trim().to_owned();
            search.set((!q.is_empty()).then_some((q, 0)));
        })
    };
    let on_clear = {
        let (query, search) = (query.clone(), search.clone());
        Callback::from(move |_: MouseEvent| {
            query.set(String::new());
            search.set(None);
        })
    };
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(input_value(&e)))
    };
    let reload_roots = {
        let roots_version = roots_version.clone();
        Callback::from(move |()| roots_version.set(roots_version.wrapping_add(1)))
    };

    let body = match &*search {
        Some((q, _)) => {
            let rerun = {
                let search_version = search_version.clone();
                Callback::from(move |()| search_version.set(search_version.wrapping_add(1)))
            };
            let on_page = {
                let (search, q) = (search.clone(), q.clone());
                Callback::from(move |offset| search.set(Some((q.clone(), offset))))
            };
            let nothing = i18n.tf(Key::SearchNothing, &[q]);
            paged_list(&i18n, &results, &nothing, on_page, |page| {
                html! {
                    <ul class="tree">
                        { for page.items.iter().map(|unit| html! {
                            <OrgNode key={unit.id} api={api.clone()} unit={unit.clone()} depth={0}
                                     {manage} deletable={manage} on_removed={rerun.clone()} />
                        }) }
                    </ul>
                }
            })
        }
        None => match &*roots {
            None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
            Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
            Some(Ok(units)) => html! {
                <ul class="tree">
                    // The caller's own unit is the top of what they may see; removing it from
                    // here would saw off the branch they sit on.
                    { for units.iter().map(|unit| html! {
                        <OrgNode key={unit.id} api={api.clone()} unit={unit.clone()} depth={0}
                                 {manage} deletable={false} on_removed={reload_roots.clone()}
                                 start_expanded={true} />
                    }) }
                </ul>
            },
        },
    };

    html! {
        <section class="page" data-testid="page-org-units">
            <h1>{ i18n.t(Key::NavOrgUnits) }</h1>
            <form class="toolbar" onsubmit={on_search} role="search">
                <input type="search" value={(*query).clone()} {oninput}
                       placeholder={i18n.t(Key::SearchByName)} aria-label={i18n.t(Key::SearchByName)}
                       data-testid="org-search" />
                <button type="submit" class="button-primary">{ i18n.t(Key::Search) }</button>
                if search.is_some() {
                    <button type="button" class="button-quiet" onclick={on_clear}>{ i18n.t(Key::ShowTree) }</button>
                }
            </form>
            { body }
        </section>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Idle,
    AddChild,
    Edit,
    ConfirmDelete,
}

#[derive(Properties, PartialEq)]
struct OrgNodeProps {
    api: Api,
    unit: OrgUnit,
    depth: u32,
    manage: bool,
    deletable: bool,
    /// Tells the parent to reload its list after this unit was deleted.
    on_removed: Callback<()>,
    #[prop_or_default]
    start_expanded: bool,
}

/// One unit with its actions and, once expanded, its children.
#[function_component(OrgNode)]
fn org_node(props: &OrgNodeProps) -> Html {
    let i18n = use_i18n();
    // A local copy, so that a rename shows without reloading the parent's list.
    let unit = use_state(|| props.unit.clone());
    let expanded = use_state(|| props.start_expanded);
    let children = use_state(|| None::<Result<Page<OrgUnit>, ApiError>>);
    let children_version = use_state(|| 0u32);
    let mode = use_state(|| Mode::Idle);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<String>);
    let busy = use_state(|| false);

    {
        let unit = unit.clone();
        use_effect_with(props.unit.clone(), move |fresh| unit.set(fresh.clone()));
    }
    // (Re)load the first batch of children whenever the node is open and asked to reload.
    {
        let (api, children, id) = (props.api.clone(), children.clone(), props.unit.id);
        use_effect_with((*expanded, *children_version), move |(open, _)| {
            if *open {
                yew::platform::spawn_local(async move {
                    let query = ListQuery {
                        limit: Some(CHILDREN_BATCH),
                        ..ListQuery::default()
                    };
                    children.set(Some(api.org_units(Some(id), &query).await));
                });
            }
        });
    }

    let reload_children = {
        let (children_version, expanded) = (children_version.clone(), expanded.clone());
        Callback::from(move |()| {
            expanded.set(true);
            children_version.set(children_version.wrapping_add(1));
        })
    };
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let set_mode = |m: Mode| {
        let (mode, error, notice) = (mode.clone(), error.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            notice.set(None);
            mode.set(m);
        })
    };
    let load_more = {
        let (api, children, id) = (props.api.clone(), children.clone(), props.unit.id);
        Callback::from(move |_: MouseEvent| {
            let Some(Ok(loaded)) = (*children).clone() else {
                return;
            };
            let (api, children) = (api.clone(), children.clone());
            yew::platform::spawn_local(async move {
                let query = ListQuery {
                    limit: Some(CHILDREN_BATCH),
                    offset: Some(loaded.items.len() as i64),
                    ..ListQuery::default()
                };
                let next = api.org_units(Some(id), &query).await;
                children.set(Some(next.map(|mut page| {
                    let mut items = loaded.items;
                    items.append(&mut page.items);
                    page.items = items;
                    page
                })));
            });
        })
    };
    let on_created = {
        let (mode, notice, reload) = (mode.clone(), notice.clone(), reload_children.clone());
        let lang = i18n.lang;
        Callback::from(move |created: OrgUnit| {
            mode.set(Mode::Idle);
            notice.set(Some(crate::i18n::tf(
                lang,
                Key::UnitCreated,
                &[&created.name],
            )));
            reload.emit(());
        })
    };
    let on_saved = {
        let (mode, unit, notice) = (mode.clone(), unit.clone(), notice.clone());
        let lang = i18n.lang;
        Callback::from(move |saved: OrgUnit| {
            mode.set(Mode::Idle);
            notice.set(Some(crate::i18n::t(lang, Key::Saved).to_owned()));
            unit.set(saved);
        })
    };
    let cancel = set_mode(Mode::Idle);
    let cancel_form = {
        let mode = mode.clone();
        Callback::from(move |()| mode.set(Mode::Idle))
    };
    let delete = {
        let (api, id, on_removed) = (props.api.clone(), props.unit.id, props.on_removed.clone());
        let (error, busy, mode) = (error.clone(), busy.clone(), mode.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, on_removed, error, mode) =
                (api.clone(), on_removed.clone(), error.clone(), mode.clone());
            let request = async move { api.delete_org_unit(id).await };
            run_busy(&busy, request, move |outcome| match outcome {
                Ok(()) => on_removed.emit(()),
                Err(e) => {
                    mode.set(Mode::Idle);
                    error.set(Some(e));
                }
            });
        })
    };

    let can_have_children = huzhu_domain::OrgUnitKind::ALL
        .iter()
        .any(|k| k.check_parent(Some(unit.kind)).is_ok());
    // Loaded children know the real count; the unit's own count may be stale after changes.
    let child_count = match &*children {
        Some(Ok(page)) => page.total,
        _ => unit.child_count,
    };

    html! {
        <li class="tree-node" data-testid="org-node" data-unit-id={unit.id.to_string()}>
            <div class="tree-row" style={format!("--depth:{}", props.depth)}>
                if child_count > 0 {
                    <button type="button" class="toggle" onclick={toggle}
                            aria-expanded={expanded.to_string()}
                            aria-label={i18n.t(if *expanded { Key::Collapse } else { Key::Expand })}>
                        { if *expanded { "▾" } else { "▸" } }
                    </button>
                } else {
                    <span class="toggle-spacer"></span>
                }
                <span class="unit-name">{ unit.name.clone() }</span>
                <span class="badge">{ i18n.kind(unit.kind) }</span>
                if let Some(code) = &unit.credit_code {
                    <span class="mono muted small" title={i18n.t(Key::CreditCode)}>{ code.clone() }</span>
                }
                if child_count > 0 {
                    <span class="muted small">{ i18n.tf(Key::ChildCount, &[&child_count.to_string()]) }</span>
                }
                if props.manage && *mode == Mode::Idle {
                    <span class="row-actions">
                        if can_have_children {
                            <button type="button" class="button-quiet small" onclick={set_mode(Mode::AddChild)}>
                                { i18n.t(Key::AddChild) }
                            </button>
                        }
                        <button type="button" class="button-quiet small" onclick={set_mode(Mode::Edit)}>
                            { i18n.t(Key::Rename) }
                        </button>
                        if props.deletable {
                            <button type="button" class="button-quiet small danger" onclick={set_mode(Mode::ConfirmDelete)}>
                                { i18n.t(Key::Delete) }
                            </button>
                        }
                    </span>
                }
            </div>
            <div class="tree-panel" style={format!("--depth:{}", props.depth)}>
                <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
                <SuccessMessage text={(*notice).clone()} />
                { match *mode {
                    Mode::AddChild => html! {
                        <NewUnitForm api={props.api.clone()} parent={(*unit).clone()}
                                     on_created={on_created.clone()} on_cancel={cancel_form.clone()} />
                    },
                    Mode::Edit => html! {
                        <EditUnitForm api={props.api.clone()} unit={(*unit).clone()}
                                      on_saved={on_saved.clone()} on_cancel={cancel_form.clone()} />
                    },
                    Mode::ConfirmDelete => html! {
                        <div class="confirm" role="alertdialog">
                            <span>{ i18n.tf(Key::ConfirmDeleteUnit, &[&unit.name]) }</span>
                            <button type="button" class="button-danger" disabled={*busy} onclick={delete}>
                                { i18n.t(Key::Delete) }
                            </button>
                            <button type="button" class="button-quiet" onclick={cancel.clone()}>{ i18n.t(Key::Cancel) }</button>
                        </div>
                    },
                    Mode::Idle => html! {},
                } }
            </div>
            if *expanded {
                { match &*children {
                    None => html! { <p class="muted small tree-panel" style={format!("--depth:{}", props.depth + 1)}>{ i18n.t(Key::Loading) }</p> },
                    Some(Err(e)) => html! { <div class="tree-panel"><ErrorMessage text={e.text(i18n.lang)} /></div> },
                    Some(Ok(page)) => html! {
                        <>
                            <ul class="tree">
                                { for page.items.iter().map(|child| html! {
                                    <OrgNode key={child.id} api={props.api.clone()} unit={child.clone()}
                                             depth={props.depth + 1} manage={props.manage} deletable={props.manage}
                                             on_removed={reload_children.clone()} />
                                }) }
                            </ul>
                            if (page.items.len() as i64) < page.total {
                                <div class="tree-panel" style={format!("--depth:{}", props.depth + 1)}>
                                    <button type="button" class="button-quiet small" onclick={load_more}>
                                        { i18n.tf(Key::ShowMore, &[&(page.total - page.items.len() as i64).to_string()]) }
                                    </button>
                                </div>
                            }
                        </>
                    },
                } }
            }
        </li>
    }
}
