//! Tests of the test harness itself, without pulpd: the fixture images, the upstream
//! `docker-registry`, the real podman/skopeo clients and the private Docker engine work together on loopback.

use std::collections::BTreeSet;
use std::fs;

use anyhow::{ensure, Result};
use pulp_e2e::clients::{expect_failure_mentioning, Podman, Skopeo};
use pulp_e2e::docker::Docker;
use pulp_e2e::images::{self, HELLO_TAGS, MT_DOCKER_MANIFEST, MT_OCI_INDEX};
use pulp_e2e::upstream::{self, basic_auth, Upstream};
use sha2::{Digest as _, Sha256};

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

#[test]
fn images_build_deterministically() -> Result<()> {
    let cached = images::get();
    let scratch = tempfile::tempdir()?;
    let rebuilt = images::build_standard_into(scratch.path())?;
    for image in cached.all() {
        let again = rebuilt.get(&image.name, &image.tag);
        assert_eq!(
            again.digest, image.digest,
            "{}:{} differs between builds",
            image.name, image.tag
        );
    }
    let tags: BTreeSet<&str> = cached
        .all()
        .iter()
        .filter(|i| i.name == "hello")
        .map(|i| i.tag.as_str())
        .collect();
    assert_eq!(tags, HELLO_TAGS.into_iter().collect());
    let multiarch = cached.get("multiarch", "latest");
    assert_eq!(multiarch.media_type, MT_OCI_INDEX);
    assert_eq!(multiarch.children.len(), 2);
    let v2s2 = cached.get("hello-v2s2", "latest");
    assert_eq!(v2s2.media_type, MT_DOCKER_MANIFEST);

    // The big image's generator, at 1 MiB: deterministic too, and a real 1 MiB layer.
    let (a, b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let big_a = images::build_big_into(&a.path().join("big"), 1)?;
    let big_b = images::build_big_into(&b.path().join("big"), 1)?;
    assert_eq!(big_a.digest, big_b.digest);
    let layer = &big_a.blobs[1];
    let size = fs::metadata(big_a.blob_path(layer))?.len();
    assert!(size > 1024 * 1024, "big layer of {size} bytes");
    Ok(())
}

#[test]
fn seeded_upstream_lists_hello_tags_and_serves_fixture_digests() -> Result<()> {
    let up = upstream::shared();
    let images = images::get();
    let skopeo = Skopeo::new(&[&up.host()])?;
    let tags: BTreeSet<String> = skopeo
        .list_tags(&format!("{}/library/hello", up.host()), &[])?
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = HELLO_TAGS.iter().map(|t| t.to_string()).collect();
    assert_eq!(tags, expected, "\n{}", up.describe());
    for image in images.all() {
        let raw = skopeo.inspect_raw(&up.image_ref(&image.name, &image.tag), &[])?;
        assert_eq!(sha256(&raw), image.digest, "{}:{}", image.name, image.tag);
    }
    Ok(())
}

#[test]
fn podman_pulls_and_runs_hello_from_upstream() -> Result<()> {
    let up = upstream::shared();
    let image = images::get().hello("v1");
    let podman = Podman::new(&[&up.host()])?;
    let reference = up.image_ref("hello", "v1");
    podman.pull(&reference, &[]).ok()?;
    assert_eq!(podman.image_digest(&reference)?, image.digest);
    let out = podman.run(&reference)?;
    assert_eq!(
        out.trim(),
        image.run_output().unwrap(),
        "podman run printed {out:?}"
    );
    Ok(())
}

#[test]
fn podman_runs_many_layers_and_docker_schema2_images() -> Result<()> {
    let up = upstream::shared();
    let images = images::get();
    let podman = Podman::new(&[&up.host()])?;
    for (name, tag) in [
        ("many", "latest"),
        ("hello-v2s2", "latest"),
        ("multiarch", "latest"),
    ] {
        let out = podman.run(&up.image_ref(name, tag))?;
        let expected = images.get(name, tag).run_output().unwrap();
        assert_eq!(out.trim(), expected, "{name}:{tag}");
    }
    Ok(())
}

#[test]
fn skopeo_copy_all_keeps_the_multiarch_index_digest() -> Result<()> {
    let up = upstream::shared();
    let image = images::get().get("multiarch", "latest");
    let skopeo = Skopeo::new(&[&up.host()])?;
    let dest = tempfile::tempdir()?;
    let src = format!("docker://{}", up.image_ref("multiarch", "latest"));
    skopeo
        .copy(&src, &format!("dir:{}", dest.path().display()), &["--all"])
        .ok()?;
    let index = fs::read(dest.path().join("manifest.json"))?;
    assert_eq!(sha256(&index), image.digest);
    for child in &image.children {
        let hex = child.strip_prefix("sha256:").unwrap();
        let copied = fs::read_dir(dest.path())?
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().contains(hex));
        assert!(copied, "child manifest {child} was not copied");
    }
    Ok(())
}

#[test]
fn basic_auth_upstream_refuses_anonymous_and_accepts_credentials() -> Result<()> {
    let (user, password) = ("upstream", "upstream-pass");
    let up = Upstream::start_with_basic_auth(user, password)?;
    let image = images::get().hello("v3");
    up.seed_images(&[image])?;

    let anonymous = up.get_anonymous("/v2/", &[])?;
    assert_eq!(anonymous.status, 401);
    let challenge = anonymous.header("WWW-Authenticate").unwrap_or_default();
    assert!(challenge.starts_with("Basic "), "challenge {challenge:?}");
    let wrong = up.get_anonymous("/v2/", &[("Authorization", &basic_auth(user, "wrong"))])?;
    assert_eq!(wrong.status, 401);
    assert_eq!(up.get("/v2/", &[])?.status, 200);

    let podman = Podman::new(&[&up.host()])?;
    let reference = up.image_ref("hello", "v3");
    let skopeo = podman.skopeo();
    expect_failure_mentioning(
        skopeo.cmd(&["inspect", "--raw", &format!("docker://{reference}")]),
        "unauthorized",
    )?;
    expect_failure_mentioning(podman.pull(&reference, &[]), "unauthorized")?;
    let creds = up.creds_arg().unwrap();
    podman.pull(&reference, &["--creds", &creds]).ok()?;
    podman.rmi(&reference)?;

    podman.login(&up.host(), user, password)?;
    let raw = skopeo.inspect_raw(&reference, &[])?;
    assert_eq!(sha256(&raw), image.digest, "skopeo uses podman's login");
    let out = podman.run(&reference)?;
    assert_eq!(out.trim(), image.run_output().unwrap());
    Ok(())
}

#[test]
fn access_log_records_each_blob_get() -> Result<()> {
    let up = Upstream::start()?;
    let image = images::get().hello("v2");
    up.seed_images(&[image])?;
    let mark = up.mark();
    let podman = Podman::new(&[&up.host()])?;
    podman.pull(&up.image_ref("hello", "v2"), &[]).ok()?;
    let requests = up.requests_since(mark);
    for blob in &image.blobs {
        assert_eq!(up.blob_gets(blob), 1, "GETs of {blob}:\n{requests:#?}");
    }
    let manifest_path = "/v2/library/hello/manifests/v2";
    assert_eq!(up.count("GET", manifest_path), 1, "{requests:#?}");
    ensure!(
        requests
            .iter()
            .all(|r| r.user_agent.starts_with("containers/")),
        "requests from someone else than podman: {requests:#?}"
    );
    Ok(())
}

#[test]
fn upstream_restart_keeps_port_and_storage() -> Result<()> {
    let mut up = Upstream::start()?;
    let image = images::get().hello("v4");
    up.seed_images(&[image])?;
    let host = up.host();
    up.stop();
    assert!(
        up.get("/v2/", &[]).is_err(),
        "registry still answers after stop"
    );
    up.restart()?;
    assert_eq!(up.host(), host);
    assert_eq!(up.tags("library/hello")?, vec!["v4".to_string()]);
    assert!(up.blob_path(&image.blobs[1]).is_file());
    Ok(())
}

#[test]
fn private_docker_engine_pulls_tags_and_pushes_to_the_upstream() -> Result<()> {
    let up = upstream::shared();
    let image = images::get().hello("v1");
    let docker = Docker::new()?;
    let source = up.image_ref("hello", "v1");
    docker.pull(&source, &[]).ok()?;
    assert_eq!(docker.image_digest(&source)?, image.digest);

    // docker pushes what it holds as a Docker schema 2 manifest, so the pushed digest is docker's to report.
    let pushed = format!("{}/harness/docker-pushed:v1", up.host());
    docker.tag(&source, &pushed)?;
    let out = docker.push(&pushed, &[]).ok()?;
    let digest = docker.image_digest(&pushed)?;
    assert!(
        out.stdout.contains(&format!("digest: {digest}")),
        "docker push reported another digest than RepoDigests ({digest}):\n{out}"
    );
    let skopeo = Skopeo::new(&[&up.host()])?;
    let raw = skopeo.inspect_raw(&pushed, &[])?;
    assert_eq!(sha256(&raw), digest, "{}", String::from_utf8_lossy(&raw));
    let manifest: serde_json::Value = serde_json::from_slice(&raw)?;
    assert_eq!(manifest["mediaType"], MT_DOCKER_MANIFEST);
    docker.rmi(&pushed)?;
    Ok(())
}
