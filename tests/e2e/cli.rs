//! pulpc against a real pulpd: the operator's workflow, the exit codes (0 ok, 1 API or task error, 2 usage,
//! 3 timeout), and errors as exactly one `error: …` line on stderr.
//!
//! Every pulpc run goes through [`run`], whose failures print the command, exit code, stdout and stderr.
//! Config-file tests build pulpc with [`isolated`]: a temp HOME / XDG_CONFIG_HOME and no `PULPC_*` variables.
//! What needs a terminal (prompts, progress bars) is in `cli_tty`.

use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use pulp_e2e::daemon::{Daemon, ADMIN_PASSWORD};
use pulp_e2e::images;
use pulp_e2e::upstream;
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};

const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";

/// What a pulpc run printed and how it ended.
pub(crate) struct Run {
    pub(crate) command: String,
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n$ {}\nexit code: {:?}\n--- stdout ---\n{}--- stderr ---\n{}--- end ---",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Asserts the exit code; returns the run for more checks.
    pub(crate) fn exits(self, code: i32) -> Run {
        assert_eq!(self.code, Some(code), "unexpected exit code{self}");
        self
    }

    /// Asserts success with nothing on stderr (no spinner, no notes off a terminal); returns stdout.
    pub(crate) fn ok(self) -> String {
        let run = self.exits(0);
        assert_eq!(run.stderr, "", "stderr should be empty{run}");
        run.stdout
    }

    /// Asserts exactly one line on stderr, starting `error: `; returns it without the prefix.
    pub(crate) fn error_line(&self) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "expected exactly one line on stderr{self}");
        lines[0]
            .strip_prefix("error: ")
            .unwrap_or_else(|| panic!("stderr does not start with `error: `{self}"))
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}){self}"))
    }
}

/// Runs `pulpc ARGS` as configured by `cmd` (usually `daemon.pulpc()`).
pub(crate) fn run(mut cmd: Command, args: &[&str]) -> Run {
    cmd.args(args);
    let command = format!(
        "pulpc {}",
        cmd.get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command}: {e}"));
    Run {
        command,
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub(crate) fn pulpc(d: &Daemon, args: &[&str]) -> Run {
    run(d.pulpc(), args)
}

/// pulpc that knows only what config files say: HOME is `home`, XDG_CONFIG_HOME is `xdg` (or unset), and no
/// `PULPC_*` variable is set.
pub(crate) fn isolated(home: &Path, xdg: Option<&Path>) -> Command {
    let mut cmd = Command::new(pulp_e2e::daemon::bin("pulpc"));
    for var in [
        "PULPC_BASE_URL",
        "PULPC_USERNAME",
        "PULPC_PASSWORD",
        "PULPC_PROFILE",
        "XDG_CONFIG_HOME",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("HOME", home)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    if let Some(xdg) = xdg {
        cmd.env("XDG_CONFIG_HOME", xdg);
    }
    cmd
}

/// Runs `pulpc ARGS` with a stdin that is a pipe held open and never written: a pulpc that tried to read or
/// prompt would block. Fails the test if it does not end within `limit`.
pub(crate) fn run_never_hangs(mut cmd: Command, args: &[&str], limit: Duration) -> Run {
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let command = format!("pulpc {}", args.join(" "));
    let mut child = cmd.spawn().unwrap();
    // Held open, never written: reading it would block until the test ends.
    let _stdin = child.stdin.take();
    let status = wait_until(
        limit,
        &format!("{command} to end without waiting for stdin"),
        || child.try_wait().unwrap().ok_or("still running"),
    );
    let out = child.wait_with_output().unwrap();
    Run {
        command,
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `text` to `path`, creating directories.
pub(crate) fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The names in a JSON list of objects (`name`, or `username` for users).
fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|o| {
            o.get("name")
                .or_else(|| o.get("username"))
                .and_then(Value::as_str)
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn distribution_create_prints_the_distribution_with_its_registry_path() {
    let d = Daemon::start();
    let repo = pulpc(
        &d,
        &["repository", "create", "--name", "test", "--format", "json"],
    )
    .ok();
    let repo: Value = serde_json::from_str(&repo).unwrap();
    assert_eq!(repo["name"], "test");

    let run = pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "test",
            "--base-path",
            "test",
            "--repository",
            "test",
            "--format",
            "json",
        ],
    );
    let dist = run.json();
    run.ok();
    assert_eq!(dist["name"], "test");
    assert_eq!(dist["base_path"], "test");
    assert_eq!(dist["repository"], repo["pulp_href"]);
    assert_eq!(dist["registry_path"], format!("{}/test", d.registry_host()));
    // Exactly the API's object: what pulpc printed is what GET answers.
    let (status, fetched) = d.api().get(dist["pulp_href"].as_str().unwrap());
    assert_eq!(status, 200);
    assert_eq!(dist, fetched);

    let list = pulpc(&d, &["distribution", "list", "--format", "json"]);
    assert_eq!(list.json().as_array().map(Vec::len), Some(1), "{list}");

    let path = pulpc(&d, &["distribution", "registry-path", "test"]).ok();
    assert_eq!(path, format!("{}/test\n", d.registry_host()));
}

#[test]
fn distribution_create_serves_a_pinned_version_and_no_wait_prints_the_task() {
    let d = Daemon::start();
    let repo = d.api().create_repository("pinned");
    let repo_href = repo["pulp_href"].as_str().unwrap();

    let pinned = pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "v0",
            "--base-path",
            "v0",
            "--repository",
            "pinned",
            "--version",
            "0",
            "--format",
            "json",
        ],
    );
    let dist = pinned.json();
    pinned.ok();
    assert_eq!(dist["repository"], Value::Null);
    assert_eq!(
        dist["repository_version"],
        format!("{repo_href}versions/0/")
    );

    let task = pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "later",
            "--base-path",
            "later",
            "--repository",
            repo_href,
            "--no-wait",
        ],
    )
    .ok();
    let task = task.trim_end();
    assert!(
        task.starts_with("/pulp/api/v3/tasks/") && !task.contains('\n'),
        "only the task href: {task:?}"
    );
    // A bare UUID works as well as the href.
    let uuid = task.trim_end_matches('/').rsplit('/').next().unwrap();
    let done = pulpc(
        &d,
        &["task", "wait", uuid, "--timeout", "30", "--format", "json"],
    );
    let done_task = done.json();
    done.ok();
    assert_eq!(done_task["state"], "completed");
    assert_eq!(
        pulpc(&d, &["distribution", "registry-path", "later"]).ok(),
        format!("{}/later\n", d.registry_host())
    );
}

#[test]
fn task_wait_exits_0_when_the_task_completed() {
    let d = Daemon::start();
    let api = d.api();
    let answer = api.post_expect(DISTRIBUTIONS, &json!({"name": "w", "base_path": "w"}), 202);
    let href = answer["task"].as_str().unwrap();
    let out = pulpc(&d, &["task", "wait", href, "--timeout", "30"]).ok();
    assert!(out.contains("completed"), "{out}");
}

/// A failed task, made the way the brief suggests: creates of one base path fired concurrently through the API.
/// pulpd validates at once, so most racers get 400; those that pass validation race in their tasks, and all but
/// one task fail. Rounds repeat (with a new base path) until two racers got a task, which on two cores takes
/// one round in practice; the test fails loudly if it never happens rather than passing without a failed task.
#[test]
fn task_wait_exits_1_with_the_reason_when_the_task_failed() {
    const RACERS: usize = 16;
    const ROUNDS: usize = 20;
    let d = Daemon::start();
    let api = d.api();
    for round in 0..ROUNDS {
        let base_path = format!("contested-{round}");
        let barrier = std::sync::Barrier::new(RACERS);
        let tasks: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..RACERS)
                .map(|i| {
                    let (api, barrier, base_path) = (api.clone(), &barrier, &base_path);
                    s.spawn(move || {
                        barrier.wait();
                        api.post(
                            DISTRIBUTIONS,
                            &json!({"name": format!("racer-{round}-{i}"), "base_path": base_path}),
                        )
                    })
                })
                .collect();
            handles
                .into_iter()
                .filter_map(|h| {
                    let (status, body) = h.join().unwrap();
                    assert!(status == 202 || status == 400, "{status} {body}");
                    body["task"].as_str().map(str::to_string)
                })
                .collect()
        });
        if tasks.len() < 2 {
            continue;
        }
        let runs: Vec<Run> = tasks
            .iter()
            .map(|t| pulpc(&d, &["task", "wait", t, "--timeout", "30"]))
            .collect();
        let completed = runs.iter().filter(|r| r.code == Some(0)).count();
        assert_eq!(
            completed,
            1,
            "exactly one create wins: {}",
            runs.iter().map(|r| r.to_string()).collect::<String>()
        );
        for failed in runs.into_iter().filter(|r| r.code != Some(0)) {
            let failed = failed.exits(1);
            let line = failed.error_line();
            assert!(
                line.starts_with("task /pulp/api/v3/tasks/") && line.contains(" failed: "),
                "{failed}"
            );
            assert!(
                line.contains("base_path"),
                "the task's own error description{failed}"
            );
            // The task itself is still the data on stdout.
            assert!(failed.stdout.contains("failed"), "{failed}");
        }
        return;
    }
    panic!("in {ROUNDS} rounds of {RACERS} racers, never did two creates pass validation; no failed task to wait on");
}

/// A timeout must not depend on a task being slow by luck. Here pulpc talks to a stub that speaks the tasks API
/// and keeps its task `running` forever, which also covers `distribution create --timeout` (pulpd's creates
/// finish in milliseconds); the next test does the same against a real pulpd with a stuck sync.
#[test]
fn task_wait_exits_3_when_the_task_is_not_finished_in_time() {
    let d = Daemon::start();
    let stub = RunningTaskStub::start();
    let mut cmd = d.pulpc();
    cmd.env("PULPC_BASE_URL", stub.base_url());
    let href = "/pulp/api/v3/tasks/01a2074c-41bd-735d-bd83-c5c773e53be1/";
    let started = std::time::Instant::now();
    let timed_out = run(cmd, &["task", "wait", href, "--timeout", "0.5"]).exits(3);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the timeout bounds the wait{timed_out}"
    );
    let line = timed_out.error_line();
    assert!(
        line.starts_with(&format!("task {href} is still running after ")),
        "{timed_out}"
    );
    assert_eq!(timed_out.stdout, "", "no data on timeout{timed_out}");

    // distribution create's wait honours --timeout the same way. The stub answers the POST with a task.
    let mut cmd = d.pulpc();
    cmd.env("PULPC_BASE_URL", stub.base_url());
    let create = run(
        cmd,
        &[
            "distribution",
            "create",
            "--name",
            "x",
            "--base-path",
            "x",
            "--repository-version",
            &format!(
                "/pulp/api/v3/repositories/container/container/{}/versions/0/",
                "01a20747-6b5d-79a0-b31f-ac30c7f8a7bb"
            ),
            "--timeout",
            "0.2",
        ],
    )
    .exits(3);
    assert!(
        create
            .error_line()
            .starts_with("cannot create distribution \"x\": task "),
        "{create}"
    );
}

/// The same against a real pulpd: a sync from an upstream that accepts connections and never answers stays
/// `running` (for the upstream read timeout, a minute) — deterministic, unlike racing a fast task. Then
/// `task cancel` stops it, and waiting on a canceled task exits 1.
#[test]
fn task_wait_times_out_on_a_stuck_sync_and_cancel_ends_it() {
    let d = Daemon::start();
    let api = d.api();
    // Bound and never accepted from: the kernel completes the handshake, nobody ever answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    pulpc(
        &d,
        &[
            "remote",
            "create",
            "--name",
            "silent",
            "--url",
            &url,
            "--upstream-name",
            "library/hello",
        ],
    )
    .ok();
    let remote = pulpc(
        &d,
        &["remote", "show", "--name", "silent", "--format", "json"],
    )
    .json();
    let repo = api.create_repository("stuck");
    let answer = api.post_expect(
        &format!("{}sync/", repo["pulp_href"].as_str().unwrap()),
        &json!({"remote": remote["pulp_href"]}),
        202,
    );
    let href = answer["task"].as_str().unwrap();

    let timed_out = pulpc(&d, &["task", "wait", href, "--timeout", "0.5"]).exits(3);
    assert!(
        timed_out
            .error_line()
            .starts_with(&format!("task {href} is still ")),
        "{timed_out}"
    );

    let canceled = pulpc(&d, &["task", "cancel", href, "--format", "json"]);
    let state = canceled.json()["state"].clone();
    canceled.ok();
    assert!(state == "canceling" || state == "canceled", "{state}");

    let ended = pulpc(&d, &["task", "wait", href, "--timeout", "60"]).exits(1);
    assert_eq!(
        ended.error_line(),
        format!("task {href} was canceled"),
        "{ended}"
    );
    drop(silent);
}

#[test]
fn duplicate_names_and_base_paths_are_one_error_line() {
    let d = Daemon::start();
    pulpc(&d, &["repository", "create", "--name", "dup"]).ok();
    let again = pulpc(&d, &["repository", "create", "--name", "dup"]).exits(1);
    assert!(
        again
            .error_line()
            .starts_with("cannot create repository \"dup\": name: "),
        "{again}"
    );
    assert_eq!(again.stdout, "");

    pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "a",
            "--base-path",
            "taken",
            "--repository",
            "dup",
        ],
    )
    .ok();
    let taken = pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "b",
            "--base-path",
            "taken",
            "--repository",
            "dup",
        ],
    )
    .exits(1);
    assert_eq!(
        taken.error_line(),
        "cannot create distribution \"b\": base_path: This field must be unique.",
        "{taken}"
    );
}

#[test]
fn unknown_names_are_one_error_line() {
    let d = Daemon::start();
    let show = pulpc(&d, &["distribution", "show", "--name", "nope"]).exits(1);
    assert_eq!(show.error_line(), "no distribution named 'nope'", "{show}");
    let path = pulpc(&d, &["distribution", "registry-path", "nope"]).exits(1);
    assert_eq!(path.error_line(), "no distribution named 'nope'", "{path}");
    let create = pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "n",
            "--base-path",
            "n",
            "--repository",
            "missing",
        ],
    )
    .exits(1);
    assert_eq!(
        create.error_line(),
        "no repository named 'missing'",
        "{create}"
    );
    let href = format!("{DISTRIBUTIONS}01a2074c-43da-7946-97e4-a21fb83fd28c/");
    let by_href = pulpc(&d, &["distribution", "show", "--href", &href]).exits(1);
    assert!(
        by_href
            .error_line()
            .starts_with(&format!("cannot get distribution {href}: ")),
        "{by_href}"
    );
}

#[test]
fn wrong_or_missing_password_names_the_user_and_how_to_pass_credentials() {
    let d = Daemon::start();
    let mut cmd = d.pulpc();
    cmd.env("PULPC_PASSWORD", "wrong");
    let wrong = run(cmd, &["repository", "list"]).exits(1);
    let line = wrong.error_line();
    assert!(line.contains("\"admin\""), "names the user{wrong}");
    assert!(
        line.contains("--username/--password") && line.contains("PULPC_USERNAME/PULPC_PASSWORD"),
        "{wrong}"
    );

    let mut cmd = d.pulpc();
    cmd.env_remove("PULPC_PASSWORD");
    let missing = run(cmd, &["distribution", "list"]).exits(1);
    assert!(
        missing
            .error_line()
            .starts_with("no password given for user \"admin\""),
        "{missing}"
    );

    // status needs no credentials at all.
    let mut cmd = d.pulpc();
    cmd.env("PULPC_PASSWORD", "wrong");
    run(cmd, &["status"]).ok();
}

#[test]
fn an_unreachable_daemon_is_one_line_saying_how_to_start_it() {
    let d = Daemon::start();
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let mut cmd = d.pulpc();
    cmd.env("PULPC_BASE_URL", &url);
    let down = run(cmd, &["distribution", "list"]).exits(1);
    assert_eq!(
        down.error_line(),
        format!("cannot reach pulpd at {url} — is it running? start it with `pulpd`"),
        "{down}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let d = Daemon::start();
    // Neither --repository nor --repository-version.
    let usage = pulpc(
        &d,
        &["distribution", "create", "--name", "x", "--base-path", "x"],
    )
    .exits(2);
    assert!(usage.stderr.starts_with("error: "), "{usage}");
    pulpc(&d, &["task", "wait", "not-a-task"]).exits(2);
}

#[test]
fn tables_name_things_the_way_people_do() {
    let d = Daemon::start();
    pulpc(&d, &["repository", "create", "--name", "hello-repo"]).ok();
    pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "hello",
            "--base-path",
            "hello",
            "--repository",
            "hello-repo",
        ],
    )
    .ok();
    let table = pulpc(&d, &["distribution", "list"]).ok();
    let mut lines = table.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        header,
        [
            "name",
            "base path",
            "registry path",
            "repository",
            "private"
        ],
        "{table}"
    );
    let row: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    let registry_path = format!("{}/hello", d.registry_host());
    assert_eq!(
        row,
        ["hello", "hello", registry_path.as_str(), "hello-repo", "no"],
        "{table}"
    );

    let tasks = pulpc(&d, &["task", "list", "--state", "completed"]).ok();
    assert!(
        tasks
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("general_create") && l.contains("completed")),
        "{tasks}"
    );
}

/// A stand-in for pulpd that accepts any distribution create with a task and reports every task as `running`
/// forever: the one deterministic way to make a wait run out of time.
struct RunningTaskStub {
    addr: std::net::SocketAddr,
}

impl RunningTaskStub {
    fn start() -> RunningTaskStub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                std::thread::spawn(move || serve_one(stream));
            }
        });
        RunningTaskStub { addr }
    }

    fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Answers the requests of one connection: POST → 202 with a task, anything else → the running task.
fn serve_one(stream: std::net::TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut content_length = 0;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; content_length];
        std::io::Read::read_exact(&mut reader, &mut body).unwrap();
        let href = "/pulp/api/v3/tasks/01a2074c-41bd-735d-bd83-c5c773e53be1/";
        let (status, answer) = if request_line.starts_with("POST ") {
            ("202 Accepted", json!({"task": href}))
        } else {
            (
                "200 OK",
                json!({
                    "pulp_href": href, "prn": "prn:core.task:01a2074c-41bd-735d-bd83-c5c773e53be1",
                    "pulp_created": "2026-11-23T07:26:07.809653Z", "pulp_last_updated": "2026-11-23T07:26:07.809653Z",
                    "state": "running", "name": "pulpcore.app.tasks.base.general_create", "logging_cid": "stub",
                    "created_by": null, "unblocked_at": "2026-11-23T07:26:07.809653Z",
                    "started_at": "2026-11-23T07:26:07.809653Z", "finished_at": null, "error": null, "worker": null,
                    "parent_task": null, "child_tasks": [], "task_group": null,
                    "progress_reports": [{"message": "Forever", "code": "stub", "state": "running", "total": null, "done": 0, "suffix": null}],
                    "created_resources": [], "reserved_resources_record": []
                }),
            )
        };
        let body = answer.to_string();
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

// ---- sync, content, users, pull-through -------------------------------------------------------------------

/// `repository sync` against the shared upstream, then `repository content list`: the tags and digests are the
/// fixture's, and the manifests and blobs are the version's. Off a terminal nothing but data is printed (no progress on stderr).
#[test]
fn repository_sync_then_content_list_shows_the_upstream_tags_and_digests() {
    let d = Daemon::start();
    let up = upstream::shared();
    let images = images::get();
    pulpc(
        &d,
        &[
            "remote",
            "create",
            "--name",
            "hello",
            "--url",
            &up.url(),
            "--upstream-name",
            "library/hello",
            "--policy",
            "immediate",
        ],
    )
    .ok();
    pulpc(&d, &["repository", "create", "--name", "hello-repo"]).ok();

    let synced = pulpc(
        &d,
        &[
            "repository",
            "sync",
            "--name",
            "hello-repo",
            "--remote",
            "hello",
            "--format",
            "json",
        ],
    );
    let version = synced.json();
    synced.ok();
    assert_eq!(version["number"], 1, "{version:#}");
    assert_eq!(
        version["content_summary"]["present"]["container.tag"]["count"],
        images::HELLO_TAGS.len(),
        "{version:#}"
    );

    // Nothing changed: the latest version again, and a note saying so.
    let again = pulpc(
        &d,
        &[
            "repository",
            "sync",
            "hello-repo",
            "--remote",
            "hello",
            "--format",
            "json",
        ],
    )
    .exits(0);
    assert_eq!(again.json()["number"], 1, "{again}");
    assert!(again.stderr.contains("nothing changed"), "{again}");

    // --no-wait prints the task; --mirror goes through.
    let task = pulpc(
        &d,
        &[
            "repository",
            "sync",
            "hello-repo",
            "--remote",
            "hello",
            "--mirror",
            "--no-wait",
        ],
    )
    .ok();
    assert!(task.starts_with("/pulp/api/v3/tasks/"), "{task}");
    pulpc(&d, &["task", "wait", task.trim(), "--timeout", "60"]).ok();

    // What the version holds, through the content API (no distribution needed).
    let listed = pulpc(
        &d,
        &[
            "repository",
            "content",
            "list",
            "--name",
            "hello-repo",
            "--format",
            "json",
        ],
    );
    let entries = listed.json();
    listed.ok();
    let got: Vec<(String, String)> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["tag"].as_str().unwrap().to_string(),
                e["digest"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want: Vec<(String, String)> = images::HELLO_TAGS
        .iter()
        .map(|t| (t.to_string(), images.digest("hello", t).to_string()))
        .collect();
    want.sort();
    assert_eq!(got, want);

    // The table: one row per tag, tag then digest.
    let table = pulpc(&d, &["repository", "content", "list", "hello-repo"]).ok();
    for (tag, digest) in &want {
        assert!(
            table.lines().any(|l| l
                .split_whitespace()
                .take(2)
                .eq([tag.as_str(), digest.as_str()])),
            "no row for {tag}: {table}"
        );
    }

    // Manifests and blobs: every tagged digest is among the manifests, and the blobs are as many as the
    // version's summary counts.
    let manifests = pulpc(
        &d,
        &[
            "repository",
            "content",
            "list",
            "hello-repo",
            "--type",
            "manifest",
            "--format",
            "json",
        ],
    )
    .json();
    let digests: Vec<&str> = manifests
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["digest"].as_str().unwrap())
        .collect();
    for (_, digest) in &want {
        assert!(
            digests.contains(&digest.as_str()),
            "{digest} not in {digests:?}"
        );
    }
    let blobs = pulpc(
        &d,
        &[
            "repository",
            "content",
            "list",
            "--repository",
            "hello-repo",
            "-t",
            "blob",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(
        blobs.as_array().unwrap().len() as u64,
        version["content_summary"]["present"]["container.blob"]["count"]
            .as_u64()
            .unwrap(),
        "{blobs:#}"
    );

    // Older versions too: version 0 is empty; a version that does not exist is an error naming it.
    let v0 = pulpc(
        &d,
        &[
            "repository",
            "content",
            "list",
            "hello-repo",
            "--version",
            "0",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(v0, serde_json::json!([]));
    let v9 = pulpc(
        &d,
        &[
            "repository",
            "content",
            "list",
            "hello-repo",
            "--version",
            "9",
        ],
    )
    .exits(1);
    assert!(v9.error_line().contains("version 9"), "{v9}");
}

#[test]
fn users_are_created_listed_and_deleted() {
    let d = Daemon::start();
    let mut cmd = d.pulpc();
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .args([
            "user",
            "create",
            "--username",
            "bob",
            "--password-stdin",
            "--format",
            "json",
        ]);
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"bobs-long-password\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let bob: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(bob["username"], "bob");
    assert_eq!(bob["is_staff"], false);

    pulpc(
        &d,
        &[
            "user",
            "create",
            "--username",
            "carol",
            "--password",
            "carols-long-password",
            "--staff",
        ],
    )
    .ok();
    let list = pulpc(&d, &["user", "list", "--format", "json"]);
    let mut users = names(&list.json());
    users.sort();
    assert_eq!(users, ["admin", "bob", "carol"], "{list}");
    let table = pulpc(&d, &["user", "list"]).ok();
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().take(2).eq(["carol", "yes"])),
        "{table}"
    );

    // bob logs in with the password from stdin; he is no administrator, so he creates nothing until the admin
    // gives him the creator role, and then owns what he creates.
    let as_bob = || {
        let mut cmd = d.pulpc();
        cmd.env("PULPC_USERNAME", "bob")
            .env("PULPC_PASSWORD", "bobs-long-password");
        cmd
    };
    run(as_bob(), &["repository", "list"]).ok();
    let refused = run(as_bob(), &["repository", "create", "--name", "bobs"]).exits(1);
    assert!(refused.error_line().contains("permission"), "{refused}");
    let role = "container.containerrepository_creator";
    let given = pulpc(
        &d,
        &[
            "user",
            "role-assignment",
            "add",
            "--username",
            "bob",
            "--role",
            role,
            "--object",
            "",
        ],
    )
    .exits(0);
    assert!(given.stderr.contains("gave role"), "{given}");
    run(as_bob(), &["repository", "create", "--name", "bobs"]).ok();
    let roles = pulpc(
        &d,
        &[
            "user",
            "role-assignment",
            "list",
            "--username",
            "bob",
            "--format",
            "json",
        ],
    )
    .json();
    let mut held: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    held.sort();
    assert_eq!(
        held,
        [role, "container.containerrepository_owner"],
        "{roles}"
    );
    let table = pulpc(
        &d,
        &["user", "role-assignment", "list", "--username", "bob"],
    )
    .ok();
    assert!(table.contains("(every object)"), "{table}");
    pulpc(
        &d,
        &[
            "user",
            "role-assignment",
            "remove",
            "--username",
            "bob",
            "--role",
            role,
            "--object",
            "",
        ],
    )
    .exits(0);
    let again = pulpc(
        &d,
        &[
            "user",
            "role-assignment",
            "remove",
            "--username",
            "bob",
            "--role",
            role,
            "--object",
            "",
        ],
    )
    .exits(1);
    assert!(again.error_line().contains("does not hold"), "{again}");

    // No password and no terminal to ask: say which flag to use.
    let none = pulpc(&d, &["user", "create", "--username", "dave"]).exits(1);
    assert!(none.error_line().contains("--password-stdin"), "{none}");

    let typo = pulpc(&d, &["user", "delete", "--username", "bbo", "--yes"]).exits(1);
    assert_eq!(
        typo.error_line(),
        "no user named 'bbo'; did you mean 'bob'?",
        "{typo}"
    );
    let unconfirmed = pulpc(&d, &["user", "delete", "--username", "bob"]).exits(1);
    assert!(
        unconfirmed.error_line().contains("pass --yes"),
        "{unconfirmed}"
    );
    pulpc(&d, &["user", "delete", "--username", "bob", "--yes"]).exits(0);
    let list = pulpc(&d, &["user", "list", "--format", "json"]).json();
    assert!(!names(&list).contains(&"bob".to_string()), "{list}");
}

#[test]
fn pull_through_remotes_and_distributions_through_pulpc() {
    let d = Daemon::start();
    let remote = pulpc(
        &d,
        &[
            "remote",
            "pull-through",
            "create",
            "--name",
            "hub",
            "--url",
            &upstream::shared().url(),
            "--includes",
            "library/*,other/x",
            "--excludes",
            "library/secret",
            "--format",
            "json",
        ],
    );
    let created = remote.json();
    remote.ok();
    assert_eq!(created["includes"], json!(["library/*", "other/x"]));
    assert_eq!(created["excludes"], json!(["library/secret"]));

    let dist = pulpc(
        &d,
        &[
            "distribution",
            "pull-through",
            "create",
            "--name",
            "cache",
            "--base-path",
            "cache",
            "--remote",
            "hub",
            "--format",
            "json",
        ],
    );
    let dist_json = dist.json();
    dist.ok();
    assert_eq!(dist_json["remote"], created["pulp_href"]);
    assert_eq!(dist_json["private"], false);

    let table = pulpc(&d, &["distribution", "pull-through", "list"]).ok();
    assert!(
        table.lines().any(|l| l
            .split_whitespace()
            .take(4)
            .eq(["cache", "cache", "hub", "no"])),
        "the remote is named, not an href: {table}"
    );
    let updated = pulpc(
        &d,
        &[
            "distribution",
            "pull-through",
            "update",
            "cache",
            "--private",
            "true",
            "--format",
            "json",
        ],
    )
    .json();
    assert_eq!(updated["private"], true);
    let shown = pulpc(
        &d,
        &["remote", "pull-through", "show", "hub", "--format", "json"],
    )
    .json();
    assert_eq!(shown["url"], created["url"]);
    pulpc(
        &d,
        &[
            "remote",
            "pull-through",
            "update",
            "hub",
            "--excludes",
            "library/a,library/b",
        ],
    )
    .ok();

    let typo = pulpc(&d, &["distribution", "pull-through", "show", "cahce"]).exits(1);
    assert_eq!(
        typo.error_line(),
        "no pull-through distribution named 'cahce'; did you mean 'cache'?"
    );
    pulpc(
        &d,
        &["distribution", "pull-through", "delete", "cache", "--yes"],
    )
    .exits(0);
    pulpc(&d, &["remote", "pull-through", "delete", "hub", "--yes"]).exits(0);
    let left = pulpc(&d, &["remote", "pull-through", "list", "--format", "json"]).json();
    assert_eq!(left, json!([]));
}

// ---- lists, names, JSON ------------------------------------------------------------------------------------

#[test]
fn list_all_follows_the_pages_through_250_distributions() {
    const N: usize = 250;
    let d = Daemon::start();
    let api = d.api();
    let tasks: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|worker| {
                let api = api.clone();
                s.spawn(move || {
                    (worker..N)
                        .step_by(4)
                        .map(|i| {
                            let name = format!("dist-{i:03}");
                            let answer = api.post_expect(
                                DISTRIBUTIONS,
                                &json!({"name": name, "base_path": name}),
                                202,
                            );
                            answer["task"].as_str().unwrap().to_string()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for task in &tasks {
        assert_eq!(api.wait_task(task)["state"], "completed");
    }

    let all = pulpc(
        &d,
        &[
            "distribution",
            "list",
            "--all",
            "--limit",
            "100",
            "--format",
            "json",
        ],
    );
    let mut got = names(&all.json());
    all.ok();
    got.sort();
    let want: Vec<String> = (0..N).map(|i| format!("dist-{i:03}")).collect();
    assert_eq!(got, want);

    let table = pulpc(&d, &["distribution", "list", "--all"]).ok();
    assert_eq!(table.lines().count(), N + 1, "a header and {N} rows");

    // Without --all: one page, and a note saying how to see the rest.
    let page = pulpc(&d, &["distribution", "list", "--limit", "100"]).exits(0);
    assert_eq!(page.stdout.lines().count(), 101);
    assert!(
        page.stderr.contains("of 250") && page.stderr.contains("--all"),
        "{page}"
    );
    let offset = pulpc(
        &d,
        &[
            "distribution",
            "list",
            "--offset",
            "200",
            "--all",
            "--limit",
            "30",
            "--format",
            "json",
        ],
    );
    assert_eq!(offset.json().as_array().unwrap().len(), 50, "{offset}");
}

#[test]
fn unknown_names_suggest_the_closest_one() {
    let d = Daemon::start();
    d.api().create_repository("test");
    pulpc(
        &d,
        &[
            "distribution",
            "create",
            "--name",
            "test",
            "--base-path",
            "test",
            "--repository",
            "test",
        ],
    )
    .ok();
    let typo = pulpc(&d, &["distribution", "show", "tset"]).exits(1);
    assert_eq!(
        typo.error_line(),
        "no distribution named 'tset'; did you mean 'test'?"
    );
    let typo = pulpc(&d, &["repository", "show", "--name", "tets"]).exits(1);
    assert_eq!(
        typo.error_line(),
        "no repository named 'tets'; did you mean 'test'?"
    );
    let far = pulpc(&d, &["distribution", "show", "production"]).exits(1);
    assert_eq!(far.error_line(), "no distribution named 'production'");
    // Positional and --name are the same thing.
    let shown = pulpc(&d, &["distribution", "show", "test", "--format", "json"]).json();
    assert_eq!(shown["name"], "test");
}

/// Every command that prints data prints one JSON document with --format json.
#[test]
fn json_output_parses_for_every_command_that_prints_data() {
    let d = Daemon::start();
    let home = tempfile::tempdir().unwrap();
    let parses = |args: &[&str]| -> Value {
        let mut full = args.to_vec();
        full.extend(["--format", "json"]);
        let run = pulpc(&d, &full);
        let value = run.json();
        run.exits(0);
        value
    };
    parses(&["status"]);
    parses(&["repository", "create", "--name", "r"]);
    parses(&["repository", "list"]);
    parses(&["repository", "list", "--all"]);
    parses(&["repository", "show", "r"]);
    parses(&["repository", "update", "--name", "r", "--description", "d"]);
    parses(&["repository", "version", "list", "--repository", "r"]);
    let remote = parses(&[
        "remote",
        "create",
        "--name",
        "m",
        "--url",
        "http://127.0.0.1:9",
        "--upstream-name",
        "x",
    ]);
    assert_eq!(remote["name"], "m");
    parses(&["remote", "list"]);
    parses(&["remote", "show", "m"]);
    parses(&["remote", "update", "m", "--policy", "on_demand"]);
    parses(&[
        "distribution",
        "create",
        "--name",
        "r",
        "--base-path",
        "r",
        "--repository",
        "r",
    ]);
    parses(&["distribution", "list"]);
    parses(&["distribution", "show", "r"]);
    parses(&["distribution", "update", "r", "--description", "x"]);
    assert_eq!(
        parses(&["distribution", "registry-path", "r"]),
        json!(format!("{}/r", d.registry_host()))
    );
    assert_eq!(parses(&["repository", "content", "list", "r"]), json!([]));
    let task = parses(&[
        "distribution",
        "create",
        "--name",
        "later",
        "--base-path",
        "later",
        "--repository",
        "r",
        "--no-wait",
    ]);
    let task = task["task"].as_str().unwrap().to_string();
    parses(&["task", "wait", &task]);
    parses(&["task", "show", &task]);
    parses(&["task", "list"]);
    parses(&[
        "user",
        "create",
        "--username",
        "u",
        "--password",
        "a-long-password",
    ]);
    parses(&["user", "list"]);
    parses(&[
        "remote",
        "pull-through",
        "create",
        "--name",
        "p",
        "--url",
        "http://127.0.0.1:9",
    ]);
    parses(&["remote", "pull-through", "list"]);
    parses(&["remote", "pull-through", "show", "p"]);
    parses(&["remote", "pull-through", "update", "p", "--includes", "a/*"]);
    parses(&[
        "distribution",
        "pull-through",
        "create",
        "--name",
        "p",
        "--base-path",
        "p",
        "--remote",
        "p",
    ]);
    parses(&["distribution", "pull-through", "list"]);
    parses(&["distribution", "pull-through", "show", "p"]);
    parses(&[
        "distribution",
        "pull-through",
        "update",
        "p",
        "--description",
        "x",
    ]);
    let mut cmd = isolated(home.path(), None);
    cmd.env("PULPC_BASE_URL", d.base_url());
    let shown = run(cmd, &["config", "show", "--format", "json"]);
    assert_eq!(
        shown.json()["base_url"]["from"],
        "PULPC_BASE_URL",
        "{shown}"
    );
}

// ---- configuration: profiles, pulp-cli's file, login off a terminal ----------------------------------------

/// Names of the repositories pulpc lists with `cmd`.
fn repository_names(cmd: Command, args: &[&str]) -> Vec<String> {
    let mut full = args.to_vec();
    full.extend(["repository", "list", "--format", "json"]);
    let run = run(cmd, &full);
    let list = run.json();
    run.ok();
    names(&list)
}

#[test]
fn profiles_switch_between_two_daemons_by_flag_and_environment() {
    let one = Daemon::start();
    let two = Daemon::start();
    one.api().create_repository("on-one");
    two.api().create_repository("on-two");
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    let secret = home.path().join("two-password");
    write_file(&secret, &format!("{ADMIN_PASSWORD}\n"));
    write_file(
        &xdg.join("pulpc/config.toml"),
        &format!(
            "[profiles.one]\nbase_url = \"{}\"\nusername = \"admin\"\npassword = \"{ADMIN_PASSWORD}\"\n\n\
             [profiles.two]\nbase_url = \"{}\"\nusername = \"admin\"\npassword_command = \"cat {}\"\n",
            one.base_url(),
            two.base_url(),
            secret.display()
        ),
    );
    let pulpc = || isolated(home.path(), Some(&xdg));
    assert_eq!(repository_names(pulpc(), &["--profile", "one"]), ["on-one"]);
    // The profile comes from PULPC_PROFILE; two's password from its password_command.
    let mut env_two = pulpc();
    env_two.env("PULPC_PROFILE", "two");
    assert_eq!(repository_names(env_two, &[]), ["on-two"]);
    // Flag beats environment.
    let mut both = pulpc();
    both.env("PULPC_PROFILE", "two");
    assert_eq!(repository_names(both, &["--profile", "one"]), ["on-one"]);
    // Environment beats the file: profile two's credentials, one's URL.
    let mut url_env = pulpc();
    url_env
        .env("PULPC_PROFILE", "two")
        .env("PULPC_BASE_URL", one.base_url());
    assert_eq!(repository_names(url_env, &[]), ["on-one"]);
    // And a flag beats that environment variable.
    let mut url_flag = pulpc();
    url_flag
        .env("PULPC_PROFILE", "two")
        .env("PULPC_BASE_URL", one.base_url());
    assert_eq!(
        repository_names(url_flag, &["--base-url", &two.base_url()]),
        ["on-two"]
    );

    let shown = run(
        pulpc(),
        &["--profile", "two", "config", "show", "--format", "json"],
    );
    let config = shown.json();
    let shown = shown.exits(0);
    assert!(!shown.stdout.contains(ADMIN_PASSWORD), "masked{shown}");
    assert_eq!(config["password"]["value"], "********");
    assert_eq!(config["profiles"], json!(["one", "two"]));

    let unknown = run(pulpc(), &["--profile", "tow", "repository", "list"]).exits(1);
    assert!(
        unknown
            .error_line()
            .starts_with("no profile named 'tow' (from --profile) in "),
        "{unknown}"
    );
    assert!(
        unknown.error_line().contains("did you mean 'two'?"),
        "{unknown}"
    );
}

#[test]
fn pulp_cli_settings_are_used_while_pulpc_has_no_config() {
    let d = Daemon::start();
    d.api().create_repository("from-pulp-cli");
    let pulp_cli = format!(
        "[cli]\nbase_url = \"{}\"\nusername = \"admin\"\npassword = \"{ADMIN_PASSWORD}\"\nverify_ssl = true\nformat = \"json\"\n",
        d.base_url()
    );
    // Under HOME/.config …
    let home = tempfile::tempdir().unwrap();
    write_file(&home.path().join(".config/pulp/cli.toml"), &pulp_cli);
    assert_eq!(
        repository_names(isolated(home.path(), None), &[]),
        ["from-pulp-cli"]
    );
    // … and under XDG_CONFIG_HOME, which wins over HOME.
    let other = tempfile::tempdir().unwrap();
    let xdg = other.path().join("xdg");
    write_file(&xdg.join("pulp/cli.toml"), &pulp_cli);
    let empty_home = other.path().join("home");
    assert_eq!(
        repository_names(isolated(&empty_home, Some(&xdg)), &[]),
        ["from-pulp-cli"]
    );
    let shown = run(
        isolated(home.path(), None),
        &["config", "show", "--format", "json"],
    )
    .json();
    assert_eq!(shown["config_file_kind"], "pulp-cli");
    assert_eq!(shown["base_url"]["value"], d.base_url());

    // The first `config set` starts pulpc's own file from pulp-cli's settings, so nothing is lost.
    let set = run(
        isolated(home.path(), None),
        &["config", "set", "username", "admin"],
    )
    .exits(0);
    assert!(set.stderr.contains("from pulp-cli's"), "{set}");
    assert_eq!(
        repository_names(isolated(home.path(), None), &[]),
        ["from-pulp-cli"]
    );
    let shown = run(
        isolated(home.path(), None),
        &["config", "show", "--format", "json"],
    )
    .json();
    assert_eq!(shown["config_file_kind"], "pulpc");
}

/// Off a terminal pulpc never asks: `login` and an unconfirmed delete fail at once, naming what to pass, even
/// with a stdin that stays open.
#[test]
fn login_and_unconfirmed_deletes_off_a_terminal_fail_without_waiting() {
    let d = Daemon::start();
    let home = tempfile::tempdir().unwrap();
    let limit = Duration::from_secs(20);
    let login = run_never_hangs(
        isolated(home.path(), None),
        &["--base-url", &d.base_url(), "login"],
        limit,
    )
    .exits(1);
    assert_eq!(
        login.error_line(),
        "cannot ask for the password: stdin is not a terminal; pass it with --password-stdin or set PULPC_PASSWORD",
        "{login}"
    );
    assert!(
        !home.path().join(".config/pulpc/config.toml").exists(),
        "nothing saved"
    );

    d.api().create_repository("keep");
    let delete = run_never_hangs(d.pulpc(), &["repository", "delete", "keep"], limit).exits(1);
    assert_eq!(
        delete.error_line(),
        "not deleting repository \"keep\" without confirmation; pass --yes (stdin is not a terminal)",
        "{delete}"
    );
    let status = d
        .api()
        .get_ok("/pulp/api/v3/repositories/container/container/?name=keep");
    assert_eq!(status["count"], 1, "still there");
}

/// `login --password-stdin` checks and saves; a wrong saved password then names the profile and `pulpc login`;
/// `logout` forgets the password.
#[test]
fn login_from_stdin_saves_a_private_profile_and_logout_forgets_it() {
    let d = Daemon::start();
    let home = tempfile::tempdir().unwrap();
    let login = |password: &str| {
        let mut cmd = isolated(home.path(), None);
        cmd.args(["--base-url", &d.base_url(), "login", "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let config = home.path().join(".config/pulpc/config.toml");
    let wrong = login("not-the-password");
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("rejected the password of user \"admin\"")
            && stderr.contains("nothing was saved"),
        "{stderr}"
    );
    assert!(!config.exists());

    let ok = login(ADMIN_PASSWORD);
    assert!(ok.status.success(), "{ok:?}");
    assert_eq!(mode(&config), 0o600);
    repository_names(isolated(home.path(), None), &[]);

    let mut bad = isolated(home.path(), None);
    bad.args(["config", "set", "password", "stale"]);
    run(bad, &[]).exits(0);
    let stale = run(isolated(home.path(), None), &["repository", "list"]).exits(1);
    let line = stale.error_line();
    assert!(
        line.starts_with(
            "pulpd rejected the credentials of user \"admin\" (password from profile 'default' in "
        ),
        "{stale}"
    );
    assert!(line.contains("log in with `pulpc login`"), "{stale}");

    let logout = run(isolated(home.path(), None), &["logout"]).exits(0);
    assert!(logout.stderr.contains("forgot the password"), "{logout}");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        !text.lines().any(|l| l.starts_with("password")) && !text.contains(ADMIN_PASSWORD),
        "{text}"
    );
    assert!(
        text.contains("username = \"admin\""),
        "the rest stays: {text}"
    );
    let anonymous = run(isolated(home.path(), None), &["repository", "list"]).exits(1);
    assert!(
        anonymous
            .error_line()
            .starts_with("no password given for user \"admin\""),
        "{anonymous}"
    );
}

/// The permission bits of a file.
pub(crate) fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---- completions and man pages -----------------------------------------------------------------------------

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn bash_completion_script_loads_and_completes_subcommands() {
    let script = repo_root().join("completions/pulpc.bash");
    let out = Command::new("bash")
        .arg("-c")
        .arg(
            "source \"$1\" && complete -p pulpc && \
             COMP_WORDS=(pulpc rep) COMP_CWORD=1 COMP_LINE='pulpc rep' COMP_POINT=9 && _pulpc pulpc rep pulpc && \
             echo \"words: ${COMPREPLY[*]}\"",
        )
        .arg("bash")
        .arg(&script)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("-F _pulpc pulpc"), "{stdout}");
    assert!(stdout.contains("words: repository"), "{stdout}");
}

#[test]
fn man_pages_render() {
    let root = repo_root();
    let page = root.join("man/pulpc.1");
    let out = Command::new("man")
        .args(["-l"])
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("man is installed (Debian: apt-get install man-db)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        text.contains("pulpc") && text.contains("login") && text.contains("SYNOPSIS"),
        "{text}"
    );
    // Every page renders without groff warnings.
    for entry in std::fs::read_dir(root.join("man")).unwrap() {
        let path = entry.unwrap().path();
        let out = Command::new("groff")
            // -k: preconv, as man does, for the UTF-8 in help texts ("…").
            .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("groff is installed");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn namespaces_are_listed_shown_and_deleted_and_repository_list_has_a_type() {
    let d = Daemon::start();
    let api = d.api();
    for name in ["acme", "globex"] {
        let (status, body) = api.post(
            "/pulp/api/v3/pulp_container/namespaces/",
            &json!({"name": name}),
        );
        assert_eq!(status, 201, "{body}");
    }
    let list = pulpc(&d, &["namespace", "list", "--format", "json"]);
    let mut listed = names(&list.json());
    listed.sort();
    assert_eq!(listed, ["acme", "globex"], "{list}");
    let table = pulpc(&d, &["namespace", "list", "--name-contains", "glob"]).ok();
    assert!(table.lines().any(|l| l.starts_with("globex")), "{table}");
    assert!(!table.contains("acme"), "{table}");
    let shown = pulpc(&d, &["namespace", "show", "acme", "--format", "json"]).json();
    assert_eq!(shown["name"], "acme");
    assert!(shown["prn"]
        .as_str()
        .unwrap()
        .starts_with("prn:container.containernamespace:"));

    let unknown = pulpc(&d, &["namespace", "show", "acmee"]).exits(1);
    assert!(unknown.error_line().contains("acme"), "{unknown}");
    let refused = pulpc(&d, &["namespace", "delete", "acme"]).exits(1);
    assert!(refused.error_line().contains("--yes"), "{refused}");
    pulpc(&d, &["namespace", "delete", "acme", "--yes"]).exits(0);
    let (status, _) = api.get(shown["pulp_href"].as_str().unwrap());
    assert_eq!(status, 404);

    // Sync repositories list with their type; JSON carries it too.
    pulpc(&d, &["repository", "create", "--name", "synced"]).ok();
    let table = pulpc(&d, &["repository", "list"]).ok();
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(&header[..2], ["name", "type"], "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().take(2).eq(["synced", "container"])),
        "{table}"
    );
    let json = pulpc(&d, &["repository", "list", "--format", "json"]).json();
    assert_eq!(json[0]["type"], "container", "{json}");
    // Tagging needs a push repository: a sync repository's name is not one.
    let run = pulpc(
        &d,
        &[
            "repository",
            "tag",
            "synced",
            "--tag",
            "t",
            "--digest",
            "sha256:00",
        ],
    )
    .exits(1);
    assert!(run.error_line().contains("push repository"), "{run}");
}

#[test]
fn remote_connection_flags_send_pem_files_timeouts_retries_and_headers() {
    let d = Daemon::start();
    let files = tempfile::tempdir().unwrap();
    let generated = rcgen::generate_simple_self_signed(vec!["puller".into()]).unwrap();
    let (cert, key) = (generated.cert.pem(), generated.key_pair.serialize_pem());
    let cert_file = files.path().join("client.pem");
    let key_file = files.path().join("client.key");
    std::fs::write(&cert_file, &cert).unwrap();
    std::fs::write(&key_file, &key).unwrap();
    let (cert_arg, key_arg) = (cert_file.to_str().unwrap(), key_file.to_str().unwrap());
    let url = upstream::shared().url();
    let created = pulpc(
        &d,
        &[
            "remote",
            "create",
            "--name",
            "tuned",
            "--url",
            &url,
            "--upstream-name",
            "library/hello",
            "--upstream-ca-cert",
            cert_arg,
            "--client-cert",
            cert_arg,
            "--client-key",
            key_arg,
            "--max-retries",
            "1",
            "--connect-timeout",
            "3",
            "--total-timeout",
            "60",
            "--header",
            "X-Team:registry",
            "--header",
            "X-Trace: 1",
            "--format",
            "json",
        ],
    );
    let remote = created.json();
    created.ok();
    assert_eq!(remote["ca_cert"], cert, "{remote:#}");
    assert_eq!(remote["client_cert"], cert);
    assert_eq!(remote["max_retries"], 1);
    assert_eq!(remote["connect_timeout"], 3.0);
    assert_eq!(remote["total_timeout"], 60.0);
    assert_eq!(
        remote["headers"],
        json!([{"X-Team": "registry"}, {"X-Trace": "1"}])
    );
    assert!(!remote.to_string().contains("PRIVATE KEY"), "{remote:#}");

    // The table says what is set without printing certificates.
    let table = pulpc(&d, &["remote", "show", "tuned"]).ok();
    assert!(table.contains("certificate and key set"), "{table}");
    assert!(table.contains("X-Team: registry"), "{table}");
    assert!(!table.contains("BEGIN CERTIFICATE"), "{table}");

    // The same flags on a pull-through remote.
    let pt = pulpc(
        &d,
        &[
            "remote",
            "pull-through",
            "create",
            "--name",
            "hub",
            "--url",
            &url,
            "--max-retries",
            "0",
            "--header",
            "X-Team:cache",
            "--format",
            "json",
        ],
    );
    let hub = pt.json();
    pt.ok();
    assert_eq!(hub["max_retries"], 0);
    assert_eq!(hub["headers"], json!([{"X-Team": "cache"}]));

    // A missing file is one error line naming it.
    let missing = pulpc(
        &d,
        &[
            "remote",
            "update",
            "tuned",
            "--upstream-ca-cert",
            "/nonexistent/ca.pem",
        ],
    );
    assert!(missing
        .exits(1)
        .error_line()
        .contains("/nonexistent/ca.pem"));
}
