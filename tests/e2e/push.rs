//! Pushing into pulpd (issue 13): real podman, skopeo and docker pushes, and the `/v2/` write side over raw
//! HTTP (upload sessions, mounts, sha512, referrers, deletes), with Pulp's model of pushes behind it
//! (namespaces, push repositories and their versions, distributions) and who may push.
//!
//! One test per "Done when" line of the issue; each starts its own pulpd (token auth on, as by default) and
//! shares the process's upstream registry (`upstream::shared()`) and Docker engine (`docker::shared()`).

use std::fs;

use pulp_e2e::clients::{expect_failure_mentioning, CmdOutput, Podman, Skopeo};
use pulp_e2e::daemon::{Api, Daemon, ADMIN_PASSWORD};
use pulp_e2e::docker::Docker;
use pulp_e2e::images::{self, MT_OCI_INDEX, MT_OCI_MANIFEST};
use pulp_e2e::oci::{
    pseudo_random, sha256_digest, sha512_digest, with_digest, Registry, TestImage,
};
use pulp_e2e::upstream;
use reqwest::Method;
use serde_json::{json, Value};

const NAMESPACES: &str = "/pulp/api/v3/pulp_container/namespaces/";
const PUSH_REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container-push/";
const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
const USERS: &str = "/pulp/api/v3/users/";
const ADMIN: (&str, &str) = ("admin", ADMIN_PASSWORD);
const MIB: usize = 1024 * 1024;

/// The token scope that lets a client push to (and pull and delete from) `name`.
fn push_scope(name: &str) -> String {
    format!("repository:{name}:pull,push,delete")
}

/// A raw `/v2/` client logged in as admin with push scope on `names`.
fn admin_registry(d: &Daemon, names: &[&str]) -> Registry {
    let scopes: Vec<String> = names.iter().map(|n| push_scope(n)).collect();
    let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
    Registry::login(d, Some(ADMIN), &scopes)
}

/// A podman that treats pulpd and the shared upstream as plain HTTP, holding `hello:<tag>` pulled from the
/// upstream under the name `<pulpd>/<target>`.
fn podman_with_hello(d: &Daemon, tag: &str, target: &str) -> Podman {
    let up = upstream::shared();
    let podman = Podman::new(&[&up.host(), d.registry_host()]).unwrap();
    let source = up.image_ref("hello", tag);
    podman.pull(&source, &[]).ok().unwrap();
    podman
        .tag(&source, &format!("{}/{target}", d.registry_host()))
        .unwrap();
    podman
}

/// `podman push --digestfile` of `<pulpd>/<image>` to itself; the outcome and (when it succeeded) the pushed
/// manifest's digest as podman reports it.
fn podman_push(podman: &Podman, d: &Daemon, image: &str) -> (CmdOutput, Option<String>) {
    let reference = format!("{}/{image}", d.registry_host());
    let digest_file = podman.dir().join("tmp").join("pushed.digest");
    let _ = fs::remove_file(&digest_file);
    let out = podman.push(
        &reference,
        &reference,
        &["--digestfile", &digest_file.to_string_lossy()],
    );
    let digest = fs::read_to_string(&digest_file)
        .ok()
        .map(|s| s.trim().to_string());
    (out, digest)
}

/// Every object of an API collection (one page of up to 1000).
fn list_all(api: &Api, collection: &str) -> Vec<Value> {
    let page = api.get_ok(&format!("{collection}?limit=1000"));
    page["results"].as_array().cloned().unwrap_or_default()
}

/// The one object of `collection` whose `field` is `value`; panics listing what there is otherwise.
fn find_one(api: &Api, collection: &str, field: &str, value: &str) -> Value {
    let all = list_all(api, collection);
    let found: Vec<&Value> = all.iter().filter(|o| o[field] == value).collect();
    assert_eq!(
        found.len(),
        1,
        "{collection} should hold one object with {field} = {value:?}: {all:#?}"
    );
    found[0].clone()
}

/// The latest version of the push repository `name`, and its number (from `latest_version_href`).
fn latest_push_version(api: &Api, name: &str) -> (Value, u64) {
    let repo = find_one(api, PUSH_REPOSITORIES, "name", name);
    let href = repo["latest_version_href"]
        .as_str()
        .unwrap_or_else(|| panic!("no latest_version_href: {repo}"))
        .to_string();
    let version = api.get_ok(&href);
    let number = version["number"].as_u64().expect("a version number");
    (version, number)
}

/// `content_summary.present[kind].count` of a version (0 when the kind is absent).
fn present(version: &Value, kind: &str) -> u64 {
    version["content_summary"]["present"][kind]["count"]
        .as_u64()
        .unwrap_or(0)
}

/// Fails unless the client command failed saying the caller is denied or unauthorized (podman prints the
/// registry's `DENIED` or `UNAUTHORIZED` error, or its own "requested access to the resource is denied").
fn assert_denied(out: CmdOutput) {
    let out = out.failed().unwrap();
    let said = out.stderr.to_lowercase();
    assert!(
        said.contains("denied") || said.contains("unauthorized"),
        "the client's error should say the push is denied:\n{out}"
    );
}

/// Creates a (non-staff) user through the API.
fn create_user(api: &Api, name: &str, password: &str) -> Value {
    api.post_expect(USERS, &json!({"username": name, "password": password}), 201)
}

/// `(method, path, status)` of every request pulpd answered, from the edge middleware's debug lines in its log
/// (the daemon must run with `pulpd=debug` in `PULPD_LOG`).
fn answered_requests(log: &str) -> Vec<(String, String, u16)> {
    log.lines()
        .filter(|l| l.contains("finished processing request"))
        .filter_map(|l| {
            let field = |name: &str| {
                l.split(|c: char| c.is_whitespace() || c == '{' || c == '}')
                    .find_map(|w| w.strip_prefix(&format!("{name}=")))
                    .map(str::to_string)
            };
            Some((
                field("method")?,
                field("uri")?,
                field("status")?.parse().ok()?,
            ))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// podman, skopeo, docker

#[test]
fn podman_push_then_clean_pull_gives_the_same_digest_and_creates_pulps_objects() {
    let d = Daemon::start();
    let host = d.registry_host();
    let podman = podman_with_hello(&d, "v1", "myorg/app:1");
    podman.login(host, "admin", ADMIN_PASSWORD).unwrap();
    let (out, pushed) = podman_push(&podman, &d, "myorg/app:1");
    out.ok().unwrap();
    let pushed = pushed.expect("podman wrote the pushed digest");
    assert!(pushed.starts_with("sha256:"), "{pushed}");

    // A clean machine pulls the same manifest and runs it.
    let clean = Podman::new(&[host]).unwrap();
    clean.login(host, "admin", ADMIN_PASSWORD).unwrap();
    let image = format!("{host}/myorg/app:1");
    clean.pull(&image, &[]).ok().unwrap();
    assert_eq!(clean.image_digest(&image).unwrap(), pushed);
    assert_eq!(
        clean.run(&image).unwrap().trim(),
        images::hello_message("v1")
    );

    // Pulp's objects: namespace, push repository at version 1, distribution at the pushed path.
    let api = d.api();
    let namespace = find_one(&api, NAMESPACES, "name", "myorg");
    let repo = find_one(&api, PUSH_REPOSITORIES, "name", "myorg/app");
    let (version, number) = latest_push_version(&api, "myorg/app");
    assert_eq!(number, 1, "{repo}");
    assert_eq!(present(&version, "container.manifest"), 1, "{version}");
    assert_eq!(present(&version, "container.tag"), 1, "{version}");
    let distribution = find_one(&api, DISTRIBUTIONS, "base_path", "myorg/app");
    assert_eq!(
        distribution["repository"], repo["pulp_href"],
        "{distribution}"
    );
    assert_eq!(
        distribution["namespace"], namespace["pulp_href"],
        "{distribution}"
    );
    assert_eq!(
        distribution["registry_path"],
        format!("{host}/myorg/app"),
        "{distribution}"
    );
}

#[test]
fn skopeo_copy_all_of_a_multiarch_index_round_trips_every_digest() {
    let d = Daemon::start();
    let image = images::get().get("multiarch", "latest");
    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
    let target = format!("docker://{}/myorg/multiarch:latest", d.registry_host());
    let creds = format!("admin:{ADMIN_PASSWORD}");
    skopeo
        .copy(
            &image.transport_ref(),
            &target,
            &["--all", "--dest-creds", &creds],
        )
        .ok()
        .unwrap();

    // Served as pushed: the index bytes, then back out to an OCI layout with every child.
    let raw = skopeo.inspect_raw(&target, &["--creds", &creds]).unwrap();
    assert_eq!(sha256_digest(&raw), image.digest);
    assert_eq!(raw, image.manifest);
    let out = tempfile::tempdir().unwrap();
    let layout = format!("oci:{}:copied", out.path().display());
    skopeo
        .copy(&target, &layout, &["--all", "--src-creds", &creds])
        .ok()
        .unwrap();
    let index: Value =
        serde_json::from_slice(&fs::read(out.path().join("index.json")).unwrap()).unwrap();
    let top = &index["manifests"][0];
    assert_eq!(top["digest"], image.digest.as_str(), "{index}");
    assert_eq!(top["mediaType"], MT_OCI_INDEX, "{index}");
    let blob = |digest: &str| {
        let hex = digest.strip_prefix("sha256:").unwrap();
        fs::read(out.path().join("blobs/sha256").join(hex))
            .unwrap_or_else(|e| panic!("{digest} is not in the copied layout: {e}"))
    };
    assert_eq!(blob(&image.digest), image.manifest);
    for child in &image.children {
        assert_eq!(&sha256_digest(&blob(child)), child);
    }
    for digest in &image.blobs {
        assert_eq!(&sha256_digest(&blob(digest)), digest);
    }
}

#[test]
fn docker_push_then_skopeo_pull_gives_the_digest_docker_reports() {
    let d = Daemon::start();
    let up = upstream::shared();
    let host = d.registry_host();
    let docker = Docker::new().unwrap();
    let source = up.image_ref("hello", "v2");
    docker.pull(&source, &[]).ok().unwrap();
    let target = format!("{host}/myorg/docker:1");
    docker.tag(&source, &target).unwrap();
    docker.login(host, "admin", ADMIN_PASSWORD).unwrap();
    let out = docker.push(&target, &[]).ok().unwrap();
    let digest = docker.image_digest(&target).unwrap();
    assert!(
        out.stdout.contains(&format!("digest: {digest}")),
        "docker push reported another digest than RepoDigests ({digest}):\n{out}"
    );

    let skopeo = Skopeo::new(&[host]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    skopeo
        .copy(
            &format!("docker://{target}"),
            &format!("dir:{}", dir.path().display()),
            &["--src-creds", &creds],
        )
        .ok()
        .unwrap();
    let manifest = fs::read(dir.path().join("manifest.json")).unwrap();
    assert_eq!(sha256_digest(&manifest), digest);

    // docker pulls it back after forgetting it.
    docker.rmi(&target).unwrap();
    docker.pull(&target, &[]).ok().unwrap();
    assert_eq!(docker.image_digest(&target).unwrap(), digest);
    docker.rmi(&target).unwrap();
}

// ---------------------------------------------------------------------------------------------------------
// cross-repository mounts

#[test]
fn a_layer_shared_with_another_repository_is_mounted_not_uploaded_again() {
    let d = Daemon::start_with_env(&[("PULPD_LOG", "info,pulpd=debug,tower_http=debug")]);
    let host = d.registry_host();
    // hello:v1 and hello:v2 share the busybox layer; podman's blob-info cache remembers where it pushed it.
    let podman = podman_with_hello(&d, "v1", "myorg/first:1");
    let up = upstream::shared();
    let v2 = up.image_ref("hello", "v2");
    podman.pull(&v2, &[]).ok().unwrap();
    podman.tag(&v2, &format!("{host}/myorg/second:1")).unwrap();
    podman.login(host, "admin", ADMIN_PASSWORD).unwrap();
    podman_push(&podman, &d, "myorg/first:1").0.ok().unwrap();
    let before = answered_requests(&d.log()).len();
    let (out, pushed) = podman_push(&podman, &d, "myorg/second:1");
    out.ok().unwrap();

    // The second push: one upload POST answered 201 (the mount), and one fewer upload than blobs.
    let requests: Vec<_> = answered_requests(&d.log())
        .into_iter()
        .skip(before)
        .collect();
    let uploads = "/v2/myorg/second/blobs/uploads/";
    let mounted = requests
        .iter()
        .filter(|(m, p, s)| m == "POST" && p == uploads && *s == 201)
        .count();
    let sessions = requests
        .iter()
        .filter(|(m, p, s)| m == "POST" && p == uploads && *s == 202)
        .count();
    let completed = requests
        .iter()
        .filter(|(m, p, s)| m == "PUT" && p.starts_with(uploads) && *s == 201)
        .count();
    let blobs = images::get().hello("v2").blobs.len();
    assert_eq!(mounted, 1, "one mount expected in:\n{requests:#?}");
    assert_eq!(sessions, blobs - 1, "{requests:#?}");
    assert_eq!(completed, blobs - 1, "{requests:#?}");

    // And the mounted layer is served from the second repository.
    let clean = Podman::new(&[host]).unwrap();
    clean.login(host, "admin", ADMIN_PASSWORD).unwrap();
    let image = format!("{host}/myorg/second:1");
    clean.pull(&image, &[]).ok().unwrap();
    assert_eq!(Some(clean.image_digest(&image).unwrap()), pushed);
    assert_eq!(
        clean.run(&image).unwrap().trim(),
        images::hello_message("v2")
    );
}

#[test]
fn mount_answers_201_when_the_source_is_readable_and_opens_a_session_otherwise() {
    let d = Daemon::start();
    let api = d.api();
    let layer = pseudo_random(3 * MIB, 11);
    let digest = sha256_digest(&layer);
    let admin = admin_registry(&d, &["myorg/src", "myorg/dst"]);
    admin.push_blob("myorg/src", &layer, &digest);

    // The admin may read the source: the blob is linked into the destination at once.
    let mount = format!("/v2/myorg/dst/blobs/uploads/?mount={digest}&from=myorg/src");
    let answer = admin
        .send(Method::POST, &mount, &[("content-length", "0")], None)
        .expect(201);
    assert_eq!(
        answer.header("docker-content-digest"),
        Some(digest.as_str())
    );
    let location = answer.expect_header("location");
    assert!(
        location.contains(&format!("/v2/myorg/dst/blobs/{digest}")),
        "{answer}"
    );
    let blob = admin
        .get(&format!("/v2/myorg/dst/blobs/{digest}"), &[])
        .expect(200);
    assert_eq!(blob.body, layer);

    // A push distribution is public, so anyone may read (and mount) from it; made private, bob (no role on
    // myorg) may not: he may push into his own namespace, but the mount becomes a normal session.
    let source = find_one(&api, DISTRIBUTIONS, "base_path", "myorg/src");
    let (status, answer) = api.patch(
        source["pulp_href"].as_str().unwrap(),
        &json!({"private": true}),
    );
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    create_user(&api, "bob", "bob-password");
    let bob = Registry::login(
        &d,
        Some(("bob", "bob-password")),
        &["repository:bobs/app:pull,push", "repository:myorg/src:pull"],
    );
    let mount = format!("/v2/bobs/app/blobs/uploads/?mount={digest}&from=myorg/src");
    let answer = bob
        .send(Method::POST, &mount, &[("content-length", "0")], None)
        .expect(202);
    assert!(answer.header("docker-upload-uuid").is_some(), "{answer}");
    let session = answer.expect_header("location").to_string();
    assert_eq!(
        bob.get(&format!("/v2/bobs/app/blobs/{digest}"), &[]).status,
        404,
        "the blob must not be linked into bobs/app without an upload"
    );
    // The session is a normal one: uploading the bytes completes it.
    bob.send(
        Method::PUT,
        &with_digest(&session, &digest),
        &[("content-type", "application/octet-stream")],
        Some(layer.clone()),
    )
    .expect(201);
    assert_eq!(
        bob.get(&format!("/v2/bobs/app/blobs/{digest}"), &[]).body,
        layer
    );
}

// ---------------------------------------------------------------------------------------------------------
// upload sessions over raw HTTP

/// A 6 MiB blob (far larger than any buffer) in three 2 MiB chunks.
fn three_chunks(seed: u64) -> (Vec<u8>, String, Vec<(usize, usize)>) {
    let blob = pseudo_random(6 * MIB, seed);
    let digest = sha256_digest(&blob);
    let chunks = (0..3)
        .map(|i| (i * 2 * MIB, (i + 1) * 2 * MIB - 1))
        .collect();
    (blob, digest, chunks)
}

/// `PATCH <location>` with the inclusive byte range `[start, end]` of `blob` as `Content-Range`.
fn patch_chunk(
    registry: &Registry,
    location: &str,
    blob: &[u8],
    (start, end): (usize, usize),
) -> pulp_e2e::oci::Answer {
    let range = format!("{start}-{end}");
    let length = (end + 1 - start).to_string();
    registry.send(
        Method::PATCH,
        location,
        &[
            ("content-type", "application/octet-stream"),
            ("content-range", &range),
            ("content-length", &length),
        ],
        Some(blob[start..=end].to_vec()),
    )
}

#[test]
fn chunked_upload_refuses_an_out_of_order_chunk_and_resumes_after_kill_9() {
    let mut d = Daemon::start();
    let name = "myorg/chunks";
    let (blob, digest, chunks) = three_chunks(21);
    let registry = admin_registry(&d, &[name]);

    let answer = registry
        .send(
            Method::POST,
            &format!("/v2/{name}/blobs/uploads/"),
            &[("content-length", "0")],
            None,
        )
        .expect(202);
    assert!(answer.header("docker-upload-uuid").is_some(), "{answer}");
    assert_eq!(answer.header("range"), Some("0-0"), "{answer}");
    let mut location = answer.expect_header("location").to_string();

    let answer = patch_chunk(&registry, &location, &blob, chunks[0]).expect(202);
    assert_eq!(
        answer.header("range"),
        Some(format!("0-{}", chunks[0].1).as_str()),
        "{answer}"
    );
    location = answer.expect_header("location").to_string();

    // The third chunk before the second: 416, and the session still ends where the first chunk did.
    let answer = patch_chunk(&registry, &location, &blob, chunks[2]);
    assert_eq!(answer.status, 416, "{answer}");
    assert_eq!(
        answer.header("range"),
        Some(format!("0-{}", chunks[0].1).as_str()),
        "{answer}"
    );
    // So does a chunk overlapping what was received.
    let answer = patch_chunk(&registry, &location, &blob, (MIB, 3 * MIB - 1));
    assert_eq!(answer.status, 416, "{answer}");

    // kill -9 between chunks, restart on the same data dir: the session says where to resume.
    d.kill9();
    d.restart();
    let registry = admin_registry(&d, &[name]);
    let answer = registry.get(&location, &[]).expect(204);
    assert_eq!(
        answer.header("range"),
        Some(format!("0-{}", chunks[0].1).as_str()),
        "{answer}"
    );
    assert!(answer.header("docker-upload-uuid").is_some(), "{answer}");

    for chunk in &chunks[1..] {
        let answer = patch_chunk(&registry, &location, &blob, *chunk).expect(202);
        assert_eq!(
            answer.header("range"),
            Some(format!("0-{}", chunk.1).as_str()),
            "{answer}"
        );
        location = answer.expect_header("location").to_string();
    }
    let answer = registry
        .send(
            Method::PUT,
            &with_digest(&location, &digest),
            &[("content-length", "0")],
            None,
        )
        .expect(201);
    assert_eq!(
        answer.header("docker-content-digest"),
        Some(digest.as_str())
    );
    assert!(
        answer
            .expect_header("location")
            .contains(&format!("/v2/{name}/blobs/{digest}")),
        "{answer}"
    );

    let served = registry
        .get(&format!("/v2/{name}/blobs/{digest}"), &[])
        .expect(200);
    assert_eq!(
        served.header("docker-content-digest"),
        Some(digest.as_str())
    );
    assert_eq!(served.body.len(), blob.len());
    assert_eq!(sha256_digest(&served.body), digest);
}

#[test]
fn streamed_patch_monolithic_post_and_cancel() {
    let d = Daemon::start();
    let name = "myorg/streams";
    let registry = admin_registry(&d, &[name]);

    // A PATCH without Content-Range, its body streamed (chunked transfer encoding), then the last bytes in
    // the PUT.
    let blob = pseudo_random(5 * MIB + 123, 31);
    let digest = sha256_digest(&blob);
    let split = 4 * MIB;
    let location = registry.start_upload(name);
    let answer = registry
        .send_stream(
            Method::PATCH,
            &location,
            &[("content-type", "application/octet-stream")],
            std::io::Cursor::new(blob[..split].to_vec()),
        )
        .expect(202);
    assert_eq!(
        answer.header("range"),
        Some(format!("0-{}", split - 1).as_str()),
        "{answer}"
    );
    let location = answer.expect_header("location").to_string();
    let answer = registry.get(&location, &[]).expect(204);
    assert_eq!(
        answer.header("range"),
        Some(format!("0-{}", split - 1).as_str()),
        "{answer}"
    );
    registry
        .send(
            Method::PUT,
            &with_digest(&location, &digest),
            &[("content-type", "application/octet-stream")],
            Some(blob[split..].to_vec()),
        )
        .expect(201);
    assert_eq!(
        registry
            .get(&format!("/v2/{name}/blobs/{digest}"), &[])
            .expect(200)
            .body,
        blob
    );

    // Monolithic: POST ?digest= with the whole body.
    let blob = pseudo_random(3 * MIB, 32);
    let digest = sha256_digest(&blob);
    let answer = registry
        .send(
            Method::POST,
            &format!("/v2/{name}/blobs/uploads/?digest={digest}"),
            &[("content-type", "application/octet-stream")],
            Some(blob.clone()),
        )
        .expect(201);
    assert_eq!(
        answer.header("docker-content-digest"),
        Some(digest.as_str())
    );
    let head = registry
        .send(
            Method::HEAD,
            &format!("/v2/{name}/blobs/{digest}"),
            &[],
            None,
        )
        .expect(200);
    assert_eq!(
        head.header("content-length"),
        Some(blob.len().to_string().as_str())
    );

    // DELETE <location> cancels a session: it is gone afterwards.
    let location = registry.start_upload(name);
    registry
        .send(Method::DELETE, &location, &[], None)
        .expect(204);
    let answer = registry.get(&location, &[]);
    assert_eq!(answer.status, 404, "{answer}");
    assert_eq!(answer.error_code(), "BLOB_UPLOAD_UNKNOWN", "{answer}");
}

#[test]
fn a_wrong_digest_at_completion_is_refused_and_nothing_is_stored() {
    let d = Daemon::start();
    let name = "myorg/wrong";
    let registry = admin_registry(&d, &[name]);
    let blob = pseudo_random(4 * MIB, 41);
    let actual = sha256_digest(&blob);
    let wrong = sha256_digest(b"something else entirely");

    let location = registry.start_upload(name);
    let answer = registry.send(
        Method::PUT,
        &with_digest(&location, &wrong),
        &[("content-type", "application/octet-stream")],
        Some(blob.clone()),
    );
    assert_eq!(answer.status, 400, "{answer}");
    assert_eq!(answer.error_code(), "DIGEST_INVALID", "{answer}");

    for digest in [&wrong, &actual] {
        let answer = registry.get(&format!("/v2/{name}/blobs/{digest}"), &[]);
        assert_eq!(answer.status, 404, "{answer}");
        let hex = digest.strip_prefix("sha256:").unwrap();
        let found = files_named(&d.data_dir().join("blobs"), hex);
        assert!(found.is_empty(), "blob files for {digest}: {found:?}");
    }
}

/// Every file under `dir` (recursively) whose name is `name`.
fn files_named(dir: &std::path::Path, name: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if entry.file_name() == name {
                found.push(path);
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------------------
// sha512, artifacts and referrers

#[test]
fn sha512_blob_and_manifest_round_trip() {
    let d = Daemon::start();
    let name = "myorg/sha512";
    let registry = admin_registry(&d, &[name]);
    let layer = pseudo_random(2 * MIB, 51);
    let layer_digest = sha512_digest(&layer);
    let config =
        br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
    let config_digest = sha512_digest(config);

    let answer = registry
        .send(
            Method::POST,
            &format!("/v2/{name}/blobs/uploads/?digest={layer_digest}"),
            &[("content-type", "application/octet-stream")],
            Some(layer.clone()),
        )
        .expect(201);
    assert_eq!(
        answer.header("docker-content-digest"),
        Some(layer_digest.as_str())
    );
    registry.push_blob(name, config, &config_digest);
    let served = registry
        .get(&format!("/v2/{name}/blobs/{layer_digest}"), &[])
        .expect(200);
    assert_eq!(
        served.header("docker-content-digest"),
        Some(layer_digest.as_str())
    );
    assert_eq!(served.body, layer);

    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": MT_OCI_MANIFEST,
        "config": {"mediaType": images::MT_OCI_CONFIG, "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": images::MT_OCI_LAYER_GZIP, "digest": layer_digest, "size": layer.len()}],
    }))
    .unwrap();
    let manifest_digest = sha512_digest(&manifest);
    let answer = registry
        .put_manifest(name, &manifest_digest, MT_OCI_MANIFEST, &manifest)
        .expect(201);
    assert_eq!(
        answer.header("docker-content-digest"),
        Some(manifest_digest.as_str())
    );
    let served = registry.get_manifest(name, &manifest_digest).expect(200);
    assert_eq!(served.body, manifest);
    assert_eq!(
        served.header("docker-content-digest"),
        Some(manifest_digest.as_str())
    );
    assert_eq!(served.header("content-type"), Some(MT_OCI_MANIFEST));
}

#[test]
fn an_artifact_with_a_subject_is_listed_by_referrers_and_filtered_by_artifact_type() {
    let d = Daemon::start();
    let name = "myorg/signed";
    let registry = admin_registry(&d, &[name]);
    let image = TestImage::small("signed", 61);
    registry.push_image(name, "1", &image);

    // An SBOM for the image: empty config, one layer, `subject` = the image.
    let empty = b"{}";
    let empty_digest = sha256_digest(empty);
    registry.push_blob(name, empty, &empty_digest);
    let sbom = br#"{"spdxVersion":"SPDX-2.3","name":"pulp-e2e"}"#;
    let sbom_digest = sha256_digest(sbom);
    registry.push_blob(name, sbom, &sbom_digest);
    let artifact_type = "application/vnd.example.sbom";
    let artifact = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": MT_OCI_MANIFEST,
        "artifactType": artifact_type,
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": empty_digest, "size": 2},
        "layers": [{"mediaType": "application/spdx+json", "digest": sbom_digest, "size": sbom.len()}],
        "subject": image.descriptor(),
        "annotations": {"org.example.kind": "sbom"},
    }))
    .unwrap();
    let artifact_digest = sha256_digest(&artifact);
    let answer = registry
        .put_manifest(name, &artifact_digest, MT_OCI_MANIFEST, &artifact)
        .expect(201);
    assert_eq!(
        answer.header("oci-subject"),
        Some(image.digest.as_str()),
        "{answer}"
    );

    let referrers = |query: &str| {
        let answer = registry
            .get(
                &format!("/v2/{name}/referrers/{}{query}", image.digest),
                &[],
            )
            .expect(200);
        assert_eq!(
            answer.header("content-type"),
            Some(MT_OCI_INDEX),
            "{answer}"
        );
        answer
    };
    let answer = referrers("");
    let index = answer.json();
    assert_eq!(index["schemaVersion"], 2, "{answer}");
    assert_eq!(index["mediaType"], MT_OCI_INDEX, "{answer}");
    let listed = index["manifests"].as_array().expect("manifests");
    assert_eq!(listed.len(), 1, "{answer}");
    assert_eq!(listed[0]["digest"], artifact_digest.as_str(), "{answer}");
    assert_eq!(listed[0]["mediaType"], MT_OCI_MANIFEST, "{answer}");
    assert_eq!(listed[0]["artifactType"], artifact_type, "{answer}");
    assert_eq!(listed[0]["size"], artifact.len(), "{answer}");
    assert_eq!(
        listed[0]["annotations"]["org.example.kind"], "sbom",
        "{answer}"
    );

    let answer = referrers(&format!("?artifactType={artifact_type}"));
    assert_eq!(
        answer.header("oci-filters-applied"),
        Some("artifactType"),
        "{answer}"
    );
    assert_eq!(
        answer.json()["manifests"][0]["digest"],
        artifact_digest.as_str()
    );

    let answer = referrers("?artifactType=application/vnd.example.other");
    assert_eq!(answer.json()["manifests"], json!([]), "{answer}");

    // A digest nothing refers to: an empty index, not 404.
    let other = TestImage::small("unsigned", 62);
    registry.push_image(name, "2", &other);
    let answer = registry
        .get(&format!("/v2/{name}/referrers/{}", other.digest), &[])
        .expect(200);
    assert_eq!(answer.json()["manifests"], json!([]), "{answer}");
}

#[test]
fn concurrent_manifest_pushes_sharing_blobs_all_succeed() {
    // Clients push several tags at once (docker pushes layers in parallel, CI jobs push side by side): every
    // manifest PUT whose blobs were uploaded must succeed, whatever version the others are making.
    let d = Daemon::start();
    let api = d.api();
    let name = "myorg/parallel";
    let registry = admin_registry(&d, &[name]);
    let base = TestImage::small("parallel", 91);
    for (bytes, digest) in base.blobs() {
        registry.push_blob(name, bytes, &digest);
    }
    let manifest = |n: usize| {
        let mut m: Value = serde_json::from_slice(&base.manifest).unwrap();
        m["annotations"] = json!({"org.example.n": n.to_string()});
        serde_json::to_vec(&m).unwrap()
    };
    const THREADS: usize = 8;
    const EACH: usize = 25;
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let (registry, manifest) = (&registry, &manifest);
            scope.spawn(move || {
                for i in 0..EACH {
                    let n = t * EACH + i;
                    registry
                        .put_manifest(name, &format!("t{n:02}"), MT_OCI_MANIFEST, &manifest(n))
                        .expect(201);
                }
            });
        }
    });
    let tags = registry.tags(name, "");
    assert_eq!(tags.len(), THREADS * EACH, "{tags:?}");
    let (version, _) = latest_push_version(&api, name);
    assert_eq!(
        present(&version, "container.manifest"),
        (THREADS * EACH) as u64,
        "{version}"
    );
    assert_eq!(present(&version, "container.blob"), 2, "{version}");
}

// ---------------------------------------------------------------------------------------------------------
// deletes and tag listing

#[test]
fn deletes_by_tag_and_by_digest_agree_with_tags_pulls_and_repository_versions() {
    let d = Daemon::start();
    let api = d.api();
    let name = "myorg/deletes";
    let registry = admin_registry(&d, &[name]);
    let first = TestImage::small("first", 71);
    let second = TestImage::small("second", 72);
    for tag in ["a", "b", "c"] {
        registry.push_image(name, tag, &first);
    }
    registry.push_image(name, "d", &second);
    assert_eq!(registry.tags(name, ""), ["a", "b", "c", "d"]);
    let (_, pushed) = latest_push_version(&api, name);

    // Untag: the tag goes, the manifest stays (by digest and by its other tags).
    registry
        .send(
            Method::DELETE,
            &format!("/v2/{name}/manifests/a"),
            &[],
            None,
        )
        .expect(202);
    assert_eq!(registry.tags(name, ""), ["b", "c", "d"]);
    assert_eq!(registry.get_manifest(name, "a").status, 404);
    assert_eq!(
        registry.get_manifest(name, &first.digest).expect(200).body,
        first.manifest
    );
    registry.get_manifest(name, "b").expect(200);
    let (version, untagged) = latest_push_version(&api, name);
    assert_eq!(
        untagged,
        pushed + 1,
        "the untag made one new version: {version}"
    );
    assert_eq!(present(&version, "container.tag"), 3, "{version}");
    assert_eq!(present(&version, "container.manifest"), 2, "{version}");

    // By digest: the manifest and every tag on it go.
    registry
        .send(
            Method::DELETE,
            &format!("/v2/{name}/manifests/{}", first.digest),
            &[],
            None,
        )
        .expect(202);
    assert_eq!(registry.tags(name, ""), ["d"]);
    for reference in [first.digest.as_str(), "b", "c"] {
        let answer = registry.get_manifest(name, reference);
        assert_eq!(answer.status, 404, "{answer}");
        assert_eq!(answer.error_code(), "MANIFEST_UNKNOWN", "{answer}");
    }
    let (version, deleted) = latest_push_version(&api, name);
    assert_eq!(present(&version, "container.tag"), 1, "{version}");
    assert_eq!(present(&version, "container.manifest"), 1, "{version}");
    // Only the remaining image's config and layer are left.
    assert_eq!(present(&version, "container.blob"), 2, "{version}");
    assert_eq!(
        deleted,
        untagged + 1,
        "the delete made one new version: {version}"
    );

    // skopeo delete (which resolves the tag and deletes by digest) does the same.
    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    skopeo
        .delete(
            &format!("{}/{name}:d", d.registry_host()),
            &["--creds", &creds],
        )
        .ok()
        .unwrap();
    assert_eq!(registry.tags(name, ""), Vec::<String>::new());
    assert_eq!(registry.get_manifest(name, &second.digest).status, 404);
    let (version, _) = latest_push_version(&api, name);
    assert_eq!(present(&version, "container.manifest"), 0, "{version}");
}

#[test]
fn tags_list_pages_with_n_and_last() {
    let d = Daemon::start();
    let name = "myorg/paged";
    let registry = admin_registry(&d, &[name]);
    let image = TestImage::small("paged", 81);
    for tag in ["e", "c", "a", "d", "b"] {
        registry.push_image(name, tag, &image);
    }
    assert_eq!(registry.tags(name, ""), ["a", "b", "c", "d", "e"]);
    let first = registry
        .get(&format!("/v2/{name}/tags/list?n=2"), &[])
        .expect(200);
    assert_eq!(first.json()["tags"], json!(["a", "b"]), "{first}");
    let link = first.expect_header("link");
    assert!(
        link.contains("last=b") && link.contains("rel=\"next\""),
        "{first}"
    );
    assert_eq!(registry.tags(name, "n=2&last=b"), ["c", "d"]);
    assert_eq!(registry.tags(name, "n=2&last=d"), ["e"]);
    assert_eq!(registry.tags(name, "last=e"), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------------------
// who may push

#[test]
fn only_staff_owners_and_collaborators_push_and_anonymous_never() {
    let d = Daemon::start();
    let api = d.api();
    let host = d.registry_host();

    // The admin (staff) pushes myorg/app, which creates the namespace myorg.
    let admin = podman_with_hello(&d, "v1", "myorg/app:1");
    admin.login(host, "admin", ADMIN_PASSWORD).unwrap();
    podman_push(&admin, &d, "myorg/app:1").0.ok().unwrap();
    let namespace = find_one(&api, NAMESPACES, "name", "myorg");

    // bob has no role on myorg: podman says he is denied.
    create_user(&api, "bob", "bob-password");
    let bob = podman_with_hello(&d, "v2", "myorg/other:1");
    bob.login(host, "bob", "bob-password").unwrap();
    let (out, _) = podman_push(&bob, &d, "myorg/other:1");
    assert_denied(out);
    assert!(
        !list_all(&api, PUSH_REPOSITORIES)
            .iter()
            .any(|r| r["name"] == "myorg/other"),
        "a refused push created a repository"
    );

    // A collaborator on the namespace pushes.
    api.post_expect(
        &format!("{}add_role/", namespace["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containernamespace_collaborator", "users": ["bob"]}),
        201,
    );
    let (out, _) = podman_push(&bob, &d, "myorg/other:1");
    out.ok().unwrap();
    let (_, number) = latest_push_version(&api, "myorg/other");
    assert_eq!(number, 1);

    // A free namespace: bob creates it by pushing, and owns it.
    bob.tag(
        &format!("{host}/myorg/other:1"),
        &format!("{host}/bobs/app:1"),
    )
    .unwrap();
    podman_push(&bob, &d, "bobs/app:1").0.ok().unwrap();
    find_one(&api, NAMESPACES, "name", "bobs");

    // Anonymous: neither into an existing namespace nor into a free one; nothing is created.
    let anonymous = podman_with_hello(&d, "v3", "myorg/anon:1");
    anonymous
        .tag(
            &format!("{host}/myorg/anon:1"),
            &format!("{host}/nobody/anon:1"),
        )
        .unwrap();
    for image in ["myorg/anon:1", "nobody/anon:1"] {
        assert_denied(podman_push(&anonymous, &d, image).0);
    }
    assert!(
        !list_all(&api, NAMESPACES)
            .iter()
            .any(|n| n["name"] == "nobody"),
        "an anonymous push created a namespace"
    );
    let raw = Registry::unauthenticated(&d);
    let answer = raw.send(
        Method::POST,
        "/v2/myorg/app/blobs/uploads/",
        &[("content-length", "0")],
        None,
    );
    assert_eq!(answer.status, 401, "{answer}");
    let raw = Registry::login(&d, None, &["repository:myorg/app:pull,push"]);
    let answer = raw.send(
        Method::POST,
        "/v2/myorg/app/blobs/uploads/",
        &[("content-length", "0")],
        None,
    );
    assert!(
        matches!(answer.status, 401 | 403)
            && matches!(answer.error_code().as_str(), "UNAUTHORIZED" | "DENIED"),
        "an anonymous token must not push:\n{answer}"
    );
}

#[test]
fn pushing_into_a_sync_or_pull_through_distribution_is_denied_with_the_reason() {
    let d = Daemon::start();
    let api = d.api();
    let up = upstream::shared();
    api.sync_and_distribute(
        "synced",
        "synced/hello",
        &up.url(),
        "library/hello",
        json!({}),
    );
    api.create_pull_through("cache", &up.url(), json!({}));
    // One name under the cache pulled through (pulpd now serves it), one never pulled: both are the cache's.
    admin_registry(&d, &["cache/library/hello"])
        .get_manifest("cache/library/hello", "v1")
        .expect(200);

    for (name, why) in [
        ("synced/hello", "sync"),
        ("cache/library/hello", "pull-through"),
        ("cache/library/many", "pull-through"),
    ] {
        let registry = admin_registry(&d, &[name]);
        let answer = registry.send(
            Method::POST,
            &format!("/v2/{name}/blobs/uploads/"),
            &[("content-length", "0")],
            None,
        );
        assert_eq!(answer.status, 403, "{answer}");
        assert_eq!(answer.error_code(), "DENIED", "{answer}");
        let message = answer.json()["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase();
        assert!(
            message.contains(why),
            "the message should say why ({why}):\n{answer}"
        );
    }

    // podman says so too.
    let podman = podman_with_hello(&d, "v4", "synced/hello:pushed");
    podman
        .login(d.registry_host(), "admin", ADMIN_PASSWORD)
        .unwrap();
    let (out, _) = podman_push(&podman, &d, "synced/hello:pushed");
    expect_failure_mentioning(out, "denied").unwrap();
    // The synced repository is unchanged: still the tags it was synced with.
    let tags = Registry::login(&d, Some(ADMIN), &["repository:synced/hello:pull"])
        .tags("synced/hello", "");
    assert!(!tags.iter().any(|t| t == "pushed"), "{tags:?}");
}
