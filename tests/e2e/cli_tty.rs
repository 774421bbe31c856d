//! pulpc on a real terminal: tmux runs it in a pane (its own server on a private socket per test), `send-keys`
//! types, `capture-pane` reads the screen, polled with a deadline. What a terminal changes: `login` asks with a
//! hidden prompt, and waits draw progress on stderr — which must never reach a redirected stdout.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use pulp_e2e::daemon::{bin, Daemon, ADMIN_PASSWORD};
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};

use crate::cli::{isolated, mode, pulpc, run};

/// How long anything on screen may take to appear.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(60);

/// A tmux server of its own running one bash in a 160×50 pane; killed when dropped.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Starts bash (no rc files) with exactly `env` plus PATH, TERM and a UTF-8 locale.
    fn start(dir: &Path, env: &[(&str, &str)]) -> Tmux {
        let socket = dir.join("tmux.sock");
        let mut cmd = Command::new("tmux");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().copied())
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "160",
                "-y",
                "50",
            ])
            .args(["bash", "--norc", "--noprofile"]);
        let out = cmd
            .output()
            .expect("tmux is installed (Debian: apt-get install tmux)");
        assert!(out.status.success(), "tmux new-session: {out:?}");
        Tmux { socket }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types `text` literally, then Enter.
    /// Waits until the program in the pane has turned terminal echo off (a hidden prompt is ready for its
    /// input): the prompt's text appears before the echo goes off, and keys typed in between are echoed.
    fn wait_for_hidden_input(&self) {
        let tty = self.tmux(&["display-message", "-p", "-t", "t", "#{pane_tty}"]);
        let tty = tty.trim().to_string();
        wait_until(Duration::from_secs(30), "terminal echo to go off", || {
            let out = Command::new("stty")
                .args(["-a", "-F", &tty])
                .output()
                .expect("stty is installed (coreutils)");
            let settings = String::from_utf8_lossy(&out.stdout).into_owned();
            if settings.split_whitespace().any(|w| w == "-echo") {
                Ok(())
            } else {
                Err(settings)
            }
        });
    }

    fn type_line(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
        self.tmux(&["send-keys", "-t", "t", "Enter"]);
    }

    /// The pane's text, scrollback included, wrapped lines joined.
    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J", "-S", "-", "-t", "t"])
    }

    /// Polls the screen until it shows `text`; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        wait_until(SCREEN_TIMEOUT, &format!("{text:?} on the screen"), || {
            let screen = self.screen();
            if screen.contains(text) {
                Ok(screen)
            } else {
                Err(screen)
            }
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("---- tmux screen ----\n{}\n---- end ----", self.screen());
        }
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn pulpc_path() -> String {
    bin("pulpc").display().to_string()
}

/// `pulpc login` on a terminal: the hidden prompt appears, the password is not echoed, the profile is saved
/// 0600, and the next commands authenticate without flags.
#[test]
fn login_on_a_terminal_prompts_hides_the_password_and_saves_a_private_profile() {
    let d = Daemon::start();
    d.api().create_repository("seen-after-login");
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(&home).unwrap();
    let tmux = Tmux::start(
        dir.path(),
        &[
            ("HOME", home.to_str().unwrap()),
            ("XDG_CONFIG_HOME", xdg.to_str().unwrap()),
        ],
    );
    let exe = pulpc_path();
    tmux.type_line(&format!(
        "{exe} --base-url {} login --username admin; echo \"login-exit=$?\"",
        d.base_url()
    ));
    tmux.wait_for(&format!("password of admin at {}", d.base_url()));
    tmux.wait_for_hidden_input();
    tmux.type_line(ADMIN_PASSWORD);
    let screen = tmux.wait_for("login-exit=0");
    assert!(
        !screen.contains(ADMIN_PASSWORD),
        "the password was echoed:\n{screen}"
    );
    assert!(screen.contains("logged in to"), "{screen}");

    let config = xdg.join("pulpc/config.toml");
    assert_eq!(mode(&config), 0o600, "{}", config.display());
    assert_eq!(mode(config.parent().unwrap()), 0o700);

    // The next command, on the terminal, needs no flag and asks nothing.
    tmux.type_line(&format!("{exe} repository list; echo \"list-exit=$?\""));
    let screen = tmux.wait_for("list-exit=0");
    assert!(screen.contains("seen-after-login"), "{screen}");
    assert_eq!(
        screen.matches("password of admin").count(),
        1,
        "asked only once, by login:\n{screen}"
    );
    // And off the terminal too.
    let list = run(
        isolated(&home, Some(&xdg)),
        &["repository", "list", "--format", "json"],
    );
    assert_eq!(list.json()[0]["name"], "seen-after-login", "{list}");
    list.ok();
}

/// Waits draw progress on a terminal's stderr, from the task's progress reports; stdout redirected to a file
/// gets the data alone. A sync from an upstream that never answers stays on "Downloading tag list", so the bar
/// is on screen for as long as the test needs; cancelling the task ends it.
#[test]
fn progress_is_drawn_on_a_terminal_and_never_reaches_redirected_stdout() {
    let d = Daemon::start();
    let dir = tempfile::tempdir().unwrap();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let up = pulp_e2e::upstream::shared();
    for (name, url) in [
        ("silent", silent_url.as_str()),
        ("hello", up.url().as_str()),
    ] {
        pulpc(
            &d,
            &[
                "remote",
                "create",
                "--name",
                name,
                "--url",
                url,
                "--upstream-name",
                "library/hello",
            ],
        )
        .ok();
    }
    d.api().create_repository("stuck");
    d.api().create_repository("good");

    let tmux = Tmux::start(
        dir.path(),
        &[
            ("HOME", dir.path().to_str().unwrap()),
            ("PULPC_BASE_URL", &d.base_url()),
            ("PULPC_USERNAME", "admin"),
            ("PULPC_PASSWORD", ADMIN_PASSWORD),
        ],
    );
    let exe = pulpc_path();
    let stuck_out = dir.path().join("stuck.json");
    tmux.type_line(&format!(
        "{exe} repository sync stuck --remote silent --format json > {}; echo \"stuck-exit=$?\"",
        stuck_out.display()
    ));
    let screen = tmux.wait_for("Downloading tag list");
    assert!(screen.contains("syncing repository \"stuck\""), "{screen}");
    assert!(screen.contains("0/1"), "a bar with its count:\n{screen}");

    let api = d.api();
    let running = api.get_ok("/pulp/api/v3/tasks/?state=running");
    let task = running["results"][0]["pulp_href"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _) = api.patch(&task, &json!({"state": "canceled"}));
    assert_eq!(status, 200);
    let screen = tmux.wait_for("stuck-exit=1");
    assert!(screen.contains("was canceled"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&stuck_out).unwrap(),
        "",
        "no data, and no progress, on stdout"
    );

    // --quiet draws nothing: the same wait, once with progress and once without, polled the whole time.
    let task = pulpc(
        &d,
        &[
            "repository",
            "sync",
            "stuck",
            "--remote",
            "silent",
            "--no-wait",
        ],
    )
    .ok();
    let task = task.trim();
    tmux.type_line(&format!(
        "{exe} task wait {task} --timeout 1; echo \"loud-exit=$?\""
    ));
    tmux.wait_for("waiting for task");
    tmux.wait_for("loud-exit=3");
    tmux.type_line("clear");
    tmux.tmux(&["clear-history", "-t", "t"]);
    wait_until(SCREEN_TIMEOUT, "a clear screen", || {
        let screen = tmux.screen();
        if screen.contains("loud-exit") {
            Err(screen)
        } else {
            Ok(())
        }
    });
    tmux.type_line(&format!(
        "{exe} --quiet task wait {task} --timeout 1; echo \"quiet-exit=$?\""
    ));
    wait_until(SCREEN_TIMEOUT, "quiet-exit=3 on the screen", || {
        let screen = tmux.screen();
        assert!(
            !screen.contains("waiting for task"),
            "--quiet drew progress:\n{screen}"
        );
        if screen.contains("quiet-exit=3") {
            Ok(())
        } else {
            Err(screen)
        }
    });
    let (status, _) = api.patch(task, &json!({"state": "canceled"}));
    assert_eq!(status, 200);

    // A sync that completes: the data alone in the file, whatever was drawn on the terminal.
    let good_out = dir.path().join("good.json");
    tmux.type_line(&format!(
        "{exe} repository sync good --remote hello --format json > {}; echo \"good-exit=$?\"",
        good_out.display()
    ));
    tmux.wait_for("good-exit=0");
    let text = std::fs::read_to_string(&good_out).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    let version: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(version["number"], 1, "{text}");
    drop(silent);
}
