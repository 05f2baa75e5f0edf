//! Members (会员) as the rules see them.

use serde::{Deserialize, Serialize};

/// Which group of workers a member belongs to; plans are open to some categories only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MemberCategory {
    /// 在职职工
    InService,
    /// 在档困难职工
    RegisteredHardship,
    /// 劳动模范
    ModelWorker,
    /// 新就业形态劳动者: may enroll individually where a plan allows it.
    GigWorker,
    /// 特殊群体 (e.g. the nuclear-industry hardship group)
    SpecialGroup,
}

impl MemberCategory {
    pub const ALL: [MemberCategory; 5] = [
        Self::InService,
        Self::RegisteredHardship,
        Self::ModelWorker,
        Self::GigWorker,
        Self::SpecialGroup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InService => "in_service",
            Self::RegisteredHardship => "registered_hardship",
            Self::ModelWorker => "model_worker",
            Self::GigWorker => "gig_worker",
            Self::SpecialGroup => "special_group",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in MemberCategory::ALL {
            assert_eq!(MemberCategory::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).ok(),
                Some(format!("\"{}\"", c.as_str()))
            );
        }
    }
}

/// A value the register keeps sealed and shows masked; shown in full only on an unmask
/// request with a stated purpose (docs/domain.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SensitiveField {
    IdNumber,
    Mobile,
    BankCard,
}

impl SensitiveField {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IdNumber => "id_number",
            Self::Mobile => "mobile",
            Self::BankCard => "bank_card",
        }
    }
}
