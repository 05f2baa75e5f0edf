//! Values known by a fixed name: a policy's status, a payment's, the channel a contribution came
//! through, a governing body. The name is what the API sends, what the database keeps (its
//! `CHECK` constraints list the same names) and what the web app matches on, so each such type
//! lists its names once, here, and every layer reads and writes them through [`Named`].

/// A value with a fixed set of names.
pub trait Named: Copy + Eq + 'static {
    /// Every value, in the order the type declares them.
    const ALL: &'static [Self];

    /// The name as it travels and is stored, e.g. `pending_payment`.
    fn as_str(self) -> &'static str;

    /// The value of a name, if it is one of the type's.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == name)
    }
}

/// A stored or sent name that is none of its type's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not a {of}")]
pub struct UnknownName {
    pub of: &'static str,
    pub name: String,
}

/// Reads a name kept as text (a database column).
pub fn read<T: Named>(name: String) -> Result<T, UnknownName> {
    let of = std::any::type_name::<T>()
        .rsplit("::")
        .next()
        .unwrap_or("name");
    T::parse(&name).ok_or(UnknownName { of, name })
}

/// Gives an enum its names: `ALL`, `as_str` and `parse` as inherent functions (so callers need
/// not import the trait), the [`Named`] impl, `Display`, and `TryFrom<String>` (how the store
/// reads a column). The enum itself is declared beside it with
/// `#[serde(rename_all = "snake_case")]`; a test checks that serde and these names agree.
macro_rules! names {
    ($ty:ident { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order the type declares them.
            pub const ALL: [$ty; [$(stringify!($variant)),+].len()] = [$($ty::$variant),+];

            /// The name as it travels and is stored.
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name,)+ }
            }

            /// The value of a name, if it is one of the type's.
            pub fn parse(name: &str) -> Option<$ty> {
                match name { $($name => Some($ty::$variant),)+ _ => None }
            }
        }

        $crate::named::named_by_its_own!($ty);
    };
}
pub(crate) use names;

/// Gives [`Named`], `TryFrom<String>` and `Display` to an enum that has `ALL`, `as_str` and
/// `parse` of its own (written by hand, or by [`names!`]).
macro_rules! named_by_its_own {
    ($($ty:ty),+) => {$(
        impl $crate::named::Named for $ty {
            const ALL: &'static [$ty] = &<$ty>::ALL;
            fn as_str(self) -> &'static str {
                <$ty>::as_str(self)
            }
            fn parse(name: &str) -> Option<$ty> {
                <$ty>::parse(name)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::named::UnknownName;
            fn try_from(name: String) -> Result<$ty, $crate::named::UnknownName> {
                $crate::named::read(name)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}
pub(crate) use named_by_its_own;

named_by_its_own!(
    crate::claim_flow::ClaimStatus,
    crate::governance::Body,
    crate::governance::Position,
    crate::ledger::Account,
    crate::org::OrgUnitKind,
    crate::plan::DocumentKind,
    crate::plan::PlanVersionState
);

#[cfg(test)]
mod tests {
    use super::Named;
    use crate::claim_flow::{ClaimChannel, ClaimStatus};
    use crate::contribution::ContributionChannel;
    use crate::coverage::PolicyState;
    use crate::governance::{
        Body, InspectionStatus, MeetingStatus, MotionStatus, MotionType, Position,
    };
    use crate::ledger::{Account, ExpenseStatus, JournalKind};
    use crate::payout::{PaymentBatchStatus, PaymentStatus};
    use crate::plan::{DocumentKind, PlanVersionState};
    use crate::roster::EnrollmentBatchStatus;
    use crate::{adjudication::ClaimKind, org::OrgUnitKind};
    use serde::{de::DeserializeOwned, Serialize};

    /// The names serde sends are the names the database keeps, and each reads back as itself.
    fn agrees<T: Named + Serialize + DeserializeOwned + std::fmt::Debug>() {
        assert!(!T::ALL.is_empty());
        for &v in T::ALL {
            let sent = serde_json::to_value(v).unwrap();
            assert_eq!(sent, serde_json::Value::String(v.as_str().into()), "{v:?}");
            assert_eq!(serde_json::from_value::<T>(sent).unwrap(), v);
            assert_eq!(T::parse(v.as_str()), Some(v));
        }
        assert_eq!(T::parse(""), None);
        assert_eq!(T::parse("Active"), None, "names are matched exactly");
    }

    #[test]
    fn every_named_type_sends_and_keeps_the_same_names() {
        agrees::<ClaimStatus>();
        agrees::<ClaimChannel>();
        agrees::<ClaimKind>();
        agrees::<ContributionChannel>();
        agrees::<PolicyState>();
        agrees::<EnrollmentBatchStatus>();
        agrees::<ExpenseStatus>();
        agrees::<JournalKind>();
        agrees::<PaymentStatus>();
        agrees::<PaymentBatchStatus>();
        agrees::<MeetingStatus>();
        agrees::<MotionStatus>();
        agrees::<MotionType>();
        agrees::<InspectionStatus>();
        agrees::<Body>();
        agrees::<Position>();
        agrees::<Account>();
        agrees::<OrgUnitKind>();
        agrees::<PlanVersionState>();
        agrees::<DocumentKind>();
    }
}
