//! Parsed plan terms, kept per plan version. Only drafts can change, so every other version's
//! terms are parsed once and shared: coverage enquiries would otherwise read and parse the same
//! JSON for every policy of every request.

use crate::error::{AppError, AppResult};
use huzhu_domain::plan::{PlanTerms, PlanVersionState};
use huzhu_store::{plans, DbConn};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

#[derive(Default)]
pub struct PlanTermsCache {
    settled: RwLock<HashMap<i64, Arc<PlanTerms>>>,
}

/// The terms a stored plan version holds.
pub fn terms_of(v: &plans::PlanVersion) -> AppResult<PlanTerms> {
    serde_json::from_str(&v.terms)
        .map_err(|e| AppError::corrupt(format!("plan version {} has unreadable terms: {e}", v.id)))
}

impl PlanTermsCache {
    /// The terms of plan version `id`.
    pub fn get(&self, c: &mut DbConn, id: i64) -> AppResult<Arc<PlanTerms>> {
        if let Some(terms) = self.settled.read().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(terms);
        }
        let version = plans::get_version(c, id)?;
        let terms = Arc::new(terms_of(&version)?);
        if version.state != PlanVersionState::Draft {
            if let Ok(mut m) = self.settled.write() {
                m.insert(id, terms.clone());
            }
        }
        Ok(terms)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::{TimeZone, Utc};
    use huzhu_domain::plan::examples::guangdong_demo;

    #[test]
    fn drafts_are_read_afresh_and_settled_versions_once() {
        let db = huzhu_store::testing::sqlite();
        let mut c = db.store.conn().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
        let mut zy = guangdong_demo().into_iter().next().unwrap();
        let json = |t: &PlanTerms| serde_json::to_string(t).unwrap();
        let v = plans::insert_draft(&mut c, zy.code.as_str(), &json(&zy), None, now).unwrap();
        let cache = PlanTermsCache::default();
        assert_eq!(cache.get(&mut c, v.id).unwrap().max_shares, zy.max_shares);
        zy.max_shares += 1;
        plans::update_draft(&mut c, v.id, &json(&zy)).unwrap();
        assert_eq!(
            cache.get(&mut c, v.id).unwrap().max_shares,
            zy.max_shares,
            "a draft's edits are seen at once"
        );
        plans::set_state(
            &mut c,
            v.id,
            huzhu_domain::plan::PlanVersionState::Draft,
            huzhu_domain::plan::PlanVersionState::Approved,
            None,
            now,
        )
        .unwrap();
        let first = cache.get(&mut c, v.id).unwrap();
        let again = cache.get(&mut c, v.id).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "an approved version is parsed once"
        );
        assert_eq!(again.max_shares, zy.max_shares);
    }
}
