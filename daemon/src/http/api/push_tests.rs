//! The push model's API in process: the whole router over a real App (sled and blob files in a temp dir), driven
//! request by request. Push repositories are made through the domain (as the registry's push does), since the
//! `/v2/` write side is not part of these endpoints.

use super::test_app::Harness;
use axum::http::{Method, StatusCode};
use pulp_shared::href;
use serde_json::json;

#[tokio::test]
async fn push_repositories_have_their_own_api_and_content_actions() {
    let h = Harness::start().await;
    let (repo, digest) = h.pushed("myorg/app").await;
    let repo_href = repo.href();

    let (status, list) = h.get("admin", href::PUSH_REPOSITORIES).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["count"], 1);
    let shown = &list["results"][0];
    assert_eq!(shown["name"], "myorg/app");
    assert_eq!(shown["pulp_href"], repo_href.as_str());
    assert!(shown.get("remote").is_none(), "{shown}");
    assert!(shown["manifest_signing_service"].is_null());
    assert_eq!(
        shown["latest_version_href"],
        format!("{repo_href}versions/1/").as_str()
    );
    // The sync API neither lists nor resolves it, and cannot sync it.
    assert_eq!(h.get("admin", href::REPOSITORIES).await.1["count"], 0);
    let sync_href = href::resource(href::REPOSITORIES, &repo.id);
    assert_eq!(h.get("admin", &sync_href).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        h.post("admin", &format!("{sync_href}sync/"), json!({}))
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // Bodies are checked before a task exists.
    let (status, errors) = h
        .post("admin", &format!("{repo_href}tag/"), json!({"tag": "-bad"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        errors.get("tag").is_some() && errors.get("digest").is_some(),
        "{errors}"
    );
    let unknown = format!("sha256:{}", "9".repeat(64));
    let (status, errors) = h
        .post(
            "admin",
            &format!("{repo_href}tag/"),
            json!({"tag": "v2", "digest": unknown}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        errors["digest"][0]
            .as_str()
            .unwrap()
            .contains("does not exist"),
        "{errors}"
    );
    let (status, errors) = h
        .post(
            "admin",
            &format!("{repo_href}untag/"),
            json!({"tag": "nope"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(errors.get("tag").is_some(), "{errors}");

    // tag → version 2, listed in created_resources.
    let task = h
        .finished(
            h.post(
                "admin",
                &format!("{repo_href}tag/"),
                json!({"tag": "v2", "digest": digest}),
            )
            .await,
        )
        .await;
    assert_eq!(task["state"], "completed", "{task}");
    let v2 = format!("{repo_href}versions/2/");
    assert_eq!(task["created_resources"], json!([v2]));
    let (status, version) = h.get("admin", &v2).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(version["repository"], repo_href.as_str());
    assert_eq!(
        version["content_summary"]["added"]["container.tag"]["count"],
        1
    );

    let task = h
        .finished(
            h.post("admin", &format!("{repo_href}untag/"), json!({"tag": "v1"}))
                .await,
        )
        .await;
    assert_eq!(
        task["created_resources"],
        json!([format!("{repo_href}versions/3/")])
    );

    let task = h
        .finished(
            h.post(
                "admin",
                &format!("{repo_href}remove_image/"),
                json!({"digest": digest}),
            )
            .await,
        )
        .await;
    assert_eq!(
        task["created_resources"],
        json!([format!("{repo_href}versions/4/")])
    );
    let (_, v4) = h.get("admin", &format!("{repo_href}versions/4/")).await;
    assert_eq!(v4["content_summary"]["present"], json!({}), "{v4}");
    let (_, versions) = h.get("admin", &format!("{repo_href}versions/")).await;
    assert_eq!(versions["count"], 5);

    let (status, updated) = h
        .call(
            "admin",
            Method::PATCH,
            &repo_href,
            Some(json!({"description": "pushed", "name": "other"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["description"], "pushed");
    assert_eq!(updated["name"], "myorg/app");
    assert_eq!(
        updated["latest_version_href"],
        format!("{repo_href}versions/4/").as_str()
    );

    // Its distribution shows the namespace; deleting the distribution deletes the push repository.
    let (_, dists) = h
        .get(
            "admin",
            &format!("{}?base_path=myorg/app", href::DISTRIBUTIONS),
        )
        .await;
    let dist = &dists["results"][0];
    let (_, namespaces) = h
        .get("admin", &format!("{}?name=myorg", href::NAMESPACES))
        .await;
    assert_eq!(dist["namespace"], namespaces["results"][0]["pulp_href"]);
    let task = h
        .finished(
            h.call(
                "admin",
                Method::DELETE,
                dist["pulp_href"].as_str().unwrap(),
                None,
            )
            .await,
        )
        .await;
    assert_eq!(task["state"], "completed", "{task}");
    assert_eq!(h.get("admin", &repo_href).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn namespaces_carry_the_permissions_and_take_their_contents_when_deleted() {
    let h = Harness::start().await;
    let (repo, digest) = h.pushed("team/app").await;
    h.pushed("team/tool").await;
    h.pushed("other/app").await;
    h.user("alice").await;
    let bob = h.user("bob").await;
    let repo_href = repo.href();

    // Without a role: nothing to see, nothing to change.
    assert_eq!(h.get("alice", href::PUSH_REPOSITORIES).await.1["count"], 0);
    assert_eq!(h.get("alice", href::NAMESPACES).await.1["count"], 0);
    assert_eq!(h.get("alice", &repo_href).await.0, StatusCode::FORBIDDEN);
    let tag = json!({"tag": "v2", "digest": digest});
    assert_eq!(
        h.post("alice", &format!("{repo_href}tag/"), tag.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        h.post("alice", href::NAMESPACES, json!({"name": "alices"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    // A collaborator on `team` sees and changes what is inside it, and only that.
    let (_, team) = h
        .get("admin", &format!("{}?name=team", href::NAMESPACES))
        .await;
    let team_href = team["results"][0]["pulp_href"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _) = h
        .post(
            "admin",
            &format!("{team_href}add_role/"),
            json!({"role": "container.containernamespace_collaborator", "users": ["alice"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, roles) = h.get("admin", &format!("{team_href}list_roles/")).await;
    assert!(roles.to_string().contains("alice"), "{roles}");
    let (_, perms) = h.get("alice", &format!("{team_href}my_permissions/")).await;
    assert!(
        perms
            .to_string()
            .contains("container.namespace_modify_content_containernamespace"),
        "{perms}"
    );
    let (_, listed) = h.get("alice", href::PUSH_REPOSITORIES).await;
    assert_eq!(listed["count"], 2, "{listed}");
    let task = h
        .finished(h.post("alice", &format!("{repo_href}tag/"), tag).await)
        .await;
    assert_eq!(task["state"], "completed", "{task}");
    let (_, other) = h
        .get(
            "admin",
            &format!("{}?name=other/app", href::PUSH_REPOSITORIES),
        )
        .await;
    let other_href = other["results"][0]["pulp_href"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(h.get("alice", &other_href).await.0, StatusCode::FORBIDDEN);
    // Collaborators do not delete namespaces.
    assert_eq!(
        h.call("alice", Method::DELETE, &team_href, None).await.0,
        StatusCode::FORBIDDEN
    );

    // The creator role lets bob create a namespace, which he then owns.
    let (status, _) = h
        .post(
            "admin",
            &format!("{}{bob}/roles/", href::USERS),
            json!({"role": "container.containernamespace_creator", "content_object": null}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, created) = h
        .post("bob", href::NAMESPACES, json!({"name": "bobs"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        h.post("bob", href::NAMESPACES, json!({"name": "bobs"}))
            .await
            .1,
        json!({"name": ["This field must be unique."]})
    );
    let bobs = created["pulp_href"].as_str().unwrap();
    assert_eq!(h.get("bob", bobs).await.0, StatusCode::OK);
    assert_eq!(h.get("bob", href::NAMESPACES).await.1["count"], 1);
    assert_eq!(h.get("alice", bobs).await.0, StatusCode::FORBIDDEN);

    // Deleting `team` (a task, as in Pulp) takes its push repositories and distributions; `other` stays.
    let task = h
        .finished(h.call("admin", Method::DELETE, &team_href, None).await)
        .await;
    assert_eq!(task["state"], "completed", "{task}");
    assert_eq!(h.get("admin", &team_href).await.0, StatusCode::NOT_FOUND);
    let (_, left) = h.get("admin", href::PUSH_REPOSITORIES).await;
    assert_eq!(left["count"], 1);
    assert_eq!(left["results"][0]["name"], "other/app");
    let (_, dists) = h.get("admin", href::DISTRIBUTIONS).await;
    let paths: Vec<&str> = dists["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["base_path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["other/app"]);
}
