//! Pull-through cache retention (issue 16): a pull-through remote with `cache_max_size` 100 MiB, six distinct
//! images of ~40 MiB (a random layer each, on the busybox base layer of the `hello` fixtures) pushed to the
//! shared upstream and pulled through the cache with podman. After every pull the blob files of these images
//! on disk stay under the cap, the least recently pulled image is the one gone, an evicted image pulls again
//! (one more upstream blob fetch), a cap lowered with pulpc applies at once, and the base layer, which a regular repository synced from `hello:v1` also
//! holds, is never deleted.

use pulp_e2e::clients::Podman;
use pulp_e2e::daemon::Daemon;
use pulp_e2e::images::{self, Image};
use pulp_e2e::upstream;
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

const MIB: u64 = 1024 * 1024;
const CAP: u64 = 100 * MIB;

fn blob_file(data_dir: &Path, digest: &str) -> PathBuf {
    let hex = digest.strip_prefix("sha256:").unwrap();
    data_dir.join("blobs/sha256").join(&hex[..2]).join(hex)
}

/// The layer digests of `image`'s manifest, in order.
fn layers(image: &Image) -> Vec<String> {
    let manifest: Value = serde_json::from_slice(&image.manifest).unwrap();
    manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["digest"].as_str().unwrap().to_string())
        .collect()
}

/// The images (by tag) whose own blobs (all but the shared base layer) are all on disk, and the bytes of the
/// blob files of all six images on disk (each file once, the base layer included).
fn on_disk(d: &Daemon, images: &[Image], base: &str) -> (BTreeSet<String>, u64) {
    let mut present = BTreeSet::new();
    let mut files = BTreeSet::new();
    for image in images {
        let own: Vec<&String> = image.blobs.iter().filter(|b| *b != base).collect();
        let stored: Vec<&String> = own
            .iter()
            .copied()
            .filter(|b| blob_file(d.data_dir(), b).exists())
            .collect();
        if stored.len() == own.len() {
            present.insert(image.tag.clone());
        }
        files.extend(image.blobs.iter().cloned());
    }
    let bytes = files
        .iter()
        .filter_map(|b| std::fs::metadata(blob_file(d.data_dir(), b)).ok())
        .map(|m| m.len())
        .sum();
    (present, bytes)
}

fn metric(d: &Daemon, name: &str) -> f64 {
    let text = reqwest::blocking::get(format!("{}/metrics", d.base_url()))
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in /metrics:\n{text}"))
}

#[test]
fn a_capped_cache_evicts_the_least_recently_pulled_and_keeps_layers_a_repository_holds() {
    let images = images::retention_images(6, 40);
    let up = upstream::shared();
    up.seed_images(&images.iter().collect::<Vec<_>>()).unwrap();
    let hello = images::get().hello("v1");
    let base = layers(hello)[0].clone();
    for image in &images {
        assert_eq!(
            layers(image)[0],
            base,
            "the images share hello's base layer"
        );
    }

    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    let api = d.api();
    // A regular repository holding the base layer (its bytes fetched at sync time).
    api.sync_and_distribute(
        "hello",
        "hello",
        &up.url(),
        "library/hello",
        json!({"policy": "immediate", "include_tags": ["v1"]}),
    );
    assert!(blob_file(d.data_dir(), &base).exists());

    let dist = api.create_pull_through("cache", &up.url(), json!({"cache_max_size": CAP}));
    let remote = api.get_ok(dist["remote"].as_str().unwrap());
    assert_eq!(remote["cache_max_size"], CAP, "{remote:#}");
    assert_eq!(remote["cache_max_age"], Value::Null, "{remote:#}");

    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let by_tag = |tag: &str| images.iter().find(|i| i.tag == tag).unwrap();
    let pull = |tag: &str| {
        let image = by_tag(tag);
        let reference = format!("{}/cache/library/retention:{tag}", d.registry_host());
        podman.pull(&reference, &[]).ok().unwrap();
        assert_eq!(podman.image_digest(&reference).unwrap(), image.digest);
        podman.rmi(&reference).unwrap();
        // Clients get the verified bytes before the blob file's commit: wait for it.
        wait_until(Duration::from_secs(60), "the pulled blobs on disk", || {
            let missing: Vec<&String> = image
                .blobs
                .iter()
                .filter(|b| !blob_file(d.data_dir(), b).exists())
                .collect();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(format!("{missing:?}"))
            }
        });
    };
    let expect = |tags: &[&str], after: &str| {
        let (present, bytes) = on_disk(&d, &images, &base);
        let wanted: BTreeSet<String> = tags.iter().map(|t| t.to_string()).collect();
        assert_eq!(present, wanted, "images on disk after {after}");
        assert!(
            bytes <= CAP,
            "{bytes} bytes on disk after {after}, over the cap of {CAP}"
        );
    };

    pull("r1");
    pull("r2");
    expect(&["r1", "r2"], "two pulls");
    // r1 is used again (from the cache): r2 is now the least recently pulled.
    let r1_layer = layers(by_tag("r1"))[1].clone();
    let r1_fetches = up.blob_gets(&r1_layer);
    pull("r1");
    assert_eq!(
        up.blob_gets(&r1_layer),
        r1_fetches,
        "r1 came from the cache"
    );
    pull("r3");
    expect(&["r1", "r3"], "r3 (r2 was the least recently pulled)");
    pull("r4");
    expect(&["r3", "r4"], "r4");
    pull("r5");
    expect(&["r4", "r5"], "r5");
    pull("r6");
    expect(&["r5", "r6"], "r6");
    assert_eq!(metric(&d, "pulpd_pull_through_evicted_images_total"), 4.0);

    // An evicted image pulls again: one more upstream fetch of its layer, and r5 makes room.
    pull("r1");
    assert_eq!(up.blob_gets(&r1_layer), r1_fetches + 1);
    expect(&["r1", "r6"], "r1 again");

    // A lower cap set with pulpc applies at once: r6 goes, r1 (pulled last) stays.
    let remote_name = remote["name"].as_str().unwrap();
    let out = d
        .pulpc()
        .args([
            "remote",
            "pull-through",
            "update",
            remote_name,
            "--cache-max-size",
            "50MiB",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("50.0 MiB"), "{shown}");
    wait_until(
        Duration::from_secs(30),
        "r6 evicted under the new cap",
        || match on_disk(&d, &images, &base) {
            (present, bytes)
                if present == BTreeSet::from(["r1".to_string()]) && bytes <= 50 * MIB =>
            {
                Ok(())
            }
            other => Err(format!("{other:?}")),
        },
    );

    // The base layer every evicted image had stays: the synced repository holds it, and serves it.
    assert!(blob_file(d.data_dir(), &base).exists());
    let reference = format!("{}/hello:v1", d.registry_host());
    podman.pull(&reference, &[]).ok().unwrap();
    assert_eq!(podman.image_digest(&reference).unwrap(), hello.digest);
}
