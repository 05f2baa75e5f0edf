//! The checked-in OpenAPI document is the one the code generates, and it documents errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../api-spec/openapi.json");

#[test]
fn checked_in_document_is_current() {
    let generated = huzhu_http::openapi_json();
    let checked_in = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(
        generated == checked_in,
        "api-spec/openapi.json is stale: run `just openapi` (or `cargo run -p huzhu-server -- openapi`) and commit it"
    );
}

#[test]
fn every_operation_documents_its_errors() {
    let spec: Value = serde_json::to_value(huzhu_http::openapi()).unwrap();
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let name = format!("{} {path}", method.to_uppercase());
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{name} has no success response"
            );
            // Liveness takes no input and answers whenever the process runs.
            if path != "/api/v1/health" {
                assert!(
                    responses
                        .keys()
                        .any(|k| k.starts_with('4') || k.starts_with('5')),
                    "{name} documents no error"
                );
            }
            for (status, response) in responses {
                if !status.starts_with('2') {
                    let schema = &response["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(
                        schema, "#/components/schemas/ErrorBody",
                        "{name} {status} is not an ErrorBody"
                    );
                }
            }
            let secured = op.get("security").is_some();
            if secured {
                assert!(
                    responses.contains_key("401"),
                    "{name} needs a token but does not document 401"
                );
            }
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{name} has no tag"
            );
        }
    }
}

#[test]
fn error_codes_are_an_enum_of_the_catalogue_s_codes_as_they_travel() {
    let spec: Value = serde_json::to_value(huzhu_http::openapi()).unwrap();
    let listed: Vec<&str> = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let catalogue: Vec<&str> = huzhu_domain::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, catalogue);
    assert_eq!(
        spec["components"]["schemas"]["ErrorBody"]["properties"]["code"]["$ref"],
        "#/components/schemas/ErrorCode"
    );
}
