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
        table(i18n, testid, columns, &page.items, row)
    })
}

/// `items` as a table (`table.list`, marked with `testid`) under the headings `columns`, one
/// `row` per item.
pub fn table<T>(
    i18n: &I18n,
    testid: &'static str,
    columns: &[Key],
    items: &[T],
    row: impl Fn(&T) -> Html,
) -> Html {
    html! {
        <div class="table-wrap">
            <table class="list" data-testid={testid}>
                <thead><tr>
                    { for columns.iter().map(|key| html! { <th>{ i18n.t(*key) }</th> }) }
                </tr></thead>
                <tbody>
                    { for items.iter().map(row) }
                </tbody>
            </table>
        </div>
    }
}

/// One page of a list held whole on this side (e.g. the policies of a batch), for
/// [`paged_table`].
pub fn local_page<T: Clone>(items: &[T], limit: i64, offset: i64) -> Page<T> {
    let total = items.len() as i64;
    let offset = offset.clamp(0, total.max(0));
    let start = usize::try_from(offset).unwrap_or(0);
    let end = usize::try_from(offset + limit.max(1))
        .unwrap_or(usize::MAX)
        .min(items.len());
    Page {
        items: items[start..end].to_vec(),
        total,
        limit,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pages_cut_the_list() {
        let items: Vec<i32> = (1..=45).collect();
        let p = local_page(&items, 20, 40);
        assert_eq!(
            (p.items, p.total, p.offset),
            (vec![41, 42, 43, 44, 45], 45, 40)
        );
        assert_eq!(local_page(&items, 20, 0).items.len(), 20);
        assert!(local_page(&items, 20, 100).items.is_empty());
        assert!(local_page::<i32>(&[], 20, 0).items.is_empty());
    }
}
