//! The registry API with real clients: images synced from a real docker-registry are pulled and run by podman
//! through the seed flow (sync → distribution → registry_path), and the protocol details clients rely on.

use pulp_e2e::clients::Podman;
use pulp_e2e::daemon::Daemon;
use pulp_e2e::{images, upstream};
use serde_json::{json, Value};

/// A daemon with token auth off (token auth has its own tests) holding hello, multiarch and hello-v2s2.
fn daemon_with_images() -> (Daemon, Value, Value, Value) {
    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    let up = upstream::shared();
    let api = d.api();
    let hello = api.sync_and_distribute("hello", "test", &up.url(), "library/hello", json!({}));
    let multi = api.sync_and_distribute(
        "multi",
        "org/team/multiarch",
        &up.url(),
        "library/multiarch",
        json!({}),
    );
    let v2s2 = api.sync_and_distribute(
        "v2s2",
        "docker/hello",
        &up.url(),
        "library/hello-v2s2",
        json!({}),
    );
    (d, hello, multi, v2s2)
}

fn get(d: &Daemon, path: &str, headers: &[(&str, &str)]) -> reqwest::blocking::Response {
    let mut req = reqwest::blocking::Client::new().get(format!("{}{path}", d.base_url()));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().unwrap()
}

#[test]
fn podman_pulls_and_runs_oci_docker_and_multiarch_images() {
    let (d, hello, multi, v2s2) = daemon_with_images();
    let fixtures = images::get();
    let podman = Podman::new(&[d.registry_host()]).unwrap();

    let path = hello["registry_path"].as_str().unwrap();
    assert_eq!(path, format!("{}/test", d.registry_host()));
    for tag in ["v1", "latest"] {
        let image = format!("{path}:{tag}");
        podman.pull(&image, &[]).ok().unwrap();
        let out = podman.run(&image).unwrap();
        assert!(out.contains(&images::hello_message(tag)), "{out}");
    }

    let image = format!("{}:latest", v2s2["registry_path"].as_str().unwrap());
    podman.pull(&image, &[]).ok().unwrap();
    assert!(podman
        .run(&image)
        .unwrap()
        .contains(&images::hello_v2s2_message()));

    let multi_path = multi["registry_path"].as_str().unwrap();
    let image = format!("{multi_path}:latest");
    podman.pull(&image, &[]).ok().unwrap();
    assert!(podman
        .run(&image)
        .unwrap()
        .contains(&images::multiarch_message(images::host_arch())));
    // The arm64 child: the index lists it, podman picks it.
    let arm = Podman::new(&[d.registry_host()]).unwrap();
    arm.pull(&image, &["--arch", "arm64"]).ok().unwrap();
    let inspect = arm
        .cmd(&["image", "inspect", "--format", "{{.Architecture}}", &image])
        .ok()
        .unwrap();
    assert_eq!(inspect.stdout.trim(), "arm64");

    // skopeo copy to a directory gives the upstream's digests.
    let skopeo = podman.skopeo();
    let out = tempfile::tempdir().unwrap();
    let dest = format!("dir:{}", out.path().display());
    skopeo
        .copy(
            &format!("docker://{path}:v3"),
            &dest,
            &["--src-tls-verify=false"],
        )
        .ok()
        .unwrap();
    let manifest = std::fs::read(out.path().join("manifest.json")).unwrap();
    let digest = format!("sha256:{}", sha256_hex(&manifest));
    assert_eq!(digest, fixtures.digest("hello", "v3"));
    let raw = skopeo
        .inspect_raw(&format!("{multi_path}:latest"), &["--tls-verify=false"])
        .unwrap();
    assert_eq!(
        format!("sha256:{}", sha256_hex(&raw)),
        fixtures.digest("multiarch", "latest")
    );
}

/// An `Authorization` header value with the admin's basic credentials.
fn basic_admin() -> String {
    use base64::Engine;
    let pair = format!("admin:{}", pulp_e2e::daemon::ADMIN_PASSWORD);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn protocol_details_negotiation_ranges_paging_and_errors() {
    let (d, _hello, _multi, _v2s2) = daemon_with_images();
    let fixtures = images::get();

    // Anonymous /v2/ gets the challenge (how clients learn the scheme), as from Pulp.
    let base = get(&d, "/v2/", &[]);
    assert_eq!(base.status(), 401);
    assert_eq!(
        base.headers()["docker-distribution-api-version"],
        "registry/2.0"
    );
    assert!(base.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    let base = reqwest::blocking::Client::new()
        .get(format!("{}/v2/", d.base_url()))
        .basic_auth("admin", Some(pulp_e2e::daemon::ADMIN_PASSWORD))
        .send()
        .unwrap();
    assert_eq!(base.status(), 200);

    // Schema 1 only → 404 MANIFEST_UNKNOWN, no conversion.
    let r = get(
        &d,
        "/v2/test/manifests/v1",
        &[(
            "accept",
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
        )],
    );
    assert_eq!(r.status(), 404);
    let body: Value = r.json().unwrap();
    assert_eq!(body["errors"][0]["code"], "MANIFEST_UNKNOWN");

    // Several Accept lines, the way podman sends them.
    let r = reqwest::blocking::Client::new()
        .get(format!("{}/v2/test/manifests/v2", d.base_url()))
        .header(
            "accept",
            "application/vnd.docker.distribution.manifest.v2+json",
        )
        .header("accept", "application/vnd.oci.image.manifest.v1+json")
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["docker-content-digest"],
        fixtures.digest("hello", "v2")
    );
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    let len: usize = r.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let manifest: Value = r.json().unwrap();
    assert!(len > 0);
    let layer = manifest["layers"][0]["digest"].as_str().unwrap();

    // HEAD by digest.
    let head = reqwest::blocking::Client::new()
        .head(format!(
            "{}/v2/test/manifests/{}",
            d.base_url(),
            fixtures.digest("hello", "v2")
        ))
        .send()
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        head.headers()["content-length"].to_str().unwrap(),
        len.to_string()
    );

    // A Range request returns the exact bytes.
    let full = get(&d, &format!("/v2/test/blobs/{layer}"), &[])
        .bytes()
        .unwrap();
    let r = get(
        &d,
        &format!("/v2/test/blobs/{layer}"),
        &[("range", "bytes=10-99")],
    );
    assert_eq!(r.status(), 206);
    assert_eq!(
        r.headers()["content-range"],
        format!("bytes 10-99/{}", full.len())
    );
    assert_eq!(&r.bytes().unwrap()[..], &full[10..100]);
    let r = get(
        &d,
        &format!("/v2/test/blobs/{layer}"),
        &[("range", "bytes=-5")],
    );
    assert_eq!(&r.bytes().unwrap()[..], &full[full.len() - 5..]);

    // tags/list paging with a Link header.
    let r = get(&d, "/v2/test/tags/list?n=2", &[]);
    let link = r.headers()["link"].to_str().unwrap().to_string();
    let page: Value = r.json().unwrap();
    assert_eq!(page["tags"], json!(["latest", "v1"]));
    assert_eq!(link, "</v2/test/tags/list?n=2&last=v1>; rel=\"next\"");
    let page: Value = get(&d, "/v2/test/tags/list?n=2&last=v1", &[])
        .json()
        .unwrap();
    assert_eq!(page["tags"], json!(["v2", "v3"]));
    let all: Value = get(&d, "/v2/test/tags/list", &[]).json().unwrap();
    assert_eq!(all["tags"].as_array().unwrap().len(), 6);
    let catalog: Value = get(&d, "/v2/_catalog", &[]).json().unwrap();
    assert_eq!(
        catalog["repositories"],
        json!(["docker/hello", "org/team/multiarch", "test"])
    );
    // _catalog pages from `last` on, with a Link while more follow.
    let r = get(&d, "/v2/_catalog?n=2", &[]);
    assert_eq!(
        r.headers()["link"].to_str().unwrap(),
        "</v2/_catalog?n=2&last=org/team/multiarch>; rel=\"next\""
    );
    let page: Value = r.json().unwrap();
    assert_eq!(
        page["repositories"],
        json!(["docker/hello", "org/team/multiarch"])
    );
    let r = get(&d, "/v2/_catalog?n=2&last=org/team/multiarch", &[]);
    assert!(r.headers().get("link").is_none(), "the last page");
    assert_eq!(r.json::<Value>().unwrap()["repositories"], json!(["test"]));
    let page: Value = get(&d, "/v2/_catalog?n=1&last=docker", &[]).json().unwrap();
    assert_eq!(page["repositories"], json!(["docker/hello"]));

    // Error codes.
    let code = |path: &str| -> (u16, String) {
        let r = get(&d, path, &[]);
        let status = r.status().as_u16();
        let body: Value = r.json().unwrap();
        (
            status,
            body["errors"][0]["code"].as_str().unwrap_or("").to_string(),
        )
    };
    // Anonymous callers cannot tell an unknown name from a private one (issue 11); credentials can.
    assert_eq!(
        code("/v2/nope/manifests/latest"),
        (401, "UNAUTHORIZED".into())
    );
    let admin = basic_admin();
    let r = get(
        &d,
        "/v2/nope/manifests/latest",
        &[("authorization", &admin)],
    );
    assert_eq!(r.status(), 404);
    assert_eq!(
        r.json::<Value>().unwrap()["errors"][0]["code"],
        "NAME_UNKNOWN"
    );
    assert_eq!(
        code("/v2/Upper/manifests/latest"),
        (400, "NAME_INVALID".into())
    );
    assert_eq!(
        code("/v2/test/manifests/nope"),
        (404, "MANIFEST_UNKNOWN".into())
    );
    let unknown = format!("sha256:{}", "0".repeat(64));
    assert_eq!(
        code(&format!("/v2/test/manifests/{unknown}")),
        (404, "MANIFEST_UNKNOWN".into())
    );
    assert_eq!(
        code(&format!("/v2/test/blobs/{unknown}")),
        (404, "BLOB_UNKNOWN".into())
    );
    assert_eq!(
        code("/v2/test/blobs/sha256:xyz"),
        (400, "DIGEST_INVALID".into())
    );
    // sha512 is supported: a well-formed one is merely unknown; a malformed one, or another algorithm, is
    // invalid (never a 500).
    let unknown512 = format!("sha512:{}", "0".repeat(128));
    assert_eq!(
        code(&format!("/v2/test/blobs/{unknown512}")),
        (404, "BLOB_UNKNOWN".into())
    );
    assert_eq!(
        code(&format!("/v2/test/manifests/{unknown512}")),
        (404, "MANIFEST_UNKNOWN".into())
    );
    for invalid in [
        format!("sha512:{}", "0".repeat(64)),
        format!("sha512:{}", "A".repeat(128)),
        format!("sha384:{}", "0".repeat(96)),
        "md5:d41d8cd98f00b204e9800998ecf8427e".to_string(),
    ] {
        assert_eq!(
            code(&format!("/v2/test/blobs/{invalid}")),
            (400, "DIGEST_INVALID".into()),
            "{invalid}"
        );
    }
    // A blob of another repository is unknown here.
    let multi_index: Value = get(&d, "/v2/org/team/multiarch/manifests/latest", &[])
        .json()
        .unwrap();
    let child = multi_index["manifests"][0]["digest"].as_str().unwrap();
    assert_eq!(
        code(&format!("/v2/test/manifests/{child}")),
        (404, "MANIFEST_UNKNOWN".into())
    );
}

#[test]
fn private_distribution_needs_credentials_without_token_auth() {
    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    let api = d.api();
    let up = upstream::shared();
    let dist = api.sync_and_distribute(
        "hello",
        "private/hello",
        &up.url(),
        "library/hello",
        json!({"include_tags": ["v1"]}),
    );
    let (status, answer) = api.patch(
        dist["pulp_href"].as_str().unwrap(),
        &json!({"private": true}),
    );
    assert_eq!(status, 202, "{answer}");
    api.wait_task(answer["task"].as_str().unwrap());

    let r = get(&d, "/v2/private/hello/manifests/v1", &[]);
    assert_eq!(r.status(), 401);
    let challenge = r.headers()["www-authenticate"].clone();
    assert!(challenge.to_str().unwrap().starts_with("Basic"));
    let body: Value = r.json().unwrap();
    // An unknown name answers an anonymous caller exactly as a private one does (issue 11).
    let r = get(&d, "/v2/private/nope/manifests/v1", &[]);
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], challenge);
    assert_eq!(r.json::<Value>().unwrap(), body);
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let image = format!("{}/private/hello:v1", d.registry_host());
    assert!(
        !podman.pull(&image, &[]).success(),
        "anonymous pull of a private distribution"
    );
    podman
        .login(d.registry_host(), "admin", pulp_e2e::daemon::ADMIN_PASSWORD)
        .unwrap();
    podman.pull(&image, &[]).ok().unwrap();
}

/// Issue 11: a base path holding `/manifests/` is pulled whole; the name is what precedes the path's endpoint.
#[test]
fn skopeo_copies_from_a_base_path_holding_manifests() {
    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    let up = upstream::shared();
    let dist = d.api().sync_and_distribute(
        "nested",
        "a/manifests/b",
        &up.url(),
        "library/hello",
        json!({"include_tags": ["v1"]}),
    );
    let path = dist["registry_path"].as_str().unwrap();
    assert_eq!(path, format!("{}/a/manifests/b", d.registry_host()));

    let skopeo = Podman::new(&[d.registry_host()]).unwrap().skopeo();
    let out = tempfile::tempdir().unwrap();
    skopeo
        .copy(
            &format!("docker://{path}:v1"),
            &format!("dir:{}", out.path().display()),
            &["--src-tls-verify=false"],
        )
        .ok()
        .unwrap();
    let manifest = std::fs::read(out.path().join("manifest.json")).unwrap();
    assert_eq!(
        format!("sha256:{}", sha256_hex(&manifest)),
        images::get().digest("hello", "v1")
    );
    // Every blob the manifest names came through `/v2/a/manifests/b/blobs/<digest>`.
    let manifest: Value = serde_json::from_slice(&manifest).unwrap();
    let layer = manifest["layers"][0]["digest"].as_str().unwrap();
    let r = get(&d, &format!("/v2/a/manifests/b/blobs/{layer}"), &[]);
    assert_eq!(r.status(), 200);
    let copied = std::fs::read(out.path().join(layer.trim_start_matches("sha256:"))).unwrap();
    assert_eq!(&r.bytes().unwrap()[..], &copied[..]);
    let tags: Value = get(&d, "/v2/a/manifests/b/tags/list", &[]).json().unwrap();
    assert_eq!(tags, json!({"name": "a/manifests/b", "tags": ["v1"]}));
}
