//! Names of organisation units that a list knows only by id (members carry their union's id).

use std::collections::{BTreeSet, HashMap};

use yew::prelude::*;

use crate::api::Api;

/// Looks up the names of `ids` not seen yet, after the caller has shown its list; until a name
/// arrives (or when it cannot be read), [`unit_label`] shows `#id`.
#[hook]
pub fn use_unit_names(
    api: Option<Api>,
    ids: BTreeSet<i64>,
) -> UseStateHandle<HashMap<i64, String>> {
    let names = use_state(HashMap::<i64, String>::new);
    {
        let names = names.clone();
        use_effect_with(ids, move |ids| {
            let missing: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|id| !names.contains_key(id))
                .collect();
            if let (Some(api), false) = (api, missing.is_empty()) {
                yew::platform::spawn_local(async move {
                    let mut found = (*names).clone();
                    for id in missing {
                        if let Ok(unit) = api.org_unit(id).await {
                            found.insert(id, unit.name);
                        }
                    }
                    names.set(found);
                });
            }
        });
    }
    names
}

pub fn unit_label(names: &HashMap<i64, String>, id: i64) -> String {
    names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}
