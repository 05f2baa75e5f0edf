//! Every route of the OpenAPI document × every kind of caller. A route without an entry in the
//! policy table, or a handler that does not enforce its entry, fails this test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use huzhu_domain::access::permissions_of;
use huzhu_domain::{Role, Scope};
use huzhu_http::auth::policy::{self, Access};
use serde_json::json;
use std::collections::BTreeSet;

fn documented_routes() -> BTreeSet<(String, String)> {
    let spec = serde_json::to_value(huzhu_http::openapi()).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[test]
fn every_route_has_exactly_one_policy() {
    let documented = documented_routes();
    let declared: BTreeSet<(String, String)> = policy::ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(
        declared.len(),
        policy::ROUTES.len(),
        "a route is declared twice"
    );
    let missing: Vec<_> = documented.difference(&declared).collect();
    assert!(
        missing.is_empty(),
        "routes without an access policy: {missing:?}"
    );
    let stale: Vec<_> = declared.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "policies for routes that do not exist: {stale:?}"
    );
}

/// A caller of the matrix: who, and the permissions their token should carry.
struct Who {
    name: String,
    token: Option<String>,
    permissions: Vec<huzhu_domain::Permission>,
}

#[test]
fn every_route_admits_exactly_the_callers_its_policy_names() {
    on_each_backend(|store| async move {
        let f = fixture(&store);
        let app = service(&f.state).await;
        let mut callers = vec![Who {
            name: "anonymous".into(),
            token: None,
            permissions: vec![],
        }];
        for role in Role::ALL.into_iter().filter(|r| r.is_staff()) {
            callers.push(Who {
                name: role.as_str().into(),
                token: Some(staff_token(&app, role.as_str()).await),
                permissions: permissions_of(&[role], &[]),
            });
        }
        callers.push(Who {
            name: "member".into(),
            token: Some(member_token(&app).await),
            permissions: permissions_of(&[Role::Member], &[]),
        });
        callers.push(Who {
            name: "integrator".into(),
            token: Some(client_token(&app).await),
            permissions: permissions_of(&[Role::Integrator], &Scope::ALL),
        });
        assert_eq!(
            callers.len(),
            Role::ALL.len() + 1,
            "every role is in the matrix"
        );

        let mut checked = 0;
        for route in policy::ROUTES {
            // An id that exists nowhere: admitted callers get 404 or 422, never a change.
            let path = route.path.replace("{id}", "987654");
            for who in &mut callers {
                let req = match route.method {
                    "GET" => get(&path, who.token.as_deref()),
                    m => send(m, &path, who.token.as_deref(), json!({})),
                };
                // A refresh has no body; without its cookie it is answered as a spent one.
                let refresh = route.path == "/api/v1/auth/refresh";
                let req = if refresh {
                    req.insert_header(("X-Huzhu-Csrf", "1"))
                } else {
                    req
                };
                let (status, body) = call(&app, req).await;
                if refresh {
                    assert_eq!(
                        (status, body["code"].as_str()),
                        (401, Some("auth.refresh_invalid"))
                    );
                    checked += 1;
                    continue;
                }
                let expected_denial = match (route.access, &who.token) {
                    (Access::Public, _) => None,
                    (_, None) => Some(401),
                    (Access::Authenticated, Some(_)) => None,
                    (Access::Requires(p), Some(_)) => {
                        (!who.permissions.contains(&p)).then_some(403)
                    }
                };
                match expected_denial {
                    Some(code) => assert_eq!(
                        status, code,
                        "{} {} as {}: {body}",
                        route.method, route.path, who.name
                    ),
                    None => assert!(
                        status != 401 && status != 403 && status < 500,
                        "{} {} as {} was refused or failed: {status} {body}",
                        route.method,
                        route.path,
                        who.name
                    ),
                }
                assert!(
                    body.get("code").is_some() || status < 400,
                    "error without the error body: {body}"
                );
                checked += 1;
                // Logging out ends the session: log in again for the next routes.
                if route.path == "/api/v1/auth/logout" && status == 204 {
                    who.token = Some(match who.name.as_str() {
                        "member" => member_token(&app).await,
                        "integrator" => client_token(&app).await,
                        name => staff_token(&app, name).await,
                    });
                }
            }
        }
        assert_eq!(checked, policy::ROUTES.len() * callers.len());
    });
}
