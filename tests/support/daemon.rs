//! A real pulpd for a test: the workspace's built binary on an ephemeral loopback port with a temp data dir.
//!
//! `Daemon::start()` launches it with `--bind 127.0.0.1:0`, reads the bound address from its log and polls
//! `/pulp/api/v3/status/` until it answers. Dropping the `Daemon` kills it; when the test is failing, its log is
//! printed so the failure explains itself.

use crate::wait::wait_until;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The admin password every test daemon gets.
pub const ADMIN_PASSWORD: &str = "e2e-admin-password";

/// How long a daemon may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The path of a binary built from the workspace (`pulpd`, `pulpc`), next to this test executable's target dir.
///
/// The test command (`scripts/test`) builds the binaries before running the tests; when one is missing this
/// fails with what to run.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable has a path");
    // target/<profile>/deps/e2e-<hash> → target/<profile>/<name>
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test executables live in target/<profile>/deps");
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: build the binaries first with `cargo build --workspace --bins` (scripts/test does this)",
        path.display()
    );
    path
}

/// `prlimit` (util-linux), which runs a command under given resource limits; fails naming the package if absent.
fn prlimit() -> &'static str {
    match Command::new("prlimit").arg("--version").output() {
        Ok(out) if out.status.success() => "prlimit",
        other => panic!(
            "prlimit is needed to run pulpd under a file-descriptor limit ({other:?}); install util-linux \
             (apt-get install util-linux)"
        ),
    }
}

/// A running pulpd.
pub struct Daemon {
    child: Option<Child>,
    data_dir: PathBuf,
    /// Keeps the temp dir alive (and removes it at the end) unless the data dir was given.
    _temp: Option<tempfile::TempDir>,
    log_path: PathBuf,
    addr: String,
    registry_host: String,
    extra_env: Vec<(String, String)>,
    /// Soft and hard `RLIMIT_NOFILE` to run pulpd under (through `prlimit`), if any.
    nofile: Option<u64>,
    /// Extra command-line arguments (`--tls-self-signed`, `--config FILE`, …).
    extra_args: Vec<String>,
    /// `https` when pulpd reported serving TLS; the clients then trust [`Daemon::ca_cert`].
    scheme: String,
}

impl Daemon {
    /// Starts a daemon on a fresh temp data dir.
    pub fn start() -> Daemon {
        Daemon::start_with_env(&[])
    }

    /// Starts a daemon on a fresh temp data dir with extra environment variables.
    pub fn start_with_env(env: &[(&str, &str)]) -> Daemon {
        Daemon::start_in(None, env, None)
    }

    /// Starts a daemon with its data dir at `data_dir` (e.g. on a small file system; the log stays in a temp
    /// dir elsewhere) and extra environment variables.
    pub fn start_with_data_dir(data_dir: &Path, env: &[(&str, &str)]) -> Daemon {
        Daemon::start_in(Some(data_dir), env, None)
    }

    /// Starts a daemon like [`Daemon::start_with_env`], under a soft and hard open-file limit of `nofile`
    /// (`prlimit --nofile=N:N`, from util-linux) when given.
    pub fn start_with_nofile(env: &[(&str, &str)], nofile: Option<u64>) -> Daemon {
        Daemon::start_in(None, env, nofile)
    }

    /// Starts a daemon on a fresh temp data dir with extra arguments and environment variables.
    pub fn start_with_args(args: &[&str], env: &[(&str, &str)]) -> Daemon {
        Daemon::start_full(None, args, env, None)
    }

    fn start_in(data_dir: Option<&Path>, env: &[(&str, &str)], nofile: Option<u64>) -> Daemon {
        Daemon::start_full(data_dir, &[], env, nofile)
    }

    fn start_full(
        data_dir: Option<&Path>,
        args: &[&str],
        env: &[(&str, &str)],
        nofile: Option<u64>,
    ) -> Daemon {
        let temp = tempfile::Builder::new()
            .prefix("pulpd-e2e-")
            .tempdir()
            .expect("creating a temp dir");
        let data_dir = data_dir.map_or_else(|| temp.path().join("data"), Path::to_path_buf);
        let mut d = Daemon {
            child: None,
            log_path: temp.path().join("pulpd.log"),
            data_dir,
            _temp: Some(temp),
            addr: String::new(),
            registry_host: String::new(),
            extra_env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            nofile,
            extra_args: args.iter().map(|a| a.to_string()).collect(),
            scheme: "http".into(),
        };
        d.launch();
        d
    }

    fn launch(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_path)
            .expect("opening the daemon log");
        let start_offset = log.metadata().map(|m| m.len()).unwrap_or(0) as usize;
        let mut cmd = match self.nofile {
            None => Command::new(bin("pulpd")),
            Some(n) => {
                let mut cmd = Command::new(prlimit());
                cmd.arg(format!("--nofile={n}:{n}")).arg(bin("pulpd"));
                cmd
            }
        };
        cmd.arg("--bind")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(&self.data_dir)
            .env("PULPD_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("PULPD_LOG", "info,pulpd=debug")
            .env_remove("PULPD_BIND")
            .env_remove("PULPD_REGISTRY_HOST")
            .args(&self.extra_args)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("cloning the log handle"))
            .stderr(log);
        for (k, v) in &self.extra_env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("starting pulpd");
        self.child = Some(child);
        let log_path = self.log_path.clone();
        let addr = wait_until(START_TIMEOUT, "pulpd to report its address", || {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "pulpd exited with {status} during start; log:\n{}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                );
            }
            let text = std::fs::read_to_string(&log_path).unwrap_or_default();
            let text = text.get(start_offset..).unwrap_or("");
            let line = text
                .lines()
                .find(|l| l.contains("listening"))
                .ok_or("no 'listening' line yet")?;
            let field = |name: &str| {
                line.split_whitespace()
                    .find_map(|w| w.strip_prefix(&format!("{name}=")))
                    .map(str::to_string)
            };
            Ok::<_, &str>((
                field("address").ok_or("no address field")?,
                field("registry_host").ok_or("no registry_host field")?,
                field("scheme").unwrap_or_else(|| "http".into()),
            ))
        });
        self.addr = addr.0;
        self.registry_host = addr.1;
        self.scheme = addr.2;
        let api = self.api();
        wait_until(START_TIMEOUT, "pulpd status to answer", || {
            match api.get_anonymous("/pulp/api/v3/status/") {
                (200, _) => Ok(()),
                other => Err(format!("{other:?}")),
            }
        });
    }

    /// `http://127.0.0.1:<port>` (`https://localhost:<port>` when serving TLS, the name its certificate has).
    pub fn base_url(&self) -> String {
        match self.scheme.as_str() {
            "https" => format!("https://{}", self.registry_host),
            _ => format!("http://{}", self.addr),
        }
    }

    /// The certificate to trust when pulpd serves TLS: `--tls-self-signed`'s in the data dir, else the
    /// `--tls-cert` argument.
    pub fn ca_cert(&self) -> PathBuf {
        let flag = self.extra_args.iter().position(|a| a == "--tls-cert");
        match flag.and_then(|i| self.extra_args.get(i + 1)) {
            Some(cert) => PathBuf::from(cert),
            None => self.data_dir.join("tls-self-signed.crt"),
        }
    }

    /// A blocking HTTP client that trusts this daemon's certificate when it serves TLS.
    pub fn http_client(&self) -> reqwest::blocking::Client {
        let mut builder = reqwest::blocking::Client::builder();
        if self.scheme == "https" {
            let pem = std::fs::read(self.ca_cert()).expect("reading pulpd's certificate");
            builder = builder.add_root_certificate(
                reqwest::Certificate::from_pem(&pem).expect("pulpd's certificate is PEM"),
            );
        }
        builder.build().expect("building an HTTP client")
    }

    /// `127.0.0.1:<port>`.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// The host written into `registry_path` (`localhost:<port>`).
    pub fn registry_host(&self) -> &str {
        &self.registry_host
    }

    /// The process id of the running daemon (to read its `/proc/<pid>/status`).
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the daemon is running").id()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The daemon's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// An API client authenticated as admin.
    pub fn api(&self) -> Api {
        Api {
            base: self.base_url(),
            client: self.http_client(),
            credentials: Some(("admin".into(), ADMIN_PASSWORD.into())),
        }
    }

    /// An anonymous GET of `/v2/<path>` done the way registry clients do it: on a Bearer challenge, fetch an
    /// (anonymous) token from the realm for the challenged scope and retry with it.
    pub fn registry_get(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> reqwest::blocking::Response {
        let client = self.http_client();
        let url = format!("{}/v2/{path}", self.base_url());
        let send = |token: Option<&str>| {
            let mut req = client.get(&url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            req.send().unwrap_or_else(|e| panic!("GET {url}: {e}"))
        };
        let first = send(None);
        let challenge = first
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if first.status() != 401 || !challenge.starts_with("Bearer ") {
            return first;
        }
        let param = |name: &str| {
            challenge
                .split(&format!("{name}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string)
        };
        let realm = param("realm").expect("a Bearer challenge names its realm");
        let mut token_req = client
            .get(realm)
            .query(&[("service", param("service").unwrap_or_default())]);
        if let Some(scope) = param("scope") {
            token_req = token_req.query(&[("scope", scope)]);
        }
        let token: Value = token_req
            .send()
            .expect("token request")
            .json()
            .expect("token JSON");
        send(Some(token["token"].as_str().expect("a token")))
    }

    /// The built pulpc, configured for this daemon (base URL and admin credentials in its environment).
    pub fn pulpc(&self) -> Command {
        let mut cmd = Command::new(bin("pulpc"));
        cmd.env("PULPC_BASE_URL", self.base_url())
            .env("PULPC_USERNAME", "admin")
            .env("PULPC_PASSWORD", ADMIN_PASSWORD)
            .env("NO_COLOR", "1")
            .env_remove("PULPC_PROFILE")
            .stdin(Stdio::null());
        cmd
    }

    /// Kills the daemon with SIGKILL (no shutdown at all) and waits for it to be gone.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sends SIGTERM and waits for a clean exit; returns the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("the daemon is running");
        let pid = nix::unistd::Pid::from_raw(child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("sending SIGTERM");
        wait_until(
            Duration::from_secs(60),
            "pulpd to exit after SIGTERM",
            || {
                child
                    .try_wait()
                    .expect("waiting for pulpd")
                    .ok_or("still running")
            },
        )
    }

    /// Waits until the daemon exits by itself (within `timeout`); returns its exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> std::process::ExitStatus {
        // The child stays in `self` until it exited, so a timeout still kills it on drop.
        let child = self.child.as_mut().expect("the daemon is running");
        let status = wait_until(timeout, "pulpd to exit", || {
            child
                .try_wait()
                .expect("waiting for pulpd")
                .ok_or("still running")
        });
        self.child = None;
        status
    }

    /// Starts the daemon again on the same data dir (after `kill9` or `terminate`).
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the daemon before restarting it");
        self.launch();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.kill9();
        if std::thread::panicking() {
            eprintln!(
                "---- pulpd log ({}) ----\n{}\n---- end of pulpd log ----",
                self.log_path.display(),
                self.log()
            );
        }
    }
}

/// A blocking client of the management API.
#[derive(Clone)]
pub struct Api {
    base: String,
    client: reqwest::blocking::Client,
    credentials: Option<(String, String)>,
}

impl Api {
    /// The same client with other credentials (`None` = anonymous).
    pub fn with_credentials(&self, credentials: Option<(&str, &str)>) -> Api {
        Api {
            credentials: credentials.map(|(u, p)| (u.to_string(), p.to_string())),
            ..self.clone()
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// Sends a request; returns the status and the JSON body (`Value::Null` when empty or not JSON).
    pub fn send(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut req = self.client.request(method.clone(), self.url(path));
        if let Some((u, p)) = &self.credentials {
            req = req.basic_auth(u, Some(p));
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req
            .send()
            .unwrap_or_else(|e| panic!("{method} {path}: {}", error_chain(&e)));
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None)
    }

    fn get_anonymous(&self, path: &str) -> (u16, Value) {
        self.with_credentials(None).get(path)
    }

    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body))
    }

    pub fn put(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(body))
    }

    pub fn patch(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::PATCH, path, Some(body))
    }

    pub fn delete(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::DELETE, path, None)
    }

    /// GET that must answer 200; returns the body.
    pub fn get_ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "GET {path} → {status} {body}");
        body
    }

    /// POST that must answer `expected`; returns the body.
    pub fn post_expect(&self, path: &str, body: &Value, expected: u16) -> Value {
        let (status, answer) = self.post(path, body);
        assert_eq!(status, expected, "POST {path} {body} → {status} {answer}");
        answer
    }

    /// Creates a repository named `name`; returns it.
    pub fn create_repository(&self, name: &str) -> Value {
        self.post_expect(
            "/pulp/api/v3/repositories/container/container/",
            &serde_json::json!({ "name": name }),
            201,
        )
    }

    /// The seed flow in one call: a remote for `upstream_url` + `upstream_name` (with `remote_extra` fields such
    /// as `policy` or `include_tags`), a repository `name` synced from it, and a distribution `name` at
    /// `base_path` serving it. Returns the distribution; panics (with the task) when any step fails.
    pub fn sync_and_distribute(
        &self,
        name: &str,
        base_path: &str,
        upstream_url: &str,
        upstream_name: &str,
        remote_extra: Value,
    ) -> Value {
        let mut remote = serde_json::json!({
            "name": name, "url": upstream_url, "upstream_name": upstream_name,
        });
        if let (Some(r), Some(extra)) = (remote.as_object_mut(), remote_extra.as_object()) {
            r.extend(extra.clone());
        }
        let remote = self.post_expect("/pulp/api/v3/remotes/container/container/", &remote, 201);
        let repo = self.create_repository(name);
        let repo_href = repo["pulp_href"].as_str().expect("repository href");
        let answer = self.post_expect(
            &format!("{repo_href}sync/"),
            &serde_json::json!({"remote": remote["pulp_href"]}),
            202,
        );
        let task = self.wait_task(answer["task"].as_str().expect("task href"));
        assert_eq!(
            task["state"], "completed",
            "sync of {upstream_name} failed: {task}"
        );
        let answer = self.post_expect(
            "/pulp/api/v3/distributions/container/container/",
            &serde_json::json!({"name": name, "base_path": base_path, "repository": repo_href}),
            202,
        );
        let task = self.wait_task(answer["task"].as_str().expect("task href"));
        assert_eq!(
            task["state"], "completed",
            "distribution create failed: {task}"
        );
        self.get_ok(
            task["created_resources"][0]
                .as_str()
                .expect("distribution href"),
        )
    }

    /// A pull-through remote for `url` (named `<base>-remote`, `on_demand`, plus `extra` fields) and a
    /// pull-through distribution at `base` using it, created and waited for; returns the distribution.
    pub fn create_pull_through(&self, base: &str, url: &str, extra: Value) -> Value {
        let mut body = serde_json::json!({"name": format!("{base}-remote"), "url": url, "policy": "on_demand"});
        if let (Some(b), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(extra.clone());
        }
        let remote = self.post_expect("/pulp/api/v3/remotes/container/pull-through/", &body, 201);
        let distributions = "/pulp/api/v3/distributions/container/pull-through/";
        let answer = self.post_expect(
            distributions,
            &serde_json::json!({"name": base, "base_path": base, "remote": remote["pulp_href"]}),
            202,
        );
        let task = self.wait_task(answer["task"].as_str().expect("task href"));
        assert_eq!(
            task["state"], "completed",
            "pull-through distribution create failed: {task}"
        );
        let href = task["created_resources"][0]
            .as_str()
            .expect("distribution href");
        assert!(href.starts_with(distributions), "{task}");
        self.get_ok(href)
    }

    /// Polls the task at `href` until it is final (or 60 s pass); returns it.
    pub fn wait_task(&self, href: &str) -> Value {
        wait_until(
            Duration::from_secs(60),
            &format!("task {href} to finish"),
            || {
                let (status, task) = self.get(href);
                let state = task["state"].as_str().unwrap_or("").to_string();
                if status == 200 && matches!(state.as_str(), "completed" | "failed" | "canceled") {
                    Ok(task)
                } else {
                    Err(format!("{status} state={state}"))
                }
            },
        )
    }
}

/// An error and its causes, on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(&format!(": {c}"));
        cause = c.source();
    }
    out
}
