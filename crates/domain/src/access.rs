//! Roles, permissions and integrator scopes. Deny by default: a role holds exactly the
//! permissions listed here, nothing else.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// 会员: a worker, sees only themself.
    Member,
    /// 代办处/代办点 staff: intake of enrollments and claims for their area.
    BranchStaff,
    ClaimsReviewer,
    ProvincialApprover,
    Finance,
    /// 理事会
    Council,
    /// 监事会
    Supervisor,
    Admin,
    /// A third-party system using client credentials.
    Integrator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    /// Read the organisation tree (within the caller's subtree).
    OrgUnitRead,
    /// Create, rename and remove organisation units (within the caller's subtree).
    OrgUnitManage,
    /// List and read staff accounts.
    StaffRead,
    /// Create staff accounts, change their roles, disable and unlock them.
    StaffManage,
    /// Create and revoke integrators' API clients.
    ApiClientManage,
    /// Read the member register (masked) within the caller's subtree.
    MemberRead,
    /// Register members and change their details.
    MemberManage,
    /// See a member's ID number, mobile or bank card in full, with a stated purpose (logged).
    MemberUnmask,
    /// Read every version of the plan catalogue, drafts included.
    PlanRead,
    /// Draft plan versions and move them through approval, activation and retirement.
    PlanManage,
    /// A member's own cover.
    OwnCoverageRead,
    /// A member applies for a plan open to individual enrollment.
    OwnEnrollment,
    /// Record contributions received for policies.
    ContributionRecord,
    /// Integrators: coverage enquiries.
    CoverageRead,
    /// A member files claims against their own cover and follows them.
    OwnClaim,
    /// File a claim for a member of the caller's subtree (branch offices, union agents).
    ClaimFile,
    /// Read the claims of the caller's subtree.
    ClaimRead,
    /// Review a submitted claim, or reject a claim.
    ClaimReview,
    /// Approve a reviewed claim (provincial approvers).
    ClaimApprove,
    /// Integrators: medical-insurance settlement records.
    SettlementSubmit,
    /// Integrators: enrollment rosters from employers' HR systems.
    EnrollmentSubmit,
    /// Read the bodies, their seats, meetings, motions and results, and the budgets adopted.
    GovernanceRead,
    /// The secretariat: constitute terms and seats, convene meetings, table motions, record
    /// attendance, close votes and meetings.
    GovernanceManage,
    /// The supervisory board: open, and close, inspections.
    InspectionManage,
    /// The council: answer the supervisory board's inspections.
    InspectionRespond,
    /// Read and verify the audit trail.
    AuditRead,
    /// Read the ledger, the fund statements and indicators, payment batches and expenses.
    FinanceRead,
    /// Run finance: payment batches and bank files, expenses, the earning job, reversals,
    /// closing periods (a second finance person approves what the first prepared).
    FinanceManage,
}

/// What an integrator's API client may be granted; each scope carries exactly one permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Scope {
    #[serde(rename = "coverage:read")]
    CoverageRead,
    #[serde(rename = "settlements:write")]
    SettlementsWrite,
    #[serde(rename = "enrollments:write")]
    EnrollmentsWrite,
}

const STAFF_ROLES: [Role; 7] = [
    Role::BranchStaff,
    Role::ClaimsReviewer,
    Role::ProvincialApprover,
    Role::Finance,
    Role::Council,
    Role::Supervisor,
    Role::Admin,
];

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Member,
        Role::BranchStaff,
        Role::ClaimsReviewer,
        Role::ProvincialApprover,
        Role::Finance,
        Role::Council,
        Role::Supervisor,
        Role::Admin,
        Role::Integrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::BranchStaff => "branch_staff",
            Role::ClaimsReviewer => "claims_reviewer",
            Role::ProvincialApprover => "provincial_approver",
            Role::Finance => "finance",
            Role::Council => "council",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Integrator => "integrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles a staff account may hold (members and integrators are not staff).
    pub fn is_staff(self) -> bool {
        STAFF_ROLES.contains(&self)
    }

    /// Whether the role may be held by an account of a unit of `kind` (docs/domain.md §1):
    /// the association's money, its council and its supervisory board sit at the province,
    /// and so does the provincial approver; the others work at any level, within their
    /// subtree.
    pub fn allowed_at(self, kind: crate::OrgUnitKind) -> bool {
        match self {
            Role::Finance | Role::Council | Role::Supervisor | Role::ProvincialApprover => {
                kind == crate::OrgUnitKind::Province
            }
            _ => true,
        }
    }

    /// The roles of `roles` that may not be held at a unit of `kind`.
    pub fn misplaced(roles: &[Role], kind: crate::OrgUnitKind) -> Vec<Role> {
        roles
            .iter()
            .copied()
            .filter(|r| !r.allowed_at(kind))
            .collect()
    }

    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Member => &[OwnCoverageRead, OwnEnrollment, OwnClaim],
            Role::Integrator => &[],
            Role::BranchStaff => &[
                OrgUnitRead,
                MemberRead,
                MemberManage,
                MemberUnmask,
                PlanRead,
                CoverageRead,
                ContributionRecord,
                ClaimFile,
                ClaimRead,
            ],
            Role::Finance => &[
                OrgUnitRead,
                MemberRead,
                MemberUnmask,
                PlanRead,
                CoverageRead,
                ContributionRecord,
                ClaimRead,
                FinanceRead,
                FinanceManage,
            ],
            // Reviewers and approvers need full details to check claims.
            Role::ClaimsReviewer => &[
                OrgUnitRead,
                MemberRead,
                MemberUnmask,
                PlanRead,
                CoverageRead,
                ClaimRead,
                ClaimReview,
            ],
            Role::ProvincialApprover => &[
                OrgUnitRead,
                MemberRead,
                MemberUnmask,
                PlanRead,
                CoverageRead,
                ClaimRead,
                ClaimReview,
                ClaimApprove,
            ],
            Role::Supervisor => &[
                OrgUnitRead,
                MemberRead,
                PlanRead,
                CoverageRead,
                ClaimRead,
                GovernanceRead,
                InspectionManage,
                AuditRead,
                FinanceRead,
            ],
            Role::Council => &[
                OrgUnitRead,
                PlanRead,
                GovernanceRead,
                InspectionRespond,
                FinanceRead,
            ],
            Role::Admin => &[
                OrgUnitRead,
                OrgUnitManage,
                StaffRead,
                StaffManage,
                ApiClientManage,
                MemberRead,
                MemberManage,
                PlanRead,
                PlanManage,
                CoverageRead,
                GovernanceRead,
                GovernanceManage,
                AuditRead,
            ],
        }
    }
}

impl Scope {
    pub const ALL: [Scope; 3] = [
        Scope::CoverageRead,
        Scope::SettlementsWrite,
        Scope::EnrollmentsWrite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::CoverageRead => "coverage:read",
            Scope::SettlementsWrite => "settlements:write",
            Scope::EnrollmentsWrite => "enrollments:write",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn permission(self) -> Permission {
        match self {
            Scope::CoverageRead => Permission::CoverageRead,
            Scope::SettlementsWrite => Permission::SettlementSubmit,
            Scope::EnrollmentsWrite => Permission::EnrollmentSubmit,
        }
    }

    /// Parses a space-separated scope list (OAuth 2 style), rejecting unknown scopes.
    pub fn parse_list(s: &str) -> Result<Vec<Scope>, String> {
        let mut out = Vec::new();
        for part in s.split_whitespace() {
            let scope = Scope::parse(part).ok_or_else(|| part.to_string())?;
            if !out.contains(&scope) {
                out.push(scope);
            }
        }
        out.sort();
        Ok(out)
    }

    pub fn join(scopes: &[Scope]) -> String {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The union of the permissions of some roles plus those granted by scopes.
pub fn permissions_of(roles: &[Role], scopes: &[Scope]) -> Vec<Permission> {
    let mut out: Vec<Permission> = roles
        .iter()
        .flat_map(|r| r.permissions().iter().copied())
        .chain(scopes.iter().map(|s| s.permission()))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn money_council_and_supervision_sit_at_the_province() {
        use crate::OrgUnitKind::*;
        for role in [
            Role::Finance,
            Role::Council,
            Role::Supervisor,
            Role::ProvincialApprover,
        ] {
            assert!(role.allowed_at(Province), "{role:?}");
            for kind in [CityOffice, CountyPoint, GrassrootsUnion] {
                assert!(!role.allowed_at(kind), "{role:?} at {kind:?}");
            }
        }
        for role in [Role::BranchStaff, Role::ClaimsReviewer, Role::Admin] {
            assert!(role.allowed_at(CityOffice) && role.allowed_at(Province));
        }
        assert_eq!(
            Role::misplaced(&[Role::Admin, Role::Finance], CityOffice),
            vec![Role::Finance]
        );
    }

    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn members_and_integrators_hold_no_staff_permission() {
        assert_eq!(
            permissions_of(&[Role::Member], &[]),
            vec![
                Permission::OwnCoverageRead,
                Permission::OwnEnrollment,
                Permission::OwnClaim
            ]
        );
        assert!(permissions_of(&[Role::Integrator], &[]).is_empty());
        assert_eq!(
            permissions_of(&[Role::Integrator], &[Scope::CoverageRead]),
            vec![Permission::CoverageRead]
        );
    }

    #[test]
    fn only_admin_manages_accounts() {
        for r in Role::ALL {
            let p = permissions_of(&[r], &[]);
            assert_eq!(
                p.contains(&Permission::StaffManage),
                r == Role::Admin,
                "{r:?}"
            );
        }
    }

    #[test]
    fn scope_lists() {
        assert_eq!(
            Scope::parse_list("settlements:write coverage:read coverage:read"),
            Ok(vec![Scope::CoverageRead, Scope::SettlementsWrite])
        );
        assert_eq!(
            Scope::parse_list("coverage:read admin"),
            Err("admin".into())
        );
    }
}
