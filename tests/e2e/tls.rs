//! pulpd serving HTTPS (issue 17): with `--tls-self-signed`, podman, skopeo and pulpc pull, push and list with TLS
//! verification on, trusting the generated certificate the way an operator would (a `certs.d`-style directory
//! holding it as `ca.crt`, `--ca-cert` for pulpc); replacing the certificate files and sending SIGHUP serves the
//! new certificate to the next connection while a download started before completes intact.

use pulp_e2e::clients::Podman;
use pulp_e2e::daemon::Daemon;
use pulp_e2e::upstream;
use pulp_e2e::wait::wait_until;
use serde_json::json;
use sha2::{Digest as _, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A `certs.d/<host:port>`-style directory holding pulpd's certificate as `ca.crt`.
fn cert_dir(d: &Daemon) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(d.ca_cert(), dir.path().join("ca.crt")).unwrap();
    dir
}

#[test]
fn podman_skopeo_and_pulpc_verify_the_self_signed_certificate() {
    let up = upstream::shared();
    let d = Daemon::start_with_args(&["--tls-self-signed"], &[]);
    assert!(d.base_url().starts_with("https://"), "{}", d.base_url());
    let log = d.log();
    assert!(
        log.contains(&format!(
            "/etc/containers/certs.d/{}/ca.crt",
            d.registry_host()
        )),
        "the log says how to trust the certificate:\n{log}"
    );
    let dist = d
        .api()
        .sync_and_distribute("hello", "hello", &up.url(), "library/hello", json!({}));
    let image = format!("{}:latest", dist["registry_path"].as_str().unwrap());
    let certs = cert_dir(&d);
    let cert_dir = certs.path().to_str().unwrap();

    // No insecure registries, no --tls-verify=false: without the certificate podman refuses pulpd.
    let podman = Podman::new(&[]).unwrap();
    let refused = podman.pull(&image, &[]);
    assert!(
        !refused.success(),
        "pulled without trusting the certificate:\n{refused}"
    );
    assert!(
        refused.stderr.contains("certificate"),
        "fails on the certificate:\n{refused}"
    );
    podman.pull(&image, &["--cert-dir", cert_dir]).ok().unwrap();
    assert!(podman.image_exists(&image));

    let skopeo = podman.skopeo();
    let inspected = skopeo.inspect(&image, &["--cert-dir", cert_dir]).unwrap();
    assert!(
        inspected["Digest"].as_str().unwrap().starts_with("sha256:"),
        "{inspected}"
    );

    // Pushing verifies the certificate too: a push repository appears with the same image.
    podman
        .cmd(&[
            "login",
            "--cert-dir",
            cert_dir,
            "-u",
            "admin",
            "-p",
            pulp_e2e::daemon::ADMIN_PASSWORD,
            d.registry_host(),
        ])
        .ok()
        .unwrap();
    let pushed = format!("{}/tls/pushed:1", d.registry_host());
    podman
        .push(&image, &pushed, &["--cert-dir", cert_dir])
        .ok()
        .unwrap();
    // podman writes its own manifest for what it pushes; the layers are the same bytes.
    let back = skopeo.inspect(&pushed, &["--cert-dir", cert_dir]).unwrap();
    assert_eq!(back["Layers"], inspected["Layers"], "{back}");

    let ca = d.ca_cert();
    let out = d
        .pulpc()
        .args(["--ca-cert", ca.to_str().unwrap(), "distribution", "list"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("hello"), "{stdout}");
    let untrusted = d.pulpc().args(["distribution", "list"]).output().unwrap();
    assert_eq!(untrusted.status.code(), Some(1), "{untrusted:?}");

    // Absolute URLs pulpd writes say https.
    let page = d.api().get_ok("/pulp/api/v3/tasks/?limit=1");
    let next = page["next"].as_str().unwrap();
    assert!(
        next.starts_with(&format!(
            "https://{}/pulp/api/v3/tasks/?",
            d.registry_host()
        )),
        "{page}"
    );
    let challenge = d
        .http_client()
        .get(format!("{}/v2/", d.base_url()))
        .send()
        .unwrap();
    let realm = challenge.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        realm.contains(&format!("realm=\"https://{}/token/\"", d.registry_host())),
        "{realm}"
    );
}

/// A certificate and key (PEM files in `dir`, named after `name`) for localhost and 127.0.0.1.
fn certificate(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let generated =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let cert = dir.join(format!("{name}.crt"));
    let key = dir.join(format!("{name}.key"));
    std::fs::write(&cert, generated.cert.pem()).unwrap();
    std::fs::write(&key, generated.key_pair.serialize_pem()).unwrap();
    (cert, key)
}

/// A client trusting only the certificate in `cert`.
fn trusting(cert: &Path) -> reqwest::blocking::Client {
    let pem = std::fs::read(cert).unwrap();
    reqwest::blocking::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .timeout(Duration::from_secs(600))
        .build()
        .unwrap()
}

#[test]
fn after_sighup_new_connections_get_the_new_certificate_while_a_download_completes() {
    let up = upstream::shared();
    let big = up.seed_big().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (cert, key) = certificate(files.path(), "served");
    let old = files.path().join("old.crt");
    std::fs::copy(&cert, &old).unwrap();
    let d = Daemon::start_with_args(
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
        &[("PULPD_TOKEN_AUTH", "false")],
    );
    d.api()
        .sync_and_distribute("big", "big", &up.url(), "library/big", json!({}));
    let (digest, size) = big
        .blobs
        .iter()
        .map(|b| (b, std::fs::metadata(big.blob_path(b)).unwrap().len()))
        .max_by_key(|(_, size)| *size)
        .unwrap();

    // The download starts and is read only a little: the rest waits in pulpd while the certificate changes.
    let url = format!("{}/v2/big/blobs/{digest}", d.base_url());
    let mut download = trusting(&old).get(&url).send().unwrap();
    assert_eq!(download.status(), 200);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let n = download.read(&mut buf).unwrap();
    assert!(n > 0);
    hasher.update(&buf[..n]);
    let mut received = n as u64;

    // The new certificate replaces the files; SIGHUP reloads it.
    let (new_cert, new_key) = certificate(files.path(), "new");
    assert!(
        trusting(&new_cert)
            .get(format!("{}/livez", d.base_url()))
            .send()
            .is_err(),
        "the new certificate is not served before the reload"
    );
    std::fs::copy(&new_key, &key).unwrap();
    std::fs::copy(&new_cert, &cert).unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(d.pid() as i32),
        nix::sys::signal::Signal::SIGHUP,
    )
    .unwrap();
    let new_client = trusting(&new_cert);
    wait_until(
        Duration::from_secs(30),
        "a new connection to be served the new certificate",
        || match new_client.get(format!("{}/livez", d.base_url())).send() {
            Ok(r) if r.status() == 200 => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    assert!(
        trusting(&old)
            .get(format!("{}/livez", d.base_url()))
            .send()
            .is_err(),
        "new connections no longer get the old certificate"
    );
    assert!(
        d.log().contains("reloaded the TLS certificate"),
        "{}",
        d.log()
    );

    // The download begun before the reload finishes, byte-exact.
    loop {
        let n = download
            .read(&mut buf)
            .expect("the download goes on after the reload");
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        received += n as u64;
    }
    assert_eq!(received, size);
    assert_eq!(
        format!("sha256:{}", hex::encode(hasher.finalize())),
        digest.as_str()
    );
}

#[test]
fn https_speaks_http2_and_http1_and_keeps_the_header_read_timeout() {
    let curl = pulp_e2e::clients::find_tool("curl")
        .unwrap_or_else(|e| panic!("{e:#}; curl checks the ALPN protocols: apt-get install curl"));
    let d = Daemon::start_with_args(
        &["--tls-self-signed"],
        &[("PULPD_HEADER_READ_TIMEOUT", "1s")],
    );
    let ca = d.ca_cert();
    for (flag, version) in [("--http2", "2"), ("--http1.1", "1.1")] {
        let out = std::process::Command::new(&curl)
            .args([
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_version} %{http_code}",
            ])
            .arg(flag)
            .arg("--cacert")
            .arg(&ca)
            .arg(format!("{}/livez", d.base_url()))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{out:?}");
        assert_eq!(stdout, format!("{version} 200"), "curl {flag}");
    }

    // A client that connects and never starts the handshake is closed after the header read timeout.
    let mut idle = std::net::TcpStream::connect(d.addr()).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut byte = [0u8; 1];
    let n = idle
        .read(&mut byte)
        .expect("pulpd closes the connection before the read timeout");
    assert_eq!(n, 0, "closed without an answer");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
