//! Nothing acknowledged is lost: `kill -9` and restart on the same data dir keeps every resource; SIGTERM
//! shuts down cleanly.

use pulp_e2e::daemon::Daemon;
use serde_json::json;

const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";

#[test]
fn resources_survive_kill_9() {
    let mut d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("durable");
    let remote = api.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "up", "url": "http://127.0.0.1:9", "upstream_name": "library/hello"}),
        201,
    );
    let answer = api.post_expect(
        DISTRIBUTIONS,
        &json!({"name": "durable", "base_path": "durable", "repository": repo["pulp_href"]}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    let dist_href = task["created_resources"][0].as_str().unwrap().to_string();

    d.kill9();
    d.restart();
    let api = d.api();
    assert_eq!(
        api.get_ok(repo["pulp_href"].as_str().unwrap())["name"],
        "durable"
    );
    assert_eq!(
        api.get_ok(remote["pulp_href"].as_str().unwrap())["name"],
        "up"
    );
    let dist = api.get_ok(&dist_href);
    assert_eq!(dist["base_path"], "durable");
    assert_eq!(
        dist["registry_path"],
        format!("{}/durable", d.registry_host())
    );
    let task = api.get_ok(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed");
    // Unique indexes survived too.
    let (status, body) = api.post(
        DISTRIBUTIONS,
        &json!({"name": "durable", "base_path": "other"}),
    );
    assert_eq!(status, 400, "{body}");
}

#[test]
fn sigterm_stops_cleanly() {
    let mut d = Daemon::start();
    d.api().create_repository("before-term");
    let status = d.terminate();
    assert!(
        status.success(),
        "pulpd exit status after SIGTERM: {status}"
    );
    assert!(d.log().contains("stopped"), "{}", d.log());
    d.restart();
    d.api()
        .get_ok("/pulp/api/v3/repositories/container/container/?name=before-term");
}

/// A task running when pulpd is killed shows failed after the restart, never "running" forever.
#[test]
fn a_task_running_at_kill_9_is_failed_after_restart() {
    // An upstream that accepts connections (the kernel's backlog) and never answers: the sync hangs in its
    // first request, so the task is reliably running when pulpd dies.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let mut d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("hangs");
    let remote = api.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "silent", "url": url, "upstream_name": "library/hello"}),
        201,
    );
    let answer = api.post_expect(
        &format!("{}sync/", repo["pulp_href"].as_str().unwrap()),
        &json!({"remote": remote["pulp_href"]}),
        202,
    );
    let task_href = answer["task"].as_str().unwrap().to_string();
    pulp_e2e::wait::wait_until(
        std::time::Duration::from_secs(30),
        "the sync task to be running",
        || match api.get_ok(&task_href)["state"].as_str() {
            Some("running") => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );

    d.kill9();
    d.restart();
    let task = d.api().get_ok(&task_href);
    assert_eq!(task["state"], "failed", "{task}");
    let error = task["error"]["description"].as_str().unwrap();
    assert!(error.contains("pulpd stopped"), "{error}");
    assert!(task["finished_at"].is_string());
    let repo = d.api().get_ok(repo["pulp_href"].as_str().unwrap());
    assert!(
        repo["latest_version_href"]
            .as_str()
            .unwrap()
            .ends_with("/versions/0/"),
        "an interrupted sync makes no version: {repo}"
    );
    drop(silent);
}
