//! One claim: what happened, the engine's working line by line, the documents (and what is
//! still missing), every step, and the decisions the caller may take — for the member on their
//! own claim, for staff as their role allows.

use huzhu_domain::field_rules;
use huzhu_domain::ErrorCode;
use std::rc::Rc;

use huzhu_api_types::{Claim, ClaimRejection};
use huzhu_domain::adjudication::{ClaimFacts, HospitalLevel};
use huzhu_domain::claim_flow::{allows, ClaimAction, ClaimStatus, REJECTION_CODES};
use huzhu_domain::plan::DocumentKind;
use huzhu_domain::Permission;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use crate::api::{ApiError, ClaimStep};
use crate::components::busy::run_busy;
use crate::components::form::{select_value, ErrorMessage, SuccessMessage, TextField};
use crate::components::nav_link::NavLink;
use crate::i18n::{
    benefit_line_key, claim_kind_key, claim_status_key, document_key, rejection_key, use_i18n,
    I18n, Key,
};
use crate::pages::claims::{amount_of, status_pill};
use crate::pages::forbidden::Forbidden;
use crate::route::Route;
use crate::session::use_session;
use crate::{download, format};

#[derive(Properties, PartialEq)]
pub struct ClaimPageProps {
    pub id: i64,
    /// The member's own claim rather than one of the office's.
    pub own: bool,
}

#[function_component(ClaimPage)]
pub fn claim_page(props: &ClaimPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let claim = use_state(|| None::<Result<Claim, ApiError>>);
    let notice = use_state(|| None::<String>);
    let failed = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let comment = use_state(String::new);
    let reason = use_state(String::new);
    let reason_text = use_state(String::new);
    let doc_kind = use_state(String::new);
    let file = use_state(|| None::<File>);
    let own = props.own;
    let api = session.as_ref().map(|s| s.api.clone());
    let needed = if own {
        Permission::OwnClaim
    } else {
        Permission::ClaimRead
    };
    let allowed = session.as_ref().is_some_and(|s| s.can(needed));
    {
        let (api, claim) = (api.clone(), claim.clone());
        use_effect_with((props.id, own), move |(id, own)| {
            if let (Some(api), true) = (api, allowed) {
                let (id, own) = (*id, *own);
                yew::platform::spawn_local(async move {
                    claim.set(Some(api.claim(own, id).await));
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
    let back = html! {
        <p class="back-link"><NavLink to={if own { Route::MyClaims } else { Route::Claims }}>{ format!("← {}", i18n.t(Key::BackToClaims)) }</NavLink></p>
    };
    let c = match &*claim {
        None => {
            return html! { <section class="page" data-testid="page-claim">{ back }<p class="muted">{ i18n.t(Key::Loading) }</p></section> }
        }
        Some(Err(e)) => {
            return html! { <section class="page" data-testid="page-claim">{ back }<ErrorMessage text={e.text(i18n.lang)} /></section> }
        }
        Some(Ok(c)) => c.clone(),
    };
    let lang = i18n.lang;
    // Every decision answers with the claim as it now stands.
    let after = {
        let (claim, notice, failed) = (claim.clone(), notice.clone(), failed.clone());
        Callback::from(move |outcome: Result<Claim, ApiError>| match outcome {
            Ok(c) => {
                notice.set(Some(crate::i18n::tf(
                    lang,
                    Key::ClaimStepDone,
                    &[crate::i18n::t(lang, claim_status_key(c.status))],
                )));
                failed.set(None);
                claim.set(Some(Ok(c)));
            }
            Err(e) => {
                notice.set(None);
                failed.set(Some(e.text(lang)));
            }
        })
    };
    let step = |s: ClaimStep, key: Key, testid: &'static str| {
        let disabled = *busy;
        let (api, busy, after, comment) =
            (api.clone(), busy.clone(), after.clone(), comment.clone());
        let id = c.id;
        let onclick = Callback::from(move |_: MouseEvent| {
            let (api, after) = (api.clone(), after.clone());
            let text = comment.trim().to_owned();
            let remark = (!text.is_empty()).then_some(text);
            run_busy(
                &busy,
                async move { api.claim_step(own, id, s, remark).await },
                move |o| after.emit(o),
            );
        });
        let class = if s == ClaimStep::Withdraw {
            "button-quiet"
        } else {
            "button-primary"
        };
        html! { <button type="button" {class} {disabled} {onclick} data-testid={testid}>{ i18n.t(key) }</button> }
    };
    let on_reject = {
        let (api, busy, after, reason, reason_text, failed) = (
            api.clone(),
            busy.clone(),
            after.clone(),
            reason.clone(),
            reason_text.clone(),
            failed.clone(),
        );
        let id = c.id;
        Callback::from(move |_: MouseEvent| {
            let text_problem = field_rules::rejection_text(&reason_text).err();
            if reason.is_empty() || text_problem.is_some() {
                let code = text_problem.map_or(ErrorCode::ClaimRejectionCode, |e| e.code());
                failed.set(Some(crate::i18n::error_text(lang, code).to_owned()));
                return;
            }
            let why = ClaimRejection {
                code: (*reason).clone(),
                text: reason_text.trim().to_owned(),
            };
            let (api, after) = (api.clone(), after.clone());
            run_busy(
                &busy,
                async move { api.reject_claim(id, &why).await },
                move |o| after.emit(o),
            );
        })
    };
    // What the claim's status allows (the domain's rules), as far as the caller's role goes.
    let status = Some(c.status);
    let permitted = |action| status.is_some_and(|s| allows(s, action, c.appealed));
    let may = |action, permission| permitted(action) && (own || session.can(permission));
    let mut actions: Vec<Html> = Vec::new();
    if may(ClaimAction::Review, Permission::ClaimReview) && !own {
        actions.push(step(ClaimStep::Review, Key::ReviewClaim, "claim-review"));
    }
    if may(ClaimAction::Approve, Permission::ClaimApprove) && !own {
        actions.push(step(ClaimStep::Approve, Key::ApproveClaim, "claim-approve"));
    }
    if may(ClaimAction::Submit, Permission::ClaimFile) {
        actions.push(step(
            ClaimStep::Submit,
            Key::SubmitClaim,
            "claim-submit-draft",
        ));
    }
    if may(ClaimAction::Withdraw, Permission::ClaimFile) {
        actions.push(step(
            ClaimStep::Withdraw,
            Key::WithdrawClaim,
            "claim-withdraw",
        ));
    }
    if may(ClaimAction::Appeal, Permission::ClaimFile) {
        actions.push(step(ClaimStep::Appeal, Key::AppealClaim, "claim-appeal"));
    }
    let may_reject = !own && may(ClaimAction::Reject, Permission::ClaimReview);
    let open = status.is_some_and(ClaimStatus::accepts_documents);
    let may_upload = open && (own || session.can(Permission::ClaimFile));
    let on_file = {
        let file = file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            file.set(input.files().and_then(|l| l.get(0)));
        })
    };
    let on_upload = {
        let (api, busy, file, doc_kind, claim, notice, failed) = (
            api.clone(),
            busy.clone(),
            file.clone(),
            doc_kind.clone(),
            claim.clone(),
            notice.clone(),
            failed.clone(),
        );
        let id = c.id;
        Callback::from(move |_: MouseEvent| {
            let (Some(f), false) = ((*file).clone(), doc_kind.is_empty()) else {
                failed.set(Some(crate::i18n::t(lang, Key::ChooseFile).to_owned()));
                return;
            };
            let (api, kind, claim, notice, failed) = (
                api.clone(),
                (*doc_kind).clone(),
                claim.clone(),
                notice.clone(),
                failed.clone(),
            );
            let name = f.name();
            run_busy(
                &busy,
                async move {
                    let buffer = JsFuture::from(f.array_buffer())
                        .await
                        .map_err(|_| ApiError::local(0, crate::api::CODE_FILE_UNREADABLE))?;
                    let bytes = Rc::new(js_sys::Uint8Array::new(&buffer).to_vec());
                    api.upload_claim_document(own, id, &kind, &name, bytes)
                        .await?;
                    api.claim(own, id).await
                },
                move |o| match o {
                    Ok(c) => {
                        notice.set(Some(crate::i18n::tf(
                            lang,
                            Key::Uploaded,
                            &[&c.documents
                                .last()
                                .map(|d| d.file_name.clone())
                                .unwrap_or_default()],
                        )));
                        failed.set(None);
                        claim.set(Some(Ok(c)));
                    }
                    Err(e) => failed.set(Some(e.text(lang))),
                },
            );
        })
    };
    html! {
        <section class="page" data-testid="page-claim">
            { back }
            <div class="page-head">
                <h1>{ i18n.tf(Key::ClaimTitle, &[&c.id.to_string()]) }</h1>
                <span class={status_pill(c.status)} data-testid="claim-status">{ i18n.t(claim_status_key(c.status)) }</span>
            </div>
            <SuccessMessage text={(*notice).clone()} testid="claim-notice-done" />
            <ErrorMessage text={(*failed).clone()} />
            <div class="card">
                <dl class="facts">
                    if !own {
                        <dt>{ i18n.t(Key::Member) }</dt><dd>{ format!("{} {}", c.member_name, c.id_number_masked) }</dd>
                    }
                    <dt>{ i18n.t(Key::ClaimPolicy) }</dt><dd class="mono">{ c.plan_code.clone() }</dd>
                    <dt>{ i18n.t(Key::ClaimKind) }</dt><dd>{ i18n.t(claim_kind_key(c.kind)) }</dd>
                    <dt>{ i18n.t(Key::EventDate) }</dt><dd>{ c.event_date.to_string() }</dd>
                    { facts_rows(&i18n, &c.facts) }
                    if let Some(amount) = amount_of(&c) {
                        <dt>{ i18n.t(if c.approved_amount.is_some() { Key::ApprovedAmount } else { Key::EstimatedAmount }) }</dt>
                        <dd data-testid="claim-amount">{ format::yuan(amount) }</dd>
                    }
                    if let Some(code) = &c.rejection_code {
                        <dt>{ i18n.t(Key::RejectionReason) }</dt>
                        <dd data-testid="claim-rejection">{ i18n.tf(Key::LabelValue, &[&i18n.code_or(rejection_key(code), code), &c.rejection_text.clone().unwrap_or_default()]) }</dd>
                    }
                    if c.appealed {
                        <dt>{ i18n.t(Key::Appealed) }</dt><dd>{ "✓" }</dd>
                    }
                </dl>
            </div>
            { working(&i18n, &c) }
            <div class="card" data-testid="claim-documents">
                <h2>{ i18n.t(Key::Documents) }</h2>
                <ul>
                    { for c.documents.iter().map(|d| {
                        let (api, lang) = (api.clone(), lang);
                        let (id, doc, name, media) = (c.id, d.id, d.file_name.clone(), d.media_type.clone());
                        let failed = failed.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            let (api, name, media, failed) = (api.clone(), name.clone(), media.clone(), failed.clone());
                            yew::platform::spawn_local(async move {
                                match api.claim_document(own, id, doc).await {
                                    Ok(bytes) => { let _ = download::save(&bytes, &name, &media); }
                                    Err(e) => failed.set(Some(e.text(lang))),
                                }
                            });
                        });
                        html! { <li data-testid="claim-document"><button type="button" class="button-quiet small" {onclick}>{ d.file_name.clone() }</button>{ format!(" — {}", i18n.t(document_key(d.kind))) }</li> }
                    }) }
                </ul>
                if c.missing_documents.is_empty() {
                    <p class="muted">{ i18n.t(Key::NoDocumentsMissing) }</p>
                } else {
                    <p data-testid="claim-missing">{ i18n.tf(Key::LabelValue, &[i18n.t(Key::MissingDocuments), &c.missing_documents.iter().map(|k| i18n.t(document_key(*k))).collect::<Vec<_>>().join(i18n.t(Key::ListSeparator))]) }</p>
                }
                if may_upload {
                    <div class="toolbar">
                        <select onchange={{ let k = doc_kind.clone(); Callback::from(move |e: Event| k.set(select_value(&e))) }} data-testid="claim-document-kind">
                            <option value="" selected={doc_kind.is_empty()}>{ i18n.t(Key::DocumentKindLabel) }</option>
                            { for DocumentKind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*doc_kind == k.as_str()}>{ i18n.t(document_key(*k)) }</option> }) }
                        </select>
                        <input type="file" accept="application/pdf,image/jpeg,image/png" onchange={on_file} data-testid="claim-document-file" />
                        <button type="button" class="button-quiet" disabled={*busy} onclick={on_upload} data-testid="claim-document-upload">{ i18n.t(if *busy { Key::Uploading } else { Key::Upload }) }</button>
                    </div>
                }
            </div>
            if !actions.is_empty() || may_reject {
                <div class="card" data-testid="claim-actions">
                    if !own {
                        <TextField label={i18n.t(Key::Comment)} value={(*comment).clone()} testid="claim-comment"
                                   maxlength={field_rules::MAX_COMMENT_CHARS.to_string()}
                                   oninput={{ let c = comment.clone(); Callback::from(move |v: String| c.set(v)) }} hint={i18n.t(Key::OptionalField)} />
                    }
                    <div class="form-actions">{ for actions.into_iter() }</div>
                    if may_reject {
                        <div class="form-grid">
                            <div class="field">
                                <label>{ i18n.t(Key::RejectionReason) }</label>
                                <select onchange={{ let r = reason.clone(); Callback::from(move |e: Event| r.set(select_value(&e))) }} data-testid="claim-reject-code">
                                    <option value="" selected={reason.is_empty()}>{ "—" }</option>
                                    { for REJECTION_CODES.iter().map(|code| html! { <option value={code.as_str()} selected={*reason == code.as_str()}>{ i18n.code_or(rejection_key(code.as_str()), code.as_str()) }</option> }) }
                                </select>
                            </div>
                            <TextField label={i18n.t(Key::RejectionText)} value={(*reason_text).clone()} testid="claim-reject-text"
                                       maxlength={field_rules::REJECTION_TEXT_CHARS.end().to_string()}
                                       oninput={{ let r = reason_text.clone(); Callback::from(move |v: String| r.set(v)) }} />
                        </div>
                        <button type="button" class="button-danger" disabled={*busy} onclick={on_reject} data-testid="claim-reject">{ i18n.t(Key::RejectClaim) }</button>
                    }
                </div>
            }
            <div class="card">
                <h2>{ i18n.t(Key::Steps) }</h2>
                <ol class="steps" data-testid="claim-steps">
                    { for c.steps.iter().map(|s| html! {
                        <li data-testid="claim-step" data-to={s.to.as_str()}>
                            <span class="muted">{ format::date_time(&s.at) }{ " " }</span>
                            { i18n.t(claim_status_key(s.to)).to_owned() }
                            if let Some(remark) = &s.comment { { format!(" — {remark}") } }
                        </li>
                    }) }
                </ol>
            </div>
        </section>
    }
}

fn facts_rows(i18n: &I18n, facts: &ClaimFacts) -> Html {
    match facts {
        ClaimFacts::Inpatient(s) => html! {
            <>
                <dt>{ i18n.t(Key::Admission) }</dt><dd>{ s.admission.to_string() }</dd>
                <dt>{ i18n.t(Key::Discharge) }</dt><dd>{ s.discharge.to_string() }</dd>
                if let Some(h) = &s.hospital {
                    <dt>{ i18n.t(Key::Hospital) }</dt><dd>{ h.clone() }</dd>
                }
                if let Some(level) = s.hospital_level {
                    <dt>{ i18n.t(Key::HospitalLevelLabel) }</dt>
                    <dd>{ i18n.t(match level { HospitalLevel::Primary => Key::LevelPrimary, HospitalLevel::Secondary => Key::LevelSecondary, HospitalLevel::Tertiary => Key::LevelTertiary }) }</dd>
                }
                <dt>{ i18n.t(Key::DiagnosisCode) }</dt><dd class="mono">{ s.diagnosis_code.clone() }</dd>
                if let Some(text) = &s.diagnosis_text {
                    <dt>{ i18n.t(Key::DiagnosisText) }</dt><dd>{ text.clone() }</dd>
                }
                <dt>{ i18n.t(Key::TotalCost) }</dt><dd>{ format::yuan(s.total_cost) }</dd>
                <dt>{ i18n.t(Key::InCatalogueSelfPay) }</dt><dd>{ format::yuan(s.in_catalogue_self_pay) }</dd>
            </>
        },
        ClaimFacts::CriticalIllness(d) => html! {
            <>
                <dt>{ i18n.t(Key::Disease) }</dt><dd class="mono">{ d.disease_code.clone() }</dd>
                <dt>{ i18n.t(Key::DiagnosedOn) }</dt><dd>{ d.diagnosed_on.to_string() }</dd>
            </>
        },
        ClaimFacts::Accident(a) => html! {
            <>
                <dt>{ i18n.t(Key::AccidentDate) }</dt><dd>{ a.date.to_string() }</dd>
                if let Some(cause) = &a.cause {
                    <dt>{ i18n.t(Key::AccidentCause) }</dt><dd>{ cause.clone() }</dd>
                }
                if let Some(injury) = &a.injury {
                    <dt>{ i18n.t(Key::Injury) }</dt><dd>{ injury.clone() }</dd>
                }
                if let Some(g) = a.disability_grade {
                    <dt>{ i18n.t(Key::DisabilityGrade) }</dt><dd>{ i18n.tf(Key::GradeN, &[&g.to_string()]) }</dd>
                }
                if a.death {
                    <dt>{ i18n.t(Key::Death) }</dt><dd>{ "✓" }</dd>
                }
            </>
        },
    }
}

fn working(i18n: &I18n, c: &Claim) -> Html {
    let Some(a) = &c.adjudication else {
        return html! {};
    };
    let title = if c.approved_amount.is_some() {
        Key::Working
    } else {
        Key::Estimate
    };
    html! {
        <div class="card" data-testid="claim-working">
            <h2>{ i18n.t(title) }</h2>
            if !a.lines.is_empty() {
                <div class="table-wrap">
                <table class="list">
                    <tbody>
                        { for a.lines.iter().map(|l| html! {
                            <tr data-testid="claim-line" data-rule={l.rule.clone()}>
                                <td>{ i18n.code_or(benefit_line_key(&l.rule), &l.rule) }</td>
                                <td class="mono formula">{ l.formula.clone() }</td>
                                <td class="nowrap">{ format::yuan(l.amount) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
            if !a.rejections.is_empty() {
                <p>{ i18n.t(Key::NothingPayable) }</p>
                <ul>
                    { for a.rejections.iter().map(|r| html! { <li data-testid="claim-refusal">{ i18n.code_or(rejection_key(r.code().as_str()), r.code().as_str()) }</li> }) }
                </ul>
            }
        </div>
    }
}
