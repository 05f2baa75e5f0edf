//! 监督检查: the supervisory board opens inspections with its findings and what the council must
//! answer by when; the council answers; the board closes each with its conclusion.

use huzhu_api_types::{Inspection, InspectionRequest};
use huzhu_domain::governance::InspectionStatus;
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::run_busy;
use crate::components::form::{setter, textarea_value, ErrorMessage, FormFooter, TextField};
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::pages::governance::status_pill;
use crate::session::use_session;

#[function_component(InspectionsPage)]
pub fn inspections_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let list = use_state(|| None::<Result<Vec<Inspection>, ApiError>>);
    let reload = use_state(|| 0u32);
    let api = session.as_ref().map(|s| s.api.clone());
    let can = |p| session.as_ref().is_some_and(|s| s.can(p));
    let (reads, inspects, responds) = (
        can(Permission::GovernanceRead),
        can(Permission::InspectionManage),
        can(Permission::InspectionRespond),
    );
    {
        let (api, list) = (api.clone(), list.clone());
        use_effect_with(*reload, move |_| {
            if let (Some(api), true) = (api, reads) {
                yew::platform::spawn_local(async move { list.set(Some(api.inspections().await)) });
            }
        });
    }
    let Some(api) = api else {
        return html! {};
    };
    if !reads {
        return html! { <Forbidden /> };
    }
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let body = match &*list {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="muted">{ i18n.t(Key::NoInspections) }</p> }
        }
        Some(Ok(items)) => html! {
            <div data-testid="inspection-list">
                { for items.iter().map(|x| html! {
                    <InspectionCard key={x.id} inspection={x.clone()} {responds} {inspects} api={api.clone()} on_done={refresh.clone()} />
                }) }
            </div>
        },
    };
    html! {
        <section class="page" data-testid="page-inspections">
            <div class="page-head"><h1>{ i18n.t(Key::NavInspections) }</h1></div>
            { body }
            if inspects {
                <OpenInspection api={api.clone()} on_done={refresh} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    inspection: Inspection,
    responds: bool,
    inspects: bool,
    api: Api,
    on_done: Callback<()>,
}

#[function_component(InspectionCard)]
fn inspection_card(props: &CardProps) -> Html {
    let i18n = use_i18n();
    let text = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let x = &props.inspection;
    let step = |close: bool| {
        let (api, text, busy, error, done, id) = (
            props.api.clone(),
            text.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            x.id,
        );
        Callback::from(move |_: MouseEvent| {
            let (api, body, error, done, text) = (
                api.clone(),
                (*text).clone(),
                error.clone(),
                done.clone(),
                text.clone(),
            );
            run_busy(
                &busy,
                async move { api.inspection_step(id, close, body).await },
                move |r| match r {
                    Ok(_) => {
                        text.set(String::new());
                        error.set(None);
                        done.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                },
            );
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(textarea_value(&e)))
    };
    let open = x.status != InspectionStatus::Closed;
    html! {
        <article class="card" data-testid="inspection" data-status={x.status.as_str()}>
            <div class="page-head">
                <h3>{ x.title.clone() }</h3>
                { status_pill(&i18n, x.status) }
            </div>
            <p class="muted">{ i18n.tf(Key::InspectionOpened, &[&format::date_time(&x.opened_at), &x.respond_by.to_string()]) }</p>
            <dl class="facts">
                <dt>{ i18n.t(Key::InspectionScope) }</dt><dd>{ x.scope.clone() }</dd>
                <dt>{ i18n.t(Key::InspectionFindings) }</dt><dd class="prewrap">{ x.findings.clone() }</dd>
                <dt>{ i18n.t(Key::InspectionRequest) }</dt><dd class="prewrap">{ x.request.clone() }</dd>
            </dl>
            { for x.responses.iter().map(|r| html! {
                <div class="message" key={r.id} data-testid="inspection-response">
                    <strong>{ r.responder.clone() }</strong>{ " · " }{ format::date_time(&r.responded_at) }
                    <p class="prewrap">{ r.text.clone() }</p>
                </div>
            }) }
            if let Some(c) = &x.conclusion {
                <p class="message success" data-testid="inspection-conclusion">{ i18n.t(Key::InspectionConclusion) }{ "：" }{ c.clone() }</p>
            }
            if open && (props.responds || props.inspects) {
                <div class="field">
                    <label>{ i18n.t(if props.responds { Key::InspectionAnswer } else { Key::InspectionConclusion }) }</label>
                    <textarea rows="3" value={(*text).clone()} oninput={on_text} data-testid="inspection-text" />
                </div>
                <div class="row-actions">
                    if props.responds {
                        <button type="button" class="button-primary" disabled={*busy} onclick={step(false)} data-testid="inspection-respond">{ i18n.t(Key::InspectionAnswer) }</button>
                    }
                    if props.inspects {
                        <button type="button" class="button-quiet" disabled={*busy} onclick={step(true)} data-testid="inspection-close">{ i18n.t(Key::InspectionClose) }</button>
                    }
                </div>
            }
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct OpenProps {
    api: Api,
    on_done: Callback<()>,
}

#[function_component(OpenInspection)]
fn open_inspection(props: &OpenProps) -> Html {
    let i18n = use_i18n();
    let title = use_state(String::new);
    let scope = use_state(String::new);
    let findings = use_state(String::new);
    let request = use_state(String::new);
    let respond_by = use_state(|| (format::china_today() + chrono::Duration::days(30)).to_string());
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let onsubmit = {
        let fields = (
            title.clone(),
            scope.clone(),
            findings.clone(),
            request.clone(),
            respond_by.clone(),
        );
        let (api, busy, error, done) = (
            props.api.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (title, scope, findings, request, respond_by) = &fields;
            let Ok(day) = respond_by.parse() else {
                return;
            };
            let body = InspectionRequest {
                title: (**title).clone(),
                scope: (**scope).clone(),
                findings: (**findings).clone(),
                request: (**request).clone(),
                respond_by: day,
            };
            let (api, error, done) = (api.clone(), error.clone(), done.clone());
            let reset = fields.clone();
            run_busy(
                &busy,
                async move { api.open_inspection(&body).await },
                move |r| match r {
                    Ok(_) => {
                        for s in [&reset.0, &reset.1, &reset.2, &reset.3] {
                            s.set(String::new());
                        }
                        error.set(None);
                        done.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                },
            );
        })
    };
    html! {
        <form class="form card" {onsubmit} data-testid="open-inspection">
            <h2>{ i18n.t(Key::OpenInspection) }</h2>
            <TextField label={i18n.t(Key::InspectionTitle)} value={(*title).clone()} oninput={setter(&title)} testid="inspection-title" required=true />
            <TextField label={i18n.t(Key::InspectionScope)} value={(*scope).clone()} oninput={setter(&scope)} testid="inspection-scope" required=true />
            <TextField label={i18n.t(Key::InspectionFindings)} value={(*findings).clone()} oninput={setter(&findings)} testid="inspection-findings" required=true />
            <TextField label={i18n.t(Key::InspectionRequest)} value={(*request).clone()} oninput={setter(&request)} testid="inspection-request" required=true />
            <TextField label={i18n.t(Key::RespondBy)} input_type="date" value={(*respond_by).clone()} oninput={setter(&respond_by)} testid="inspection-respond-by" required=true />
            <FormFooter error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::OpenInspection)} submit_testid="inspection-submit" />
        </form>
    }
}
