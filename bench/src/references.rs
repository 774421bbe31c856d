//! The reference servers that are not registries, each showing what the machine allows for one kind of answer:
//!
//! - [`Nginx`]: Debian's `nginx-light` with `sendfile on`, serving the blob layer file from disk at the same URL
//!   path as the registries (the reference static file server: what sendfile reaches here).
//! - [`Floor`]: a minimal hyper server answering every request with the manifest's bytes from memory and the
//!   headers a registry sends (this same executable re-run with `--floor-manifest`; see [`serve_floor`]). What
//!   pulpd adds on top of it (routing, auth, lookup, logging) is what the manifest floor row measures.
//!
//! Both bind loopback only, on a port picked free just before they start, and run with 2 worker threads or
//! processes, as pulpd does on this 2-core machine.

use crate::load::Server;
use crate::procfs::Proc;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a reference server may take to answer its first connection.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// A running nginx serving files from a temp root.
pub struct Nginx {
    /// Config, root, logs and temp files; removed with it.
    dir: tempfile::TempDir,
    child: Child,
    addr: SocketAddr,
}

impl Nginx {
    /// Starts nginx serving each `(url path, file)` at its path (the file is linked, not copied).
    pub fn start(files: &[(String, PathBuf)]) -> Result<Nginx> {
        let bin = which("nginx").context(
            "nginx is not installed: `apt-get install nginx-light` (scripts/test installs it)",
        )?;
        let dir = tempfile::Builder::new()
            .prefix("nginx-bench-")
            .tempdir()
            .context("creating nginx's temp dir")?;
        let root = dir.path().join("root");
        for (url, file) in files {
            let link = root.join(url.trim_start_matches('/'));
            let parent = link.parent().context("a url path has a parent")?;
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
            std::os::unix::fs::symlink(file, &link)
                .with_context(|| format!("linking {}", link.display()))?;
        }
        let addr = free_port()?;
        let d = dir.path().display();
        // `user root`: the bench runs as root and the files sit under 0700 temp dirs; access_log off as pulpd
        // logs at info (no per-request lines); keepalive_requests high so a load never reconnects.
        let config = format!(
            "user root;\nworker_processes 2;\ndaemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n  sendfile on;\n  tcp_nopush on;\n  access_log off;\n  keepalive_requests 1000000;\n  \
             default_type application/octet-stream;\n  client_body_temp_path {d}/body;\n  \
             proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  \
             scgi_temp_path {d}/scgi;\n  server {{\n    listen {addr};\n    root {root};\n  }}\n}}\n",
            root = root.display()
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).context("writing nginx.conf")?;
        let child = Command::new(&bin)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let mut nginx = Nginx { dir, child, addr };
        if let Err(e) = wait_listening(addr, &mut nginx.child) {
            let log =
                std::fs::read_to_string(nginx.dir.path().join("error.log")).unwrap_or_default();
            bail!("nginx did not start: {e:#}\n{log}");
        }
        Ok(nginx)
    }

    /// The load target. CPU is not measured: the work happens in the worker processes, not the master.
    pub fn server(&self) -> Server {
        Server {
            addr: self.addr,
            proc: None,
        }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: nginx's fast shutdown; the master stops its workers.
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        let _ = self.child.wait();
    }
}

/// The floor server: this executable re-run with `--floor-manifest FILE`.
pub struct Floor {
    child: Child,
    addr: SocketAddr,
}

impl Floor {
    /// Starts the floor answering with `manifest` (its media type and digest in the headers).
    pub fn start(manifest: &[u8], media_type: &str, digest: &str) -> Result<Floor> {
        let file = tempfile::NamedTempFile::new().context("creating the floor's manifest file")?;
        std::fs::write(file.path(), manifest).context("writing the floor's manifest file")?;
        let mut child = Command::new(std::env::current_exe()?)
            .arg("--floor-manifest")
            .arg(file.path())
            .arg("--floor-media-type")
            .arg(media_type)
            .arg("--floor-digest")
            .arg(digest)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting the floor server")?;
        // It prints its address once it has read the file and bound the port.
        let stdout = child.stdout.take().context("the floor's stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .context("reading the floor's address")?;
        let addr = line
            .trim()
            .parse()
            .with_context(|| format!("the floor printed {line:?}, not its address"))?;
        Ok(Floor { child, addr })
    }

    pub fn server(&self) -> Server {
        Server {
            addr: self.addr,
            proc: Some(Proc::new(self.child.id())),
        }
    }
}

impl Drop for Floor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The floor's process: serves `manifest` to every request on a loopback port (printed on stdout), on a
/// 2-thread runtime like pulpd's, until killed. No routing, no lookup, no logging: the least any server does.
pub fn serve_floor(manifest: &Path, media_type: &str, digest: &str) -> Result<()> {
    use http_body_util::Full;
    use hyper::header::{HeaderValue, CONTENT_TYPE};
    let bytes = bytes::Bytes::from(
        std::fs::read(manifest).with_context(|| format!("reading {}", manifest.display()))?,
    );
    let media_type = HeaderValue::from_str(media_type).context("the media type")?;
    let digest = HeaderValue::from_str(digest).context("the digest")?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("{}", listener.local_addr()?);
        loop {
            let (stream, _) = listener.accept().await?;
            let (bytes, media_type, digest) = (bytes.clone(), media_type.clone(), digest.clone());
            let service = hyper::service::service_fn(move |_request| {
                let mut response = hyper::Response::new(Full::new(bytes.clone()));
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, media_type.clone());
                headers.insert("docker-content-digest", digest.clone());
                async move { Ok::<_, std::convert::Infallible>(response) }
            });
            tokio::spawn(async move {
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            });
        }
    })
}

/// A loopback address with a port free right now (bound, then released for the server to take).
fn free_port() -> Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?)
}

/// Waits until `addr` accepts a connection, failing early if `child` exits.
fn wait_listening(addr: SocketAddr, child: &mut Child) -> Result<()> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if TcpStream::connect(addr).is_ok() {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            let mut err = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
            }
            bail!("exited with {status}: {err}");
        }
        if Instant::now() > deadline {
            bail!("{addr} did not accept connections within {START_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The path of `program` on `PATH` (and the sbin directories, which a root shell may lack).
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}
