//! Remote bodies through the whole router (a real App in a temp dir): wrong types answer Pulp's 400 naming
//! every field, the connection settings are stored and shown, write-only ones only as `hidden_fields`.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine as _;
use pulp_shared::href;
use serde_json::{json, Value};
use tower::ServiceExt as _;

const ADMIN_PASSWORD: &str = "remote-api-admin-password-2b7e";

async fn call(
    app: &std::sync::Arc<crate::app::App>,
    method: Method,
    uri: &str,
    body: Value,
) -> (StatusCode, Value) {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("admin:{ADMIN_PASSWORD}"));
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, super::test_app::HOST)
        .header(header::AUTHORIZATION, format!("Basic {auth}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = crate::http::router(app.clone())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn hidden(remote: &Value, field: &str) -> bool {
    remote["hidden_fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == field)
        .unwrap_or_else(|| panic!("no hidden field {field}: {remote:#}"))["is_set"]
        == true
}

#[tokio::test]
async fn wrong_types_answer_400_naming_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let app = super::test_app::open(dir.path(), ADMIN_PASSWORD).await;
    for collection in [href::REMOTES, href::PULL_THROUGH_REMOTES] {
        let (status, body) = call(
            &app,
            Method::POST,
            collection,
            json!({"name": "r", "url": "http://h", "upstream_name": "x", "total_timeout": "soon",
                   "max_retries": true, "headers": {"X-A": "b"}}),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{collection}: {body:#}");
        assert_eq!(
            body["total_timeout"],
            json!(["A valid number is required."]),
            "{body:#}"
        );
        assert_eq!(
            body["max_retries"],
            json!(["A valid integer is required."]),
            "{body:#}"
        );
        assert_eq!(
            body["headers"],
            json!(["Expected a list of items."]),
            "{body:#}"
        );
        // A full update needs the required fields; a missing one is named.
        let (status, body) = call(&app, Method::POST, collection, json!({"url": "http://h"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["name"], json!(["This field is required."]), "{body:#}");
    }
}

#[tokio::test]
async fn connection_settings_are_shown_and_the_client_key_is_write_only() {
    let dir = tempfile::tempdir().unwrap();
    let app = super::test_app::open(dir.path(), ADMIN_PASSWORD).await;
    let generated = rcgen::generate_simple_self_signed(vec!["client".into()]).unwrap();
    let (cert, key) = (generated.cert.pem(), generated.key_pair.serialize_pem());
    for (collection, extra) in [
        (href::REMOTES, json!({"upstream_name": "x"})),
        (href::PULL_THROUGH_REMOTES, json!({})),
    ] {
        let mut body = json!({
            "name": "tls", "url": "https://registry.example", "ca_cert": cert, "client_cert": cert,
            "client_key": key, "max_retries": 4, "connect_timeout": 2.5, "sock_read_timeout": 9,
            "headers": [{"X-Team": "registry"}], "rate_limit": 7, "proxy_username": "p",
        });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let (status, created) = call(&app, Method::POST, collection, body).await;
        assert_eq!(status, StatusCode::CREATED, "{created:#}");
        assert_eq!(created["ca_cert"], cert, "{created:#}");
        assert_eq!(created["client_cert"], cert);
        assert_eq!(created["max_retries"], 4);
        assert_eq!(created["connect_timeout"], 2.5);
        assert_eq!(created["sock_read_timeout"], 9.0);
        assert_eq!(created["headers"], json!([{"X-Team": "registry"}]));
        assert_eq!(created["rate_limit"], 7);
        assert!(created.get("client_key").is_none() && created.get("proxy_username").is_none());
        assert!(!created.to_string().contains("PRIVATE KEY"), "{created:#}");
        assert!(hidden(&created, "client_key") && hidden(&created, "proxy_username"));
        assert!(!hidden(&created, "proxy_password"));

        // PATCH clears with null and leaves the rest.
        let item = created["pulp_href"].as_str().unwrap();
        let (status, patched) = call(
            &app,
            Method::PATCH,
            item,
            json!({"client_key": null, "headers": null}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{patched:#}");
        assert!(!hidden(&patched, "client_key"));
        assert_eq!(patched["headers"], json!([]));
        assert_eq!(patched["max_retries"], 4);

        // A key that does not go with the certificate's PEM is refused.
        let (status, refused) = call(
            &app,
            Method::PATCH,
            item,
            json!({"client_key": "not a key"}),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(refused["client_key"].is_array(), "{refused:#}");
    }
}
