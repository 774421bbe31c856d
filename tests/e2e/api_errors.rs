//! Bad input answers at once with Pulp's status codes and `{"field": ["message"]}` bodies, before any task.

use pulp_e2e::daemon::Daemon;
use serde_json::{json, Value};

const REPOS: &str = "/pulp/api/v3/repositories/container/container/";
const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";

fn create_distribution(api: &pulp_e2e::daemon::Api, body: Value) -> String {
    let answer = api.post_expect(DISTRIBUTIONS, &body, 202);
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    task["created_resources"][0].as_str().unwrap().to_string()
}

#[test]
fn validation_errors_name_the_field() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("hello-repo");
    let repo_href = repo["pulp_href"].as_str().unwrap();
    let v0 = repo["latest_version_href"].as_str().unwrap();
    create_distribution(
        &api,
        json!({"name": "hello", "base_path": "hello", "repository": repo_href}),
    );
    create_distribution(&api, json!({"name": "lib", "base_path": "library/hello"}));
    let tasks_before = api.get_ok("/pulp/api/v3/tasks/")["count"].clone();

    let cases: Vec<(Value, Value)> = vec![
        (
            json!({"name": "hello", "base_path": "other"}),
            json!({"name": ["This field must be unique."]}),
        ),
        (
            json!({"name": "other", "base_path": "hello"}),
            json!({"base_path": ["This field must be unique."]}),
        ),
        (
            json!({"name": "o2", "base_path": "hello/sub"}),
            json!({"base_path": ["Overlaps with an existing distribution."]}),
        ),
        (
            json!({"name": "o3", "base_path": "library"}),
            json!({"base_path": ["Overlaps with an existing distribution."]}),
        ),
        (
            json!({"name": "o4", "base_path": "/leading-slash"}),
            json!({"base_path": ["Relative path is not in canonical form. /leading-slash"]}),
        ),
        (
            json!({"name": "o5", "base_path": "UPPER/Case"}),
            json!({"base_path": ["The provided registry path contains forbidden characters."]}),
        ),
        (
            json!({"name": "x"}),
            json!({"base_path": ["This field is required."]}),
        ),
        (
            json!({}),
            json!({"base_path": ["This field is required."], "name": ["This field is required."]}),
        ),
        (
            json!({"name": "both", "base_path": "both", "repository": repo_href, "repository_version": v0}),
            json!({"non_field_errors": ["Only one of the attributes 'repository' and 'repository_version' may be used simultaneously."]}),
        ),
        (
            json!({"name": "bad", "base_path": "bad", "repository": format!("{REPOS}not-a-uuid/")}),
            json!({"repository": ["“not-a-uuid” is not a valid UUID."]}),
        ),
        (
            json!({"name": "bad", "base_path": "bad", "repository": format!("{REPOS}01a20747-0000-7000-8000-000000000000/")}),
            json!({"repository": ["Invalid hyperlink - Object does not exist."]}),
        ),
        (
            json!({"name": "bad", "base_path": "bad", "repository": "http://nope/"}),
            json!({"repository": ["Invalid hyperlink - No URL match."]}),
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = api.post(DISTRIBUTIONS, &body);
        assert_eq!((status, &answer), (400, &expected), "POST {body}");
    }
    assert_eq!(
        api.get_ok("/pulp/api/v3/tasks/")["count"],
        tasks_before,
        "a refused request creates no task"
    );

    let (status, answer) = api.post(REPOS, &json!({"name": "hello-repo"}));
    assert_eq!(
        (status, answer),
        (400, json!({"name": ["This field must be unique."]}))
    );
    let (status, answer) = api.post(REPOS, &json!({}));
    assert_eq!(
        (status, answer),
        (400, json!({"name": ["This field is required."]}))
    );
    let (status, answer) = api.post(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "r", "url": "http://127.0.0.1:5055", "upstream_name": "x", "policy": "bogus"}),
    );
    assert_eq!(
        (status, answer),
        (400, json!({"policy": ["\"bogus\" is not a valid choice."]}))
    );
}

#[test]
fn unknown_ids_malformed_json_and_methods() {
    let d = Daemon::start();
    let api = d.api();
    let (status, body) = api.get(&format!("{REPOS}01a20747-0000-7000-8000-000000000000/"));
    assert_eq!(
        (status, body),
        (
            404,
            json!({"detail": "No ContainerRepository matches the given query."})
        )
    );
    let (status, body) = api.get(&format!("{REPOS}not-a-uuid/"));
    assert_eq!((status, body), (404, json!({"detail": "Not found."})));
    let (status, body) = api.get("/pulp/api/v3/tasks/01a20747-0000-7000-8000-000000000000/");
    assert_eq!(
        (status, body),
        (404, json!({"detail": "No Task matches the given query."}))
    );
    let (status, body) = api.delete(&format!(
        "{DISTRIBUTIONS}01a20747-0000-7000-8000-000000000000/"
    ));
    assert_eq!(
        (status, body),
        (
            404,
            json!({"detail": "No ContainerDistribution matches the given query."})
        )
    );

    let resp = reqwest::blocking::Client::new()
        .post(format!("{}{REPOS}", d.base_url()))
        .basic_auth("admin", Some(pulp_e2e::daemon::ADMIN_PASSWORD))
        .header("content-type", "application/json")
        .body("{\"name\":")
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("JSON parse error"),
        "{body}"
    );

    let (status, body) = api.put("/pulp/api/v3/tasks/", &json!({}));
    assert_eq!(
        (status, body),
        (405, json!({"detail": "Method \"PUT\" not allowed."}))
    );
}

#[test]
fn credentials_are_required_except_for_status() {
    let d = Daemon::start();
    let anonymous = d.api().with_credentials(None);
    let resp = reqwest::blocking::get(format!("{}{REPOS}", d.base_url())).unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.headers()["www-authenticate"], "Basic realm=\"api\"");
    let (status, body) = anonymous.get(REPOS);
    assert_eq!(
        (status, body),
        (
            401,
            json!({"detail": "Authentication credentials were not provided."})
        )
    );
    let wrong = d.api().with_credentials(Some(("admin", "wrong")));
    let (status, body) = wrong.get(REPOS);
    assert_eq!(
        (status, body),
        (401, json!({"detail": "Invalid username/password."}))
    );
    let (status, body) = wrong.post(DISTRIBUTIONS, &json!({"name": "x", "base_path": "x"}));
    assert_eq!(status, 401, "{body}");
    let (status, status_body) = anonymous.get("/pulp/api/v3/status/");
    assert_eq!(status, 200);
    assert!(
        status_body["storage"]["total"].as_u64().unwrap() > 0,
        "{status_body}"
    );
    assert!(!status_body["online_workers"].as_array().unwrap().is_empty());
}

#[test]
fn task_cancel_and_delete_rules() {
    let d = Daemon::start();
    let api = d.api();
    let answer = api.post_expect(DISTRIBUTIONS, &json!({"name": "t", "base_path": "t"}), 202);
    let href = answer["task"].as_str().unwrap();
    api.wait_task(href);
    let (status, body) = api.patch(href, &json!({"state": "completed"}));
    assert_eq!(
        (status, body),
        (
            400,
            json!({"state": ["The only acceptable value for 'state' is 'canceled'."]})
        )
    );
    let (status, body) = api.patch(href, &json!({"state": "canceled"}));
    assert_eq!(status, 409, "cancel of a finished task: {body}");
    assert_eq!(body["state"], "completed");
    assert_eq!(api.delete(href).0, 204);
    assert_eq!(api.get(href).0, 404);
}
