//! A private PostgreSQL cluster for the tests: Debian's server binaries, on loopback, one per test process.
//!
//! [`shared`] runs `initdb` into a temp dir and starts `postgres` on a free port with its socket in that dir,
//! `fsync=off` (its data is thrown away) and trust authentication for the role `pulpd` on 127.0.0.1 only.
//! Each test takes its own database ([`Postgres::fresh_database`]), so tests share the server without seeing
//! each other's rows. The server refuses to run as root, so as root the whole thing runs as the `postgres`
//! user that Debian's package creates.
//!
//! The server dies with the test process: it runs under a `sh` wrapper that reads a pipe from this process and
//! kills `postgres` when the pipe closes (as `s3.rs` does for SeaweedFS), then deletes its temp dir.
//!
//! Without Debian's `postgresql` package the tests fail and say how to install it (`scripts/test` does).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The role the tests connect as.
pub const USER: &str = "pulpd";

/// How long the server may take to accept connections.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running private PostgreSQL server.
pub struct Postgres {
    port: u16,
    dir: PathBuf,
    /// Held open: the wrapper kills the server when it closes (process exit).
    _stdin: ChildStdin,
    next_database: AtomicU64,
}

impl Postgres {
    /// The server's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{db}", self.port)
    }

    /// Creates a database no other test in this process uses and returns its URL.
    pub fn fresh_database(&self, name: &str) -> String {
        let n = self.next_database.fetch_add(1, Ordering::Relaxed);
        let db = format!("{name}_{n}");
        self.psql("postgres", &format!("CREATE DATABASE \"{db}\""))
            .unwrap_or_else(|e| panic!("creating database {db}: {e:#}\n{}", self.log()));
        self.url(&db)
    }

    /// Runs `sql` in database `db` with `psql` and returns its output (unaligned, tuples only).
    pub fn psql(&self, db: &str, sql: &str) -> Result<String> {
        let out = Command::new(bin_dir()?.join("psql"))
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"])
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                USER,
                "-d",
                db,
                "-c",
                sql,
            ])
            .output()
            .context("running psql")?;
        if !out.status.success() {
            bail!("psql: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// The server's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default()
    }
}

/// The directory of Debian's PostgreSQL server binaries (the newest version installed).
fn bin_dir() -> Result<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("postgres").is_file().then_some((v, bin))
        })
        .collect();
    versions.sort();
    match versions.pop() {
        Some((_, bin)) => Ok(bin),
        None => bail!(
            "no PostgreSQL server under /usr/lib/postgresql: install Debian's `postgresql` package \
             (`apt-get install postgresql`; scripts/test does it)"
        ),
    }
}

/// The server of this test process, started on first use.
pub fn shared() -> &'static Postgres {
    static SHARED: OnceLock<Result<Postgres, String>> = OnceLock::new();
    match SHARED.get_or_init(|| start().map_err(|e| format!("starting PostgreSQL: {e:#}"))) {
        Ok(server) => server,
        Err(e) => panic!("{e}"),
    }
}

/// Runs `program` as the `postgres` user when this process is root (the server refuses root).
fn as_server_user(program: PathBuf) -> Command {
    if nix::unistd::Uid::effective().is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn start() -> Result<Postgres> {
    let bin = bin_dir()?;
    let tmp = tempfile::Builder::new()
        .prefix("pulp-e2e-postgres-")
        .tempdir()
        .context("creating the PostgreSQL temp dir")?;
    // The wrapper deletes it once the server is gone (`shared` is never dropped).
    let dir = tmp.keep();
    if nix::unistd::Uid::effective().is_root() {
        let user = nix::unistd::User::from_name("postgres")
            .context("looking up the postgres user")?
            .context("no `postgres` user: install Debian's `postgresql` package")?;
        nix::unistd::chown(&dir, Some(user.uid), Some(user.gid))
            .context("giving the temp dir to the postgres user")?;
    }
    let data = dir.join("data");
    let out = as_server_user(bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-A",
            "trust",
            "-U",
            USER,
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        ])
        .output()
        .context("running initdb")?;
    if !out.status.success() {
        bail!(
            "initdb failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let log = std::fs::File::create(dir.join("postgres.log"))?;
    let server = as_server_user(bin.join("postgres"));
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(crate::process::DIE_WITH_TEST)
        .arg("postgres-wrapper")
        .arg(&dir)
        .arg(server.get_program())
        .args(server.get_args())
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(&dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=200",
        ])
        .stdin(Stdio::piped())
        .stdout(log.try_clone()?)
        .stderr(log);
    let mut child = command.spawn().context("starting postgres")?;
    let stdin = child.stdin.take().context("postgres wrapper stdin")?;
    let server = Postgres {
        port,
        dir,
        _stdin: stdin,
        next_database: AtomicU64::new(0),
    };
    let started = Instant::now();
    loop {
        match server.psql("postgres", "SELECT 1") {
            Ok(_) => return Ok(server),
            Err(e) if started.elapsed() > START_TIMEOUT => {
                bail!("PostgreSQL did not answer: {e:#}\n{}", server.log())
            }
            Err(_) => {
                if let Ok(Some(status)) = child.try_wait() {
                    bail!("postgres exited ({status}):\n{}", server.log());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}
