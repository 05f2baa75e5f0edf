use chrono::{DateTime, Utc};
use huzhu_domain::{Gender, MemberCategory};
use serde::{Deserialize, Serialize};

/// A member as shown by default: sensitive fields masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: i64,
    pub name: String,
    /// `440524********0014`
    pub id_number_masked: String,
    #[cfg_attr(feature = "openapi", schema(example = "male"))]
    pub gender: Gender,
    /// Whole years of age today (China time). The birth date itself is not shown: it is the
    /// hidden middle of the masked ID number, and unmasking the ID number shows it.
    #[cfg_attr(feature = "openapi", schema(example = 36))]
    pub age: i32,
    #[cfg_attr(feature = "openapi", schema(example = "in_service"))]
    pub category: MemberCategory,
    /// `138****1234`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_masked: Option<String>,
    /// `**** 1234`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card_masked: Option<String>,
    /// The card number fails the Luhn check and a staff member accepted it.
    pub bank_card_luhn_overridden: bool,
    /// The grassroots union the member belongs to.
    pub org_unit_id: i64,
    /// When the member consented to the processing of their health data; absent: no consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_consent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// A grassroots union in the caller's part of the organisation.
    pub org_unit_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "张伟"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "440106199003071231"))]
    pub id_number: String,
    #[cfg_attr(feature = "openapi", schema(example = "in_service"))]
    pub category: MemberCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card: Option<String>,
    /// Accept a card number that fails the Luhn check (recorded with your account).
    #[serde(default)]
    pub accept_bank_card_luhn_failure: bool,
    /// The member consents to the processing of their health data.
    #[serde(default)]
    pub health_consent: bool,
}

/// Fields to change; absent fields stay. An empty `mobile` or `bank_card` removes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MemberCategory>,
    /// Moves the member to another grassroots union (kept in the unit history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card: Option<String>,
    #[serde(default)]
    pub accept_bank_card_luhn_failure: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_consent: Option<bool>,
}

pub use huzhu_domain::member::SensitiveField;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnmaskRequest {
    pub fields: Vec<SensitiveField>,
    /// Why you need to see them (recorded), e.g. "核对理赔申请人身份".
    pub purpose: String,
}

/// The requested fields in full; fields the member does not have are absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unmasked {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_card: Option<String>,
}

/// One read of a member's data: who looked them up, when, and through which request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalDataRead {
    pub at: DateTime<Utc>,
    /// `staff:12`, `member:5`, `client:3`.
    pub actor: String,
    /// `coverage.eligibility`, `coverage.read`, `member.read` or `member.search`.
    pub action: String,
    pub detail: String,
    pub request_id: String,
}

/// One time a member's details were shown unmasked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SensitiveAccess {
    pub account_id: i64,
    pub fields: Vec<String>,
    pub purpose: String,
    pub accessed_at: DateTime<Utc>,
}
