//! Roles and permissions (issue 11, defect 1): a non-staff user changes only what a role grants, credentials
//! never leave for a host they were not set for, and roles are managed with Pulp's endpoints.

use pulp_e2e::daemon::{Api, Daemon};
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const REMOTES: &str = "/pulp/api/v3/remotes/container/container/";
const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";
const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
const USERS: &str = "/pulp/api/v3/users/";
const FORBIDDEN: &str = "You do not have permission to perform this action.";
/// base64 of `upstream:` — the start of the Basic credentials of the remote below, as a leak would send them.
const LEAKED_PREFIX: &str = "dXBzdHJlYW06";

/// A TCP listener that records every byte sent to it and answers each request with a Basic challenge, so a
/// client holding credentials sends them on its retry.
struct Listener {
    port: u16,
    received: Arc<Mutex<Vec<u8>>>,
    connections: Arc<Mutex<usize>>,
}

impl Listener {
    fn start() -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let (r, c) = (received.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                *c.lock().unwrap() += 1;
                stream
                    .set_read_timeout(Some(Duration::from_millis(500)))
                    .unwrap();
                let mut buf = [0u8; 4096];
                // Read each request head and challenge it, until the client hangs up or goes quiet.
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    r.lock().unwrap().extend_from_slice(&buf[..n]);
                    if buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                        let challenge = "HTTP/1.1 401 Unauthorized\r\n\
                                         www-authenticate: Basic realm=\"listener\"\r\n\
                                         content-length: 0\r\n\r\n";
                        if stream.write_all(challenge.as_bytes()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Listener {
            port,
            received,
            connections,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.received.lock().unwrap()).into_owned()
    }

    fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }
}

fn create_user(admin: &Api, name: &str) -> (Value, Api) {
    let password = format!("{name}-password");
    let user = admin.post_expect(USERS, &json!({"username": name, "password": password}), 201);
    let api = admin.with_credentials(Some((name, password.as_str())));
    (user, api)
}

fn href(v: &Value) -> String {
    v["pulp_href"].as_str().unwrap().to_string()
}

fn assert_forbidden((status, body): (u16, Value), what: &str) {
    assert_eq!(status, 403, "{what}: {body}");
    assert_eq!(body["detail"], FORBIDDEN, "{what}");
}

#[test]
fn a_user_cannot_change_or_sync_what_is_not_theirs_and_credentials_never_leak() {
    let d = Daemon::start();
    let admin = d.api();
    let first = Listener::start();
    let trap = Listener::start();

    let remote = admin.post_expect(
        REMOTES,
        &json!({"name": "private-upstream", "url": first.url(), "upstream_name": "library/x",
                "username": "upstream", "password": "upstream-secret"}),
        201,
    );
    let repo = admin.post_expect(
        REPOSITORIES,
        &json!({"name": "admins", "remote": href(&remote)}),
        201,
    );
    let (_, mallory) = create_user(&admin, "mallory");

    // What mallory cannot see she cannot read, change, sync or even list.
    assert_forbidden(
        mallory.patch(&href(&remote), &json!({"url": trap.url()})),
        "PATCH of the admin's remote",
    );
    assert_forbidden(mallory.get(&href(&remote)), "GET of the admin's remote");
    assert_forbidden(
        mallory.post(&format!("{}sync/", href(&repo)), &json!({})),
        "sync of the admin's repository",
    );
    assert_forbidden(
        mallory.patch(&href(&repo), &json!({"description": "mine"})),
        "PATCH of the admin's repository",
    );
    assert_forbidden(
        mallory.delete(&href(&repo)),
        "DELETE of the admin's repository",
    );
    assert_eq!(mallory.get_ok(REMOTES)["count"], 0);
    assert_eq!(mallory.get_ok(REPOSITORIES)["count"], 0);
    assert_eq!(mallory.get_ok("/pulp/api/v3/tasks/")["count"], 0);
    assert_eq!(
        admin.get_ok(&href(&remote))["url"],
        first.url(),
        "the remote is unchanged"
    );

    // Even owning the repository is not enough to sync it from a remote she may not see.
    admin.post_expect(
        &format!("{}add_role/", href(&repo)),
        &json!({"role": "container.containerrepository_owner", "users": ["mallory"]}),
        201,
    );
    assert_forbidden(
        mallory.post(&format!("{}sync/", href(&repo)), &json!({})),
        "sync from a remote mallory cannot see",
    );
    assert_eq!(
        mallory.get_ok(REPOSITORIES)["count"],
        1,
        "she sees the repository now"
    );

    // Control: syncing from the host the credentials were set for sends them there (answering its challenge),
    // so their absence below means something.
    let task = admin.post_expect(&format!("{}sync/", href(&repo)), &json!({}), 202);
    let task = admin.wait_task(task["task"].as_str().unwrap());
    assert_eq!(
        task["state"], "failed",
        "the listener is no registry: {task}"
    );
    assert!(first.text().contains(LEAKED_PREFIX), "{}", first.text());

    // The admin moves the remote to another host without giving the credentials again: they are cleared, the
    // answer says so, and a sync sends none to the new host.
    let response = reqwest::blocking::Client::new()
        .patch(format!("{}{}", d.base_url(), href(&remote)))
        .basic_auth("admin", Some(pulp_e2e::daemon::ADMIN_PASSWORD))
        .json(&json!({"url": trap.url()}))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let warning = response
        .headers()
        .get("warning")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(
        warning.as_deref().is_some_and(|w| w.contains("cleared")),
        "{warning:?}"
    );
    let moved: Value = response.json().unwrap();
    assert!(
        moved["hidden_fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["is_set"] == false),
        "{moved}"
    );
    let task = admin.post_expect(&format!("{}sync/", href(&repo)), &json!({}), 202);
    let task = admin.wait_task(task["task"].as_str().unwrap());
    assert_eq!(task["state"], "failed", "the trap is no registry: {task}");
    assert!(
        task["error"]["description"]
            .as_str()
            .is_some_and(|e| e.contains("401")
                || e.to_lowercase().contains("unauthorized")
                || e.contains("credentials")),
        "the trap challenged the sync: {task}"
    );
    wait_until(
        Duration::from_secs(10),
        "the sync to reach the trap",
        || {
            (trap.connections() > 0)
                .then_some(())
                .ok_or("no connection")
        },
    );
    let seen = trap.text();
    assert!(
        !seen.to_ascii_lowercase().contains("authorization:"),
        "no credentials may reach the new host: {seen}"
    );
    assert!(!seen.contains(LEAKED_PREFIX));
    assert!(
        !task["error"].to_string().contains("upstream-secret"),
        "{task}"
    );

    // A URL carrying credentials is refused (it would be shown to every reader).
    let (status, body) = admin.patch(
        &href(&remote),
        &json!({"url": "http://upstream:upstream-secret@127.0.0.1:1"}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["url"][0].as_str().unwrap().contains("credentials"),
        "{body}"
    );
}

#[test]
fn creators_own_what_they_create_and_roles_are_managed_as_in_pulp() {
    let d = Daemon::start();
    let admin = d.api();
    let (alice_user, alice) = create_user(&admin, "alice");
    let (_, bob) = create_user(&admin, "bob");
    let alice_roles = format!("{}roles/", href(&alice_user));

    // Without a creator role a user creates nothing.
    assert_forbidden(
        alice.post(REPOSITORIES, &json!({"name": "alices"})),
        "create without a role",
    );
    // Staff give model-level roles with content_object null.
    let given = admin.post_expect(
        &alice_roles,
        &json!({"role": "container.containerrepository_creator", "content_object": null}),
        201,
    );
    assert_eq!(given["role"], "container.containerrepository_creator");
    assert_eq!(given["content_object"], Value::Null);
    assert_eq!(
        given["permissions"],
        json!(["container.add_containerrepository"])
    );
    assert!(href(&given).starts_with(&alice_roles));
    let (status, body) = admin.post(
        &alice_roles,
        &json!({"role": "container.containerrepository_creator", "content_object": null}),
    );
    assert_eq!(status, 400, "a role is given once: {body}");
    let (status, body) = admin.post(
        &alice_roles,
        &json!({"role": "no.such_role", "content_object": null}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["role"][0].as_str().unwrap().contains("does not exist"),
        "{body}"
    );
    assert_forbidden(
        bob.post(
            &alice_roles,
            &json!({"role": "container.containerremote_creator", "content_object": null}),
        ),
        "a user gives roles",
    );
    assert_forbidden(bob.get(&alice_roles), "a user reads another's roles");
    assert_eq!(
        alice.get_ok(&alice_roles)["count"],
        1,
        "a user reads their own"
    );

    // The creator owns the repository: sees it, changes it, shares it; others see nothing.
    let repo = alice.post_expect(REPOSITORIES, &json!({"name": "alices"}), 201);
    let repo_href = href(&repo);
    let mine = alice.get_ok(&format!("{repo_href}my_permissions/"));
    let perms: Vec<&str> = mine["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for p in [
        "container.view_containerrepository",
        "container.change_containerrepository",
        "container.delete_containerrepository",
        "container.manage_roles_containerrepository",
        "container.sync_containerrepository",
    ] {
        assert!(perms.contains(&p), "{p} in {perms:?}");
    }
    assert_eq!(
        alice.get_ok(&format!("{repo_href}list_roles/")),
        json!({"roles": [{"role": "container.containerrepository_owner", "users": ["alice"], "groups": []}]})
    );
    assert_forbidden(bob.get(&repo_href), "bob reads alice's repository");
    assert_forbidden(
        bob.get(&format!("{repo_href}list_roles/")),
        "bob lists its roles",
    );
    assert_eq!(bob.get_ok(REPOSITORIES)["count"], 0);

    // Sharing: a viewer sees but cannot change; errors are Pulp's.
    let (status, body) = alice.post(
        &format!("{repo_href}add_role/"),
        &json!({"role": "container.containerremote_owner", "users": ["bob"]}),
    );
    assert_eq!(status, 400, "a remote role on a repository: {body}");
    let (status, body) = alice.post(
        &format!("{repo_href}add_role/"),
        &json!({"role": "container.containerrepository_viewer", "users": ["nobody"]}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["users"][0].as_str().unwrap().contains("nobody"),
        "{body}"
    );
    let added = alice.post_expect(
        &format!("{repo_href}add_role/"),
        &json!({"role": "container.containerrepository_viewer", "users": ["bob"]}),
        201,
    );
    assert_eq!(
        added,
        json!({"role": "container.containerrepository_viewer", "users": ["bob"], "groups": []})
    );
    assert_eq!(bob.get_ok(&repo_href)["name"], "alices");
    assert_eq!(bob.get_ok(REPOSITORIES)["count"], 1);
    assert_forbidden(
        bob.patch(&repo_href, &json!({"description": "bob was here"})),
        "a viewer changes",
    );
    assert_forbidden(
        bob.post(
            &format!("{repo_href}add_role/"),
            &json!({"role": "container.containerrepository_owner", "users": ["bob"]}),
        ),
        "a viewer makes himself owner",
    );
    alice.post_expect(
        &format!("{repo_href}remove_role/"),
        &json!({"role": "container.containerrepository_viewer", "users": ["bob"]}),
        201,
    );
    let (status, body) = alice.post(
        &format!("{repo_href}remove_role/"),
        &json!({"role": "container.containerrepository_viewer", "users": ["bob"]}),
    );
    assert_eq!(status, 400, "not assigned any more: {body}");
    assert_forbidden(bob.get(&repo_href), "after remove_role");

    // A distribution needs its own creator role and the right to see the repository it serves.
    assert_forbidden(
        alice.post(
            DISTRIBUTIONS,
            &json!({"name": "a", "base_path": "a", "repository": repo_href}),
        ),
        "distribution create without a role",
    );
    admin.post_expect(
        &alice_roles,
        &json!({"role": "container.containerdistribution_creator", "content_object": null}),
        201,
    );
    let task = alice.post_expect(
        DISTRIBUTIONS,
        &json!({"name": "a", "base_path": "a", "repository": repo_href, "private": true}),
        202,
    );
    let task = alice.wait_task(task["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    let dist = task["created_resources"][0].as_str().unwrap().to_string();
    assert_eq!(
        alice.get_ok(&format!("{dist}list_roles/"))["roles"][0]["users"],
        json!(["alice"])
    );
    assert_forbidden(bob.get(&dist), "a private distribution of someone else");
    assert_forbidden(
        bob.get(task["pulp_href"].as_str().unwrap()),
        "another user's task",
    );
    assert_eq!(bob.get_ok(DISTRIBUTIONS)["count"], 0);
    assert_eq!(
        alice.get_ok("/pulp/api/v3/tasks/")["count"],
        1,
        "her own task"
    );

    // Deleting the user takes their roles with them; the roles of an object go with the object.
    let (status, _) = alice.delete(&repo_href);
    assert_eq!(status, 204);
    let left = admin.get_ok(&alice_roles);
    assert!(
        left["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["content_object"].as_str() != Some(repo_href.as_str())),
        "{left}"
    );
    let one = href(&left["results"][0]);
    assert_eq!(admin.get_ok(&one)["pulp_href"], one);
    assert_eq!(admin.delete(&one).0, 204);
    assert_eq!(admin.get(&one).0, 404);
}
