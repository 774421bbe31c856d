//! The docs' workflow over plain HTTP: repository → distribution (202 + task) → task completed → the
//! distribution's registry_path; and the concurrency guarantees of distribution creates.

use pulp_e2e::daemon::Daemon;
use serde_json::{json, Value};
use std::collections::HashSet;

const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";

#[test]
fn repository_then_distribution_through_a_task() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("test");
    let repo_href = repo["pulp_href"].as_str().unwrap();
    assert_eq!(
        repo["latest_version_href"].as_str().unwrap(),
        format!("{repo_href}versions/0/"),
        "version 0 exists from creation"
    );
    let versions = api.get_ok(&format!("{repo_href}versions/"));
    assert_eq!(versions["count"], 1);
    assert_eq!(versions["results"][0]["number"], 0);

    let answer = api.post_expect(
        DISTRIBUTIONS,
        &json!({"name": "test", "base_path": "test", "repository": repo_href}),
        202,
    );
    let task_href = answer["task"]
        .as_str()
        .expect("202 body is {\"task\": href}");
    assert_eq!(answer.as_object().unwrap().len(), 1);

    let task = api.wait_task(task_href);
    assert_eq!(task["state"], "completed", "{task}");
    assert!(task["started_at"].is_string() && task["finished_at"].is_string());
    let created = task["created_resources"][0].as_str().unwrap();
    assert!(created.starts_with(DISTRIBUTIONS), "{created}");

    let dist = api.get_ok(created);
    assert_eq!(dist["registry_path"], format!("{}/test", d.registry_host()));
    assert_eq!(dist["repository"], repo_href);
    assert_eq!(dist["base_path"], "test");
    assert_eq!(dist["name"], "test");
    assert_eq!(dist["pulp_href"], created);
    assert_eq!(dist["private"], false);

    // The task list knows it, and its filters work.
    let tasks = api.get_ok("/pulp/api/v3/tasks/?state=completed");
    assert!(tasks["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["pulp_href"] == task_href));
    let none = api.get_ok("/pulp/api/v3/tasks/?state=failed");
    assert_eq!(none["count"], 0);
}

#[test]
fn distribution_pinned_to_a_version_update_and_delete() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("pinned");
    let v0 = repo["latest_version_href"].as_str().unwrap();
    let task = api.post_expect(
        DISTRIBUTIONS,
        &json!({"name": "pinned", "base_path": "org/team/pinned", "repository_version": v0, "private": true}),
        202,
    );
    let task = api.wait_task(task["task"].as_str().unwrap());
    let href = task["created_resources"][0].as_str().unwrap().to_string();
    let dist = api.get_ok(&href);
    assert_eq!(dist["repository_version"], v0);
    assert_eq!(dist["repository"], Value::Null);
    assert_eq!(dist["private"], true);

    let (status, answer) = api.patch(
        &href,
        &json!({"description": "pinned to v0", "private": false}),
    );
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    let dist = api.get_ok(&href);
    assert_eq!(dist["description"], "pinned to v0");
    assert_eq!(dist["private"], false);

    let (status, answer) = api.delete(&href);
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    assert_eq!(api.get(&href).0, 404);
}

#[test]
fn fifty_concurrent_creates_with_distinct_names_all_complete() {
    let d = Daemon::start();
    let api = d.api();
    let tasks: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let api = api.clone();
                s.spawn(move || {
                    let answer = api.post_expect(
                        DISTRIBUTIONS,
                        &json!({"name": format!("d{i}"), "base_path": format!("many/d{i}")}),
                        202,
                    );
                    answer["task"].as_str().unwrap().to_string()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for t in &tasks {
        let task = api.wait_task(t);
        assert_eq!(task["state"], "completed", "{task}");
    }
    let list = api.get_ok(&format!("{DISTRIBUTIONS}?limit=100"));
    assert_eq!(list["count"], 50);
    let names: HashSet<&str> = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 50);
}

#[test]
fn twenty_racing_creates_of_one_base_path_leave_exactly_one() {
    let d = Daemon::start();
    let api = d.api();
    // Validation happens at once, so most racers are refused with 400 before any task exists; the ones that
    // pass it race in their tasks, and all but one of those fail.
    let answers: Vec<(u16, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let api = api.clone();
                s.spawn(move || {
                    api.post(
                        DISTRIBUTIONS,
                        &json!({"name": format!("racer{i}"), "base_path": "contested"}),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut completed = 0;
    for (status, body) in &answers {
        match status {
            202 => {
                let task = api.wait_task(body["task"].as_str().unwrap());
                match task["state"].as_str().unwrap() {
                    "completed" => completed += 1,
                    "failed" => {
                        let error = task["error"]["description"].as_str().unwrap();
                        assert!(error.contains("base_path"), "clear error: {error}");
                    }
                    other => panic!("unexpected state {other}"),
                }
            }
            400 => assert_eq!(body["base_path"][0], "This field must be unique.", "{body}"),
            other => panic!("unexpected status {other}: {body}"),
        }
    }
    assert_eq!(completed, 1);
    let list = api.get_ok(&format!("{DISTRIBUTIONS}?base_path=contested"));
    assert_eq!(list["count"], 1, "{list}");
}

#[test]
fn pagination_follows_next_links() {
    let d = Daemon::start();
    let api = d.api();
    for i in 0..5 {
        api.create_repository(&format!("repo-{i}"));
    }
    let page = api.get_ok("/pulp/api/v3/repositories/container/container/?limit=2&ordering=name");
    assert_eq!(page["count"], 5);
    assert_eq!(page["previous"], Value::Null);
    let names = |p: &Value| -> Vec<String> {
        p["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&page), ["repo-0", "repo-1"]);
    let mut all = names(&page);
    let mut next = page["next"].clone();
    while let Some(url) = next.as_str() {
        assert!(url.starts_with("http://"), "next is absolute: {url}");
        let p = api.get_ok(url);
        all.extend(names(&p));
        next = p["next"].clone();
    }
    assert_eq!(all, ["repo-0", "repo-1", "repo-2", "repo-3", "repo-4"]);
    let filtered =
        api.get_ok("/pulp/api/v3/repositories/container/container/?name__icontains=REPO-3");
    assert_eq!(names(&filtered), ["repo-3"]);
    // Default order: newest first.
    let newest = api.get_ok("/pulp/api/v3/repositories/container/container/?limit=1");
    assert_eq!(names(&newest), ["repo-4"]);
}
