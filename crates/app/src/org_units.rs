//! The organisation tree (province association → city offices → county points → grassroots
//! unions), within the actor's subtree (docs/domain.md §8).

use crate::actor::Actor;
use crate::error::{or_not_found, AppError, AppResult};
use crate::records::{OrgUnit, Paged, Paging};
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::field_rules::{max_chars, required_text};
use huzhu_domain::{CreditCode, ErrorCode, OrgUnitKind};
use huzhu_store::org_units::{self, OrgUnitFilter};
use huzhu_store::{DbConn, StoreError};

/// A unit and how many units sit directly under it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub unit: OrgUnit,
    pub child_count: i64,
}

/// A search of the tree, as asked.
#[derive(Debug, Clone)]
pub struct UnitSearch {
    pub parent_id: Option<i64>,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub paging: Paging,
}

/// A unit to add under a parent of the actor's subtree.
#[derive(Debug, Clone)]
pub struct NewUnit {
    pub parent_id: i64,
    pub kind: OrgUnitKind,
    pub name: String,
    pub credit_code: Option<String>,
}

fn unit_not_found() -> impl Fn(StoreError) -> AppError {
    or_not_found(ErrorCode::OrgUnitNotFound, "organisation unit")
}

fn with_counts(c: &mut DbConn, units: Vec<OrgUnit>) -> AppResult<Vec<Unit>> {
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let counts = org_units::child_counts(c, &ids)?;
    Ok(units
        .into_iter()
        .map(|u| {
            let child_count = counts.get(&u.id).copied().unwrap_or(0);
            Unit {
                unit: u,
                child_count,
            }
        })
        .collect())
}

/// Grassroots unions carry their unified social credit code; nothing else does.
fn credit_code_for(kind: OrgUnitKind, code: Option<&str>) -> AppResult<Option<String>> {
    match (
        kind.requires_credit_code(),
        code.map(str::trim).filter(|c| !c.is_empty()),
    ) {
        (true, None) => Err(AppError::invalid_field(
            ErrorCode::OrgUnitCreditCodeRequired,
            "credit_code",
            "a grassroots union needs its unified social credit code (统一社会信用代码)",
        )),
        (true, Some(c)) => CreditCode::parse_union(c)
            .map(|c| Some(c.as_str().to_string()))
            .map_err(|e| AppError::invalid_field(e.code(), "credit_code", e.to_string())),
        (false, None) => Ok(None),
        (false, Some(_)) => Err(AppError::invalid_field(
            ErrorCode::OrgUnitCreditCodeNotApplicable,
            "credit_code",
            "only grassroots unions carry a credit code here",
        )),
    }
}

impl App {
    /// Units of the actor's subtree: the actor's own unit when nothing is asked, else those
    /// under a parent, of a kind or by part of the name.
    pub fn org_units(&self, actor: &Actor, q: UnitSearch) -> AppResult<Paged<Unit>> {
        let reach = actor.staff_reach()?;
        let kind = match q.kind.as_deref() {
            None => None,
            Some(k) => Some(OrgUnitKind::parse(k).ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::OrgUnitUnknownKind,
                    "kind",
                    format!("unknown unit kind `{k}`"),
                )
            })?),
        };
        let filter = OrgUnitFilter {
            parent_id: q.parent_id,
            kind,
            name_contains: q
                .name
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().to_string()),
        };
        let paging = q.paging;
        self.store.read(|c| {
            if let Some(parent) = filter.parent_id {
                org_units::get_within(c, reach, parent).map_err(unit_not_found())?;
            }
            let (units, total) = if filter.parent_id.is_none()
                && filter.kind.is_none()
                && filter.name_contains.is_none()
            {
                let own = match actor.own_unit() {
                    Some(id) => org_units::get(c, id)?,
                    None => return Err(AppError::not_allowed()),
                };
                (
                    if paging.offset == 0 {
                        vec![own]
                    } else {
                        vec![]
                    },
                    1,
                )
            } else {
                org_units::list(c, reach, &filter, paging)?
            };
            Ok(Paged {
                items: with_counts(c, units)?,
                total,
                paging,
            })
        })
    }

    pub fn org_unit(&self, actor: &Actor, id: i64) -> AppResult<Unit> {
        let reach = actor.staff_reach()?;
        self.store.read(|c| {
            let unit = org_units::get_within(c, reach, id).map_err(unit_not_found())?;
            Ok(with_counts(c, vec![unit])?.remove(0))
        })
    }

    /// Adds a unit under a parent of the actor's subtree, of a kind that parent may hold.
    pub fn add_org_unit(&self, actor: &Actor, new: NewUnit) -> AppResult<Unit> {
        let name = required_text("name", &new.name, max_chars::UNIT_NAME)?;
        let code = credit_code_for(new.kind, new.credit_code.as_deref())?;
        let reach = actor.staff_reach()?;
        let now = self.now();
        self.change(actor, |c| {
            let parent = org_units::get_within(c, reach, new.parent_id).map_err(|e| match e {
                StoreError::NotFound => AppError::invalid_field(
                    ErrorCode::OrgUnitParentNotFound,
                    "parent_id",
                    "the parent unit does not exist in your part of the organisation",
                ),
                other => other.into(),
            })?;
            new.kind.check_parent(Some(parent.kind)).map_err(|e| {
                AppError::invalid_field(ErrorCode::OrgUnitWrongParent, "parent_id", e.to_string())
            })?;
            let unit = org_units::insert(
                c,
                org_units::NewOrgUnit {
                    parent: Some(&parent),
                    kind: new.kind,
                    name: &name,
                    credit_code: code.as_deref(),
                },
                now,
            )?;
            let mut event = Event::of("org_unit.create", "org_unit", unit.id)
                .fact("name", &unit.name)
                .fact("kind", unit.kind)
                .fact("parent", parent.id);
            if let Some(code) = &unit.credit_code {
                event = event.fact("credit_code", code);
            }
            Ok(Done::new(
                Unit {
                    unit,
                    child_count: 0,
                },
                event,
            ))
        })
    }

    /// Renames a unit or changes a union's credit code.
    pub fn update_org_unit(
        &self,
        actor: &Actor,
        id: i64,
        name: Option<&str>,
        credit_code: Option<&str>,
    ) -> AppResult<Unit> {
        let name = name
            .map(|n| required_text("name", n, max_chars::UNIT_NAME))
            .transpose()?;
        let reach = actor.staff_reach()?;
        let now = self.now();
        self.change(actor, |c| {
            let before = org_units::get_within(c, reach, id).map_err(unit_not_found())?;
            let code = match credit_code {
                None => None,
                Some(code) => credit_code_for(before.kind, Some(code))?,
            };
            let unit = org_units::update(c, id, name.as_deref(), code.as_deref(), now)?;
            let use_case = if name.is_some() {
                "org_unit.rename"
            } else {
                "org_unit.update"
            };
            let mut event = Event::of(use_case, "org_unit", unit.id);
            if name.is_some() {
                event = event.fact("name", format!("{} → {}", before.name, unit.name));
            }
            if code.is_some() {
                event = event.fact(
                    "credit_code",
                    format!(
                        "{} → {}",
                        before.credit_code.as_deref().unwrap_or("none"),
                        unit.credit_code.as_deref().unwrap_or("none")
                    ),
                );
            }
            Ok(Done::new(with_counts(c, vec![unit])?.remove(0), event))
        })
    }

    /// Removes an empty unit of the actor's subtree; never the actor's own.
    pub fn remove_org_unit(&self, actor: &Actor, id: i64) -> AppResult<()> {
        if actor.own_unit() == Some(id) {
            return Err(AppError::conflict(
                ErrorCode::OrgUnitOwnUnit,
                "you cannot remove the unit you belong to",
            ));
        }
        let reach = actor.staff_reach()?;
        self.change(actor, |c| {
            let unit = org_units::get_within(c, reach, id).map_err(unit_not_found())?;
            org_units::delete(c, id)?;
            let event = Event::of("org_unit.remove", "org_unit", unit.id)
                .fact("name", &unit.name)
                .fact("kind", unit.kind)
                .fact("parent", unit.parent_id);
            Ok(Done::new((), event))
        })
    }
}
