//! The real pulp-cli (PyPI's `pulp-cli`, pinned and installed by `scripts/test`, path in `PULPD_TEST_PULP_CLI`),
//! pointed at one test daemon. Each [`PulpCli`] has a home of its own (a temp dir as `HOME`, `XDG_CONFIG_HOME`
//! and `XDG_CACHE_HOME`) holding its settings file, passed with `--config`, and its cache of the API document:
//! the user's `~/.config/pulp` and `~/.cache/squeezer` are never read or written.

use crate::daemon::{Daemon, ADMIN_PASSWORD};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The `pulp` executable: `PULPD_TEST_PULP_CLI`, as `scripts/test` exports it.
pub fn bin() -> PathBuf {
    let how = "run the tests through scripts/test, which installs PyPI's pulp-cli (pinned) into its cache venv \
               and exports its `pulp` as PULPD_TEST_PULP_CLI (by hand: `python3 -m venv V && V/bin/pip install \
               pulp-cli==0.41.1`, then PULPD_TEST_PULP_CLI=V/bin/pulp)";
    let path = std::env::var_os("PULPD_TEST_PULP_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("PULPD_TEST_PULP_CLI is not set: {how}"));
    assert!(
        path.is_file(),
        "PULPD_TEST_PULP_CLI={} is not a file: {how}",
        path.display()
    );
    path
}

/// pulp-cli configured for one daemon, as admin.
pub struct PulpCli {
    bin: PathBuf,
    home: tempfile::TempDir,
}

/// One run of `pulp`: its exit status and output.
pub struct Run {
    pub args: Vec<String>,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts exit 0; returns stdout.
    pub fn ok(&self) -> String {
        assert!(
            self.output.status.success(),
            "`pulp {}` exited {}\nstdout:\n{}\nstderr:\n{}",
            self.args.join(" "),
            self.output.status,
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }

    /// Asserts exit 0; returns stdout parsed as JSON (`Null` when empty).
    pub fn json(&self) -> Value {
        let out = self.ok();
        if out.trim().is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&out).unwrap_or_else(|e| {
            panic!(
                "`pulp {}` printed no JSON ({e}):\n{out}",
                self.args.join(" ")
            )
        })
    }
}

impl PulpCli {
    /// pulp-cli for `daemon`, as admin, JSON output.
    pub fn for_daemon(daemon: &Daemon) -> PulpCli {
        let bin = bin();
        let home = tempfile::tempdir().expect("a temp home for pulp-cli");
        let settings = format!(
            "[cli]\nbase_url = {base:?}\nusername = \"admin\"\npassword = {password:?}\nformat = \"json\"\n\
             verify_ssl = true\ntimeout = 120\n",
            base = daemon.base_url(),
            password = ADMIN_PASSWORD,
        );
        std::fs::write(home.path().join("cli.toml"), settings)
            .expect("writing pulp-cli's settings");
        PulpCli { bin, home }
    }

    /// Runs `pulp ARGS` with this instance's settings file and home.
    pub fn run(&self, args: &[&str]) -> Run {
        let config = self.home.path().join("cli.toml");
        let output = Command::new(&self.bin)
            .arg("--config")
            .arg(&config)
            .args(args)
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .env("LC_ALL", "C.UTF-8")
            .env_remove("PULP_BASE_URL")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("running {}: {e}", self.bin.display()));
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            output,
        }
    }

    /// Runs `pulp ARGS`, asserts exit 0 and returns its JSON output.
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(args).json()
    }
}
