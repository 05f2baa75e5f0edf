use chrono::{DateTime, Utc};
use huzhu_domain::OrgUnitKind;
use serde::{Deserialize, Serialize};

/// A unit of the association's tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnit {
    pub id: i64,
    pub parent_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(example = "city_office"))]
    pub kind: OrgUnitKind,
    #[cfg_attr(feature = "openapi", schema(example = "广州市代办处"))]
    pub name: String,
    /// 统一社会信用代码 of a grassroots union.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Number of direct children.
    pub child_count: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOrgUnit {
    pub parent_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "grassroots_union"))]
    pub kind: OrgUnitKind,
    pub name: String,
    /// Required for a grassroots union: a valid code beginning with `81`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgUnitChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
}
