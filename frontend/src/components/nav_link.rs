use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct NavLinkProps {
    pub to: Route,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a client route. yew-router's `Link` takes no extra attributes, and the browser
/// tests need `data-testid`; this also marks the current page with `aria-current`.
#[function_component(NavLink)]
pub fn nav_link(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            // Let the browser handle ctrl/cmd/shift-click (new tab or window) itself.
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            if let Some(navigator) = &navigator {
                e.prevent_default();
                navigator.push(&to);
            }
        })
    };
    // A member's page belongs to the member list, a batch to the rosters.
    let is_current = current.as_ref() == Some(&props.to)
        || matches!(
            (&props.to, current.as_ref()),
            (Route::Members, Some(Route::Member { .. }))
                | (Route::Rosters, Some(Route::Batch { .. }))
        );
    html! {
        <a href={props.to.to_path()}
           class={classes!(props.class.clone(), is_current.then_some("current"))}
           aria-current={is_current.then_some("page")}
           data-testid={props.testid.clone()}
           {onclick}>
            { props.children.clone() }
        </a>
    }
}
