use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    /// Called with the new offset.
    pub on_change: Callback<i64>,
}

/// "Items 21–40 of 93" with previous / next; hidden when everything fits on one page.
#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    let i18n = use_i18n();
    if props.total <= props.limit && props.offset == 0 {
        return html! {};
    }
    let limit = props.limit.max(1);
    let first = props.offset + 1;
    let last = (props.offset + limit).min(props.total);
    let prev = {
        let cb = props.on_change.clone();
        let to = (props.offset - limit).max(0);
        Callback::from(move |_: MouseEvent| cb.emit(to))
    };
    let next = {
        let cb = props.on_change.clone();
        let to = props.offset + limit;
        Callback::from(move |_: MouseEvent| cb.emit(to))
    };
    html! {
        <div class="pager">
            <button type="button" class="button-quiet" disabled={props.offset == 0} onclick={prev}>
                { i18n.t(Key::PagePrev) }
            </button>
            <span>{ i18n.tf(Key::PageRange, &[&first.to_string(), &last.to_string(), &props.total.to_string()]) }</span>
            <button type="button" class="button-quiet" disabled={props.offset + limit >= props.total} onclick={next}>
                { i18n.t(Key::PageNext) }
            </button>
        </div>
    }
}
