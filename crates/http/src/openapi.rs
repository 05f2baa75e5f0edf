//! The OpenAPI document. Handlers document their own outcomes (success, 404, 409, specific
//! 422s); what every operation shares follows from the route's policy and shape and is added
//! here, so it cannot drift from what the server does: the bearer requirement and 401/403 from
//! the policy table, 400/413/415/422 for a JSON body, 400 for a path or query parameter.

use crate::auth::policy::{self, Access};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};
use utoipa::Modify;

fn error_response(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build(),
    )
}

/// Adds a response unless the handler documented that status itself.
fn add(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| error_response(description));
}

fn complete(op: &mut Operation, access: Option<Access>) {
    // A route missing from the policy table is refused at run time (and fails the matrix
    // test); document it as refused.
    let Some(access) = access else {
        add(op, "403", "Refused: this route has no access policy");
        return;
    };
    if access != Access::Public {
        op.security = Some(vec![SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
        add(
            op,
            "401",
            "No valid access token (missing, expired, tampered, or the session has ended)",
        );
    }
    if let Access::Requires(permission) = access {
        let name = serde_json::to_value(permission)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        add(
            op,
            "403",
            &format!("The caller's roles or scopes do not grant `{name}`"),
        );
    }
    if op.request_body.is_some() {
        add(op, "400", "The body is not valid JSON");
        add(op, "413", "The body is larger than the configured limit");
        add(op, "415", "The body is not sent as application/json");
        add(op, "422", "The body does not fit the schema (unknown, missing or mistyped fields) or breaks a rule");
    }
    let params = op.parameters.as_deref().unwrap_or_default();
    if params
        .iter()
        .any(|p| matches!(p, RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query)))
    {
        add(op, "400", "A path or query parameter is not valid");
    }
}

pub(crate) struct Conventions;

impl Modify for Conventions {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from /auth/login, /auth/refresh or /auth/token",
                    ))
                    .build(),
            ),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            for (method, op) in [
                ("GET", item.get.as_mut()),
                ("POST", item.post.as_mut()),
                ("PUT", item.put.as_mut()),
                ("PATCH", item.patch.as_mut()),
                ("DELETE", item.delete.as_mut()),
            ] {
                if let Some(op) = op {
                    complete(op, policy::lookup(method, path));
                }
            }
        }
    }
}
