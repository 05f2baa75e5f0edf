//! The access policy of every route, in one table. A route that is not listed here is refused
//! (deny by default), and a test checks that every route of the OpenAPI document is listed.

use huzhu_domain::Permission;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without a token.
    Public,
    /// Any valid token: staff, member or integrator.
    Authenticated,
    /// A token whose roles or scopes grant this permission.
    Requires(Permission),
}

#[derive(Debug, Clone, Copy)]
pub struct RoutePolicy {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn route(method: &'static str, path: &'static str, access: Access) -> RoutePolicy {
    RoutePolicy {
        method,
        path,
        access,
    }
}

use Access::{Authenticated, Public, Requires};
use Permission::*;

#[rustfmt::skip]
pub const ROUTES: &[RoutePolicy] = &[
    route("GET", "/api/v1/health", Public),
    route("GET", "/api/v1/ready", Public),
    route("POST", "/api/v1/auth/login", Public),
    route("POST", "/api/v1/auth/refresh", Public),
    route("POST", "/api/v1/auth/token", Public),
    route("POST", "/api/v1/auth/logout", Authenticated),
    route("GET", "/api/v1/me", Authenticated),
    route("GET", "/api/v1/org-units", Requires(OrgUnitRead)),
    route("POST", "/api/v1/org-units", Requires(OrgUnitManage)),
    route("GET", "/api/v1/org-units/{id}", Requires(OrgUnitRead)),
    route("PATCH", "/api/v1/org-units/{id}", Requires(OrgUnitManage)),
    route("DELETE", "/api/v1/org-units/{id}", Requires(OrgUnitManage)),
    route("GET", "/api/v1/staff", Requires(StaffRead)),
    route("POST", "/api/v1/staff", Requires(StaffManage)),
    route("GET", "/api/v1/staff/{id}", Requires(StaffRead)),
    route("PATCH", "/api/v1/staff/{id}", Requires(StaffManage)),
    route("GET", "/api/v1/api-clients", Requires(ApiClientManage)),
    route("POST", "/api/v1/api-clients", Requires(ApiClientManage)),
    route("DELETE", "/api/v1/api-clients/{id}", Requires(ApiClientManage)),
    route("GET", "/api/v1/members", Requires(MemberRead)),
    route("POST", "/api/v1/members", Requires(MemberManage)),
    route("GET", "/api/v1/members/{id}", Requires(MemberRead)),
    route("PATCH", "/api/v1/members/{id}", Requires(MemberManage)),
    route("POST", "/api/v1/members/{id}/unmask", Requires(MemberUnmask)),
    route("GET", "/api/v1/members/{id}/access-log", Requires(MemberRead)),
    route("GET", "/api/v1/members/{id}/reads", Requires(MemberRead)),
    route("GET", "/api/v1/plans", Authenticated),
    route("GET", "/api/v1/plan-versions", Requires(PlanRead)),
    route("POST", "/api/v1/plan-versions", Requires(PlanManage)),
    route("PUT", "/api/v1/plan-versions/{id}", Requires(PlanManage)),
    route("POST", "/api/v1/plan-versions/{id}/activate", Requires(PlanManage)),
    route("POST", "/api/v1/plan-versions/{id}/retire", Requires(PlanManage)),
    route("GET", "/api/v1/me/coverage", Requires(OwnCoverageRead)),
    route("GET", "/api/v1/members/{id}/coverage", Requires(MemberRead)),
    route("POST", "/api/v1/coverage/eligibility", Requires(CoverageRead)),
    route("POST", "/api/v1/me/enrollments", Requires(OwnEnrollment)),
    route("POST", "/api/v1/contributions", Requires(ContributionRecord)),
    route("POST", "/api/v1/rosters/dry-run", Requires(MemberManage)),
    route("POST", "/api/v1/rosters", Requires(MemberManage)),
    route("GET", "/api/v1/enrollment-batches", Requires(MemberRead)),
    route("GET", "/api/v1/enrollment-batches/{id}", Requires(MemberRead)),
    route("GET", "/api/v1/enrollment-batches/{id}/workbook", Requires(MemberRead)),
    route("POST", "/api/v1/enrollment-batches/{id}/payment", Requires(ContributionRecord)),
    route("POST", "/api/v1/me/claims", Requires(OwnClaim)),
    route("GET", "/api/v1/me/claims", Requires(OwnClaim)),
    route("GET", "/api/v1/me/claims/{id}", Requires(OwnClaim)),
    route("POST", "/api/v1/me/claims/{id}/submit", Requires(OwnClaim)),
    route("POST", "/api/v1/me/claims/{id}/withdraw", Requires(OwnClaim)),
    route("POST", "/api/v1/me/claims/{id}/appeal", Requires(OwnClaim)),
    route("GET", "/api/v1/me/notifications", Requires(OwnClaim)),
    route("POST", "/api/v1/me/claims/{id}/documents", Requires(OwnClaim)),
    route("GET", "/api/v1/me/claims/{id}/documents/{doc}", Requires(OwnClaim)),
    route("POST", "/api/v1/claims/{id}/documents", Requires(ClaimFile)),
    route("GET", "/api/v1/claims/{id}/documents/{doc}", Requires(ClaimRead)),
    route("POST", "/api/v1/claims", Requires(ClaimFile)),
    route("GET", "/api/v1/claims", Requires(ClaimRead)),
    route("GET", "/api/v1/claims/{id}", Requires(ClaimRead)),
    route("POST", "/api/v1/claims/{id}/submit", Requires(ClaimFile)),
    route("POST", "/api/v1/claims/{id}/review", Requires(ClaimReview)),
    route("POST", "/api/v1/claims/{id}/approve", Requires(ClaimApprove)),
    route("POST", "/api/v1/claims/{id}/reject", Requires(ClaimReview)),
    route("POST", "/api/v1/claims/{id}/withdraw", Requires(ClaimFile)),
    route("POST", "/api/v1/claims/{id}/appeal", Requires(ClaimFile)),
    route("POST", "/api/v1/settlements", Requires(SettlementSubmit)),
    route("GET", "/api/v1/governance/terms", Requires(GovernanceRead)),
    route("POST", "/api/v1/governance/terms", Requires(GovernanceManage)),
    route("POST", "/api/v1/governance/terms/{id}/extension", Requires(GovernanceManage)),
    route("POST", "/api/v1/governance/terms/{id}/seats", Requires(GovernanceManage)),
    route("GET", "/api/v1/governance/articles", Authenticated),
    route("GET", "/api/v1/governance/budgets", Requires(GovernanceRead)),
    // Seat holders who are not staff (congress representatives) see their own bodies' meetings.
    route("GET", "/api/v1/governance/meetings", Authenticated),
    route("POST", "/api/v1/governance/meetings", Requires(GovernanceManage)),
    route("GET", "/api/v1/governance/meetings/{id}", Authenticated),
    route("POST", "/api/v1/governance/meetings/{id}/attendance", Requires(GovernanceManage)),
    route("POST", "/api/v1/governance/meetings/{id}/motions", Requires(GovernanceManage)),
    route("POST", "/api/v1/governance/meetings/{id}/close", Requires(GovernanceManage)),
    // A ballot needs a seat in the body, which the handler checks.
    route("POST", "/api/v1/governance/motions/{id}/votes", Authenticated),
    route("POST", "/api/v1/governance/motions/{id}/close", Requires(GovernanceManage)),
    route("GET", "/api/v1/governance/elections", Authenticated),
    route("GET", "/api/v1/inspections", Requires(GovernanceRead)),
    route("POST", "/api/v1/inspections", Requires(InspectionManage)),
    route("GET", "/api/v1/inspections/{id}", Requires(GovernanceRead)),
    route("POST", "/api/v1/inspections/{id}/responses", Requires(InspectionRespond)),
    route("POST", "/api/v1/inspections/{id}/close", Requires(InspectionManage)),
    route("GET", "/api/v1/audit", Requires(AuditRead)),
    route("GET", "/api/v1/audit/verify", Requires(AuditRead)),
    route("POST", "/api/v1/audit/checkpoint", Requires(AuditRead)),
    route("POST", "/api/v1/audit/checkpoint/verification", Requires(AuditRead)),
    route("GET", "/api/v1/finance/entries", Requires(FinanceRead)),
    route("POST", "/api/v1/finance/entries/{id}/reversal", Requires(FinanceManage)),
    route("GET", "/api/v1/finance/trial-balance", Requires(FinanceRead)),
    route("GET", "/api/v1/finance/funds", Requires(FinanceRead)),
    route("GET", "/api/v1/finance/funds/{fund}/statement", Requires(FinanceRead)),
    route("GET", "/api/v1/finance/report.xlsx", Requires(FinanceRead)),
    route("GET", "/api/v1/finance/periods", Requires(FinanceRead)),
    route("POST", "/api/v1/finance/periods/{period}/close", Requires(FinanceManage)),
    route("POST", "/api/v1/finance/earnings", Requires(FinanceManage)),
    route("GET", "/api/v1/finance/expenses", Requires(FinanceRead)),
    route("POST", "/api/v1/finance/expenses", Requires(FinanceManage)),
    route("POST", "/api/v1/finance/expenses/{id}/approve", Requires(FinanceManage)),
    route("GET", "/api/v1/finance/payable-claims", Requires(FinanceRead)),
    route("GET", "/api/v1/finance/payment-batches", Requires(FinanceRead)),
    route("POST", "/api/v1/finance/payment-batches", Requires(FinanceManage)),
    route("GET", "/api/v1/finance/payment-batches/{id}", Requires(FinanceRead)),
    route("POST", "/api/v1/finance/payment-batches/{id}/approve", Requires(FinanceManage)),
    route("GET", "/api/v1/finance/payment-batches/{id}/bank-file", Requires(FinanceManage)),
    route("POST", "/api/v1/finance/payment-batches/{id}/bank-result", Requires(FinanceManage)),
    route("POST", "/api/v1/finance/claims/{id}/payment", Requires(FinanceManage)),
];

pub fn lookup(method: &str, path: &str) -> Option<Access> {
    ROUTES
        .iter()
        .find(|r| r.method == method && r.path == path)
        .map(|r| r.access)
}

/// Whether the concrete `path` is an instance of the route template `template`
/// (`/api/v1/members/{id}` fits `/api/v1/members/7`).
fn fits(template: &str, path: &str) -> bool {
    let mut wanted = template.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with('{') && w.ends_with('}') && !g.is_empty() => {}
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// The methods the API takes at `path`, in the table's order; empty for a path it does not know.
pub fn methods_at(path: &str) -> Vec<&'static str> {
    let mut methods: Vec<&'static str> = Vec::new();
    for r in ROUTES.iter().filter(|r| fits(r.path, path)) {
        if !methods.contains(&r.method) {
            methods.push(r.method);
        }
    }
    methods
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_fits_its_instances_only() {
        assert!(fits("/api/v1/members/{id}", "/api/v1/members/7"));
        assert!(fits(
            "/api/v1/claims/{id}/documents/{doc}",
            "/api/v1/claims/1/documents/2"
        ));
        assert!(!fits("/api/v1/members/{id}", "/api/v1/members/"));
        assert!(!fits("/api/v1/members/{id}", "/api/v1/members/7/coverage"));
        assert!(!fits("/api/v1/members", "/api/v1/members/7"));
    }

    #[test]
    fn methods_are_listed_per_path() {
        assert_eq!(methods_at("/api/v1/members"), vec!["GET", "POST"]);
        assert_eq!(
            methods_at("/api/v1/org-units/3"),
            vec!["GET", "PATCH", "DELETE"]
        );
        assert_eq!(methods_at("/api/v1/auth/login"), vec!["POST"]);
        assert!(methods_at("/api/v1/nothing-here").is_empty());
    }
}
