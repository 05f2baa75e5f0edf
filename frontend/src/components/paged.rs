//! Lists loaded one page at a time: what they show while loading, after a failure, when empty,
//! and otherwise the list with its pager.

use huzhu_api_types::Page;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::form::ErrorMessage;
use crate::components::pager::Pager;
use crate::i18n::{I18n, Key};

/// A page as the list pages keep it: `None` until the first answer arrives.
pub type Loaded<T> = Option<Result<Page<T>, ApiError>>;

/// "Loading", the error, `empty` when the page has no items, or else `list(page)` followed by
/// the pager (which calls `on_page` with the new offset).
pub fn paged_list<T>(
    i18n: &I18n,
    loaded: &Loaded<T>,
    empty: &str,
    on_page: Callback<i64>,
    list: impl FnOnce(&Page<T>) -> Html,
) -> Html {
    match loaded {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(page)) if page.items.is_empty() => html! { <p class="muted">{ empty }</p> },
        Some(Ok(page)) => html! {
            <>
                { list(page) }
                <Pager total={page.total} limit={page.limit} offset={page.offset} on_change={on_page} />
            </>
        },
    }
}

/// [`paged_list`] as a table (`table.list`, marked with `testid`) under the headings `columns`,
/// one `row` per item.
pub fn paged_table<T>(
    i18n: &I18n,
    loaded: &Loaded<T>,
    empty: &str,
    on_page: Callback<i64>,
    testid: &'static str,
    columns: &[Key],
    row: impl Fn(&T) -> Html,
) -> Html {
    paged_list(i18n, loaded, empty, on_page, |page| {
        html! {
            <div class="table-wrap">
                <table class="list" data-testid={testid}>
                    <thead><tr>
                        { for columns.iter().map(|key| html! { <th>{ i18n.t(*key) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for page.items.iter().map(row) }
                    </tbody>
                </table>
            </div>
        }
    })
}
