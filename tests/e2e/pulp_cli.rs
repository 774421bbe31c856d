//! The real pulp-cli (PyPI's `pulp-cli`, pinned in `scripts/test`), unchanged, drives pulpd: it loads pulpd's
//! OpenAPI document, builds every request from it, and each command exits 0 with what a Pulp user reads.
//! The document itself passes a real OpenAPI 3 validator (PyPI's openapi-spec-validator).

use pulp_e2e::daemon::{Daemon, ADMIN_PASSWORD};
use pulp_e2e::oci::{Registry, TestImage};
use pulp_e2e::pulp_cli::PulpCli;
use pulp_e2e::upstream;
use serde_json::Value;
use std::process::Command;

/// The entries of a `list` answer (pulp-cli prints the results array).
fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("a list prints an array: {list:#}"))
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pulp_status_reports_the_pulp_versions_pulp_cli_checks() {
    let d = Daemon::start();
    let pulp = PulpCli::for_daemon(&d);
    let status = pulp.json(&["status"]);
    let version = |component: &str| {
        status["versions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["component"] == component)
            .unwrap_or_else(|| panic!("no {component} in {status:#}"))["version"]
            .clone()
    };
    assert_eq!(version("core"), "3.123.1");
    assert_eq!(version("container"), "2.30.0");
    assert_eq!(status["database_connection"]["connected"], true);
}

#[test]
fn container_remotes_repositories_sync_distributions_and_tasks() {
    let up = upstream::shared();
    let d = Daemon::start();
    let pulp = PulpCli::for_daemon(&d);

    // Remotes: create with credentials (write-only: shown as hidden fields), show, update, list, destroy.
    let remote = pulp.json(&[
        "container",
        "remote",
        "create",
        "--name",
        "with-credentials",
        "--url",
        &up.url(),
        "--upstream-name",
        "library/hello",
        "--username",
        "puller",
        "--password",
        "secret-pw",
    ]);
    assert_eq!(remote["name"], "with-credentials");
    assert_eq!(remote["upstream_name"], "library/hello");
    assert_eq!(remote["url"], up.url());
    assert!(!remote.to_string().contains("secret-pw"), "{remote:#}");
    let hidden = |remote: &Value, field: &str| {
        remote["hidden_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == field)
            .unwrap_or_else(|| panic!("no hidden field {field}: {remote:#}"))["is_set"]
            .clone()
    };
    assert_eq!(hidden(&remote, "username"), true);
    assert_eq!(hidden(&remote, "password"), true);
    let shown = pulp.json(&["container", "remote", "show", "--name", "with-credentials"]);
    assert_eq!(shown["pulp_href"], remote["pulp_href"]);
    pulp.run(&[
        "container",
        "remote",
        "update",
        "--name",
        "with-credentials",
        "--upstream-name",
        "library/other",
    ])
    .ok();
    let shown = pulp.json(&[
        "container",
        "remote",
        "show",
        "--href",
        remote["pulp_href"].as_str().unwrap(),
    ]);
    assert_eq!(shown["upstream_name"], "library/other");

    let sync_remote = pulp.json(&[
        "container",
        "remote",
        "create",
        "--name",
        "hello-upstream",
        "--url",
        &up.url(),
        "--upstream-name",
        "library/hello",
    ]);
    let listed = pulp.json(&["container", "remote", "list"]);
    let mut listed = names(&listed);
    listed.sort();
    assert_eq!(listed, ["hello-upstream", "with-credentials"]);
    pulp.run(&[
        "container",
        "remote",
        "destroy",
        "--name",
        "with-credentials",
    ])
    .ok();
    assert_eq!(
        names(&pulp.json(&["container", "remote", "list"])),
        ["hello-upstream"]
    );

    // Repositories: create with the remote, list, show, sync (waits for the task; a new version).
    let repository = pulp.json(&[
        "container",
        "repository",
        "create",
        "--name",
        "hello",
        "--remote",
        "hello-upstream",
    ]);
    assert_eq!(repository["remote"], sync_remote["pulp_href"]);
    assert!(repository["latest_version_href"]
        .as_str()
        .unwrap()
        .ends_with("/versions/0/"));
    assert_eq!(
        names(&pulp.json(&["container", "repository", "list"])),
        ["hello"]
    );
    pulp.run(&["container", "repository", "sync", "--name", "hello"])
        .ok();
    let synced = pulp.json(&["container", "repository", "show", "--name", "hello"]);
    assert!(
        synced["latest_version_href"]
            .as_str()
            .unwrap()
            .ends_with("/versions/1/"),
        "{synced:#}"
    );

    // Versions: the sync made version 1 on top of version 0.
    let versions = pulp.json(&[
        "container",
        "repository",
        "version",
        "list",
        "--repository",
        "hello",
    ]);
    let numbers: Vec<u64> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 0]);
    assert!(
        versions[0]["content_summary"]["added"]["container.tag"]["count"]
            .as_u64()
            .unwrap()
            > 0,
        "{versions:#}"
    );
    // show and destroy: version 0 (not the latest, which may not be deleted) goes, by a task.
    let shown = pulp.json(&[
        "container",
        "repository",
        "version",
        "show",
        "--repository",
        "hello",
        "--version",
        "1",
    ]);
    assert_eq!(shown["number"], 1, "{shown:#}");
    assert_eq!(shown["pulp_href"], versions[0]["pulp_href"]);
    pulp.run(&[
        "container",
        "repository",
        "version",
        "destroy",
        "--repository",
        "hello",
        "--version",
        "0",
    ])
    .ok();
    let left = pulp.json(&[
        "container",
        "repository",
        "version",
        "list",
        "--repository",
        "hello",
    ]);
    assert_eq!(left.as_array().unwrap().len(), 1, "{left:#}");
    assert_eq!(left[0]["number"], 1);

    // Labels, one at a time.
    for (key, value) in [("team", "infra"), ("env", "prod")] {
        pulp.run(&[
            "container",
            "repository",
            "label",
            "set",
            "--repository",
            "hello",
            "--key",
            key,
            "--value",
            value,
        ])
        .ok();
    }
    let shown = pulp.run(&[
        "container",
        "repository",
        "label",
        "show",
        "--repository",
        "hello",
        "--key",
        "team",
    ]);
    assert_eq!(shown.ok().trim(), "infra");
    pulp.run(&[
        "container",
        "repository",
        "label",
        "unset",
        "--repository",
        "hello",
        "--key",
        "env",
    ])
    .ok();
    let labelled = pulp.json(&["container", "repository", "show", "--name", "hello"]);
    assert_eq!(
        labelled["pulp_labels"],
        serde_json::json!({"team": "infra"})
    );
    let missing = pulp.run(&[
        "container",
        "repository",
        "label",
        "unset",
        "--repository",
        "hello",
        "--key",
        "env",
    ]);
    assert!(!missing.output.status.success());
    assert!(
        missing.stderr().contains("Label 'env' does not exist."),
        "{}",
        missing.stderr()
    );

    // Label select.
    assert_eq!(
        names(&pulp.json(&[
            "container",
            "repository",
            "list",
            "--label-select",
            "team=infra"
        ])),
        ["hello"]
    );
    assert_eq!(
        pulp.json(&["container", "repository", "list", "--label-select", "!team"]),
        serde_json::json!([])
    );

    // Content: the repository's tags (pulp-cli's repository content list), the same through the content
    // commands with the version href, a manifest found by its digest, and the blobs; each as many as the
    // version's content summary counts.
    let present = &versions[0]["content_summary"]["present"];
    let count = |kind: &str| present[kind]["count"].as_u64().unwrap() as usize;
    let v1 = versions[0]["pulp_href"].as_str().unwrap();
    let tags = pulp.json(&[
        "container",
        "repository",
        "content",
        "-t",
        "tag",
        "list",
        "--repository",
        "hello",
        "--limit",
        "1000",
    ]);
    assert_eq!(names(&tags).len(), count("container.tag"), "{tags:#}");
    let same = pulp.json(&[
        "container",
        "content",
        "-t",
        "tag",
        "list",
        "--repository-version",
        v1,
        "--limit",
        "1000",
    ]);
    let mut a = names(&tags);
    let mut b = names(&same);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let tagged = tags[0]["tagged_manifest"].as_str().unwrap();
    let manifest = pulp.json(&[
        "container",
        "content",
        "-t",
        "manifest",
        "show",
        "--href",
        tagged,
    ]);
    let digest = manifest["digest"].as_str().unwrap();
    let found = pulp.json(&[
        "container",
        "content",
        "-t",
        "manifest",
        "list",
        "--digest",
        digest,
    ]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found:#}");
    assert_eq!(found[0]["pulp_href"], tagged);
    let manifests = pulp.json(&[
        "container",
        "content",
        "-t",
        "manifest",
        "list",
        "--repository-version",
        v1,
        "--limit",
        "1000",
    ]);
    assert_eq!(
        manifests.as_array().unwrap().len(),
        count("container.manifest")
    );
    let blobs = pulp.json(&[
        "container",
        "content",
        "-t",
        "blob",
        "list",
        "--repository-version",
        v1,
        "--limit",
        "1000",
    ]);
    let blobs = blobs.as_array().unwrap();
    assert_eq!(blobs.len(), count("container.blob"));
    for blob in blobs {
        assert!(
            blob["digest"].as_str().unwrap().starts_with("sha256:"),
            "{blob:#}"
        );
    }

    // Copying and moving content between repositories: copy-tag brings the tag with its manifest,
    // `content remove` of the tag takes both again, copy-manifest brings a manifest without tags, and
    // `content add` of the tag (looked up by name and digest) puts it back.
    let tag_name = tags[0]["name"].as_str().unwrap();
    pulp.run(&["container", "repository", "create", "--name", "copy"])
        .ok();
    let copied_tags = || {
        names(&pulp.json(&[
            "container",
            "repository",
            "content",
            "-t",
            "tag",
            "list",
            "--repository",
            "copy",
        ]))
    };
    let copied_manifests = || {
        pulp.json(&[
            "container",
            "repository",
            "content",
            "-t",
            "manifest",
            "list",
            "--repository",
            "copy",
        ])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["digest"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
    };
    pulp.run(&[
        "container",
        "repository",
        "copy-tag",
        "--name",
        "copy",
        "--source",
        "hello",
        "--tag",
        tag_name,
    ])
    .ok();
    assert_eq!(copied_tags(), [tag_name]);
    assert_eq!(copied_manifests(), [digest]);
    pulp.run(&[
        "container",
        "repository",
        "content",
        "-t",
        "tag",
        "remove",
        "--repository",
        "copy",
        "--name",
        tag_name,
        "--digest",
        digest,
    ])
    .ok();
    assert!(copied_tags().is_empty());
    assert!(copied_manifests().is_empty());
    pulp.run(&[
        "container",
        "repository",
        "copy-manifest",
        "--name",
        "copy",
        "--source",
        "hello",
        "--digest",
        digest,
    ])
    .ok();
    assert!(copied_tags().is_empty());
    assert_eq!(copied_manifests(), [digest]);
    pulp.run(&[
        "container",
        "repository",
        "content",
        "-t",
        "tag",
        "add",
        "--repository",
        "copy",
        "--name",
        tag_name,
        "--digest",
        digest,
    ])
    .ok();
    assert_eq!(copied_tags(), [tag_name]);

    // Distributions: create (a task; pulp-cli then shows the created distribution), show, list, destroy.
    let distribution = pulp.json(&[
        "container",
        "distribution",
        "create",
        "--name",
        "hello-dist",
        "--base-path",
        "team/hello",
        "--repository",
        "hello",
    ]);
    assert_eq!(distribution["name"], "hello-dist");
    assert_eq!(distribution["base_path"], "team/hello");
    assert_eq!(
        distribution["registry_path"],
        format!("{}/team/hello", d.registry_host())
    );
    assert_eq!(distribution["repository"], repository["pulp_href"]);
    let shown = pulp.json(&["container", "distribution", "show", "--name", "hello-dist"]);
    assert_eq!(shown["registry_path"], distribution["registry_path"]);
    assert_eq!(
        names(&pulp.json(&["container", "distribution", "list"])),
        ["hello-dist"]
    );
    pulp.run(&[
        "container",
        "distribution",
        "destroy",
        "--name",
        "hello-dist",
    ])
    .ok();
    assert_eq!(
        pulp.json(&["container", "distribution", "list"]),
        serde_json::json!([])
    );

    // Tasks: the sync and the distribution tasks are listed and shown with every field of Pulp's task.
    let tasks = pulp.json(&[
        "task",
        "list",
        "--name",
        "pulp_container.app.tasks.synchronize.synchronize",
    ]);
    let tasks = tasks.as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:#?}");
    let href = tasks[0]["pulp_href"].as_str().unwrap();
    let task = pulp.json(&["task", "show", "--href", href]);
    assert_eq!(task["state"], "completed", "{task:#}");
    for field in [
        "result",
        "worker",
        "parent_task",
        "child_tasks",
        "task_group",
        "reserved_resources_record",
        "created_resources",
        "created_resource_prns",
        "progress_reports",
        "error",
        "logging_cid",
        "pulp_api_version",
    ] {
        assert!(task.get(field).is_some(), "no {field} in {task:#}");
    }
    assert!(task["created_resources"][0]
        .as_str()
        .unwrap()
        .ends_with("/versions/1/"));
    let all = pulp.json(&["task", "list"]);
    assert!(all.as_array().unwrap().len() >= 3, "{all:#}");
    let finished = pulp.json(&[
        "task",
        "list",
        "--state-in",
        "completed",
        "--state-in",
        "failed",
    ]);
    assert_eq!(
        finished.as_array().unwrap().len(),
        all.as_array().unwrap().len()
    );
    assert_eq!(
        pulp.json(&["task", "list", "--state", "running"]),
        serde_json::json!([])
    );
    // Time filters, as pulp-cli sends them (no zone).
    let since = pulp.json(&["task", "list", "--started-after", "2000-01-01T00:00:00"]);
    assert_eq!(
        since.as_array().unwrap().len(),
        all.as_array().unwrap().len()
    );
    assert_eq!(
        pulp.json(&["task", "list", "--finished-before", "2000-01-01T00:00:00"]),
        serde_json::json!([])
    );

    // Orphan cleanup: a task that completes (the destroyed distribution's repository still holds the content).
    let cleanup = pulp.json(&["orphan", "cleanup", "--protection-time", "0"]);
    assert_eq!(cleanup["state"], "completed", "{cleanup:#}");
    assert_eq!(cleanup["name"], "pulpcore.app.tasks.orphan.orphan_cleanup");
}

#[test]
fn push_repositories_tag_and_untag() {
    let d = Daemon::start();
    let pulp = PulpCli::for_daemon(&d);
    let registry = Registry::login(
        &d,
        Some(("admin", ADMIN_PASSWORD)),
        &["repository:team/app:pull,push,delete"],
    );
    let image = TestImage::small("pulp-cli push", 7);
    registry.push_image("team/app", "v1", &image);

    let listed = pulp.json(&["container", "repository", "-t", "push", "list"]);
    assert_eq!(names(&listed), ["team/app"]);
    pulp.run(&[
        "container",
        "repository",
        "-t",
        "push",
        "tag",
        "--name",
        "team/app",
        "--tag",
        "stable",
        "--digest",
        &image.digest,
    ])
    .ok();
    let mut tags = registry.tags("team/app", "");
    tags.sort();
    assert_eq!(tags, ["stable", "v1"]);
    pulp.run(&[
        "container",
        "repository",
        "-t",
        "push",
        "untag",
        "--name",
        "team/app",
        "--tag",
        "v1",
    ])
    .ok();
    assert_eq!(registry.tags("team/app", ""), ["stable"]);
    let shown = pulp.json(&[
        "container",
        "repository",
        "-t",
        "push",
        "show",
        "--name",
        "team/app",
    ]);
    assert!(
        shown["latest_version_href"]
            .as_str()
            .unwrap()
            .ends_with("/versions/3/"),
        "push, tag and untag make versions 1 to 3: {shown:#}"
    );
}

/// The document served at `docs/api.json` validates as OpenAPI 3 (openapi-spec-validator), anonymously.
#[test]
fn the_api_document_validates() {
    let d = Daemon::start();
    let response = d
        .http_client()
        .get(format!("{}/pulp/api/v3/docs/api.json", d.base_url()))
        .send()
        .expect("GET api.json");
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    // Like Pulp's own document, the paths of items are keyed by a whole-href parameter
    // (`{container_container_repository_href}sync/`): pulp-glue substitutes an href there, so the key cannot
    // start with `/` as OpenAPI wants. That is the one departure; the validator sees those keys rooted.
    let paths = doc["paths"].as_object_mut().unwrap();
    let keys: Vec<String> = paths.keys().cloned().collect();
    let mut href_keyed = 0;
    for key in keys {
        if key.starts_with('{') {
            let item = paths.remove(&key).unwrap();
            paths.insert(format!("/{key}"), item);
            href_keyed += 1;
        } else {
            assert!(key.starts_with("/pulp/api/v3/"), "{key}");
        }
    }
    assert!(href_keyed > 0);
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), doc.to_string()).unwrap();
    let python = std::env::var("PULPD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!(
            "PULPD_TEST_PYTHON is not set: run the tests through scripts/test, which installs PyPI's \
             openapi-spec-validator into its cache venv and exports that venv's python"
        )
    });
    let out = Command::new(&python)
        .args([
            "-c",
            "import json, sys\nfrom openapi_spec_validator import validate\n\
             validate(json.load(open(sys.argv[1])))\nprint('valid')",
        ])
        .arg(path.path())
        .output()
        .unwrap_or_else(|e| panic!("running {python}: {e}"));
    assert!(
        out.status.success(),
        "openapi-spec-validator rejects the document:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "valid");
    let yaml = d
        .http_client()
        .get(format!("{}/pulp/api/v3/docs/api.yaml", d.base_url()))
        .send()
        .unwrap();
    assert_eq!(yaml.status().as_u16(), 200);
}

#[test]
fn container_remote_connection_settings_are_stored_shown_and_honoured() {
    let up = upstream::shared();
    let d = Daemon::start();
    let pulp = PulpCli::for_daemon(&d);
    let files = tempfile::tempdir().unwrap();
    let pem = |name: &str, text: &str| {
        let path = files.path().join(name);
        std::fs::write(&path, text).unwrap();
        format!("@{}", path.display())
    };
    let ca = rcgen::generate_simple_self_signed(vec!["registry.example".into()]).unwrap();
    let client = rcgen::generate_simple_self_signed(vec!["puller".into()]).unwrap();
    let (ca_pem, client_pem, key_pem) = (
        ca.cert.pem(),
        client.cert.pem(),
        client.key_pair.serialize_pem(),
    );

    // An upstream that accepts connections and never answers: only a timeout ends a request to it.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let created = pulp.json(&[
        "container",
        "remote",
        "create",
        "--name",
        "tuned",
        "--url",
        &silent_url,
        "--upstream-name",
        "library/hello",
        "--ca-cert",
        &pem("ca.pem", &ca_pem),
        "--client-cert",
        &pem("client.pem", &client_pem),
        "--client-key",
        &pem("client.key", &key_pem),
        "--max-retries",
        "0",
        "--total-timeout",
        "1.5",
        "--connect-timeout",
        "5",
        "--sock-read-timeout",
        "30",
        "--download-concurrency",
        "3",
        "--rate-limit",
        "10",
        "--header",
        "X-Team:registry",
    ]);
    // `show` reads them back as Pulp shows them; the key is write-only.
    let shown = pulp.json(&["container", "remote", "show", "--name", "tuned"]);
    assert_eq!(shown, created);
    assert_eq!(shown["ca_cert"], ca_pem);
    assert_eq!(shown["client_cert"], client_pem);
    assert_eq!(shown["max_retries"], 0);
    assert_eq!(shown["total_timeout"], 1.5);
    assert_eq!(shown["connect_timeout"], 5.0);
    assert_eq!(shown["sock_read_timeout"], 30.0);
    assert_eq!(shown["sock_connect_timeout"], Value::Null);
    assert_eq!(shown["download_concurrency"], 3);
    assert_eq!(shown["rate_limit"], 10);
    assert_eq!(
        shown["headers"],
        serde_json::json!([{"X-Team": "registry"}])
    );
    assert!(shown.get("client_key").is_none(), "{shown:#}");
    assert!(!shown.to_string().contains("PRIVATE KEY"), "{shown:#}");
    let hidden: Vec<(String, bool)> = shown["hidden_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["name"].as_str().unwrap().to_string(), h["is_set"] == true))
        .collect();
    assert!(hidden.contains(&("client_key".into(), true)), "{hidden:?}");
    assert!(
        hidden.contains(&("proxy_password".into(), false)),
        "{hidden:?}"
    );

    // The total timeout is honoured: a sync from the silent upstream fails with a timeout, long before
    // pulpd's default of a minute.
    pulp.run(&[
        "container",
        "repository",
        "create",
        "--name",
        "tuned",
        "--remote",
        "tuned",
    ])
    .ok();
    let started = std::time::Instant::now();
    let sync = pulp.run(&["container", "repository", "sync", "--name", "tuned"]);
    assert!(!sync.output.status.success(), "{}", sync.stdout());
    assert!(
        sync.stderr().contains("timed out"),
        "the task error names the timeout: {}",
        sync.stderr()
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    drop(silent);

    // Pointed at the real upstream with the timeout cleared (pulp-cli sends "" as null), the same settings
    // (extra header, CA, client identity) sync.
    pulp.run(&[
        "container",
        "remote",
        "update",
        "--name",
        "tuned",
        "--url",
        &up.url(),
        "--total-timeout",
        "",
    ])
    .ok();
    let shown = pulp.json(&["container", "remote", "show", "--name", "tuned"]);
    assert_eq!(shown["total_timeout"], Value::Null);
    assert_eq!(shown["ca_cert"], ca_pem);
    pulp.run(&["container", "repository", "sync", "--name", "tuned"])
        .ok();

    // A key that is not PEM is refused with Pulp's field error.
    let bad = pulp.run(&[
        "container",
        "remote",
        "update",
        "--name",
        "tuned",
        "--client-key",
        "not a key",
    ]);
    assert!(!bad.output.status.success());
    assert!(bad.stderr().contains("client_key"), "{}", bad.stderr());
}
