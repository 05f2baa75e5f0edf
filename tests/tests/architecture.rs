//! The dependency direction of docs/architecture.md: domain ← store ← app ← http ← server;
//! api-types on nothing of ours but domain; the SPA on api-types and domain only. Checked on the
//! resolved graph (normal dependencies, transitively), so a crate pulled in indirectly counts
//! too. And the one way to change data: no code in the HTTP layer or the command line opens a
//! write transaction of its own — every change goes through the unit of work of `huzhu-app`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use huzhu_e2e::repo_root;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Only what builds on this machine (and for the browser): platform-specific crates of other
/// systems would otherwise have to be downloaded just to be listed.
fn host_triple() -> &'static str {
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        "x86_64-unknown-linux-gnu"
    } else if cfg!(all(target_arch = "aarch64", target_os = "linux")) {
        "aarch64-unknown-linux-gnu"
    } else if cfg!(all(target_arch = "aarch64", target_os = "macos")) {
        "aarch64-apple-darwin"
    } else {
        "x86_64-apple-darwin"
    }
}

fn graph(manifest: &str) -> (BTreeMap<String, Vec<String>>, BTreeMap<String, String>) {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            host_triple(),
            "--manifest-path",
            manifest,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: BTreeMap<String, String> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut edges = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let deps = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|d| d["pkg"].as_str().unwrap().to_string())
            .collect();
        edges.insert(node["id"].as_str().unwrap().to_string(), deps);
    }
    (edges, names)
}

fn closure(
    edges: &BTreeMap<String, Vec<String>>,
    names: &BTreeMap<String, String>,
    root: &str,
) -> BTreeSet<String> {
    let start = names
        .iter()
        .find(|(_, n)| n.as_str() == root)
        .map(|(id, _)| id.clone())
        .unwrap();
    let mut seen = BTreeSet::new();
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        for dep in edges.get(&id).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                todo.push(dep.clone());
            }
        }
    }
    seen.into_iter().map(|id| names[&id].clone()).collect()
}

fn assert_none(crate_name: &str, deps: &BTreeSet<String>, forbidden: &[&str]) {
    let bad: Vec<_> = deps
        .iter()
        .filter(|d| {
            forbidden.iter().any(|f| {
                d.as_str() == *f
                    || d.starts_with(&format!("{f}-"))
                    || d.starts_with(&format!("{f}_"))
            })
        })
        .collect();
    assert!(bad.is_empty(), "{crate_name} must not depend on {bad:?}");
}

#[test]
fn workspace_dependencies_point_one_way() {
    let root = repo_root();
    let (edges, names) = graph(root.join("Cargo.toml").to_str().unwrap());
    let io = [
        "diesel",
        "actix",
        "actix-web",
        "r2d2",
        "utoipa",
        "tokio",
        "pq-sys",
        "libsqlite3-sys",
        "jsonwebtoken",
    ];

    // utoipa only derives schemas (no I/O); the domain, the shared types and so what depends
    // on them may carry it, but only behind their `openapi` feature, which the server turns on
    // and the web app does not (the metadata here unifies features across the workspace).
    let io_but_schemas: Vec<&str> = io.iter().copied().filter(|c| *c != "utoipa").collect();
    for krate in ["huzhu-domain", "huzhu-api-types"] {
        assert!(
            utoipa_is_optional(&root, krate),
            "{krate} may depend on utoipa only as an optional dependency behind `openapi`"
        );
    }

    let domain = closure(&edges, &names, "huzhu-domain");
    assert_none("huzhu-domain", &domain, &io_but_schemas);
    assert_none("huzhu-domain", &domain, &["huzhu"]);

    let api_types = closure(&edges, &names, "huzhu-api-types");
    assert_none("huzhu-api-types", &api_types, &io_but_schemas);
    assert_none(
        "huzhu-api-types",
        &api_types,
        &["huzhu-store", "huzhu-http", "huzhu-server"],
    );

    let store = closure(&edges, &names, "huzhu-store");
    assert_none(
        "huzhu-store",
        &store,
        &[
            "actix",
            "actix-web",
            "huzhu-http",
            "huzhu-server",
            "huzhu-api-types",
            "huzhu-app",
        ],
    );

    // The use cases know nothing of HTTP.
    let app = closure(&edges, &names, "huzhu-app");
    assert_none(
        "huzhu-app",
        &app,
        &[
            "actix",
            "actix-web",
            "huzhu-http",
            "huzhu-server",
            "huzhu-api-types",
        ],
    );
    assert!(app.contains("huzhu-store") && app.contains("huzhu-domain"));

    let http = closure(&edges, &names, "huzhu-http");
    assert_none("huzhu-http", &http, &["huzhu-server"]);
    assert!(http.contains("huzhu-app") && http.contains("huzhu-domain"));
}

/// Whether `krate`'s own manifest declares utoipa as optional (or not at all).
fn utoipa_is_optional(root: &std::path::Path, krate: &str) -> bool {
    let dir = krate.trim_start_matches("huzhu-");
    let manifest =
        std::fs::read_to_string(root.join("crates").join(dir).join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .filter(|l| l.trim_start().starts_with("utoipa"))
        .all(|l| l.contains("optional = true"))
}

/// Rust sources under `dir`, with their text.
fn sources(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out
}

#[test]
fn every_change_goes_through_the_unit_of_work() {
    // A write transaction opened anywhere else would change data without its audit entry.
    let root = repo_root();
    let mut offenders = Vec::new();
    for dir in ["crates/http/src", "crates/server/src"] {
        for (path, text) in sources(&root.join(dir)) {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains("store.write(")
                    || code.contains(".write(|")
                    || code.contains("write_transaction")
                    || code.contains("audit::append(")
                {
                    offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "change data through huzhu_app::App::change (state.change in handlers):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn handlers_are_thin() {
    // A handler parses, calls one use case of huzhu-app and maps its record to the API's
    // body: it reaches no repository of the store, and shares nothing with another handler
    // (what two of them need lives in the app or in `crate::views`).
    let root = repo_root();
    let dir = root.join("crates/http/src/handlers");
    let handlers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
        .filter(|n| n != "mod")
        .collect();
    assert!(handlers.len() > 10, "handlers found: {handlers:?}");
    let mut offenders = Vec::new();
    for (path, text) in sources(&dir) {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let store = code.contains("huzhu_store");
            let sibling = handlers.iter().any(|h| {
                code.contains(&format!("super::{h}::"))
                    || code.contains(&format!("super::{h}}}"))
                    || code.contains(&format!("super::{{{h}"))
                    || code.contains(&format!("handlers::{h}::"))
            });
            let raw_state = ["state.store", "state.db(", ".change(&", "point_read("]
                .iter()
                .any(|p| code.contains(p));
            if store || sibling || raw_state {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "handlers call the use cases of huzhu-app (state.act, act_once, point) and map with crate::views:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_spa_depends_only_on_shared_types_and_rules() {
    let manifest = repo_root().join("frontend/Cargo.toml");
    let (edges, names) = graph(manifest.to_str().unwrap());
    let web = closure(&edges, &names, "huzhu-web");
    assert_none(
        "huzhu-web",
        &web,
        &[
            "diesel",
            "actix",
            "actix-web",
            "r2d2",
            // Schemas are the server's business: the app must not carry them.
            "utoipa",
            "huzhu-store",
            "huzhu-http",
            "huzhu-server",
        ],
    );
    assert!(web.contains("huzhu-api-types"));
}

#[test]
fn reach_is_decided_once_and_scoped_records_are_listed_by_it() {
    // The reach is decided where the actor is known (the operator's in huzhu-app's `Actor`, a
    // caller's from their account in the HTTP layer's authentication); a use case only passes
    // it on, so it cannot widen its own.
    let root = repo_root();
    let allowed = [
        ("Reach::everything(", "crates/app/src/actor.rs"),
        ("Reach::of_staff(", "crates/http/src/auth/caller.rs"),
        ("Reach::of_member(", "crates/http/src/auth/caller.rs"),
    ];
    let mut offenders = Vec::new();
    for dir in ["crates/app/src", "crates/http/src", "crates/server/src"] {
        for (path, text) in sources(&root.join(dir)) {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for (call, home) in allowed {
                    if code.contains(call) && rel != home {
                        offenders.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    // The store lists scoped records only within a reach: a list without one does not compile.
    for (file, lists) in [
        ("members", &["pub fn list("][..]),
        ("org_units", &["pub fn list("]),
        ("claims", &["pub fn list("]),
        ("batches", &["pub fn list("]),
        ("accounts", &["pub fn list_staff("]),
    ] {
        let rel = format!("crates/store/src/{file}.rs");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        for list in lists {
            let at = text
                .find(list)
                .unwrap_or_else(|| panic!("{rel} has no {list}"));
            let signature = &text[at..at + text[at..].find('{').unwrap()];
            if !signature.contains("reach: &Reach") {
                offenders.push(format!("{rel}: {list} takes no reach"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "a reach comes from the actor and scoped records are listed within it:\n{}",
        offenders.join("\n")
    );
}
