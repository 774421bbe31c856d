//! The document against the router: every method of every path the API serves has an operation, every
//! operation is served; ids are unique, references resolve, and path parameters are declared as pulp-glue
//! needs them.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;
use std::collections::BTreeSet;
use tower::ServiceExt as _;

const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

/// A concrete URI of an axum route template (ids that exist nowhere: only the routing is probed).
fn concrete(route: &str) -> String {
    route
        .replace("{id}", "0193a1b2-0000-7000-8000-000000000001")
        .replace("{uuid}", "0193a1b2-0000-7000-8000-000000000002")
        .replace("{number}", "1")
}

/// `(route, METHOD)` of every method the router answers on every path [`super::super::paths`] lists
/// (anonymously: a method it does not route answers 405 before any handler runs).
async fn served() -> BTreeSet<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let app = super::super::test_app::open(dir.path(), "openapi-test-admin-password-5e1a").await;
    let mut served = BTreeSet::new();
    for route in super::super::paths() {
        for method in METHODS {
            let request = Request::builder()
                .method(method.clone())
                .uri(concrete(&route))
                .header("host", super::super::test_app::HOST)
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let response = crate::http::router(app.clone())
                .oneshot(request)
                .await
                .unwrap();
            if response.status() != StatusCode::METHOD_NOT_ALLOWED {
                served.insert((route.clone(), method.to_string()));
            }
        }
    }
    served
}

#[tokio::test]
async fn every_served_route_has_an_operation_and_every_operation_is_served() {
    let served = served().await;
    let documented = &super::document().routes;
    let undocumented: Vec<_> = served.difference(documented).collect();
    assert!(
        undocumented.is_empty(),
        "served without an operation in the OpenAPI document (add it to http/api/openapi/resources.rs): \
         {undocumented:#?}"
    );
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        unserved.is_empty(),
        "documented but not served: {unserved:#?}"
    );
    // The probe sees real routes: a sample of what pulp-cli calls first.
    for expected in [
        ("/pulp/api/v3/docs/api.json", "GET"),
        (
            "/pulp/api/v3/repositories/container/container/{id}/sync/",
            "POST",
        ),
        ("/pulp/api/v3/tasks/{id}/", "PATCH"),
    ] {
        assert!(
            served.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} not served"
        );
    }
}

/// The document as pulp-glue reads it.
fn doc() -> Value {
    serde_json::to_value(&super::document().openapi).unwrap()
}

/// Every `$ref` in `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn operations_have_unique_ids_declared_path_parameters_and_resolvable_schemas() {
    let doc = doc();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let in_path: BTreeSet<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split('}').next())
            .collect();
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_string()), "operation id {id} twice");
            let declared: BTreeSet<&str> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "path")
                        .map(|p| p["name"].as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(declared, in_path, "{method} {path}: path parameters");
            assert!(!op["responses"].as_object().unwrap().is_empty(), "{id}");
        }
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r} is not a schema reference"));
        assert!(schemas.contains_key(name), "{r} does not resolve");
    }
}

#[test]
fn pulp_names_where_pulp_glue_looks() {
    let doc = doc();
    assert_eq!(doc["info"]["x-pulp-app-versions"]["core"], "3.123.1");
    assert_eq!(doc["info"]["x-pulp-app-versions"]["container"], "2.30.0");
    let op = |path: &str, method: &str| doc["paths"][path][method]["operationId"].clone();
    assert_eq!(
        op("/pulp/api/v3/repositories/container/container/", "get"),
        "repositories_container_container_list"
    );
    assert_eq!(
        op("{container_container_repository_href}sync/", "post"),
        "repositories_container_container_sync"
    );
    assert_eq!(op("{task_href}", "get"), "tasks_read");
    assert_eq!(op("{task_href}", "patch"), "tasks_cancel");
    assert_eq!(
        op("{container_container_distribution_href}", "patch"),
        "distributions_container_container_partial_update"
    );
    assert_eq!(op("/pulp/api/v3/status/", "get"), "status_read");
    // Basic auth is what pulp-glue sends credentials for; the status needs none.
    assert_eq!(
        doc["components"]["securitySchemes"]["basicAuth"]["scheme"],
        "basic"
    );
    assert!(doc["paths"]["/pulp/api/v3/status/"]["get"]["security"].is_null());
    assert_eq!(
        doc["paths"]["{container_container_remote_href}"]["get"]["security"][0]["basicAuth"],
        serde_json::json!([])
    );
    // Schemas carry Pulp's names and the fields of the shared types.
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["container.ContainerRepositoryResponse"]["properties"]["latest_version_href"]
            .is_object()
    );
    assert!(schemas["TaskResponse"]["properties"]["result"].is_object());
    assert!(schemas["container.ContainerRemote"]["properties"]["upstream_name"].is_object());
    // Remote bodies are the typed write structs, flat as Pulp's: the full remote field set, client_key
    // write-only (in the body, never in the answer), timeouts numbers or null.
    for body in [
        "container.ContainerRemote",
        "container.ContainerPullThroughRemote",
    ] {
        let props = &schemas[body]["properties"];
        for field in [
            "ca_cert",
            "client_cert",
            "client_key",
            "max_retries",
            "total_timeout",
            "connect_timeout",
            "sock_connect_timeout",
            "sock_read_timeout",
            "headers",
            "rate_limit",
            "proxy_username",
            "proxy_password",
            "download_concurrency",
        ] {
            assert!(props[field].is_object(), "{body} has no {field}");
        }
        assert_eq!(
            props["total_timeout"]["type"],
            serde_json::json!(["number", "null"])
        );
        assert_eq!(
            props["name"]["type"], "string",
            "{body}: name is not nullable"
        );
        assert!(schemas[format!("Patched{body}")]["required"].is_null());
    }
    assert_eq!(
        schemas["container.ContainerRemote"]["required"],
        serde_json::json!(["name", "url", "upstream_name"])
    );
    for answer in [
        "container.ContainerRemoteResponse",
        "container.ContainerPullThroughRemoteResponse",
    ] {
        assert!(
            schemas[answer]["properties"]["headers"].is_object(),
            "{answer}"
        );
        assert!(
            schemas[answer]["properties"]["client_key"].is_null(),
            "{answer}"
        );
    }
}
