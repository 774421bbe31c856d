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

/// Issue 11: names are at most 255 characters and hold no control characters; base paths are registry names of
/// at most 255 characters; an oversized body is 413; a huge offset is an empty last page.
#[test]
fn names_bodies_and_offsets_have_bounds() {
    let d = Daemon::start();
    let api = d.api();
    let too_long = json!(["Ensure this field has no more than 255 characters."]);
    let long = "n".repeat(10_000);
    for collection in [REPOS, "/pulp/api/v3/remotes/container/container/"] {
        let (status, answer) = api.post(
            collection,
            &json!({"name": long, "url": "http://127.0.0.1:1", "upstream_name": "x"}),
        );
        assert_eq!(
            (status, &answer["name"]),
            (400, &too_long),
            "{collection}: {answer}"
        );
        let (status, answer) = api.post(
            collection,
            &json!({"name": "a\u{0}b", "url": "http://127.0.0.1:1", "upstream_name": "x"}),
        );
        assert_eq!(
            (status, &answer["name"]),
            (400, &json!(["Null characters are not allowed."])),
            "{collection}: {answer}"
        );
    }
    let (status, answer) = api.post(DISTRIBUTIONS, &json!({"name": "a\nb", "base_path": "ok"}));
    assert_eq!(
        (status, answer),
        (
            400,
            json!({"name": ["Control characters are not allowed."]})
        )
    );
    let (status, answer) = api.post(
        "/pulp/api/v3/distributions/container/pull-through/",
        &json!({"name": long, "base_path": format!("{}/b", "a".repeat(254)), "remote": "x"}),
    );
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["name"], too_long, "{answer}");
    assert_eq!(answer["base_path"], too_long, "{answer}");
    let (status, answer) = api.post(DISTRIBUTIONS, &json!({"name": "dots", "base_path": "a._b"}));
    assert_eq!(
        (status, answer),
        (
            400,
            json!({"base_path": ["The provided registry path contains forbidden characters."]})
        )
    );
    let (status, answer) = api.post(
        REPOS,
        &json!({"name": "labelled", "pulp_labels": {"k": "x".repeat(256)}}),
    );
    assert_eq!(status, 400, "{answer}");

    // Over the body limit (2 MiB): 413 with a detail, not 400. The daemon answers from the Content-Length and
    // closes, so the request goes over a raw socket (reqwest reports the early close as an error).
    let (status, answer) = post_declaring_length(&d, REPOS, 3 << 20);
    assert_eq!(
        (status, answer),
        (413, json!({"detail": "Request body is too large."}))
    );
    assert_eq!(
        post_declaring_length(&d, REPOS, 10).0,
        400,
        "a short, broken body"
    );

    // An offset at the end of usize (or beyond) is an empty last page.
    api.create_repository("only");
    for offset in ["18446744073709551615", "99999999999999999999999"] {
        let page = api.get_ok(&format!("{REPOS}?limit=1&offset={offset}"));
        assert_eq!(page["count"], 1, "{page}");
        assert_eq!(page["results"], json!([]), "{page}");
        assert_eq!(page["next"], Value::Null, "{page}");
    }
}

/// POSTs to `path` as the admin a body of `length` bytes (`{` repeated: not JSON) from a thread of its own, and
/// reads the answer meanwhile; returns its status and JSON body. A daemon that answers before reading the whole
/// body may close while the body is still being sent: the writer ignores that, and the reader keeps what came.
fn post_declaring_length(d: &Daemon, path: &str, length: usize) -> (u16, Value) {
    use base64::Engine;
    use std::io::{Read, Write};
    let credentials = base64::engine::general_purpose::STANDARD
        .encode(format!("admin:{}", pulp_e2e::daemon::ADMIN_PASSWORD));
    let mut stream = std::net::TcpStream::connect(d.addr()).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Basic {credentials}\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n",
        d.addr()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&b"{".repeat(length));
    });
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    sender.join().unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.len() > 12, "no answer: {answer:?}");
    let status = answer[9..12].parse().unwrap();
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}
