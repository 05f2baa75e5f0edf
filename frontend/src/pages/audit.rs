//! 审计日志: the audit trail, newest first, with the result of verifying its hash chain — intact,
//! or the first entry that no longer fits.

use huzhu_api_types::{AuditEntry, AuditVerification};
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::ApiError;
use crate::audit_text;
use crate::components::busy::run_busy;
use crate::components::form::ErrorMessage;
use crate::download;
use crate::format;
use crate::i18n::{self, use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::session::use_session;

#[function_component(AuditPage)]
pub fn audit_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let entries = use_state(Vec::<AuditEntry>::new);
    let more = use_state(|| false);
    let verification = use_state(|| None::<Result<AuditVerification, ApiError>>);
    let error = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let checkpoint_saved = use_state(|| None::<i64>);
    let checkpoint_failed = use_state(|| None::<String>);
    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::AuditRead));
    let load = {
        let (api, entries, more, error, busy) = (
            api.clone(),
            entries.clone(),
            more.clone(),
            error.clone(),
            busy.clone(),
        );
        Callback::from(move |before: Option<i64>| {
            let Some(api) = api.clone() else { return };
            let (entries, more, error) = (entries.clone(), more.clone(), error.clone());
            run_busy(
                &busy,
                async move { api.audit(before).await },
                move |r| match r {
                    Ok(page) => {
                        let mut next = if before.is_some() {
                            (*entries).clone()
                        } else {
                            Vec::new()
                        };
                        more.set(page.entries.last().is_some_and(|e| e.seq > 1));
                        next.extend(page.entries);
                        entries.set(next);
                    }
                    Err(e) => error.set(Some(e)),
                },
            );
        })
    };
    {
        let (api, verification, load) = (api.clone(), verification.clone(), load.clone());
        use_effect_with((), move |_| {
            if let (Some(api), true) = (api, allowed) {
                load.emit(None);
                yew::platform::spawn_local(async move {
                    verification.set(Some(api.audit_verify().await));
                });
            }
        });
    }
    if api.is_none() {
        return html! {};
    }
    if !allowed {
        return html! { <Forbidden /> };
    }
    let status = match &*verification {
        None => html! { <p class="muted">{ i18n.t(Key::AuditVerifying) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(v)) => match &v.broken {
            None => html! {
                <p class="message success" data-testid="audit-status" data-intact="true">
                    { i18n.tf(Key::AuditIntact, &[&v.checked.to_string()]) }
                </p>
            },
            Some(b) => html! {
                <p class="message error" data-testid="audit-status" data-intact="false">
                    { i18n.tf(Key::AuditBroken, &[&b.seq.to_string()]) }{ " " }{ b.message.clone() }
                </p>
            },
        },
    };
    let checkpoint = {
        let (api, saved, failed) = (
            api.clone(),
            checkpoint_saved.clone(),
            checkpoint_failed.clone(),
        );
        let lang = i18n.lang;
        Callback::from(move |_: MouseEvent| {
            let Some(api) = api.clone() else { return };
            let (saved, failed) = (saved.clone(), failed.clone());
            yew::platform::spawn_local(async move {
                failed.set(None);
                match api.audit_checkpoint().await {
                    Ok(bytes) => {
                        let seq = serde_json::from_slice::<serde_json::Value>(&bytes)
                            .ok()
                            .and_then(|v| v["seq"].as_i64())
                            .unwrap_or_default();
                        let name = format!("huzhu-audit-checkpoint-{seq}.json");
                        match download::save(&bytes, &name, "application/json") {
                            Ok(()) => saved.set(Some(seq)),
                            Err(e) => failed.set(Some(i18n::tf(lang, Key::ErrDownload, &[&e]))),
                        }
                    }
                    Err(e) => failed.set(Some(e.text(lang))),
                }
            });
        })
    };
    let older = {
        let (load, entries) = (load.clone(), entries.clone());
        Callback::from(move |_: MouseEvent| load.emit(entries.last().map(|e| e.seq)))
    };
    html! {
        <section class="page" data-testid="page-audit">
            <div class="page-head"><h1>{ i18n.t(Key::NavAudit) }</h1></div>
            { status }
            <div class="card" data-testid="audit-checkpoint">
                <p class="muted small">{ i18n.t(Key::AuditCheckpointHelp) }</p>
                <button type="button" onclick={checkpoint} data-testid="audit-checkpoint-download">{ i18n.t(Key::AuditCheckpoint) }</button>
                if let Some(seq) = *checkpoint_saved {
                    <p class="message success" data-testid="audit-checkpoint-saved">{ i18n.tf(Key::AuditCheckpointSaved, &[&seq.to_string()]) }</p>
                }
                <ErrorMessage text={(*checkpoint_failed).clone()} />
            </div>
            <div class="table-wrap">
                <table data-testid="audit-list">
                    <thead><tr>
                        <th>{ "#" }</th>
                        <th>{ i18n.t(Key::AuditWhen) }</th>
                        <th>{ i18n.t(Key::AuditWho) }</th>
                        <th>{ i18n.t(Key::AuditWhat) }</th>
                        <th>{ i18n.t(Key::AuditHash) }</th>
                    </tr></thead>
                    <tbody>
                        { for entries.iter().map(|e| html! {
                            <tr key={e.seq} data-testid="audit-row">
                                <td>{ e.seq }</td>
                                <td class="nowrap">{ chrono::DateTime::parse_from_rfc3339(&e.at).map_or_else(|_| e.at.clone(), |t| format::date_time(&t.to_utc())) }</td>
                                <td>{ actor_name(e) }</td>
                                <td>
                                    <span data-action={e.action.clone()}>{ audit_text::use_case(i18n.lang, &e.action) }</span>{ " " }<span class="muted small mono">{ e.subject.clone() }</span>
                                    <br /><span class="small">{ audit_text::facts(i18n.lang, &e.details) }</span>
                                </td>
                                <td class="mono small" title={e.hash.clone()}>{ e.hash.get(..12).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
            if *more {
                <button type="button" class="button-quiet" disabled={*busy} onclick={older} data-testid="audit-older">{ i18n.t(Key::AuditOlder) }</button>
            }
        </section>
    }
}

/// The name recorded with the entry, and the account it belongs to.
fn actor_name(e: &AuditEntry) -> String {
    let name = serde_json::from_str::<serde_json::Value>(&e.details)
        .ok()
        .and_then(|d| d["name"].as_str().map(str::to_owned))
        .unwrap_or_default();
    match (name.is_empty(), e.actor.is_empty()) {
        (_, true) => "—".to_owned(),
        (true, false) => e.actor.clone(),
        (false, false) => format!("{name} ({})", e.actor),
    }
}
