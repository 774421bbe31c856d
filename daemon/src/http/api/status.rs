//! `GET /pulp/api/v3/status/` (no authentication): versions, the online worker, storage of the data dir,
//! whether the metadata store works (`database_connection.connected`; when it failed, `error` says why), and
//! pulpd's `blob_storage` ([`crate::accounting`]: stored bytes, pull-through cache bytes, the last cleanup).

use crate::app::App;
use crate::http::error::ApiResult;
use crate::listing::now;
use axum::extract::State;
use axum::Json;
use pulp_shared::api::{ComponentVersion, OnlineWorker, Status, Storage};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The Pulp versions whose container API pulpd speaks; pulp-cli checks these.
pub const CORE_COMPAT: &str = "3.123.1";
pub const CONTAINER_COMPAT: &str = "2.30.0";

pub async fn show(State(app): State<Arc<App>>) -> ApiResult<Json<Status>> {
    let component = |component: &str, version: &str| ComponentVersion {
        component: component.into(),
        version: version.into(),
        package: "pulpd".into(),
        module: format!("pulpd.{component}"),
        domain_compatible: false,
    };
    let versions: BTreeMap<String, String> = [
        ("core".to_string(), CORE_COMPAT.to_string()),
        ("container".to_string(), CONTAINER_COMPAT.to_string()),
        ("pulpd".to_string(), env!("CARGO_PKG_VERSION").to_string()),
    ]
    .into();
    let worker = OnlineWorker {
        name: format!("{}@pulpd", std::process::id()),
        last_heartbeat: now(),
        versions,
    };
    let storage = storage(&app.space);
    let blob_storage = match app.accounting.blob_storage().await {
        Ok(b) => Some(b),
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), "could not account the stored blob bytes");
            None
        }
    };
    let database_connection = match app.store.failure() {
        None => json!({"connected": true}),
        Some(why) => json!({"connected": false, "error": why}),
    };
    Ok(Json(Status {
        versions: vec![
            component("core", CORE_COMPAT),
            component("container", CONTAINER_COMPAT),
            component("pulpd", env!("CARGO_PKG_VERSION")),
        ],
        online_workers: vec![worker.clone()],
        online_api_apps: vec![worker.clone()],
        online_content_apps: vec![worker],
        database_connection,
        storage,
        blob_storage,
        content_settings: json!({
            "content_origin": format!("{}://{}", app.scheme(), app.registry_host),
            "content_path_prefix": "/pulp/content/",
        }),
        domain_enabled: false,
    }))
}

/// Sizes of the file system holding the data dir.
fn storage(space: &crate::space::Space) -> Storage {
    match space.usage() {
        Ok(u) => Storage {
            total: u.total,
            used: u.used,
            free: u.free,
        },
        Err(e) => {
            tracing::warn!(error = %e, "statvfs of the data dir failed");
            Storage {
                total: 0,
                used: 0,
                free: 0,
            }
        }
    }
}
