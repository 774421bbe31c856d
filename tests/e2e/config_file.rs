//! pulpd's config file (issue 17): a typo'd key stops pulpd with exit code 2 naming it; values come from flags
//! over the environment over the file over the defaults, as `pulpd config show` reports, with secrets
//! redacted; a daemon started with `--config` uses the file's settings.

use pulp_e2e::daemon::{bin, Daemon};
use std::process::{Command, Output};

fn config_file(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

/// `pulpd <args>` with a clean `PULPD_*` environment plus `env`.
fn pulpd(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(bin("pulpd"));
    for (key, _) in std::env::vars() {
        if key.starts_with("PULPD_") {
            cmd.env_remove(key);
        }
    }
    cmd.args(args).envs(env.iter().copied()).output().unwrap()
}

/// The line of `pulpd config show` for `key`.
fn line<'a>(shown: &'a str, key: &str) -> &'a str {
    shown
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in:\n{shown}"))
}

#[test]
fn a_typod_key_exits_2_naming_it() {
    let file = config_file("shutdown-grace = 5\nmin-fre-space = \"2GiB\"\n");
    let data = tempfile::tempdir().unwrap();
    let out = pulpd(
        &[
            "--config",
            file.path().to_str().unwrap(),
            "--data-dir",
            data.path().to_str().unwrap(),
        ],
        &[],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown key `min-fre-space`"), "{stderr}");
    assert!(stderr.contains("did you mean `min-free-space`"), "{stderr}");
    assert!(
        std::fs::read_dir(data.path()).unwrap().next().is_none(),
        "pulpd stopped before touching its data dir"
    );
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_defaults() {
    let file = config_file(
        "shutdown-grace = 11\npull-through-ttl = 12\nfailed-login-limit = 13\ntoken-auth = false\n",
    );
    let out = pulpd(
        &[
            "--config",
            file.path().to_str().unwrap(),
            "--failed-login-limit",
            "33",
            "config",
            "show",
        ],
        &[
            ("PULPD_PULL_THROUGH_TTL", "22"),
            ("PULPD_FAILED_LOGIN_LIMIT", "23"),
            ("PULPD_ADMIN_PASSWORD", "do-not-print-me"),
        ],
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let fields = |key: &str| {
        line(&shown, key)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(fields("shutdown-grace"), "shutdown-grace = \"11\" # file");
    assert_eq!(fields("token-auth"), "token-auth = \"false\" # file");
    assert_eq!(
        fields("pull-through-ttl"),
        "pull-through-ttl = \"22\" # env PULPD_PULL_THROUGH_TTL"
    );
    assert_eq!(
        fields("failed-login-limit"),
        "failed-login-limit = \"33\" # flag"
    );
    assert_eq!(fields("bind"), "bind = \"127.0.0.1:24817\" # default");
    assert!(shown.contains(file.path().to_str().unwrap()), "{shown}");
    assert!(
        shown.contains("PULPD_ADMIN_PASSWORD = (set, redacted)"),
        "{shown}"
    );
    assert!(!shown.contains("do-not-print-me"), "{shown}");
}

#[test]
fn a_daemon_started_with_a_config_file_uses_its_settings_and_logs_where_they_came_from() {
    let file = config_file("registry-host = \"registry.example:5000\"\n");
    let d = Daemon::start_with_args(&["--config", file.path().to_str().unwrap()], &[]);
    assert_eq!(d.registry_host(), "registry.example:5000");
    let log = d.log();
    let loaded = log
        .lines()
        .find(|l| l.contains("settings loaded"))
        .unwrap_or_else(|| panic!("no settings line:\n{log}"));
    assert!(loaded.contains("from_file=registry-host"), "{loaded}");
    assert!(loaded.contains("from_flags=bind,data-dir "), "{loaded}");
}
