//! How far an actor reaches into the association's records (docs/domain.md §1).
//!
//! A reach is decided once, from who the actor is, and then travels with every use case down
//! to the store, whose functions for scoped records (members, unions, claims, batches, staff)
//! take it: a record outside the reach is as unknown as one that does not exist. A `Reach` is
//! built only by its constructors, so a use case cannot widen its own.

use crate::OrgUnitKind;

/// What part of the association's records an actor may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach(Extent);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Extent {
    /// Nothing scoped (an anonymous caller, an integrator without a member context).
    Nobody,
    /// One member: themself.
    Member(i64),
    /// A unit below the province and everything under it, by the unit's path (`/1/5/`).
    Subtree(String),
    /// The whole association, by the province unit's path (`/1/`).
    Province(String),
    /// The operator at the command line.
    Everything,
}

impl Reach {
    /// Nothing scoped.
    pub const NOBODY: Reach = Reach(Extent::Nobody);

    /// A member's own account reaches that member.
    pub fn of_member(member_id: i64) -> Self {
        Self(Extent::Member(member_id))
    }

    /// A staff member reaches the subtree of the unit they belong to; the province's staff
    /// reach the whole association.
    pub fn of_staff(unit_kind: OrgUnitKind, unit_path: &str) -> Self {
        match unit_kind {
            OrgUnitKind::Province => Self(Extent::Province(unit_path.to_string())),
            _ => Self(Extent::Subtree(unit_path.to_string())),
        }
    }

    /// The operator at the command line, who holds the database and so reaches everything.
    pub fn everything() -> Self {
        Self(Extent::Everything)
    }

    /// The path of the part of the organisation a staff member reaches (`""` for the
    /// operator: everything); `None` for anybody else.
    pub fn staff_path(&self) -> Option<&str> {
        match &self.0 {
            Extent::Subtree(path) | Extent::Province(path) => Some(path),
            Extent::Everything => Some(""),
            Extent::Member(_) | Extent::Nobody => None,
        }
    }

    /// The member a member's own account reaches.
    pub fn member(&self) -> Option<i64> {
        match self.0 {
            Extent::Member(id) => Some(id),
            _ => None,
        }
    }

    /// Association-wide work (funds, the ledger, the trail) is done from the province only.
    pub fn is_province(&self) -> bool {
        matches!(self.0, Extent::Province(_) | Extent::Everything)
    }

    /// The unit a staff member belongs to: the last unit of their path (`/1/5/` → 5).
    pub fn own_unit(&self) -> Option<i64> {
        match &self.0 {
            Extent::Subtree(path) | Extent::Province(path) => path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .and_then(|id| id.parse().ok()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_province_staff_reach_everything_below_it() {
        let province = Reach::of_staff(OrgUnitKind::Province, "/1/");
        assert!(province.is_province());
        assert_eq!(province.staff_path(), Some("/1/"));
        assert_eq!(province.own_unit(), Some(1));
    }

    #[test]
    fn a_city_office_reaches_its_subtree_only() {
        let city = Reach::of_staff(OrgUnitKind::CityOffice, "/1/5/");
        assert!(!city.is_province());
        assert_eq!(city.staff_path(), Some("/1/5/"));
        assert_eq!(city.own_unit(), Some(5));
    }

    #[test]
    fn members_and_nobody_reach_no_unit() {
        for reach in [Reach::of_member(3), Reach::NOBODY] {
            assert_eq!(reach.staff_path(), None);
            assert_eq!(reach.own_unit(), None);
            assert!(!reach.is_province());
        }
        assert_eq!(Reach::of_member(3).member(), Some(3));
        assert_eq!(Reach::NOBODY.member(), None);
    }

    #[test]
    fn the_operator_reaches_every_unit() {
        let op = Reach::everything();
        assert!(op.is_province());
        assert_eq!(op.staff_path(), Some(""));
        assert_eq!(op.member(), None);
    }

    proptest! {
        /// A staff member's own unit is the last of their path, at any depth; only the
        /// province's unit makes a province reach.
        #[test]
        fn a_staff_reach_names_its_own_unit(
            chain in proptest::collection::vec(1i64..100_000, 1..5),
        ) {
            let path = format!("/{}/", chain.iter().map(i64::to_string).collect::<Vec<_>>().join("/"));
            let kind = if chain.len() == 1 { OrgUnitKind::Province } else { OrgUnitKind::CountyPoint };
            let reach = Reach::of_staff(kind, &path);
            prop_assert_eq!(reach.own_unit(), chain.last().copied());
            prop_assert_eq!(reach.staff_path(), Some(path.as_str()));
            prop_assert_eq!(reach.is_province(), chain.len() == 1);
        }
    }
}
