//! Repository bodies through the router: decoded into `RepositoryWrite`, every bad field named at once with
//! DRF's message, `null` clearing a nullable field, numbers also as strings.

use super::test_app::Harness;
use axum::http::{Method, StatusCode};
use pulp_shared::href;
use serde_json::json;

#[tokio::test]
async fn repository_bodies_name_every_bad_field_and_null_clears() {
    let h = Harness::start().await;
    let (status, errors) = h
        .post(
            "admin",
            href::REPOSITORIES,
            json!({"name": 5, "retain_repo_versions": "many", "remote": 3, "pulp_labels": []}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{errors}");
    assert_eq!(errors["name"][0], "Not a valid string.", "{errors}");
    assert_eq!(
        errors["retain_repo_versions"][0], "A valid integer is required.",
        "{errors}"
    );
    assert_eq!(errors["remote"][0], "Not a valid string.", "{errors}");
    assert!(errors["pulp_labels"][0].is_string(), "{errors}");

    let (status, errors) = h
        .post(
            "admin",
            href::REPOSITORIES,
            json!({"description": "no name"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(errors["name"][0], "This field is required.", "{errors}");
    let (status, errors) = h
        .post(
            "admin",
            href::REPOSITORIES,
            json!({"name": "r", "retain_repo_versions": 0, "remote": "/pulp/api/v3/remotes/container/container/00000000-0000-0000-0000-000000000000/"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        errors["retain_repo_versions"][0], "Ensure this value is greater than or equal to 1.",
        "{errors}"
    );
    assert_eq!(
        errors["remote"][0], "Invalid hyperlink - Object does not exist.",
        "{errors}"
    );

    // A number as a string, as DRF takes it; then null clears it and a left-out field keeps its value.
    let (status, repo) = h
        .post(
            "admin",
            href::REPOSITORIES,
            json!({"name": "r", "retain_repo_versions": "3", "description": "d"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{repo}");
    assert_eq!(repo["retain_repo_versions"], 3);
    let href = repo["pulp_href"].as_str().unwrap();
    let (status, patched) = h
        .call(
            "admin",
            Method::PATCH,
            href,
            Some(json!({"retain_repo_versions": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{patched}");
    assert!(patched["retain_repo_versions"].is_null());
    assert_eq!(patched["description"], "d");
    let (status, errors) = h
        .call("admin", Method::PATCH, href, Some(json!({"name": null})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(errors["name"][0], "This field may not be null.", "{errors}");
}

#[tokio::test]
async fn distribution_bodies_are_typed_too() {
    let h = Harness::start().await;
    let (status, errors) = h
        .post(
            "admin",
            href::DISTRIBUTIONS,
            json!({"name": 1, "base_path": null, "private": "yes", "repository": 7}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{errors}");
    assert_eq!(errors["name"][0], "Not a valid string.", "{errors}");
    assert_eq!(
        errors["base_path"][0], "This field may not be null.",
        "{errors}"
    );
    assert_eq!(errors["private"][0], "Must be a valid boolean.", "{errors}");
    assert_eq!(errors["repository"][0], "Not a valid string.", "{errors}");
    let (status, errors) = h
        .post(
            "admin",
            href::PULL_THROUGH_DISTRIBUTIONS,
            json!({"name": "cache", "base_path": "cache"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{errors}");
    assert_eq!(errors["remote"][0], "This field is required.", "{errors}");
}
