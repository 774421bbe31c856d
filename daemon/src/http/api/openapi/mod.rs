//! `GET /pulp/api/v3/docs/api.json` (and `api.yaml`): the OpenAPI 3.1 document of the management API, served
//! without authentication as Pulp serves it. pulp-cli (pulp-glue) downloads it first and builds every request
//! from it: it finds operations by id (`repositories_container_container_list`), substitutes whole hrefs into
//! the path parameters (`{container_container_repository_href}sync/`), validates query parameters and JSON
//! bodies against the schemas, and reads the plugin versions from `info.x-pulp-app-versions`.
//!
//! The schemas are derived (utoipa's `ToSchema`) from the same types that pulpd encodes its answers with and
//! that pulpc decodes (`pulp_shared::api`); the operations come from [`resources`], one table of Pulp's
//! viewsets. Every operation also records the axum route and method it documents, so the test in [`tests`]
//! checks the document against the router: a route served without a documented operation fails it.

mod builder;
mod resources;
#[cfg(test)]
mod tests;

use crate::app::App;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use std::sync::{Arc, OnceLock};

pub use builder::Documented;

/// Where the document is served.
pub const JSON_PATH: &str = "/pulp/api/v3/docs/api.json";
pub const YAML_PATH: &str = "/pulp/api/v3/docs/api.yaml";

pub fn routes() -> super::Routes {
    super::Routes::new()
        .route(JSON_PATH, get(json))
        .route(YAML_PATH, get(yaml))
}

/// The document and the routes it documents, built once.
pub fn document() -> &'static Documented {
    static DOC: OnceLock<Documented> = OnceLock::new();
    DOC.get_or_init(resources::document)
}

/// The document as JSON text (built once).
fn json_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        serde_json::to_string(&document().openapi).expect("the OpenAPI document serializes")
    })
}

async fn json(_: axum::extract::State<Arc<App>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json_text())
}

/// YAML 1.2 is a superset of JSON: the JSON text is the YAML document (no second serializer to keep in step).
async fn yaml(_: axum::extract::State<Arc<App>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml")], json_text())
}
