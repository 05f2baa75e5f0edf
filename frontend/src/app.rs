//! The root component: language, routing, and the signed-in / signed-out switch.

use std::rc::Rc;

use huzhu_api_types::Me;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::layout::Layout;
use crate::i18n::{I18n, Key, Lang};
use crate::pages::{
    account::AccountPage, api_clients::ApiClientsPage, batch::BatchPage, batches::BatchesPage,
    claim::ClaimPage, claim_new::NewClaimPage, claims::ClaimsPage, coverage::CoveragePage,
    home::HomePage, login::LoginPage, member::MemberPage, members::MembersPage,
    not_found::NotFoundPage, org_units::OrgUnitsPage, plans::PlansPage, rosters::RostersPage,
    staff::StaffPage,
};
use crate::pages::{
    audit::AuditPage, elections::ElectionsPage, finance::FinancePage, governance::GovernancePage,
    inspections::InspectionsPage, meeting::MeetingPage,
};
use crate::route::Route;
use crate::session::{use_token_refresher, Session};
use crate::storage;

/// Why the login page is showing, when it is not the first visit.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The server no longer accepts the session (expired, revoked, account disabled).
    SessionEnded,
    LoggedOut,
    /// Stored tokens exist but `/me` could not be loaded (server unreachable...).
    Failed(ApiError),
}

#[derive(Clone, Debug, PartialEq)]
enum Auth {
    /// Tokens were found in storage; asking `/me` whether they still work.
    Checking,
    SignedOut(Option<Notice>),
    SignedIn(Rc<Me>),
}

enum AuthAction {
    SignedIn(Rc<Me>),
    SessionEnded,
    LoggedOut,
    Failed(ApiError),
}

impl Reducible for Auth {
    type Action = AuthAction;

    fn reduce(self: Rc<Self>, action: AuthAction) -> Rc<Self> {
        let next = match action {
            AuthAction::SignedIn(me) => Auth::SignedIn(me),
            // Requests still in flight during or after a logout may fail with 401 and report
            // the session as ended; that must not replace the logout notice.
            AuthAction::SessionEnded => match &*self {
                Auth::SignedOut(_) => return self,
                _ => Auth::SignedOut(Some(Notice::SessionEnded)),
            },
            AuthAction::LoggedOut => Auth::SignedOut(Some(Notice::LoggedOut)),
            AuthAction::Failed(e) => Auth::SignedOut(Some(Notice::Failed(e))),
        };
        Rc::new(next)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(|| storage::load_lang().unwrap_or(Lang::Zh));
    use_effect_with(*lang, |lang| {
        let document = gloo::utils::document();
        if let Some(html) = document.document_element() {
            // Screen readers and the browser's font choice for CJK text depend on it.
            let _ = html.set_attribute("lang", lang.tag());
        }
        document.set_title(crate::i18n::t(*lang, Key::DocumentTitle));
    });
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            storage::save_lang(next);
            lang.set(next);
        })
    };
    let i18n = I18n {
        lang: *lang,
        set_lang,
    };
    html! {
        <ContextProvider<I18n> context={i18n}>
            <BrowserRouter>
                <Root />
            </BrowserRouter>
        </ContextProvider<I18n>>
    }
}

#[function_component(Root)]
fn root() -> Html {
    let auth = use_reducer(|| {
        if storage::has_session() {
            Auth::Checking
        } else {
            Auth::SignedOut(None)
        }
    });
    let api = {
        let dispatcher = auth.dispatcher();
        (*use_memo((), move |_| {
            Api::new(Callback::from(move |()| {
                dispatcher.dispatch(AuthAction::SessionEnded)
            }))
        }))
        .clone()
    };
    let navigator = use_navigator();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let i18n = crate::i18n::use_i18n();

    use_token_refresher(api.clone(), matches!(*auth, Auth::SignedIn(_)));

    // A reload of a signed-in browser: resume the session from the refresh cookie and find out
    // who we are.
    {
        let api = api.clone();
        let dispatcher = auth.dispatcher();
        let checking = *auth == Auth::Checking;
        use_effect_with((), move |_| {
            if checking {
                yew::platform::spawn_local(async move {
                    match api.me().await {
                        Ok(me) => dispatcher.dispatch(AuthAction::SignedIn(Rc::new(me))),
                        // The API client has already reported the end of the session.
                        Err(e) if e.is_session_end() => {}
                        Err(e) => dispatcher.dispatch(AuthAction::Failed(e)),
                    }
                });
            }
        });
    }

    let on_signed_in = {
        let dispatcher = auth.dispatcher();
        Callback::from(move |me: Me| dispatcher.dispatch(AuthAction::SignedIn(Rc::new(me))))
    };
    let logout = {
        let api = api.clone();
        let dispatcher = auth.dispatcher();
        Callback::from(move |()| {
            let api = api.clone();
            let dispatcher = dispatcher.clone();
            let navigator = navigator.clone();
            yew::platform::spawn_local(async move {
                api.logout().await;
                dispatcher.dispatch(AuthAction::LoggedOut);
                // The next person to log in on this device starts at home, not on the page
                // the previous one left open.
                if let Some(navigator) = navigator {
                    navigator.push(&Route::Login);
                }
            });
        })
    };

    match &*auth {
        Auth::Checking => html! {
            <div class="splash" data-testid="page-loading">{ i18n.t(Key::Loading) }</div>
        },
        // A mistyped address is "not found" for everybody, signed in or not.
        Auth::SignedOut(_) if route == Route::NotFound => html! {
            <div class="standalone"><NotFoundPage /></div>
        },
        Auth::SignedOut(notice) => html! {
            <LoginPage api={api.clone()} notice={notice.clone()} {on_signed_in} />
        },
        Auth::SignedIn(me) => {
            let session = Session {
                me: me.clone(),
                api: api.clone(),
                logout,
            };
            html! {
                <ContextProvider<Session> context={session}>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </ContextProvider<Session>>
            }
        }
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Login => html! { <Redirect<Route> to={Route::Home} /> },
        Route::Account => html! { <AccountPage /> },
        Route::Coverage => html! { <CoveragePage /> },
        Route::Plans => html! { <PlansPage /> },
        Route::Members => html! { <MembersPage /> },
        Route::Member { id } => html! { <MemberPage {id} /> },
        Route::Rosters => html! { <RostersPage /> },
        Route::Batches => html! { <BatchesPage /> },
        Route::Claims => html! { <ClaimsPage own=false /> },
        Route::Claim { id } => html! { <ClaimPage {id} own=false /> },
        Route::MyClaims => html! { <ClaimsPage own=true /> },
        Route::NewClaim => html! { <NewClaimPage /> },
        Route::MyClaim { id } => html! { <ClaimPage {id} own=true /> },
        Route::Batch { id } => html! { <BatchPage {id} /> },
        Route::Finance => html! { <FinancePage /> },
        Route::Governance => html! { <GovernancePage /> },
        Route::Meeting { id } => html! { <MeetingPage {id} /> },
        Route::Elections => html! { <ElectionsPage /> },
        Route::Inspections => html! { <InspectionsPage /> },
        Route::Audit => html! { <AuditPage /> },
        Route::OrgUnits => html! { <OrgUnitsPage /> },
        Route::Staff => html! { <StaffPage /> },
        Route::ApiClients => html! { <ApiClientsPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
