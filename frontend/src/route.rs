//! The app's client-side routes. The server answers every unknown path with index.html, so
//! any of these can be opened directly (deep links, reloads).

use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/login")]
    Login,
    #[at("/account")]
    Account,
    #[at("/coverage")]
    Coverage,
    #[at("/plans")]
    Plans,
    #[at("/members")]
    Members,
    #[at("/members/:id")]
    Member { id: i64 },
    #[at("/rosters")]
    Rosters,
    #[at("/batches")]
    Batches,
    #[at("/batches/:id")]
    Batch { id: i64 },
    #[at("/claims")]
    Claims,
    #[at("/claims/:id")]
    Claim { id: i64 },
    #[at("/my-claims")]
    MyClaims,
    #[at("/my-claims/new")]
    NewClaim,
    #[at("/my-claims/:id")]
    MyClaim { id: i64 },
    #[at("/finance")]
    Finance,
    #[at("/governance")]
    Governance,
    #[at("/governance/meetings/:id")]
    Meeting { id: i64 },
    #[at("/elections")]
    Elections,
    #[at("/inspections")]
    Inspections,
    #[at("/audit")]
    Audit,
    #[at("/org-units")]
    OrgUnits,
    #[at("/staff")]
    Staff,
    #[at("/api-clients")]
    ApiClients,
    #[not_found]
    #[at("/404")]
    NotFound,
}
