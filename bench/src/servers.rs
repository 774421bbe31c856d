//! The two servers under test: a release `pulpd` and the peer, Debian's `docker-registry` (CNCF Distribution
//! 2.8), each on an ephemeral loopback port with its own temp directory.
//!
//! The peer is `pulp_e2e::upstream::Upstream`, exactly as the end-to-end tests run it; the bench only adds
//! finding its pid (for CPU and memory figures). pulpd is started here rather than through the e2e `Daemon`
//! because the bench needs its pid, a quiet log level and a restart with token auth switched on.

use crate::load::Server;
use crate::procfs::Proc;
use anyhow::{anyhow, bail, Context, Result};
use pulp_e2e::upstream::{http_get, Upstream};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The admin password of the bench's pulpd.
pub const ADMIN_PASSWORD: &str = "bench-admin-password";

/// How long pulpd may take to start and to stop.
const START_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(10);

/// A running pulpd.
pub struct Pulpd {
    bin: PathBuf,
    /// Holds the data dir and the log; removed when the bench ends.
    dir: tempfile::TempDir,
    child: Option<Child>,
    addr: SocketAddr,
    registry_host: String,
    token_auth: bool,
    /// Extra environment (another metadata or blob backend).
    env: Vec<(String, String)>,
}

impl Pulpd {
    /// Starts `bin` on `127.0.0.1:0` with an empty data dir and token auth `token_auth`.
    pub fn start(bin: &Path, token_auth: bool) -> Result<Pulpd> {
        let mut pulpd = Pulpd::prepare(bin, token_auth)?;
        pulpd.launch()?;
        Ok(pulpd)
    }

    /// A pulpd not started yet: its data dir can be filled first (see [`Pulpd::data_dir`]), then
    /// [`Pulpd::launch`] starts it.
    pub fn prepare(bin: &Path, token_auth: bool) -> Result<Pulpd> {
        let dir = tempfile::Builder::new()
            .prefix("pulpd-bench-")
            .tempdir()
            .context("creating pulpd's temp dir")?;
        Ok(Pulpd {
            bin: bin.to_path_buf(),
            dir,
            child: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            registry_host: String::new(),
            token_auth,
            env: Vec::new(),
        })
    }

    /// Starts pulpd with `env` added to its environment (e.g. `PULPD_METADATA`, `PULPD_BLOBS`).
    pub fn with_env(mut self, env: &[(&str, &str)]) -> Pulpd {
        self.env
            .extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self
    }

    /// pulpd's `--data-dir`.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("pulpd.log")
    }

    /// Starts pulpd and returns once its status endpoint answers 200.
    pub fn launch(&mut self) -> Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .context("opening pulpd's log")?;
        let offset = log.metadata().map(|m| m.len() as usize).unwrap_or(0);
        let child = Command::new(&self.bin)
            .arg("--bind")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(self.data_dir())
            .env("PULPD_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("PULPD_TOKEN_AUTH", self.token_auth.to_string())
            // info only: per-request lines would measure the logger, not the server.
            .env("PULPD_LOG", "info")
            .env_remove("PULPD_BIND")
            .env_remove("PULPD_DATA_DIR")
            .env_remove("PULPD_REGISTRY_HOST")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", self.bin.display()))?;
        self.child = Some(child);
        let deadline = Instant::now() + START_TIMEOUT;
        let (addr, registry_host) = loop {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                bail!(
                    "pulpd exited with {status} during start\n{}",
                    self.log_tail()
                );
            }
            let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
            let line = text
                .get(offset..)
                .unwrap_or("")
                .lines()
                .find(|l| l.contains("listening"));
            if let Some(line) = line {
                let field = |name: &str| {
                    line.split_whitespace()
                        .find_map(|w| w.strip_prefix(&format!("{name}=")))
                        .map(str::to_string)
                };
                let addr = field("address").ok_or_else(|| anyhow!("no address in {line:?}"))?;
                let host = field("registry_host")
                    .ok_or_else(|| anyhow!("no registry_host in {line:?}"))?;
                break (
                    addr.parse().with_context(|| format!("parsing {addr:?}"))?,
                    host,
                );
            }
            if Instant::now() > deadline {
                bail!("pulpd did not report its address\n{}", self.log_tail());
            }
            std::thread::sleep(POLL);
        };
        self.addr = addr;
        self.registry_host = registry_host;
        loop {
            match http_get(&self.addr.to_string(), "/pulp/api/v3/status/", &[]) {
                Ok(r) if r.status == 200 => return Ok(()),
                _ if Instant::now() > deadline => {
                    bail!("pulpd's status did not answer 200\n{}", self.log_tail())
                }
                _ => std::thread::sleep(POLL),
            }
        }
    }

    /// Stops pulpd (SIGTERM, then SIGKILL after the timeout).
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = nix::unistd::Pid::from_raw(child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(POLL);
        }
        eprintln!("[bench] pulpd ignored SIGTERM for {STOP_TIMEOUT:?}; killing it");
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Stops pulpd and starts it again on the same data dir, with token auth `token_auth`.
    pub fn restart(&mut self, token_auth: bool) -> Result<()> {
        self.stop();
        self.token_auth = token_auth;
        self.launch()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The host pulpd names in `registry_path` and expects as the token `service`.
    pub fn registry_host(&self) -> &str {
        &self.registry_host
    }

    pub fn proc(&self) -> Option<Proc> {
        self.child.as_ref().map(|c| Proc::new(c.id()))
    }

    pub fn server(&self) -> Server {
        Server {
            addr: self.addr,
            proc: self.proc(),
        }
    }

    /// The last lines of pulpd's log, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(30);
        format!(
            "--- pulpd log {} (last 30 lines) ---\n{}",
            self.log_path().display(),
            lines[from..].join("\n")
        )
    }
}

impl Drop for Pulpd {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The peer: a `docker-registry` and its process.
pub struct Peer {
    pub upstream: Upstream,
    pub proc: Option<Proc>,
}

impl Peer {
    pub fn start() -> Result<Peer> {
        let upstream = Upstream::start().context("starting docker-registry")?;
        let config = upstream.dir().join("config.yml");
        let proc = Proc::find("docker-registry", &config.to_string_lossy());
        if proc.is_none() {
            eprintln!(
                "[bench] could not find docker-registry's pid; its CPU and memory are not reported"
            );
        }
        Ok(Peer { upstream, proc })
    }

    pub fn server(&self) -> Server {
        Server {
            addr: SocketAddr::from(([127, 0, 0, 1], self.upstream.port())),
            proc: self.proc,
        }
    }
}
