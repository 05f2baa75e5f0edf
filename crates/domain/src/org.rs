//! The organisation tree: province association → city offices (代办处) → county points (代办点)
//! → grassroots unions (基层工会). Staff belong to one unit and see its subtree.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OrgUnitKind {
    /// 省职工保障互助会
    Province,
    /// 代办处
    CityOffice,
    /// 代办点
    CountyPoint,
    /// 基层工会
    GrassrootsUnion,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrgRuleError {
    #[error("there is exactly one province association and it has no parent")]
    ProvinceHasNoParent,
    #[error("a {child} cannot be placed under a {parent}")]
    WrongParent {
        child: &'static str,
        parent: &'static str,
    },
    #[error("every unit other than the province association needs a parent unit")]
    ParentRequired,
}

impl OrgUnitKind {
    pub const ALL: [OrgUnitKind; 4] = [
        Self::Province,
        Self::CityOffice,
        Self::CountyPoint,
        Self::GrassrootsUnion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::CityOffice => "city_office",
            Self::CountyPoint => "county_point",
            Self::GrassrootsUnion => "grassroots_union",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Grassroots unions enroll members and must carry a union credit code.
    pub fn requires_credit_code(self) -> bool {
        self == Self::GrassrootsUnion
    }

    /// Where a unit of this kind may sit. A grassroots union may hang directly under a city
    /// office where the city has no county points.
    pub fn check_parent(self, parent: Option<OrgUnitKind>) -> Result<(), OrgRuleError> {
        let allowed: &[OrgUnitKind] = match self {
            Self::Province => {
                return match parent {
                    None => Ok(()),
                    Some(_) => Err(OrgRuleError::ProvinceHasNoParent),
                }
            }
            Self::CityOffice => &[Self::Province],
            Self::CountyPoint => &[Self::CityOffice],
            Self::GrassrootsUnion => &[Self::CityOffice, Self::CountyPoint],
        };
        match parent {
            None => Err(OrgRuleError::ParentRequired),
            Some(p) if allowed.contains(&p) => Ok(()),
            Some(p) => Err(OrgRuleError::WrongParent {
                child: self.as_str(),
                parent: p.as_str(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_shape() {
        use OrgUnitKind::*;
        assert!(Province.check_parent(None).is_ok());
        assert!(Province.check_parent(Some(Province)).is_err());
        assert!(CityOffice.check_parent(Some(Province)).is_ok());
        assert!(CityOffice.check_parent(None).is_err());
        assert!(CountyPoint.check_parent(Some(CityOffice)).is_ok());
        assert!(CountyPoint.check_parent(Some(Province)).is_err());
        assert!(GrassrootsUnion.check_parent(Some(CountyPoint)).is_ok());
        assert!(GrassrootsUnion.check_parent(Some(CityOffice)).is_ok());
        assert!(GrassrootsUnion.check_parent(Some(GrassrootsUnion)).is_err());
        for k in OrgUnitKind::ALL {
            assert_eq!(OrgUnitKind::parse(k.as_str()), Some(k));
        }
    }
}
