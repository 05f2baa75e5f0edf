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

#[test]
fn plan_terms_the_working_and_quantities_are_typed_not_bare_objects() {
    let spec: Value = serde_json::to_value(huzhu_http::openapi()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let field = |schema: &str, name: &str| schemas[schema]["properties"][name].clone();
    assert_eq!(
        field("PlanVersion", "terms")["$ref"],
        "#/components/schemas/PlanTerms"
    );
    assert_eq!(
        field("PlanTerms", "code")["$ref"],
        "#/components/schemas/PlanCode"
    );
    assert_eq!(schemas["PlanCode"]["pattern"], "^[A-Z0-9]{1,16}$");
    // Each benefit rule is its own object, told apart by `type`.
    let rules: Vec<&str> = schemas["BenefitRule"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v["allOf"][1]["properties"]["type"]["enum"][0]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        rules,
        ["daily_allowance", "reimbursement", "lump_sum", "accident"]
    );
    // The working: lines with their formula, reasons by `reason`, the usage after.
    let adjudication = &field("Claim", "adjudication");
    let reference = adjudication["$ref"]
        .as_str()
        .or_else(|| adjudication["oneOf"][0]["$ref"].as_str())
        .or_else(|| adjudication["allOf"][0]["$ref"].as_str());
    assert_eq!(
        reference,
        Some("#/components/schemas/Adjudication"),
        "{adjudication}"
    );
    assert_eq!(field("Line", "formula")["type"], "string");
    let reasons = schemas["Rejection"]["oneOf"].as_array().unwrap();
    assert!(reasons.len() >= 10, "{reasons:?}");
    // An accumulator's quantity is days, an amount or claims, told apart by `unit`.
    let units: Vec<&str> = schemas["Quantity"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["properties"]["unit"]["enum"][0].as_str().unwrap())
        .collect();
    assert_eq!(units, ["days", "amount", "claims"]);
    for name in ["limit", "used", "remaining"] {
        assert_eq!(
            field("Accumulator", name)["$ref"],
            "#/components/schemas/Quantity"
        );
    }
    // A motion is one object per kind, told apart by `kind`, each with what that kind needs.
    let motions: Vec<(String, Vec<String>)> = schemas["MotionRequest"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let kind = v["properties"]["kind"]["enum"][0]
                .as_str()
                .unwrap()
                .to_string();
            let mut required: Vec<String> = v["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_string())
                .filter(|r| !["kind", "title", "text"].contains(&r.as_str()))
                .collect();
            required.sort();
            (kind, required)
        })
        .collect();
    let expected: Vec<(String, Vec<String>)> = [
        ("approve_plan_version", &["plan_version_id"][..]),
        ("approve_budget", &["budget"]),
        ("approve_annual_report", &[]),
        ("amend_articles", &["articles_text"]),
        (
            "elect",
            &["candidate_account_id", "candidate_position", "elect_to"],
        ),
        ("general", &[]),
    ]
    .iter()
    .map(|(k, r)| (k.to_string(), r.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(motions, expected);
    // No bare object is left where the domain has a type.
    let text = serde_json::to_string(&spec).unwrap();
    assert!(
        !text.contains(r#"{"type":"object"}"#),
        "an untyped object remains"
    );
}

#[test]
fn claim_facts_are_typed_per_kind_and_money_is_a_patterned_string() {
    let spec: Value = serde_json::to_value(huzhu_http::openapi()).unwrap();
    let schemas = &spec["components"]["schemas"];
    // Each kind of claim is its own object, told apart by `type`.
    let kinds: Vec<(String, String)> = schemas["ClaimFacts"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let parts = v["allOf"].as_array().unwrap();
            (
                parts[0]["$ref"].as_str().unwrap().to_string(),
                parts[1]["properties"]["type"]["enum"][0]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("#/components/schemas/InpatientStay", "inpatient"),
            ("#/components/schemas/Diagnosis", "critical_illness"),
            ("#/components/schemas/AccidentEvent", "accident"),
        ]
        .map(|(r, t)| (r.to_string(), t.to_string()))
    );
    for body in ["Claim", "ClaimRequest", "OwnClaimRequest"] {
        assert_eq!(
            schemas[body]["properties"]["facts"]["$ref"], "#/components/schemas/ClaimFacts",
            "{body}"
        );
    }
    assert_eq!(
        schemas["InpatientStay"]["properties"]["total_cost"]["$ref"],
        "#/components/schemas/Money"
    );
    let pattern = schemas["Money"]["pattern"].as_str().unwrap();
    assert_eq!(schemas["Money"]["type"], "string");
    // The pattern admits what the server writes and refuses a JSON-float-like amount.
    let money = regex_lite(pattern);
    for ok in ["0", "12", "1234.50", "0.5"] {
        assert!(money(ok), "{ok}");
        assert!(huzhu_domain::Money::parse(ok).is_ok(), "{ok}");
    }
    for bad in ["1.234", "1e3", "", "12."] {
        assert!(!money(bad), "{bad}");
    }
}

/// The Money pattern `^-?[0-9]+(\.[0-9]{1,2})?$`, checked by hand (no regex crate here).
fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool {
    assert_eq!(pattern, r"^-?[0-9]+(\.[0-9]{1,2})?$");
    |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        let (whole, cents) = s.split_once('.').map_or((s, None), |(w, c)| (w, Some(c)));
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && cents
                .is_none_or(|c| (1..=2).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()))
    }
}
