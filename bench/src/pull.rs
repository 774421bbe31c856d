//! A minimal registry client for the pull-through rows: what every pull asks of a registry, and nothing of a
//! client's own storage. It fetches the manifest, then every blob it names (config and layers, all at once, as
//! skopeo and podman do), streams each through SHA-256 and checks its digest and size, and drops the bytes.
//!
//! Why beside skopeo: `skopeo copy` spends about a second of its own CPU on a 256 MiB layer (hashing in Go
//! without the CPU's SHA extensions, then writing the copy), while pulpd spends under 0.1 s serving it warm, so
//! skopeo sets the pace of its copies from either registry. This client hashes with the SHA extensions (sha2
//! detects them) in a fifth of that time, so what the registry costs a client shows.

use anyhow::{bail, ensure, Context, Result};
use reqwest::header::ACCEPT;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// The manifest types a pull accepts (single-image manifests: the bench's images are not lists).
const MANIFEST_TYPES: &str = "application/vnd.oci.image.manifest.v1+json, \
                              application/vnd.docker.distribution.manifest.v2+json";

/// Pulls `name:reference` from the registry at `base` (`http://host:port`), anonymously: how long it took.
pub async fn pull(
    client: &reqwest::Client,
    base: &str,
    name: &str,
    reference: &str,
) -> Result<Duration> {
    let started = Instant::now();
    let url = format!("{base}/v2/{name}/manifests/{reference}");
    let response = client
        .get(&url)
        .header(ACCEPT, MANIFEST_TYPES)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = response.status();
    ensure!(status.is_success(), "GET {url} answered {status}");
    let manifest: Value = serde_json::from_slice(&response.bytes().await?)
        .with_context(|| format!("the manifest of {name}:{reference}"))?;
    let Some(layers) = manifest["layers"].as_array() else {
        bail!("{name}:{reference} is not a single-image manifest: {manifest}");
    };
    let blobs = std::iter::once(&manifest["config"]).chain(layers);
    let fetches = blobs.map(|descriptor| blob(client, base, name, descriptor));
    futures::future::try_join_all(fetches).await?;
    Ok(started.elapsed())
}

/// Fetches the blob `descriptor` names and checks it against the descriptor's digest and size.
async fn blob(client: &reqwest::Client, base: &str, name: &str, descriptor: &Value) -> Result<()> {
    let (Some(digest), Some(size)) = (descriptor["digest"].as_str(), descriptor["size"].as_u64())
    else {
        bail!("a descriptor without digest or size: {descriptor}");
    };
    let Some(hex) = digest.strip_prefix("sha256:") else {
        bail!("{digest} is not a sha256 digest");
    };
    let url = format!("{base}/v2/{name}/blobs/{digest}");
    let mut response = client
        .get(&url)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = response.status();
    ensure!(status.is_success(), "GET {url} answered {status}");
    let mut hasher = Sha256::new();
    let mut received = 0u64;
    while let Some(chunk) = response
        .chunk()
        .await
        .with_context(|| format!("reading {url}"))?
    {
        received += chunk.len() as u64;
        hasher.update(&chunk);
    }
    ensure!(
        received == size,
        "{url} sent {received} bytes, the manifest says {size}"
    );
    let computed = format!("{:x}", hasher.finalize());
    ensure!(
        computed == hex,
        "{url} sent bytes whose digest is sha256:{computed}"
    );
    Ok(())
}
