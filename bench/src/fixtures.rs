//! The data both servers get: the e2e fixture `hello:latest` (manifest workloads) and `big` images with one
//! layer of N MiB (blob, pull-through and memory workloads), built offline by `pulp_e2e::images`.
//!
//! The e2e crate builds one `big` per process (its size from `BIG_MB`); the bench needs two sizes in one run,
//! so it builds each with `images::build_big_into` into the same cache root, as `big-<N>mib`, and loads it back
//! here. A cached build is reused by later runs (and by the e2e tests, which use the same directory name).
//! Each size is pushed as `library/big<N>` so both sizes can live in one registry.

use anyhow::{anyhow, ensure, Context, Result};
use pulp_e2e::images::{self, Image, LayoutKind};
use serde_json::Value;
use std::path::Path;

/// The fixture images of one run.
pub struct Fixtures {
    /// `hello:latest`: a small OCI manifest with two layers.
    pub hello: Image,
    /// The image whose layer the blob GET and pull-through workloads fetch.
    pub blob: Image,
    /// The image the memory workloads sync and serve (1 GiB in a full run).
    pub huge: Image,
}

impl Fixtures {
    /// Builds (or finds in the cache) the images: `blob_mb` and `huge_mb` MiB layers.
    pub fn build(blob_mb: u64, huge_mb: u64) -> Result<Fixtures> {
        let standard = images::get();
        let hello = standard.hello("latest").clone();
        ensure!(
            blob_mb != huge_mb,
            "the blob and the huge image need different sizes"
        );
        let blob = big(standard.root(), blob_mb)?;
        let huge = big(standard.root(), huge_mb)?;
        Ok(Fixtures { hello, blob, huge })
    }

    /// Every distinct image, to seed the peer with.
    pub fn all(&self) -> Vec<&Image> {
        vec![&self.hello, &self.blob, &self.huge]
    }
}

/// The single layer of a `big` image: `(digest, size)`.
pub fn layer(image: &Image) -> Result<(String, u64)> {
    let manifest: Value = serde_json::from_slice(&image.manifest)?;
    let layer = &manifest["layers"][0];
    Ok((
        layer["digest"]
            .as_str()
            .ok_or_else(|| anyhow!("{} has no layer", image.name))?
            .to_string(),
        layer["size"]
            .as_u64()
            .ok_or_else(|| anyhow!("{}'s layer has no size", image.name))?,
    ))
}

/// The `big` image with a `mb` MiB layer, named `big<mb>`, built into `root/big-<mb>mib` unless it is there.
fn big(root: &Path, mb: u64) -> Result<Image> {
    let dir = root.join(format!("big-{mb}mib"));
    if !dir.exists() {
        eprintln!(
            "[bench] building the {mb} MiB test image in {}",
            dir.display()
        );
        let scratch = root.join(format!(".bench-big-{mb}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        images::build_big_into(&scratch, mb)
            .with_context(|| format!("building the {mb} MiB image"))?;
        if let Err(e) = std::fs::rename(&scratch, &dir) {
            let _ = std::fs::remove_dir_all(&scratch);
            // Another process may have finished the same (identical) build first.
            ensure!(dir.exists(), "moving {} into place: {e}", dir.display());
        }
    }
    load_big(&dir, &format!("big{mb}"))
        .with_context(|| format!("loading {} (delete it to rebuild)", dir.display()))
}

/// Loads a one-image OCI layout as an [`Image`] named `name`, checking that its blobs are all there.
fn load_big(layout: &Path, name: &str) -> Result<Image> {
    let read_json = |path: &Path| -> Result<Value> {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        Ok(serde_json::from_slice(&bytes)?)
    };
    let index = read_json(&layout.join("index.json"))?;
    let desc = &index["manifests"][0];
    let str_of = |v: &Value, key: &str| -> Result<String> {
        v[key]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("no {key} in {v}"))
    };
    let digest = str_of(desc, "digest")?;
    let tag = desc["annotations"]["org.opencontainers.image.ref.name"]
        .as_str()
        .unwrap_or("latest")
        .to_string();
    let mut image = Image {
        name: name.to_string(),
        tag,
        kind: LayoutKind::Oci,
        layout: layout.to_path_buf(),
        media_type: str_of(desc, "mediaType")?,
        manifest: Vec::new(),
        digest,
        children: Vec::new(),
        blobs: Vec::new(),
    };
    image.manifest = std::fs::read(image.blob_path(&image.digest))?;
    let manifest: Value = serde_json::from_slice(&image.manifest)?;
    let config = &manifest["config"];
    let layers = manifest["layers"].as_array().cloned().unwrap_or_default();
    for desc in std::iter::once(config).chain(layers.iter()) {
        let digest = str_of(desc, "digest")?;
        let size = desc["size"]
            .as_u64()
            .ok_or_else(|| anyhow!("no size in {desc}"))?;
        let path = image.blob_path(&digest);
        let on_disk = std::fs::metadata(&path)
            .with_context(|| format!("blob {digest} is missing"))?
            .len();
        ensure!(
            on_disk == size,
            "blob {digest} has {on_disk} bytes, the manifest says {size}"
        );
        image.blobs.push(digest);
    }
    Ok(image)
}
