use huzhu_api_types::{LoginRequest, Me};
use huzhu_domain::IdNumber;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::app::Notice;
use crate::components::busy::run_busy;
use crate::components::form::{setter, ErrorMessage, TextField};
use crate::components::layout::LangToggle;
use crate::i18n::{use_i18n, Key};

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Staff,
    Member,
}

#[derive(Properties, PartialEq)]
pub struct LoginPageProps {
    pub api: Api,
    pub notice: Option<Notice>,
    pub on_signed_in: Callback<Me>,
}

/// Why the form cannot be sent yet; checked before any request.
#[derive(Clone, PartialEq)]
enum Problem {
    Missing,
    Api(ApiError),
}

#[function_component(LoginPage)]
pub fn login_page(props: &LoginPageProps) -> Html {
    let i18n = use_i18n();
    let tab = use_state(|| Tab::Staff);
    let username = use_state(String::new);
    let id_number = use_state(String::new);
    let password = use_state(String::new);
    let problem = use_state(|| None::<Problem>);
    let busy = use_state(|| false);

    // Validated on every keystroke with the server's own rule (huzhu-domain).
    let id_error = if id_number.trim().is_empty() {
        None
    } else {
        IdNumber::parse(&id_number)
            .err()
            .map(|e| i18n.id_number_error(&e))
    };

    let select_tab = |which: Tab| {
        let (tab, problem) = (tab.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            tab.set(which);
            problem.set(None);
        })
    };

    let onsubmit = {
        let (tab, username, id_number, password) =
            (*tab, username.clone(), id_number.clone(), password.clone());
        let (problem, busy) = (problem.clone(), busy.clone());
        let (api, on_signed_in) = (props.api.clone(), props.on_signed_in.clone());
        let id_invalid = id_error.is_some();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let request = match tab {
                Tab::Staff if !username.trim().is_empty() && !password.is_empty() => LoginRequest {
                    username: Some(username.trim().to_owned()),
                    id_number: None,
                    password: (*password).clone(),
                },
                Tab::Member
                    if !id_invalid && !id_number.trim().is_empty() && !password.is_empty() =>
                {
                    LoginRequest {
                        username: None,
                        // Normalised (trimmed, upper-case X) the same way the server does.
                        id_number: Some(
                            IdNumber::parse(&id_number)
                                .map(|id| id.as_str().to_owned())
                                .unwrap_or_else(|_| id_number.trim().to_owned()),
                        ),
                        password: (*password).clone(),
                    }
                }
                _ => {
                    problem.set(Some(Problem::Missing));
                    return;
                }
            };
            problem.set(None);
            let (api, on_signed_in, problem) = (api.clone(), on_signed_in.clone(), problem.clone());
            let request = async move {
                match api.login(&request).await {
                    Ok(()) => api.me().await,
                    Err(e) => Err(e),
                }
            };
            run_busy(&busy, request, move |outcome| match outcome {
                Ok(me) => on_signed_in.emit(me),
                Err(e) => problem.set(Some(Problem::Api(e))),
            });
        })
    };

    let error_text = problem.as_ref().map(|p| match p {
        Problem::Missing if *tab == Tab::Member && id_error.is_some() => {
            id_error.clone().unwrap_or_default()
        }
        Problem::Missing => i18n.t(Key::LoginMissing).to_owned(),
        Problem::Api(e) => e.text(i18n.lang),
    });
    let notice = props.notice.as_ref().map(|n| match n {
        Notice::SessionEnded => (i18n.t(Key::SessionEnded).to_owned(), "info"),
        Notice::LoggedOut => (i18n.t(Key::LoggedOutNotice).to_owned(), "success"),
        Notice::Failed(e) => (e.text(i18n.lang), "error"),
    });
    html! {
        <div class="login-page" data-testid="page-login">
            <div class="login-top"><LangToggle /></div>
            <div class="login-card">
                <h1 class="login-title">
                    <span class="brand-zh">{ "互助" }</span>
                    <span class="brand-en">{ "Huzhu" }</span>
                </h1>
                <p class="login-subtitle">{ i18n.t(Key::ProductSubtitle) }</p>
                if let Some((text, kind)) = notice {
                    <div class={classes!("message", kind)} role="status" data-testid="login-notice">{ text }</div>
                }
                <div class="tabs" role="tablist">
                    <button type="button" role="tab" data-testid="login-tab-staff"
                            class={classes!("tab", (*tab == Tab::Staff).then_some("active"))}
                            aria-selected={(*tab == Tab::Staff).to_string()}
                            onclick={select_tab(Tab::Staff)}>
                        { i18n.t(Key::LoginTabStaff) }
                    </button>
                    <button type="button" role="tab" data-testid="login-tab-member"
                            class={classes!("tab", (*tab == Tab::Member).then_some("active"))}
                            aria-selected={(*tab == Tab::Member).to_string()}
                            onclick={select_tab(Tab::Member)}>
                        { i18n.t(Key::LoginTabMember) }
                    </button>
                </div>
                <form class="login-form" {onsubmit} novalidate=true>
                    if *tab == Tab::Staff {
                        <TextField label={i18n.t(Key::Username)} value={(*username).clone()}
                                   oninput={setter(&username)} testid="login-username"
                                   autocomplete="username" />
                    } else {
                        <TextField label={i18n.t(Key::IdNumber)} value={(*id_number).clone()}
                                   oninput={setter(&id_number)} testid="login-id-number"
                                   autocomplete="username" maxlength="18"
                                   hint={i18n.t(Key::IdNumberHint)}
                                   error={id_error.clone()} />
                    }
                    <TextField label={i18n.t(Key::Password)} value={(*password).clone()}
                               oninput={setter(&password)} testid="login-password"
                               input_type="password" autocomplete="current-password" />
                    <ErrorMessage text={error_text} testid="login-error" />
                    <button type="submit" class="button-primary wide" data-testid="login-submit" disabled={*busy}>
                        { if *busy { i18n.t(Key::LoggingIn) } else { i18n.t(Key::Login) } }
                    </button>
                </form>
                if *tab == Tab::Member {
                    <p class="muted small">{ i18n.t(Key::MemberLoginHelp) }</p>
                }
            </div>
        </div>
    }
}
