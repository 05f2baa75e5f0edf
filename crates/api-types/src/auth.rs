use chrono::{DateTime, Utc};
use huzhu_domain::{Permission, Role, Scope};
use serde::{Deserialize, Serialize};

/// Staff log in with `username`, members with `id_number` (居民身份证号码); exactly one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "branch_staff"))]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "440106199003071231"))]
    pub id_number: Option<String>,
    pub password: String,
}

/// What a login or a refresh answers. The refresh token is not here: it travels only in the
/// HttpOnly cookie `huzhu_refresh`, which script cannot read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionToken {
    /// JWT for the `Authorization: Bearer` header. Keep it in memory only.
    pub access_token: String,
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    /// Seconds until the access token expires; refresh before then at `/auth/refresh`.
    pub expires_in: i64,
    /// Seconds until the refresh token in the cookie expires.
    pub refresh_expires_in: i64,
}

/// OAuth 2 client-credentials grant for integrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientTokenRequest {
    #[cfg_attr(feature = "openapi", schema(example = "client_credentials"))]
    pub grant_type: String,
    pub client_id: String,
    pub client_secret: String,
    /// Space-separated subset of the client's scopes; all of them when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientToken {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    /// Space-separated scopes the token carries.
    pub scope: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    Staff,
    Member,
    Integrator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgUnitRef {
    pub id: i64,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = "grassroots_union"))]
    pub kind: huzhu_domain::OrgUnitKind,
}

/// Who the caller is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub kind: PrincipalKind,
    /// Account id (staff, members) or API client id (integrators).
    pub id: i64,
    pub display_name: String,
    /// Staff username or integrator client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A member's ID number, masked (`440106********1231`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number_masked: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = json!(["branch_staff"])))]
    pub roles: Vec<Role>,
    #[cfg_attr(feature = "openapi", schema(example = json!(["org_unit_read"])))]
    pub permissions: Vec<Permission>,
    pub scopes: Vec<Scope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<OrgUnitRef>,
    /// When the current session began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_started_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub org_unit_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = json!(["claims_reviewer"])))]
    pub roles: Vec<Role>,
    pub active: bool,
    /// Locked after repeated failed logins until this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStaffAccount {
    /// 3–32 characters: lower-case letters, digits, `_`, `-`, `.`.
    pub username: String,
    pub display_name: String,
    pub org_unit_id: i64,
    #[cfg_attr(feature = "openapi", schema(example = json!(["branch_staff"])))]
    pub roles: Vec<Role>,
    /// At least 10 characters.
    pub password: String,
}

/// Fields to change; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffAccountChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// `false` disables the account and ends its sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Sets a new password and ends the account's sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `true` lifts a lockout after failed logins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClient {
    pub id: i64,
    /// Public identifier used in the client-credentials grant.
    pub client_id: String,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = json!(["coverage:read"])))]
    pub scopes: Vec<Scope>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    #[cfg_attr(feature = "openapi", schema(example = "广州市医保结算平台"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(example = json!(["coverage:read", "settlements:write"])))]
    pub scopes: Vec<Scope>,
}

/// The secret is shown once, here, and never again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientCreated {
    pub client: ApiClient,
    pub client_secret: String,
}
