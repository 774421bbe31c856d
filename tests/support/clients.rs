//! The real registry clients, `podman` and `skopeo`, configured per instance without touching /etc.
//!
//! Each [`Podman`] (and each [`Skopeo`] made with [`Skopeo::new`]) owns a temp directory with its
//! own config files, passed to the binaries through environment variables:
//!
//! - `CONTAINERS_CONF`: runtime `runc` (crun refuses this kernel's hybrid cgroup layout),
//!   `cgroupfs` and `file` events (no systemd), host network namespace, small `default_ulimits`
//!   (the sandbox may not raise RLIMIT_NOFILE/NPROC), `k8s-file` logs, and a per-instance
//!   `tmp_dir` with file locks, so parallel podman instances share no libpod state.
//! - `CONTAINERS_STORAGE_CONF`: driver `vfs` with graphroot/runroot inside the temp directory,
//!   so tests never share image storage.
//! - `CONTAINERS_REGISTRIES_CONF`: the plain-HTTP registries the test names (pulpd, upstream);
//!   skopeo 1.9 ignores this variable, so [`Skopeo`] passes the same file as `--registries-conf`.
//! - `REGISTRY_AUTH_FILE`: a temp `auth.json`, so `podman login` does not write /run/containers;
//!   `HOME` points into the temp directory too, so no `~/.docker/config.json` leaks credentials in.
//!
//! podman 4.3 and skopeo 1.9 have no setting for the blob-info cache
//! (`/var/lib/containers/cache/blob-info-cache-v1.boltdb` for root), which remembers where blobs
//! were seen and makes later pushes try cross-repository mounts (REAL-CLIENTS.md gotcha 7). So
//! every invocation runs in a private mount namespace (`unshare --mount`) in which a
//! per-instance directory is bind-mounted over that cache directory: each instance behaves like
//! a fresh machine, and a [`Podman`] and the [`Skopeo`] from [`Podman::skopeo`] share one cache,
//! auth file and registry list, like two clients on one machine.
//!
//! A missing binary is an error that says how to install it; tests never skip.

use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use serde_json::Value;
use tempfile::TempDir;

/// How long one client command may run before it is killed.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);

/// Where containers/image keeps the blob-info cache for root; hidden per instance (see module doc).
const SYSTEM_BLOB_INFO_CACHE: &str = "/var/lib/containers/cache";

/// Runs `"$@"` with the instance's cache directory (`$0`) mounted over the system one.
const NAMESPACE_SCRIPT: &str =
    r#"mount --bind "$0" /var/lib/containers/cache || exit 125; exec "$@""#;

const INSTALL_HINT: &str = "install the real clients with \
     `apt-get install podman skopeo docker-registry busybox-static runc uidmap` \
     (or run scripts/test, which installs what the e2e tests need)";

/// The result of one client command, whatever its exit status.
#[derive(Debug, Clone)]
pub struct CmdOutput {
    /// The command line, as a person would type it.
    pub command: String,
    /// The config environment it ran with (`CONTAINERS_CONF=…` and so on), for reproducing it.
    pub env: String,
    pub status: ExitStatus,
    /// Whether it was killed after [`COMMAND_TIMEOUT`].
    pub timed_out: bool,
    pub duration: Duration,
    /// stdout as bytes, exactly (e.g. `skopeo inspect --raw` prints a manifest).
    pub stdout_bytes: Vec<u8>,
    /// stdout, lossily decoded.
    pub stdout: String,
    pub stderr: String,
}

impl CmdOutput {
    /// Exited with status 0.
    pub fn success(&self) -> bool {
        self.status.success() && !self.timed_out
    }

    /// `Ok(self)` when it succeeded, otherwise an error carrying the whole report.
    pub fn ok(self) -> Result<CmdOutput> {
        if self.success() {
            Ok(self)
        } else {
            Err(anyhow!("command failed:\n{self}"))
        }
    }

    /// `Ok(self)` when it failed, otherwise an error carrying the whole report.
    pub fn failed(self) -> Result<CmdOutput> {
        if self.success() {
            Err(anyhow!(
                "command succeeded but was expected to fail:\n{self}"
            ))
        } else {
            Ok(self)
        }
    }
}

impl fmt::Display for CmdOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = if self.timed_out {
            format!("killed after the {}s timeout", COMMAND_TIMEOUT.as_secs())
        } else {
            self.status.to_string()
        };
        writeln!(f, "$ {}", self.command)?;
        writeln!(f, "  env: {}", self.env)?;
        writeln!(f, "  {status} after {:.2}s", self.duration.as_secs_f64())?;
        writeln!(f, "--- stdout ---\n{}", self.stdout.trim_end())?;
        write!(f, "--- stderr ---\n{}", self.stderr.trim_end())
    }
}

/// One "machine" worth of client state: config files, storage, auth file, blob-info cache.
struct ClientEnv {
    dir: TempDir,
    vars: Vec<(&'static str, PathBuf)>,
}

impl ClientEnv {
    fn new(insecure_registries: &[&str]) -> Result<ClientEnv> {
        require_root()?;
        for tool in ["podman", "skopeo"] {
            find_tool(tool)?;
        }
        find_tool("runc").context("podman is configured to use runc")?;
        find_tool("conmon").context("podman needs conmon")?;
        find_tool("unshare").context("util-linux's unshare isolates the blob-info cache")?;
        fs::create_dir_all(SYSTEM_BLOB_INFO_CACHE)
            .with_context(|| format!("creating {SYSTEM_BLOB_INFO_CACHE}"))?;

        let dir = tempfile::Builder::new()
            .prefix("pulp-e2e-client-")
            .tempdir()
            .context("creating the client temp dir")?;
        let root = dir.path();
        for sub in ["tmp", "cache", "networks", "home"] {
            fs::create_dir_all(root.join(sub))?;
        }
        let (nofile, nproc) = ulimits();
        let containers_conf = format!(
            r#"# pulp-e2e podman configuration (see tests/support/clients.rs)
[containers]
netns = "host"
log_driver = "k8s-file"
default_ulimits = ["nofile={nofile}:{nofile}", "nproc={nproc}:{nproc}"]

[network]
network_config_dir = "{root}/networks"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "{root}/events.log"
tmp_dir = "{root}/tmp"
image_copy_tmp_dir = "{root}/tmp"
lock_type = "file"
"#,
            root = root.display()
        );
        let storage_conf = format!(
            "[storage]\ndriver = \"vfs\"\ngraphroot = \"{root}/storage\"\nrunroot = \"{root}/run\"\n",
            root = root.display()
        );
        let mut registries_conf = String::from("unqualified-search-registries = []\n");
        for host in insecure_registries {
            registries_conf.push_str(&format!(
                "\n[[registry]]\nlocation = \"{host}\"\ninsecure = true\n"
            ));
        }
        let files = [
            ("containers.conf", containers_conf),
            ("storage.conf", storage_conf),
            ("registries.conf", registries_conf),
            ("auth.json", "{}\n".to_string()),
        ];
        for (name, content) in files {
            fs::write(root.join(name), content)?;
        }
        let vars = vec![
            ("CONTAINERS_CONF", root.join("containers.conf")),
            ("CONTAINERS_STORAGE_CONF", root.join("storage.conf")),
            ("CONTAINERS_REGISTRIES_CONF", root.join("registries.conf")),
            ("REGISTRY_AUTH_FILE", root.join("auth.json")),
            ("TMPDIR", root.join("tmp")),
            // Keeps ~/.docker/config.json and ~/.config/containers out of credential lookups.
            ("HOME", root.join("home")),
        ];
        Ok(ClientEnv { dir, vars })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn env_display(&self) -> String {
        let vars: Vec<String> = self
            .vars
            .iter()
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect();
        format!(
            "{} (blob-info cache: {})",
            vars.join(" "),
            self.path().join("cache").display()
        )
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new("unshare");
        cmd.args(["--mount", "--propagation", "private", "--", "sh", "-c"])
            .arg(NAMESPACE_SCRIPT)
            .arg(self.path().join("cache"))
            .arg(program)
            .args(args);
        for var in [
            "CONTAINERS_CONF_OVERRIDE",
            "DOCKER_CONFIG",
            "REGISTRIES_CONFIG_PATH",
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        cmd
    }

    fn run(&self, program: &str, args: &[&str]) -> CmdOutput {
        let command = std::iter::once(program)
            .chain(args.iter().copied())
            .map(shell_quote)
            .collect::<Vec<_>>()
            .join(" ");
        run_with_timeout(self.command(program, args), command, self.env_display())
    }

    /// True when podman storage in this env still records containers.
    fn has_containers(&self) -> bool {
        let path = self
            .path()
            .join("storage")
            .join("vfs-containers")
            .join("containers.json");
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<Value>(&bytes)
                .map(|v| v.as_array().is_none_or(|a| !a.is_empty()))
                .unwrap_or(true),
            Err(_) => false,
        }
    }
}

impl Drop for ClientEnv {
    fn drop(&mut self) {
        // A container left behind (a failed test, `run -d`) keeps conmon running; remove it so
        // no process outlives the test and the temp dir can be deleted.
        if self.has_containers() {
            let out = self.run("podman", &["rm", "--all", "--force", "--time", "0"]);
            if !out.success() {
                eprintln!("[clients] cleaning up containers failed:\n{out}");
            }
        }
    }
}

/// Runs `cmd` to completion, killing it after [`COMMAND_TIMEOUT`].
pub(crate) fn run_with_timeout(mut cmd: Command, command: String, env: String) -> CmdOutput {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start `{command}`: {e}; {INSTALL_HINT}"));
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let (output, timed_out) = match rx.recv_timeout(COMMAND_TIMEOUT) {
        Ok(output) => (output, false),
        Err(_) => {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            (
                rx.recv()
                    .unwrap_or_else(|_| panic!("waiting for `{command}` failed")),
                true,
            )
        }
    };
    let output = output.unwrap_or_else(|e| panic!("waiting for `{command}`: {e}"));
    CmdOutput {
        command,
        env,
        status: output.status,
        timed_out,
        duration: started.elapsed(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stdout_bytes: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub(crate) fn shell_quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

fn require_root() -> Result<()> {
    ensure!(
        nix::unistd::geteuid().is_root(),
        "the e2e tests drive rootful podman and skopeo, so they must run as root \
         (e.g. `sudo -E scripts/test`)"
    );
    Ok(())
}

/// Finds `tool` on PATH (plus the sbin directories, where Debian puts runc), or fails saying
/// how to install it.
pub fn find_tool(tool: &str) -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| OsString::from("/usr/bin:/bin"));
    let extra = [
        "/usr/local/sbin",
        "/usr/sbin",
        "/sbin",
        "/usr/libexec/podman",
        "/usr/lib/podman",
    ];
    std::env::split_paths(&path)
        .chain(extra.iter().map(PathBuf::from))
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
        .ok_or_else(|| anyhow!("`{tool}` was not found on PATH: {INSTALL_HINT}"))
}

/// nofile/nproc limits for containers: 4096, or our hard limit when that is lower (the
/// sandbox cannot raise them, and podman's defaults make runc fail with EPERM).
fn ulimits() -> (u64, u64) {
    use nix::sys::resource::{getrlimit, Resource};
    let cap = |r: Resource| getrlimit(r).map(|(_, hard)| hard.min(4096)).unwrap_or(1024);
    (cap(Resource::RLIMIT_NOFILE), cap(Resource::RLIMIT_NPROC))
}

/// `docker://` is added to references without a transport (`host/repo:tag`).
fn docker_ref(image: &str) -> String {
    let transports = [
        "oci:",
        "dir:",
        "oci-archive:",
        "docker-archive:",
        "containers-storage:",
    ];
    if image.contains("://") || transports.iter().any(|t| image.starts_with(t)) {
        image.to_string()
    } else {
        format!("docker://{image}")
    }
}

/// Real `podman` (rootful, vfs storage) with its own storage, config and auth file.
pub struct Podman {
    env: Arc<ClientEnv>,
}

impl Podman {
    /// A podman with empty storage that treats `insecure_registries` (`host:port`) as plain HTTP.
    pub fn new(insecure_registries: &[&str]) -> Result<Podman> {
        Ok(Podman {
            env: Arc::new(ClientEnv::new(insecure_registries)?),
        })
    }

    /// A skopeo sharing this podman's registries, auth file and blob-info cache.
    pub fn skopeo(&self) -> Skopeo {
        Skopeo {
            env: Arc::clone(&self.env),
        }
    }

    /// Runs `podman <args>`; never panics on a non-zero exit.
    pub fn cmd(&self, args: &[&str]) -> CmdOutput {
        self.env.run("podman", args)
    }

    /// `podman pull [extra] <image>`.
    pub fn pull(&self, image: &str, extra: &[&str]) -> CmdOutput {
        self.cmd(&[&["pull"], extra, &[image]].concat())
    }

    /// `podman run --rm <image>`, which must succeed; returns its stdout.
    pub fn run(&self, image: &str) -> Result<String> {
        Ok(self.cmd(&["run", "--rm", image]).ok()?.stdout)
    }

    /// `podman run --rm [run_args] <image> [command]`; never panics on a non-zero exit.
    pub fn run_with(&self, run_args: &[&str], image: &str, command: &[&str]) -> CmdOutput {
        self.cmd(&[&["run", "--rm"], run_args, &[image], command].concat())
    }

    /// `podman push [extra] <image> <destination>`.
    pub fn push(&self, image: &str, destination: &str, extra: &[&str]) -> CmdOutput {
        self.cmd(&[&["push"], extra, &[image, destination]].concat())
    }

    /// `podman tag <image> <new_name>`, which must succeed.
    pub fn tag(&self, image: &str, new_name: &str) -> Result<()> {
        self.cmd(&["tag", image, new_name]).ok().map(drop)
    }

    /// `podman login -u <user> -p <password> <host>`, which must succeed (the credentials go to
    /// this instance's auth file, shared with [`Podman::skopeo`]).
    pub fn login(&self, host: &str, user: &str, password: &str) -> Result<()> {
        self.cmd(&["login", "-u", user, "-p", password, host])
            .ok()
            .map(drop)
    }

    /// `podman logout <host>`, which must succeed.
    pub fn logout(&self, host: &str) -> Result<()> {
        self.cmd(&["logout", host]).ok().map(drop)
    }

    /// The manifest digest podman recorded for a local image (`sha256:<hex>`).
    pub fn image_digest(&self, image: &str) -> Result<String> {
        let out = self
            .cmd(&["image", "inspect", "--format", "{{.Digest}}", image])
            .ok()?;
        let digest = out.stdout.trim().to_string();
        ensure!(
            digest.starts_with("sha256:"),
            "unexpected digest {digest:?} from:\n{out}"
        );
        Ok(digest)
    }

    /// Whether `image` is in local storage.
    pub fn image_exists(&self, image: &str) -> bool {
        self.cmd(&["image", "exists", image]).success()
    }

    /// `podman rmi --force <image>`, which must succeed.
    pub fn rmi(&self, image: &str) -> Result<()> {
        self.cmd(&["rmi", "--force", image]).ok().map(drop)
    }

    /// This instance's temp directory (config files, `storage/`, `tmp/`, `cache/`).
    pub fn dir(&self) -> &Path {
        self.env.path()
    }

    /// The blob-info cache file of this instance.
    pub fn blob_info_cache(&self) -> PathBuf {
        self.dir().join("cache").join("blob-info-cache-v1.boltdb")
    }

    /// The auth file `podman login` writes.
    pub fn auth_file(&self) -> PathBuf {
        self.dir().join("auth.json")
    }
}

/// Real `skopeo` with its own registries config, auth file and blob-info cache.
pub struct Skopeo {
    env: Arc<ClientEnv>,
}

impl Skopeo {
    /// A skopeo that treats `insecure_registries` (`host:port`) as plain HTTP.
    pub fn new(insecure_registries: &[&str]) -> Result<Skopeo> {
        Ok(Skopeo {
            env: Arc::new(ClientEnv::new(insecure_registries)?),
        })
    }

    /// Runs `skopeo <args>`; never panics on a non-zero exit. (skopeo 1.9 ignores
    /// `CONTAINERS_REGISTRIES_CONF`, so the registries file is passed as a global flag.)
    pub fn cmd(&self, args: &[&str]) -> CmdOutput {
        let registries = self.env.path().join("registries.conf");
        let tmp = self.env.path().join("tmp");
        let (registries, tmp) = (registries.to_string_lossy(), tmp.to_string_lossy());
        let global = ["--registries-conf", &registries, "--tmpdir", &tmp];
        self.env.run("skopeo", &[&global[..], args].concat())
    }

    /// `skopeo copy [extra] <src> <dst>` (full transport references: `docker://…`, `oci:…`,
    /// `dir:…`).
    pub fn copy(&self, src: &str, dst: &str, extra: &[&str]) -> CmdOutput {
        self.cmd(&[&["copy"], extra, &[src, dst]].concat())
    }

    /// `skopeo inspect --raw [extra] <image>`: the manifest bytes exactly as served.
    /// `image` is `host/repo:tag` (or any transport reference).
    pub fn inspect_raw(&self, image: &str, extra: &[&str]) -> Result<Vec<u8>> {
        let image = docker_ref(image);
        Ok(self
            .cmd(&[&["inspect", "--raw"], extra, &[&image]].concat())
            .ok()?
            .stdout_bytes)
    }

    /// `skopeo inspect [extra] <image>`, parsed.
    pub fn inspect(&self, image: &str, extra: &[&str]) -> Result<Value> {
        let image = docker_ref(image);
        let out = self.cmd(&[&["inspect"], extra, &[&image]].concat()).ok()?;
        serde_json::from_str(&out.stdout).with_context(|| format!("parsing the output of:\n{out}"))
    }

    /// `skopeo list-tags [extra] <repo>` (`host/repo`): the tags, in the order served.
    pub fn list_tags(&self, repository: &str, extra: &[&str]) -> Result<Vec<String>> {
        let repository = docker_ref(repository);
        let out = self
            .cmd(&[&["list-tags"], extra, &[&repository]].concat())
            .ok()?;
        let parsed: Value = serde_json::from_str(&out.stdout)
            .with_context(|| format!("parsing the output of:\n{out}"))?;
        let tags = parsed
            .get("Tags")
            .and_then(Value::as_array)
            .ok_or_else(|| anyhow!("no Tags in the output of:\n{out}"))?;
        tags.iter()
            .map(|t| {
                t.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| anyhow!("non-string tag in:\n{out}"))
            })
            .collect()
    }

    /// `skopeo delete [extra] <image>` (deletes the manifest by digest: every tag on it goes).
    pub fn delete(&self, image: &str, extra: &[&str]) -> CmdOutput {
        let image = docker_ref(image);
        self.cmd(&[&["delete"], extra, &[&image]].concat())
    }

    /// `skopeo login -u <user> -p <password> <host>`, which must succeed.
    pub fn login(&self, host: &str, user: &str, password: &str) -> Result<()> {
        self.cmd(&["login", "-u", user, "-p", password, host])
            .ok()
            .map(drop)
    }

    /// This instance's temp directory.
    pub fn dir(&self) -> &Path {
        self.env.path()
    }
}

/// Fails unless `out` failed and its stderr mentions `needle` (case-insensitive).
pub fn expect_failure_mentioning(out: CmdOutput, needle: &str) -> Result<CmdOutput> {
    let out = out.failed()?;
    if !out.stderr.to_lowercase().contains(&needle.to_lowercase()) {
        bail!("expected stderr to mention {needle:?}:\n{out}");
    }
    Ok(out)
}
