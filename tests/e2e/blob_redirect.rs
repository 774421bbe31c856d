//! `--blob-redirect` against the real S3 server (SeaweedFS, `pulp_e2e::s3`): a whole blob GET is a 307 to a
//! presigned URL of the bucket that serves exactly the blob; HEAD and ranged GETs still answer from pulpd;
//! skopeo follows the redirects; without the flag the GET streams; on the filesystem store the flag is refused.

use pulp_e2e::clients::Skopeo;
use pulp_e2e::daemon::Daemon;
use pulp_e2e::{images, s3, upstream};
use serde_json::json;

/// `hello:v1` synced and served as `hello`; returns its largest blob (a layer) and that blob's bytes.
fn sync_hello(d: &Daemon) -> (String, Vec<u8>) {
    d.api().sync_and_distribute(
        "hello",
        "hello",
        &upstream::shared().url(),
        "library/hello",
        json!({}),
    );
    let image = images::get().hello("v1");
    let blob = image
        .blobs
        .iter()
        .max_by_key(|b| std::fs::metadata(image.blob_path(b)).unwrap().len())
        .unwrap()
        .clone();
    let bytes = std::fs::read(image.blob_path(&blob)).unwrap();
    (blob, bytes)
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

fn no_redirects() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[test]
fn blob_get_redirects_to_a_presigned_s3_url_that_serves_the_blob() {
    let (d, _) = s3::daemon("redirect", &[("PULPD_BLOB_REDIRECT", "true")]);
    let (blob, bytes) = sync_hello(&d);
    let url = format!("{}/v2/hello/blobs/{blob}", d.base_url());
    let client = no_redirects();

    let resp = client.get(&url).send().unwrap();
    assert_eq!(resp.status(), 307, "{:?}", resp.headers());
    let header = |r: &reqwest::blocking::Response, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        header(&resp, "docker-content-digest").as_deref(),
        Some(blob.as_str())
    );
    let location = header(&resp, "location").expect("a Location header");
    assert!(
        location.starts_with(s3::shared().endpoint()),
        "{location} is not on the S3 server {}",
        s3::shared().endpoint()
    );
    assert!(location.contains("X-Amz-Signature="), "{location}");
    assert!(resp.bytes().unwrap().is_empty());

    // The URL needs no credentials of the client's: exactly the blob's bytes.
    let direct = client.get(&location).send().unwrap();
    assert_eq!(direct.status(), 200);
    let fetched = direct.bytes().unwrap();
    assert_eq!(fetched.len(), bytes.len());
    assert_eq!(sha256(&fetched), blob);

    // HEAD and a ranged GET are answered by pulpd itself.
    let head = client.head(&url).send().unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(
        header(&head, "content-length"),
        Some(bytes.len().to_string())
    );
    let ranged = client
        .get(&url)
        .header("range", "bytes=0-9")
        .send()
        .unwrap();
    assert_eq!(ranged.status(), 206);
    assert_eq!(&ranged.bytes().unwrap()[..], &bytes[..10]);

    // A blob the repository does not serve is not redirected.
    let unknown = sha256(b"not in this repository");
    let resp = client
        .get(format!("{}/v2/hello/blobs/{unknown}", d.base_url()))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 404);

    // skopeo follows the redirects and verifies every blob.
    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
    let out = tempfile::tempdir().unwrap();
    skopeo
        .copy(
            &format!("docker://{}/hello:v1", d.registry_host()),
            &format!("dir:{}", out.path().display()),
            &[],
        )
        .ok()
        .unwrap();
    let hex = blob.strip_prefix("sha256:").unwrap();
    assert_eq!(sha256(&std::fs::read(out.path().join(hex)).unwrap()), blob);
}

#[test]
fn without_blob_redirect_an_s3_blob_streams_through_pulpd() {
    let (d, _) = s3::daemon("no-redirect", &[]);
    let (blob, bytes) = sync_hello(&d);
    let resp = no_redirects()
        .get(format!("{}/v2/hello/blobs/{blob}", d.base_url()))
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers().get("location").is_none());
    let fetched = resp.bytes().unwrap();
    assert_eq!(fetched.len(), bytes.len());
    assert_eq!(sha256(&fetched), blob);
}

#[test]
fn blob_redirect_on_the_filesystem_store_is_refused_at_start() {
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(pulp_e2e::daemon::bin("pulpd"))
        .args(["--bind", "127.0.0.1:0", "--blob-redirect"])
        .arg("--data-dir")
        .arg(data.path())
        .env("PULPD_ADMIN_PASSWORD", "irrelevant-password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--blob-redirect needs the S3 blob store"),
        "{stderr}"
    );
}
