//! The content API in process: what a version's `content_summary` links list, that every listed href resolves,
//! the added/removed filters across tag and untag, and who may see what.

use super::test_app::Harness;
use crate::content::BlobRecord;
use axum::http::StatusCode;
use pulp_shared::href;
use serde_json::{json, Value};

/// A pushed image whose config and layer have blob records (sizes 2 and 3, as its manifest says).
async fn pushed_with_blobs(h: &Harness, name: &str) -> (crate::content::RepositoryRecord, String) {
    let (repo, digest) = h.pushed(name).await;
    for (d, size) in [("c", 2), ("1", 3)] {
        h.app
            .repositories
            .content
            .put_blob(&BlobRecord {
                digest: format!("sha256:{}", d.repeat(64)),
                size: Some(size),
                media_type: None,
                on_demand: None,
                origin: None,
                created_ms: None,
            })
            .await
            .unwrap();
    }
    (repo, digest)
}

/// Every page of a list, followed through `next`.
async fn all(h: &Harness, uri: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = Some(uri.to_string());
    while let Some(uri) = next {
        let (status, page) = h.get("admin", &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {page}");
        items.extend(page["results"].as_array().unwrap().iter().cloned());
        next = page["next"]
            .as_str()
            .map(|n| n.trim_start_matches("http://localhost:24817").to_string());
    }
    items
}

fn field<'a>(items: &'a [Value], name: &str) -> Vec<&'a str> {
    let mut v: Vec<&str> = items.iter().map(|i| i[name].as_str().unwrap()).collect();
    v.sort_unstable();
    v
}

#[tokio::test]
async fn content_summary_links_list_the_versions_content_and_every_href_resolves() {
    let h = Harness::start().await;
    let (repo, digest) = pushed_with_blobs(&h, "org/app").await;
    let repo_href = repo.href();
    let (_, v1) = h.get("admin", &format!("{repo_href}versions/1/")).await;
    let present = &v1["content_summary"]["present"];
    for (kind, count) in [
        ("container.tag", 1),
        ("container.manifest", 1),
        ("container.blob", 2),
    ] {
        assert_eq!(present[kind]["count"], count, "{v1}");
        let listed = all(
            &h,
            &format!("{}&limit=1", present[kind]["href"].as_str().unwrap()),
        )
        .await;
        assert_eq!(listed.len(), count, "{kind}: {listed:?}");
        for item in &listed {
            let (status, shown) = h.get("admin", item["pulp_href"].as_str().unwrap()).await;
            assert_eq!(status, StatusCode::OK, "{item}");
            assert_eq!(&shown, item);
        }
    }

    // The manifest names its blobs by href, and those resolve to the digests the manifest has.
    let manifests = all(&h, &format!("{}?digest={digest}", href::CONTENT_MANIFESTS)).await;
    assert_eq!(manifests.len(), 1);
    let manifest = &manifests[0];
    assert_eq!(manifest["type"], "image");
    assert_eq!(manifest["schema_version"], 2);
    assert_eq!(manifest["compressed_image_size"], 3);
    assert_eq!(manifest["blobs"].as_array().unwrap().len(), 2);
    let (_, config) = h
        .get("admin", manifest["config_blob"].as_str().unwrap())
        .await;
    assert_eq!(config["digest"], format!("sha256:{}", "c".repeat(64)));
    let (_, tags) = h
        .get("admin", &format!("{}?name=v1", href::CONTENT_TAGS))
        .await;
    assert_eq!(tags["count"], 1);
    assert_eq!(tags["results"][0]["tagged_manifest"], manifest["pulp_href"]);

    // tag v2 (version 2) then untag v1 (version 3): what each added and removed.
    for (action, body) in [
        ("tag", json!({"tag": "v2", "digest": digest})),
        ("untag", json!({"tag": "v1"})),
    ] {
        let task = h
            .finished(
                h.post("admin", &format!("{repo_href}{action}/"), body)
                    .await,
            )
            .await;
        assert_eq!(task["state"], "completed", "{task}");
    }
    for (filter, n, expected) in [
        ("repository_version_added", 2, "v2"),
        ("repository_version_removed", 2, ""),
        ("repository_version_removed", 3, "v1"),
        ("repository_version", 3, "v2"),
        ("repository_version_added", 1, "v1"),
    ] {
        let uri = format!("{}?{filter}={repo_href}versions/{n}/", href::CONTENT_TAGS);
        assert_eq!(
            field(&all(&h, &uri).await, "name").join(","),
            expected,
            "{uri}"
        );
    }
    let manifests_added = all(
        &h,
        &format!(
            "{}?repository_version_added={repo_href}versions/2/",
            href::CONTENT_MANIFESTS
        ),
    )
    .await;
    assert!(manifests_added.is_empty(), "{manifests_added:?}");
    // Units are global: both tags are still listed until an orphan cleanup.
    assert_eq!(
        field(&all(&h, href::CONTENT_TAGS).await, "name"),
        ["v1", "v2"]
    );
    assert_eq!(
        field(
            &all(&h, &format!("{}?name__in=v2,v3", href::CONTENT_TAGS)).await,
            "name"
        ),
        ["v2"]
    );

    // Filters that name nothing.
    let (status, errors) = h
        .get(
            "admin",
            &format!(
                "{}?repository_version={repo_href}versions/9/",
                href::CONTENT_TAGS
            ),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(errors["repository_version"][0].is_string(), "{errors}");
    let missing = format!(
        "{}{}/",
        href::CONTENT_BLOBS,
        "0".repeat(8) + "-0000-0000-0000-000000000000"
    );
    assert_eq!(h.get("admin", &missing).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        h.get("admin", &format!("{}not-a-uuid/", href::CONTENT_BLOBS))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, signatures) = h
        .get("admin", "/pulp/api/v3/content/container/signatures/")
        .await;
    assert_eq!((status, &signatures["count"]), (StatusCode::OK, &json!(0)));
}

#[tokio::test]
async fn users_see_only_the_content_of_repositories_they_may_view() {
    let h = Harness::start().await;
    let (repo, _) = pushed_with_blobs(&h, "org/app").await;
    h.user("bob").await;
    let (status, page) = h.get("bob", href::CONTENT_BLOBS).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["count"], 0, "{page}");
    let (_, admin_page) = h.get("admin", href::CONTENT_BLOBS).await;
    assert_eq!(admin_page["count"], 2);
    let one = admin_page["results"][0]["pulp_href"].as_str().unwrap();
    assert_eq!(h.get("bob", one).await.0, StatusCode::NOT_FOUND);
    let (status, _) = h
        .get(
            "bob",
            &format!(
                "{}?repository_version={}versions/1/",
                href::CONTENT_BLOBS,
                repo.href()
            ),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// The names of the tags, digests of the manifests and count of blobs of version `n` of `repo_href`.
async fn held(h: &Harness, repo_href: &str, n: u64) -> (Vec<String>, Vec<String>, usize) {
    let of = |collection: &str| format!("{collection}?repository_version={repo_href}versions/{n}/");
    let tags = all(h, &of(href::CONTENT_TAGS)).await;
    let manifests = all(h, &of(href::CONTENT_MANIFESTS)).await;
    let blobs = all(h, &of(href::CONTENT_BLOBS)).await;
    let own = |items: &[Value], f: &str| -> Vec<String> {
        field(items, f).into_iter().map(str::to_string).collect()
    };
    (own(&tags, "name"), own(&manifests, "digest"), blobs.len())
}

#[tokio::test]
async fn sync_repositories_add_remove_and_copy_content_recursively() {
    let h = Harness::start().await;
    let (push, digest) = pushed_with_blobs(&h, "org/app").await;
    let (status, dest) = h
        .post("admin", href::REPOSITORIES, json!({"name": "dest"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{dest}");
    let dest = dest["pulp_href"].as_str().unwrap().to_string();
    let (_, tags) = h
        .get("admin", &format!("{}?name=v1", href::CONTENT_TAGS))
        .await;
    let tag = tags["results"][0]["pulp_href"]
        .as_str()
        .unwrap()
        .to_string();
    let run = |action: &str, body: Value| {
        let uri = format!("{dest}{action}/");
        let h = &h;
        async move {
            let task = h.finished(h.post("admin", &uri, body).await).await;
            assert_eq!(task["state"], "completed", "{task}");
            task
        }
    };

    // add/ a tag: its manifest and the manifest's blobs come along.
    run("add", json!({"content_units": [tag]})).await;
    assert_eq!(
        held(&h, &dest, 1).await,
        (vec!["v1".into()], vec![digest.clone()], 2)
    );
    // remove/ the tag: the manifest only it named, and the blobs only that used, go.
    run("remove", json!({"content_units": [tag]})).await;
    assert_eq!(held(&h, &dest, 2).await, (vec![], vec![], 0));

    // copy_tags/ from the push repository's latest version, by name.
    run(
        "copy_tags",
        json!({"source_repository": push.href(), "names": ["v1"]}),
    )
    .await;
    assert_eq!(held(&h, &dest, 3).await.0, ["v1"]);
    // tag/ and untag/ work on sync repositories too.
    run("tag", json!({"tag": "stable", "digest": digest})).await;
    run("untag", json!({"tag": "v1"})).await;
    assert_eq!(held(&h, &dest, 5).await.0, ["stable"]);
    // remove/ with "*" empties it; copy_manifests/ brings manifests (and blobs) without tags.
    run("remove", json!({"content_units": ["*"]})).await;
    assert_eq!(held(&h, &dest, 6).await, (vec![], vec![], 0));
    run(
        "copy_manifests",
        json!({
            "source_repository_version": format!("{}versions/1/", push.href()),
            "media_types": [crate::content::model::OCI_MANIFEST],
        }),
    )
    .await;
    assert_eq!(held(&h, &dest, 7).await, (vec![], vec![digest.clone()], 2));

    // Bodies that name nothing are 400s before any task.
    let missing = format!(
        "{}{}/",
        href::CONTENT_TAGS,
        "00000000-0000-0000-0000-000000000000"
    );
    for (action, body, field) in [
        ("add", json!({"content_units": [missing]}), "content_units"),
        (
            "copy_tags",
            json!({"source_repository": push.href(), "source_repository_version": format!("{}versions/1/", push.href())}),
            "non_field_errors",
        ),
        (
            "copy_manifests",
            json!({"source_repository": push.href(), "media_types": ["text/plain"]}),
            "media_types",
        ),
        (
            "tag",
            json!({"tag": "x", "digest": format!("sha256:{}", "e".repeat(64))}),
            "digest",
        ),
    ] {
        let (status, errors) = h.post("admin", &format!("{dest}{action}/"), body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{action}: {errors}");
        assert!(errors[field][0].is_string(), "{action}: {errors}");
    }
}

#[tokio::test]
async fn fields_and_exclude_fields_trim_objects_and_pages() {
    let h = Harness::start().await;
    let (repo, _) = pushed_with_blobs(&h, "org/app").await;
    let (status, page) = h
        .get(
            "admin",
            &format!("{}?fields=name,pulp_href", href::CONTENT_TAGS),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let keys: Vec<&String> = page["results"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["name", "pulp_href"], "{page}");
    assert_eq!(page["count"], 1);
    let (_, shown) = h
        .get(
            "admin",
            &format!("{}?exclude_fields=pulp_labels,description", repo.href()),
        )
        .await;
    assert!(
        shown.get("pulp_labels").is_none() && shown.get("name").is_some(),
        "{shown}"
    );
}
