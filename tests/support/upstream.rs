//! The "upstream" registry: Debian's `docker-registry` (CNCF Distribution 2.8) on loopback.
//!
//! [`Upstream::start`] runs `docker-registry serve` on an ephemeral `127.0.0.1` port with its own
//! temp directory (config, storage, logs), deletes enabled; [`Upstream::start_with_basic_auth`]
//! adds htpasswd (bcrypt) Basic auth. [`Upstream::seed`] pushes the [`images`] fixtures with the
//! real `skopeo copy` and checks that the registry serves the expected digests.
//! [`shared`] is one seeded, anonymous instance per test process, for tests that only read.
//!
//! Distribution writes its access log (one combined-log-format line per request) to stdout,
//! which goes to `access.log`; [`Upstream::requests`] parses it so tests can assert, for
//! example, that each blob was fetched once. Requests the harness makes itself carry a
//! `pulp-e2e-sync` query parameter and are left out.
//!
//! No registry outlives the test process, even when the process is killed or (for
//! [`shared`], which lives in a static and is never dropped) simply exits: the registry is
//! started by a small `sh` wrapper whose stdin is a pipe from the test process. A watcher in
//! the wrapper blocks reading that pipe; when the test process closes it ([`Upstream::stop`],
//! `Drop`) or dies (the kernel closes it), the read returns and the watcher kills the
//! registry. This needs no `unsafe` `pre_exec`/`PR_SET_PDEATHSIG`.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use tempfile::TempDir;

use crate::clients::{find_tool, Skopeo};
use crate::images::{self, Image, Images};
use crate::wait::wait_until;

/// How long the registry may take to start or stop.
const START_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(10);
/// Poll interval inside deadline loops.
const POLL: Duration = Duration::from_millis(10);
/// Query parameter marking the harness's own requests, which [`Upstream::requests`] leaves out.
const SYNC_PARAM: &str = "pulp-e2e-sync";
const REALM: &str = "upstream-registry";

/// The wrapper described in the module doc. Arguments: `$1` docker-registry, `$2` config,
/// `$3` access log, `$4` registry log, `$5` a directory to delete once the registry was stopped
/// through the pipe (only for [`shared`], whose `TempDir` is never dropped), or empty.
/// It prints the registry's pid on its first stdout line.
const WRAPPER: &str = r#"
exec 3<&0 </dev/null
"$1" serve "$2" >>"$3" 2>>"$4" 3<&- &
reg=$!
echo "$reg"
exec >/dev/null
( read -r _ <&3; if [ -n "$5" ]; then : >"$5/.stopping"; fi; kill -TERM "$reg" 2>/dev/null ) &
watch=$!
exec 3<&-
wait "$reg"
rc=$?
kill "$watch" 2>/dev/null
if [ -n "$5" ] && [ -e "$5/.stopping" ]; then rm -rf -- "$5"; fi
exit "$rc"
"#;

/// A parsed access-log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    pub method: String,
    /// Request URI (path and query).
    pub path: String,
    pub status: u16,
    pub user_agent: String,
}

/// A response read by [`http_get`].
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A minimal blocking HTTP/1.0 GET to a loopback server (`host` is `127.0.0.1:PORT`).
/// It needs no async runtime, so it works from plain and from `#[tokio::test]` tests alike.
pub fn http_get(host: &str, path: &str, headers: &[(&str, &str)]) -> Result<HttpResponse> {
    let mut stream = TcpStream::connect(host).with_context(|| format!("connecting to {host}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut request = format!("GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: pulp-e2e\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .with_context(|| format!("reading GET {path} from {host}"))?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| anyhow!("GET {path} from {host}: response without header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("GET {path} from {host}: bad status line {status_line:?}"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(HttpResponse {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    })
}

/// `Authorization` header value for Basic auth.
pub fn basic_auth(user: &str, password: &str) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {token}")
}

struct Process {
    wrapper: Child,
    /// Closing it stops the registry (see the module doc).
    stdin: Option<ChildStdin>,
    registry_pid: i32,
}

/// A running `docker-registry`.
pub struct Upstream {
    dir: PathBuf,
    /// Owns `dir`, except for [`shared`] (its wrapper deletes `dir` when the process exits).
    tmp: Option<TempDir>,
    port: u16,
    credentials: Option<(String, String)>,
    process: Option<Process>,
    delete_dir_on_exit: bool,
    sync_seq: AtomicU64,
    big: OnceLock<Result<(), String>>,
}

impl Upstream {
    /// An empty anonymous registry (pull and push) on an ephemeral loopback port.
    pub fn start() -> Result<Upstream> {
        Upstream::launch(None, false)
    }

    /// An empty registry that requires HTTP Basic auth for every request (htpasswd, bcrypt).
    pub fn start_with_basic_auth(user: &str, password: &str) -> Result<Upstream> {
        Upstream::launch(Some((user.to_string(), password.to_string())), false)
    }

    fn launch(credentials: Option<(String, String)>, delete_dir_on_exit: bool) -> Result<Upstream> {
        find_tool("docker-registry")?;
        let tmp = tempfile::Builder::new()
            .prefix("pulp-e2e-upstream-")
            .tempdir()
            .context("creating the upstream temp dir")?;
        let dir = tmp.path().to_path_buf();
        fs::create_dir_all(dir.join("data"))?;
        if let Some((user, password)) = &credentials {
            let hash = bcrypt::hash(password, 4).context("hashing the upstream password")?;
            fs::write(dir.join("htpasswd"), format!("{user}:{hash}\n"))?;
        }
        let mut upstream = Upstream {
            dir,
            tmp: Some(tmp),
            port: 0,
            credentials,
            process: None,
            delete_dir_on_exit,
            sync_seq: AtomicU64::new(0),
            big: OnceLock::new(),
        };
        if delete_dir_on_exit {
            // From here on the wrapper deletes the directory when the test process exits.
            if let Some(tmp) = upstream.tmp.take() {
                let _ = tmp.keep();
            }
        }
        let mut last_error = None;
        for _ in 0..5 {
            upstream.port = free_port()?;
            match upstream.spawn() {
                Ok(()) => return Ok(upstream),
                Err(Spawn::PortTaken(e)) => last_error = Some(e),
                Err(Spawn::Failed(e)) => return Err(e),
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow!("no free port")))
            .context("the upstream registry lost the race for a free port 5 times")
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.host())
    }

    /// `127.0.0.1:PORT`, as podman and skopeo name the registry.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `(user, password)` when Basic auth is on.
    pub fn credentials(&self) -> Option<(&str, &str)> {
        self.credentials
            .as_ref()
            .map(|(u, p)| (u.as_str(), p.as_str()))
    }

    /// `user:password` for `skopeo --creds`/`podman --creds`, when Basic auth is on.
    pub fn creds_arg(&self) -> Option<String> {
        self.credentials().map(|(u, p)| format!("{u}:{p}"))
    }

    /// `127.0.0.1:PORT/library/<name>:<tag>`.
    pub fn image_ref(&self, name: &str, tag: &str) -> String {
        format!("{}/library/{name}:{tag}", self.host())
    }

    /// The registry's storage root (Distribution's filesystem driver `rootdirectory`).
    pub fn storage_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// Where Distribution keeps the bytes of blob `digest` (`sha256:<hex>`), e.g. to corrupt it.
    pub fn blob_path(&self, digest: &str) -> PathBuf {
        let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
        self.storage_dir()
            .join("docker/registry/v2/blobs/sha256")
            .join(&hex[..2.min(hex.len())])
            .join(hex)
            .join("data")
    }

    /// The temp directory holding config, storage and logs.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn access_log_path(&self) -> PathBuf {
        self.dir.join("access.log")
    }

    pub fn registry_log_path(&self) -> PathBuf {
        self.dir.join("registry.log")
    }

    /// The registry's own log (stderr).
    pub fn registry_log(&self) -> String {
        fs::read_to_string(self.registry_log_path()).unwrap_or_default()
    }

    /// The access log (without the harness's own requests), complete up to now.
    pub fn access_log(&self) -> String {
        self.sync_access_log();
        fs::read_to_string(self.access_log_path())
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.contains(SYNC_PARAM))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    /// Every request so far (without the harness's own), parsed from the access log.
    pub fn requests(&self) -> Vec<AccessEntry> {
        self.access_log()
            .lines()
            .filter_map(parse_access_line)
            .collect()
    }

    /// The number of requests so far; pass it to [`Upstream::requests_since`].
    pub fn mark(&self) -> usize {
        self.requests().len()
    }

    /// The requests after a [`Upstream::mark`].
    pub fn requests_since(&self, mark: usize) -> Vec<AccessEntry> {
        self.requests().into_iter().skip(mark).collect()
    }

    /// How many `method` requests for exactly `path` (query included) were served.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }

    /// How many `GET /v2/<any repo>/blobs/<digest>` requests were served, whatever the status.
    pub fn blob_gets(&self, digest: &str) -> usize {
        let suffix = format!("/blobs/{digest}");
        self.requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.ends_with(&suffix))
            .count()
    }

    /// Makes sure every request answered so far is in the access log. Distribution writes a
    /// line after the handler returns, so a client can see its response a moment before the
    /// line exists: send a marked request and wait until its own line appears.
    fn sync_access_log(&self) {
        if self.process.is_none() {
            return;
        }
        let n = self.sync_seq.fetch_add(1, Ordering::SeqCst);
        let marker = format!("{SYNC_PARAM}=log-{n} ");
        if let Err(e) = http_get(&self.host(), &format!("/v2/?{SYNC_PARAM}=log-{n}"), &[]) {
            panic!(
                "sending the access-log sync request: {e:#}\n{}",
                self.describe()
            );
        }
        wait_until(
            STOP_TIMEOUT,
            "the access log to record the sync request",
            || {
                let log = fs::read_to_string(self.access_log_path()).unwrap_or_default();
                if log.contains(&marker) {
                    Ok(())
                } else {
                    Err(self.describe())
                }
            },
        );
    }

    /// GET `path` with the configured credentials (if any).
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Result<HttpResponse> {
        let auth = self.credentials().map(|(u, p)| basic_auth(u, p));
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        if let Some(auth) = &auth {
            all.push(("Authorization", auth));
        }
        http_get(&self.host(), path, &all)
    }

    /// GET `path` without credentials.
    pub fn get_anonymous(&self, path: &str, headers: &[(&str, &str)]) -> Result<HttpResponse> {
        http_get(&self.host(), path, headers)
    }

    /// The tags of `repository` (e.g. `library/hello`), as served (Distribution's order).
    pub fn tags(&self, repository: &str) -> Result<Vec<String>> {
        let resp = self.get(
            &format!("/v2/{repository}/tags/list?{SYNC_PARAM}=tags"),
            &[],
        )?;
        ensure!(
            resp.status == 200,
            "tags/list of {repository}: {} {}",
            resp.status,
            resp.text()
        );
        let parsed: serde_json::Value = serde_json::from_slice(&resp.body)?;
        Ok(parsed["tags"]
            .as_array()
            .map(|tags| {
                tags.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The digest the registry serves for `repository:reference`, computed from the body.
    pub fn manifest_digest(
        &self,
        repository: &str,
        reference: &str,
        accept: &str,
    ) -> Result<String> {
        let path = format!("/v2/{repository}/manifests/{reference}?{SYNC_PARAM}=manifest");
        let resp = self.get(&path, &[("Accept", accept)])?;
        ensure!(
            resp.status == 200,
            "GET {path}: {} {}\n{}",
            resp.status,
            resp.text(),
            self.describe()
        );
        Ok(format!(
            "sha256:{}",
            hex::encode(Sha256::digest(&resp.body))
        ))
    }

    /// Pushes every standard fixture image (`hello` tags, `multiarch`, `many`, `hello-v2s2`)
    /// to `library/<name>:<tag>` with `skopeo copy`, then checks the served digests.
    pub fn seed(&self, images: &Images) -> Result<()> {
        let all: Vec<&Image> = images.all().iter().collect();
        self.seed_images(&all)
    }

    /// Pushes `images` to `library/<name>:<tag>` with `skopeo copy` and checks that the
    /// registry serves each one's digest.
    pub fn seed_images(&self, images: &[&Image]) -> Result<()> {
        // Three skopeo processes at a time: about twice as fast as one on two cores.
        const PARALLEL: usize = 3;
        let mut groups: Vec<Vec<&Image>> = vec![Vec::new(); PARALLEL.min(images.len())];
        for (i, image) in images.iter().enumerate() {
            groups[i % PARALLEL].push(image);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .iter()
                .map(|group| scope.spawn(move || self.push_images(group)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow!("a seeding thread panicked")))
                })
                .collect::<Result<Vec<()>>>()
        })?;
        for image in images {
            let served =
                self.manifest_digest(&image.repository(), &image.tag, &image.media_type)?;
            ensure!(
                served == image.digest,
                "{} is served with digest {served}, but the fixture's is {}\n{}",
                self.image_ref(&image.name, &image.tag),
                image.digest,
                self.describe()
            );
        }
        Ok(())
    }

    fn push_images(&self, images: &[&Image]) -> Result<()> {
        let skopeo = Skopeo::new(&[&self.host()])?;
        let creds = self.creds_arg();
        for image in images {
            let mut flags = vec!["--quiet"];
            flags.extend_from_slice(image.copy_flags());
            if let Some(creds) = &creds {
                flags.extend_from_slice(&["--dest-creds", creds]);
            }
            let dest = format!("docker://{}", self.image_ref(&image.name, &image.tag));
            skopeo
                .copy(&image.transport_ref(), &dest, &flags)
                .ok()
                .with_context(|| format!("seeding {dest}\n{}", self.describe()))?;
        }
        Ok(())
    }

    /// Pushes the `big` image (built on first use) to `library/big:latest`, once per registry.
    pub fn seed_big(&self) -> Result<&Image> {
        let big = images::get().big();
        let done = self
            .big
            .get_or_init(|| self.seed_images(&[big]).map_err(|e| format!("{e:#}")));
        match done {
            Ok(()) => Ok(big),
            Err(e) => bail!("{e}"),
        }
    }

    /// Whether the registry process is running.
    pub fn is_running(&mut self) -> bool {
        match &mut self.process {
            Some(p) => matches!(p.wrapper.try_wait(), Ok(None)),
            None => false,
        }
    }

    /// Stops the registry (storage and logs stay, and so does the port number).
    pub fn stop(&mut self) {
        let Some(mut p) = self.process.take() else {
            return;
        };
        drop(p.stdin.take());
        let deadline = Instant::now() + STOP_TIMEOUT;
        loop {
            match p.wrapper.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if Instant::now() > deadline => break,
                Ok(None) => std::thread::sleep(POLL),
            }
        }
        eprintln!(
            "[upstream] registry on {} ignored SIGTERM; killing it",
            self.host()
        );
        let pid = nix::unistd::Pid::from_raw(p.registry_pid);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = p.wrapper.kill();
        let _ = p.wrapper.wait();
    }

    /// Stops and starts the registry again on the same port, with the same storage.
    pub fn restart(&mut self) -> Result<()> {
        self.stop();
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match self.spawn() {
                Ok(()) => return Ok(()),
                Err(Spawn::PortTaken(e)) if Instant::now() < deadline => {
                    eprintln!("[upstream] port {} still busy, retrying: {e:#}", self.port);
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(Spawn::PortTaken(e) | Spawn::Failed(e)) => return Err(e),
            }
        }
    }

    /// A description for failure messages: address, state dir and the end of both logs.
    pub fn describe(&self) -> String {
        let tail = |path: PathBuf| {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let from = lines.len().saturating_sub(20);
            format!(
                "--- {} (last 20 lines) ---\n{}",
                path.display(),
                lines[from..].join("\n")
            )
        };
        format!(
            "upstream registry {} (state in {})\n{}\n{}",
            self.url(),
            self.dir.display(),
            tail(self.registry_log_path()),
            tail(self.access_log_path())
        )
    }

    fn write_config(&self) -> Result<PathBuf> {
        let mut config = format!(
            r#"# pulp-e2e upstream registry (see tests/support/upstream.rs)
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: "{data}"
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: "127.0.0.1:{port}"
  secret: pulp-e2e-upstream-secret
  headers:
    X-Content-Type-Options: [nosniff]
"#,
            data = self.storage_dir().display(),
            port = self.port
        );
        if self.credentials.is_some() {
            config.push_str(&format!(
                "auth:\n  htpasswd:\n    realm: {REALM}\n    path: \"{}\"\n",
                self.dir.join("htpasswd").display()
            ));
        }
        let path = self.dir.join("config.yml");
        fs::write(&path, config)?;
        Ok(path)
    }

    /// Starts the wrapper and waits until the registry listens on `self.port` and answers.
    fn spawn(&mut self) -> Result<(), Spawn> {
        let config = self.write_config().map_err(Spawn::Failed)?;
        let registry = find_tool("docker-registry").map_err(Spawn::Failed)?;
        let log_offset = fs::metadata(self.registry_log_path())
            .map(|m| m.len() as usize)
            .unwrap_or(0);
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(WRAPPER)
            .arg("pulp-e2e-upstream")
            .arg(&registry)
            .arg(&config)
            .arg(self.access_log_path())
            .arg(self.registry_log_path())
            .arg(if self.delete_dir_on_exit {
                self.dir.as_os_str()
            } else {
                "".as_ref()
            })
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // Distribution reads REGISTRY_* variables as config overrides (and REGISTRY_AUTH_FILE,
        // a containers variable, would be taken as an auth section).
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("REGISTRY_") {
                cmd.env_remove(key);
            }
        }
        let mut wrapper = cmd
            .spawn()
            .map_err(|e| Spawn::Failed(anyhow!("starting docker-registry via sh: {e}")))?;
        let mut line = String::new();
        let stdout = wrapper.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| Spawn::Failed(anyhow!("reading the registry pid: {e}")))?;
        let registry_pid: i32 = line
            .trim()
            .parse()
            .map_err(|_| Spawn::Failed(anyhow!("the wrapper printed {line:?}, not a pid")))?;
        self.process = Some(Process {
            stdin: wrapper.stdin.take(),
            wrapper,
            registry_pid,
        });

        let listening = format!("listening on 127.0.0.1:{}", self.port);
        let probe = format!("/v2/?{SYNC_PARAM}=ready");
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            let log = self.registry_log();
            let new_log = log.get(log_offset..).unwrap_or(&log);
            if !self.is_running() {
                self.process = None;
                let e = anyhow!(
                    "docker-registry exited during startup on port {}\n{}",
                    self.port,
                    self.describe()
                );
                return Err(if new_log.contains("address already in use") {
                    Spawn::PortTaken(e)
                } else {
                    Spawn::Failed(e)
                });
            }
            if new_log.contains(&listening) {
                if let Ok(resp) = http_get(&self.host(), &probe, &[]) {
                    if resp.status == 200 || resp.status == 401 {
                        return Ok(());
                    }
                }
            }
            if Instant::now() > deadline {
                let e = anyhow!(
                    "docker-registry did not answer GET /v2/ within {}s\n{}",
                    START_TIMEOUT.as_secs(),
                    self.describe()
                );
                self.stop();
                return Err(Spawn::Failed(e));
            }
            std::thread::sleep(POLL);
        }
    }
}

enum Spawn {
    PortTaken(anyhow::Error),
    Failed(anyhow::Error),
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop();
        if std::thread::panicking() {
            if let Some(tmp) = self.tmp.take() {
                let dir = tmp.keep();
                eprintln!(
                    "[upstream] test failed; kept {}\n{}",
                    dir.display(),
                    self.describe()
                );
            }
        }
    }
}

/// One seeded anonymous upstream registry for the whole test process (started on first use).
///
/// Use it for tests that only pull or read. Tests that push, delete or count requests in the
/// access log should start their own [`Upstream`], since other tests use this one in parallel.
/// It is stopped, and its directory deleted, when the test process exits.
pub fn shared() -> &'static Upstream {
    static SHARED: OnceLock<Result<Upstream, String>> = OnceLock::new();
    let result = SHARED.get_or_init(|| {
        let started = Instant::now();
        let images = images::get();
        let upstream = Upstream::launch(None, true)
            .and_then(|up| up.seed(images).map(|()| up))
            .map_err(|e| format!("starting the shared upstream registry: {e:#}"))?;
        eprintln!(
            "[upstream] shared registry {} seeded in {:.2}s",
            upstream.url(),
            started.elapsed().as_secs_f64()
        );
        Ok(upstream)
    });
    match result {
        Ok(upstream) => upstream,
        Err(e) => panic!("{e}"),
    }
}

/// Parses a combined-log-format line:
/// `127.0.0.1 - - [date] "GET /v2/ HTTP/1.1" 200 2 "referer" "user agent"`.
pub fn parse_access_line(line: &str) -> Option<AccessEntry> {
    let mut quoted = line.split('"');
    quoted.next()?;
    let request = quoted.next()?;
    let after = quoted.next()?;
    quoted.next()?; // referer
    let user_agent = quoted.nth(1).unwrap_or_default().to_string();
    let mut parts = request.split(' ');
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let status = after.split_whitespace().next()?.parse().ok()?;
    Some(AccessEntry {
        method,
        path,
        status,
        user_agent,
    })
}

/// A free loopback port: bind port 0, read it, release it. Another process can take it before
/// the registry binds it; [`Upstream::start`] then retries with a new one.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
