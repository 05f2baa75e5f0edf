//! One meeting of a body: who sits and who is present, whether the meeting is quorate, and the
//! agenda. Seat holders present vote on each open motion (elections by secret ballot); the
//! secretariat records attendance, tables motions, closes the votes (the count and its working
//! appear in the reader's language) and closes the meeting with its minutes.

use huzhu_domain::governance::{Choice, MeetingStatus, MotionStatus};
use std::collections::BTreeSet;

use huzhu_api_types::{Meeting, Motion};
use huzhu_domain::Permission;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{textarea_value, toggle_in, ErrorMessage};
use crate::format;
use crate::i18n::{
    body_key, motion_kind_key, position_key, threshold_key, use_i18n, I18n, Key, Lang,
};
use crate::pages::governance::status_pill;
use crate::pages::motion_form::MotionForm;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct MeetingProps {
    pub id: i64,
}

#[function_component(MeetingPage)]
pub fn meeting_page(props: &MeetingProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let meeting = use_state(|| None::<Result<Meeting, ApiError>>);
    let reload = use_state(|| 0u32);
    let api = session.as_ref().map(|s| s.api.clone());
    let manages = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::GovernanceManage));
    {
        let (api, meeting) = (api.clone(), meeting.clone());
        use_effect_with((props.id, *reload), move |(id, _)| {
            if let Some(api) = api {
                let id = *id;
                yew::platform::spawn_local(async move {
                    meeting.set(Some(api.meeting(id).await));
                });
            }
        });
    }
    let Some(api) = api else {
        return html! {};
    };
    let m = match &*meeting {
        None => return html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => return html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(m)) => m.clone(),
    };
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let open = m.summary.status == MeetingStatus::Scheduled;
    let present_me = m.my_seat.is_some_and(|s| m.present.contains(&s));
    html! {
        <section class="page" data-testid="page-meeting">
            <div class="page-head">
                <h1>{ m.summary.title.clone() }</h1>
                { status_pill(&i18n, m.summary.status) }
            </div>
            <p class="muted">
                { i18n.t(body_key(m.summary.body)) }{ " · " }
                { format::date_time(&m.summary.starts_at) }{ " · " }{ m.summary.location.clone() }{ " · " }
                { i18n.tf(Key::NoticeGivenOnValue, &[&m.summary.notice_given_on.to_string()]) }
            </p>
            <p data-testid="quorum" class={if m.quorum.quorate { "message success" } else { "message" }}>
                { i18n.tf(Key::QuorumLine, &[&m.quorum.present.to_string(), &m.quorum.members.to_string(), &m.quorum.needed.to_string()]) }
                { " " }
                { i18n.t(if m.quorum.quorate { Key::Quorate } else { Key::NotQuorate }) }
            </p>
            <Attendance meeting={m.clone()} editable={manages && open} api={api.clone()} on_done={refresh.clone()} />
            <h2>{ i18n.t(Key::Agenda) }</h2>
            if m.motions.is_empty() {
                <p class="muted">{ i18n.t(Key::NoMotions) }</p>
            }
            { for m.motions.iter().map(|motion| html! {
                <MotionCard key={motion.id} motion={motion.clone()} can_vote={open && present_me}
                            manages={manages && open} api={api.clone()} on_done={refresh.clone()} />
            }) }
            if manages && open {
                <MotionForm meeting={m.summary.id} body={m.summary.body} on_done={refresh.clone()} />
                <CloseMeeting meeting={m.summary.id} api={api.clone()} on_done={refresh} />
            }
            if let Some(minutes) = &m.minutes {
                <h2>{ i18n.t(Key::Minutes) }</h2>
                <p class="prewrap" data-testid="minutes">{ minutes.clone() }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AttendanceProps {
    meeting: Meeting,
    editable: bool,
    api: Api,
    on_done: Callback<()>,
}

/// The seats of the body, those present marked; the secretariat ticks arrivals and records them.
#[function_component(Attendance)]
fn attendance(props: &AttendanceProps) -> Html {
    let i18n = use_i18n();
    let chosen = use_state(|| {
        props
            .meeting
            .present
            .iter()
            .copied()
            .collect::<BTreeSet<i64>>()
    });
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let record = {
        let (api, chosen, busy, error, done, id) = (
            props.api.clone(),
            chosen.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            props.meeting.summary.id,
        );
        Callback::from(move |_: MouseEvent| {
            let (api, seats, error, done) = (
                api.clone(),
                chosen.iter().copied().collect::<Vec<_>>(),
                error.clone(),
                done.clone(),
            );
            error.set(None);
            submit(&busy, &error, &done.reform(|_| ()), async move {
                api.record_attendance(id, seats).await
            });
        })
    };
    let m = &props.meeting;
    html! {
        <div class="card" data-testid="attendance">
            <h2>{ i18n.t(Key::Attendance) }</h2>
            <ul class="plain">
                { for m.seats.iter().map(|s| {
                    let present = m.present.contains(&s.id);
                    html! {
                        <li key={s.id} data-testid="seat" data-present={present.to_string()}>
                            if props.editable && !present {
                                <label>
                                    <input type="checkbox" checked={chosen.contains(&s.id)} onchange={toggle_in(&chosen, s.id)}
                                           data-testid={format!("attend-{}", s.id)} />
                                    { " " }{ s.holder.clone() }
                                </label>
                            } else {
                                { s.holder.clone() }
                            }
                            { " · " }<span class="muted">{ i18n.t(position_key(m.summary.body, s.position)) }</span>
                            if present { { " · " }<span class="pill on">{ i18n.t(Key::Present) }</span> }
                            if m.my_seat == Some(s.id) { { " · " }<span class="pill">{ i18n.t(Key::YourSeat) }</span> }
                        </li>
                    }
                }) }
            </ul>
            if props.editable {
                <button type="button" class="button-quiet" disabled={*busy} onclick={record} data-testid="record-attendance">
                    { i18n.t(Key::RecordAttendance) }
                </button>
            }
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MotionProps {
    motion: Motion,
    /// The caller holds a seat recorded present and the meeting is open.
    can_vote: bool,
    manages: bool,
    api: Api,
    on_done: Callback<()>,
}

fn choice_key(choice: Choice) -> Key {
    match choice {
        Choice::Yes => Key::VoteYes,
        Choice::No => Key::VoteNo,
        Choice::Abstain => Key::VoteAbstain,
    }
}

fn explanation(lang: Lang, m: &Motion) -> Option<String> {
    match lang {
        Lang::Zh => m.explanation_zh.clone(),
        Lang::En => m.explanation_en.clone(),
    }
}

#[function_component(MotionCard)]
fn motion_card(props: &MotionProps) -> Html {
    let i18n = use_i18n();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let m = &props.motion;
    let act = |choice: Option<Choice>| {
        let (api, busy, error, done, id) = (
            props.api.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            m.id,
        );
        Callback::from(move |_: MouseEvent| {
            let (api, error, done) = (api.clone(), error.clone(), done.clone());
            let request = async move {
                match choice {
                    Some(c) => api.vote(id, c).await,
                    None => api.close_vote(id).await,
                }
            };
            error.set(None);
            submit(&busy, &error, &done.reform(|_| ()), request);
        })
    };
    let open = m.status == MotionStatus::Open;
    html! {
        <article class="card" data-testid="motion" data-motion-id={m.id.to_string()} data-status={m.status.as_str()}>
            <div class="page-head">
                <h3>{ m.title.clone() }</h3>
                { status_pill(&i18n, m.status) }
            </div>
            <p class="muted">
                { i18n.t(motion_kind_key(m.kind)) }{ " · " }
                { i18n.t(threshold_key(m.threshold)) }
                if m.secret { { " · " }{ i18n.t(Key::SecretBallot) } }
            </p>
            <p class="prewrap">{ m.text.clone() }</p>
            { particulars(&i18n, m) }
            <p data-testid="motion-count">
                { i18n.tf(Key::BallotsCast, &[&m.ballots_cast.to_string()]) }
                if let (Some(y), Some(n), Some(a)) = (m.yes, m.no, m.abstain) {
                    { " · " }{ i18n.tf(Key::CountLine, &[&y.to_string(), &n.to_string(), &a.to_string()]) }
                }
            </p>
            if let Some(text) = explanation(i18n.lang, m) {
                <p class="message" data-testid="motion-explanation">{ text }</p>
            }
            if !m.ballots.is_empty() {
                <ul class="plain small" data-testid="ballots">
                    { for m.ballots.iter().map(|b| html! {
                        <li key={b.seat_id}>{ b.holder.clone() }{ "：" }
                            { b.choice.map_or_else(|| i18n.t(Key::Voted), |c| i18n.t(choice_key(c))) }
                        </li>
                    }) }
                </ul>
            }
            <div class="row-actions">
                if open && props.can_vote && !m.voted {
                    { for Choice::ALL.into_iter().map(|c| html! {
                        <button type="button" class="button-quiet" disabled={*busy} onclick={act(Some(c))}
                                data-testid={format!("vote-{}", c.as_str())}>{ i18n.t(choice_key(c)) }</button>
                    }) }
                }
                if open && m.voted {
                    <span class="pill on" data-testid="you-voted">{ i18n.t(Key::YouVoted) }</span>
                }
                if open && props.manages {
                    <button type="button" class="button-primary" disabled={*busy} onclick={act(None)} data-testid="close-vote">
                        { i18n.t(Key::CloseVote) }
                    </button>
                }
            </div>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} testid="motion-error" />
        </article>
    }
}

/// What the motion would decide beyond its text.
fn particulars(i18n: &I18n, m: &Motion) -> Html {
    html! {
        <>
            if let Some(v) = m.plan_version_id {
                <p>{ i18n.tf(Key::MotionPlanVersion, &[&v.to_string()]) }</p>
            }
            if let Some(b) = &m.budget {
                <p>{ i18n.tf(Key::MotionBudget, &[&b.year.to_string(), &b.reserve_percent, &b.expense_cap_percent]) }</p>
            }
            if let Some(text) = &m.articles_text {
                <p class="prewrap">{ text.clone() }</p>
            }
            if let (Some(name), Some(to)) = (&m.candidate_name, m.elect_to) {
                <p>{ i18n.tf(Key::MotionCandidate, &[
                    name,
                    i18n.t(body_key(to)),
                    m.candidate_position.map(|p| i18n.t(position_key(to, p))).unwrap_or_default(),
                ]) }</p>
            }
            if !m.scrutineers.is_empty() {
                <p class="muted">{ i18n.tf(Key::Scrutineers, &[&m.scrutineers.iter().map(|s| s.holder.clone()).collect::<Vec<_>>().join("、")]) }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CloseMeetingProps {
    meeting: i64,
    api: Api,
    on_done: Callback<()>,
}

#[function_component(CloseMeeting)]
fn close_meeting(props: &CloseMeetingProps) -> Html {
    let i18n = use_i18n();
    let minutes = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let on_input = {
        let minutes = minutes.clone();
        Callback::from(move |e: InputEvent| minutes.set(textarea_value(&e)))
    };
    let onsubmit = {
        let (api, minutes, busy, error, done, id) = (
            props.api.clone(),
            minutes.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            props.meeting,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, text, error, done) =
                (api.clone(), (*minutes).clone(), error.clone(), done.clone());
            error.set(None);
            submit(&busy, &error, &done.reform(|_| ()), async move {
                api.close_meeting(id, text).await
            });
        })
    };
    html! {
        <form class="form card" {onsubmit} data-testid="close-meeting">
            <h2>{ i18n.t(Key::CloseMeeting) }</h2>
            <div class="field">
                <label>{ i18n.t(Key::Minutes) }</label>
                <textarea rows="4" value={(*minutes).clone()} oninput={on_input} data-testid="minutes-input" />
            </div>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
            <div class="form-actions">
                <button type="submit" class="button-quiet" disabled={*busy} data-testid="close-meeting-submit">{ i18n.t(Key::CloseMeeting) }</button>
            </div>
        </form>
    }
}
