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

/// The shape of a reach, for the store to turn into a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extent {
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

    pub fn extent(&self) -> &Extent {
        &self.0
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

    /// Whether the unit with this path lies within the reach (a member reaches no unit).
    pub fn covers_unit(&self, unit_path: &str) -> bool {
        match self.staff_path() {
            Some(path) => unit_path.starts_with(path),
            None => false,
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
        assert!(province.covers_unit("/1/7/42/"));
        assert_eq!(province.own_unit(), Some(1));
    }

    #[test]
    fn a_city_office_reaches_its_subtree_and_not_its_neighbour() {
        let city = Reach::of_staff(OrgUnitKind::CityOffice, "/1/5/");
        assert!(!city.is_province());
        assert!(city.covers_unit("/1/5/"));
        assert!(city.covers_unit("/1/5/9/"));
        assert!(!city.covers_unit("/1/50/"), "a path prefix ends at a slash");
        assert!(!city.covers_unit("/1/"));
        assert_eq!(city.own_unit(), Some(5));
    }

    #[test]
    fn members_and_nobody_reach_no_unit() {
        for reach in [Reach::of_member(3), Reach::NOBODY] {
            assert_eq!(reach.staff_path(), None);
            assert!(!reach.covers_unit("/1/"));
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
        /// A unit's reach covers exactly the units whose path starts with its own, so a
        /// unit never reaches a sibling whose id merely starts with the same digits.
        #[test]
        fn a_subtree_covers_exactly_its_descendants(
            chain in proptest::collection::vec(1i64..200, 1..5),
            other in proptest::collection::vec(1i64..200, 1..5),
        ) {
            let path = |ids: &[i64]| format!("/{}/", ids.iter().map(i64::to_string).collect::<Vec<_>>().join("/"));
            let unit = path(&chain);
            let reach = Reach::of_staff(OrgUnitKind::CityOffice, &unit);
            let target = path(&other);
            prop_assert_eq!(reach.covers_unit(&target), other.starts_with(&chain));
        }
    }
}
