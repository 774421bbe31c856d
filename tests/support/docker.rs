//! A private Docker engine for the tests, and the real `docker` client pointed at it.
//!
//! The tests never use a system `dockerd`. [`shared`] starts one per test process (like
//! `upstream::shared()`), with everything in a temp dir: `--data-root`, `--exec-root` (where the
//! `containerd` that dockerd starts for itself keeps its socket and state), `--pidfile`, the API socket
//! (`-H unix://<dir>/docker.sock`) and an empty `--config-file`, so `/etc/docker/daemon.json` is never
//! read. It runs with `--storage-driver=vfs` (no overlay mounts) and no networking of its own
//! (`--iptables=false --ip6tables=false --bridge=none --ip-masq=false`): the tests only pull, tag and
//! push, and the engine reaches loopback registries through the host's network namespace.
//!
//! dockerd bind-mounts its data root onto itself; it runs in a private mount namespace
//! (`unshare --mount`), so that mount vanishes with the engine instead of staying on the host after a
//! `SIGKILL`. The engine dies with the test process: it runs under [`crate::process::DIE_WITH_TEST`],
//! which kills dockerd when the test process ends; dockerd starts its containerd with a parent-death
//! signal, so containerd goes with it, and the wrapper then deletes the temp dir.
//!
//! Docker treats registries in `127.0.0.0/8` as plain HTTP by default (`docker info` lists
//! "Insecure Registries: 127.0.0.0/8"); a `localhost:<port>` registry counts because the engine resolves
//! the name to 127.0.0.1. So pulpd and the upstream need no `--insecure-registry`.
//!
//! Each [`Docker`] client has its own `DOCKER_CONFIG` directory (so `docker login` writes credentials
//! there, never to `~/.docker`) and `DOCKER_HOST` at the private engine's socket. Clients share the
//! engine's image store, like two shells on one machine: tests use image names that include their own
//! registry's port, so they do not collide.
//!
//! A missing `dockerd` or `docker` is an error saying to `apt-get install docker.io` (never a skip).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use serde_json::Value;
use tempfile::TempDir;

use crate::clients::{find_tool, run_with_timeout, shell_quote, CmdOutput};

/// How long the engine may take to answer `docker version` after it was started.
const START_TIMEOUT: Duration = Duration::from_secs(60);

const INSTALL_HINT: &str =
    "the push tests start a private Docker engine: install Debian's Docker with \
     `apt-get install docker.io` (scripts/test does it)";

/// The private Docker engine of this test process.
pub struct DockerDaemon {
    /// Holds the API socket, data root, exec root and log; deleted by the wrapper when the engine dies.
    dir: PathBuf,
    /// Held open for the life of the process: the wrapper kills dockerd when it closes.
    _stdin: ChildStdin,
}

impl DockerDaemon {
    /// `unix://<dir>/docker.sock`, for `DOCKER_HOST`.
    pub fn host(&self) -> String {
        format!("unix://{}", self.socket().display())
    }

    fn socket(&self) -> PathBuf {
        self.dir.join("docker.sock")
    }

    /// The engine's temp dir (data root in `data/`, exec root in `x/`, log in `dockerd.log`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The engine's log (dockerd and its containerd), for failure messages.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.join("dockerd.log")).unwrap_or_default()
    }

    /// The last `lines` lines of the log.
    pub fn log_tail(&self, lines: usize) -> String {
        let log = self.log();
        let all: Vec<&str> = log.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

/// The Docker engine of this test process, started on first use (see the module doc).
pub fn shared() -> &'static DockerDaemon {
    static SHARED: OnceLock<Result<DockerDaemon, String>> = OnceLock::new();
    let result = SHARED.get_or_init(|| {
        let started = Instant::now();
        let daemon = start().map_err(|e| format!("starting the private Docker engine: {e:#}"))?;
        eprintln!(
            "[docker] private engine at {} ready in {:.2}s",
            daemon.host(),
            started.elapsed().as_secs_f64()
        );
        Ok(daemon)
    });
    match result {
        Ok(daemon) => daemon,
        Err(e) => panic!("{e}"),
    }
}

fn start() -> Result<DockerDaemon> {
    let dockerd = find_tool("dockerd").context(INSTALL_HINT)?;
    find_tool("docker").context(INSTALL_HINT)?;
    find_tool("containerd").context(INSTALL_HINT)?;
    let unshare =
        find_tool("unshare").context("util-linux's unshare gives dockerd its own mounts")?;
    ensure!(
        nix::unistd::geteuid().is_root(),
        "the Docker engine runs as root; run the e2e tests as root (e.g. `sudo -E scripts/test`)"
    );
    // A short path: containerd's sockets live under the exec root, and a unix socket path must stay
    // under 108 bytes.
    let tmp = tempfile::Builder::new()
        .prefix("pulp-e2e-docker-")
        .tempdir_in("/tmp")
        .context("creating the Docker temp dir")?;
    // From here on the wrapper deletes it, once the engine is gone (`shared` is never dropped).
    let dir = tmp.keep();
    fs::write(dir.join("daemon.json"), "{}\n")?;
    let log = fs::File::create(dir.join("dockerd.log"))?;
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(crate::process::DIE_WITH_TEST)
        .arg("docker-wrapper")
        .arg(&dir)
        .arg(unshare)
        .args(["--mount", "--propagation", "private", "--"])
        .arg(dockerd)
        .arg("--config-file")
        .arg(dir.join("daemon.json"))
        .arg("--data-root")
        .arg(dir.join("data"))
        .arg("--exec-root")
        .arg(dir.join("x"))
        .arg("--pidfile")
        .arg(dir.join("docker.pid"))
        .arg("-H")
        .arg(format!("unix://{}", dir.join("docker.sock").display()))
        .args([
            "--storage-driver=vfs",
            "--iptables=false",
            "--ip6tables=false",
            "--bridge=none",
            "--ip-masq=false",
        ])
        .stdin(Stdio::piped())
        .stdout(log.try_clone()?)
        .stderr(log);
    // The engine must not pick up a client's or another engine's settings from the environment.
    for var in [
        "DOCKER_HOST",
        "DOCKER_CONFIG",
        "DOCKER_CONTEXT",
        "DOCKER_TLS_VERIFY",
    ] {
        command.env_remove(var);
    }
    let mut wrapper = command.spawn().context("starting dockerd")?;
    let stdin = wrapper
        .stdin
        .take()
        .context("the dockerd wrapper's stdin")?;
    let daemon = DockerDaemon { dir, _stdin: stdin };
    let probe = Docker::with_daemon(&daemon)?;
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if let Ok(Some(status)) = wrapper.try_wait() {
            bail!(
                "dockerd exited during start ({status}); its log:\n{}",
                daemon.log()
            );
        }
        let out = probe.cmd(&["version", "--format", "{{.Server.Version}}"]);
        if out.success() {
            break;
        }
        if Instant::now() > deadline {
            bail!(
                "dockerd did not answer within {START_TIMEOUT:?}; last try:\n{out}\nits log:\n{}",
                daemon.log_tail(40)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(daemon)
}

/// The real `docker` CLI with its own `DOCKER_CONFIG`, talking to the private engine.
pub struct Docker {
    host: String,
    config: TempDir,
}

impl Docker {
    /// A client of the shared private engine (started on first use) with an empty config dir.
    pub fn new() -> Result<Docker> {
        Docker::with_daemon(shared())
    }

    fn with_daemon(daemon: &DockerDaemon) -> Result<Docker> {
        let config = tempfile::Builder::new()
            .prefix("pulp-e2e-docker-config-")
            .tempdir()
            .context("creating a DOCKER_CONFIG dir")?;
        fs::write(config.path().join("config.json"), "{}\n")?;
        Ok(Docker {
            host: daemon.host(),
            config,
        })
    }

    /// Runs `docker <args>`; never panics on a non-zero exit.
    pub fn cmd(&self, args: &[&str]) -> CmdOutput {
        let program = find_tool("docker").unwrap_or_else(|e| panic!("{e:#}; {INSTALL_HINT}"));
        let mut cmd = Command::new(&program);
        cmd.args(args)
            .env("DOCKER_HOST", &self.host)
            .env("DOCKER_CONFIG", self.config.path())
            .env("DOCKER_CLI_HINTS", "false");
        for var in [
            "DOCKER_CONTEXT",
            "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH",
            "DOCKER_API_VERSION",
        ] {
            cmd.env_remove(var);
        }
        let command = std::iter::once("docker")
            .chain(args.iter().copied())
            .map(shell_quote)
            .collect::<Vec<_>>()
            .join(" ");
        let env = format!(
            "DOCKER_HOST={} DOCKER_CONFIG={}",
            self.host,
            self.config.path().display()
        );
        run_with_timeout(cmd, command, env)
    }

    /// `docker pull [extra] <image>`.
    pub fn pull(&self, image: &str, extra: &[&str]) -> CmdOutput {
        self.cmd(&[&["pull"], extra, &[image]].concat())
    }

    /// `docker tag <image> <new_name>`, which must succeed.
    pub fn tag(&self, image: &str, new_name: &str) -> Result<()> {
        self.cmd(&["tag", image, new_name]).ok().map(drop)
    }

    /// `docker push [extra] <image>` (docker pushes an image to the registry its name says).
    pub fn push(&self, image: &str, extra: &[&str]) -> CmdOutput {
        self.cmd(&[&["push"], extra, &[image]].concat())
    }

    /// `docker login -u <user> -p <password> <host>`, which must succeed (credentials go to this
    /// client's `DOCKER_CONFIG`).
    pub fn login(&self, host: &str, user: &str, password: &str) -> Result<()> {
        self.cmd(&["login", "-u", user, "-p", password, host])
            .ok()
            .map(drop)
    }

    /// `docker rmi --force <image>`, which must succeed.
    pub fn rmi(&self, image: &str) -> Result<()> {
        self.cmd(&["rmi", "--force", image]).ok().map(drop)
    }

    /// The manifest digest the engine recorded for `image` (`host/repo[:tag]`) in that repository: the
    /// `RepoDigests` entry `host/repo@sha256:…` (set by a pull or a push).
    pub fn image_digest(&self, image: &str) -> Result<String> {
        let out = self
            .cmd(&[
                "image",
                "inspect",
                "--format",
                "{{json .RepoDigests}}",
                image,
            ])
            .ok()?;
        let digests: Value = serde_json::from_str(out.stdout.trim())
            .with_context(|| format!("parsing RepoDigests from:\n{out}"))?;
        let repository = repository_of(image);
        digests
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .find_map(|d| {
                let (repo, digest) = d.split_once('@')?;
                (repo == repository).then(|| digest.to_string())
            })
            .ok_or_else(|| anyhow!("no RepoDigests entry for {repository}:\n{out}"))
    }

    /// This client's `DOCKER_CONFIG` directory (`config.json` holds what `docker login` stored).
    pub fn config_dir(&self) -> &Path {
        self.config.path()
    }
}

/// `host:port/repo` of `host:port/repo:tag` (a `:` after the last `/` starts the tag).
fn repository_of(image: &str) -> &str {
    let image = image.split('@').next().unwrap_or(image);
    let name_start = image.rfind('/').map_or(0, |i| i + 1);
    match image[name_start..].find(':') {
        Some(i) => &image[..name_start + i],
        None => image,
    }
}

#[cfg(test)]
mod tests {
    use super::repository_of;

    #[test]
    fn repository_of_strips_tag_and_digest_but_not_the_port() {
        assert_eq!(repository_of("127.0.0.1:5000/a/b:v1"), "127.0.0.1:5000/a/b");
        assert_eq!(repository_of("127.0.0.1:5000/a/b"), "127.0.0.1:5000/a/b");
        assert_eq!(repository_of("localhost:1/a@sha256:00"), "localhost:1/a");
    }
}
