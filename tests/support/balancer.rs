//! A non-sticky load balancer in front of pulpd replicas: Debian's nginx (`nginx-light`, which `scripts/test`
//! installs) with a config of its own in a temp dir, default round-robin over the replicas, on a free loopback
//! port. It proxies as a registry needs: bodies of any size streamed both ways (`client_max_body_size 0`,
//! request and response buffering off), HTTP/1.1 to the replicas, and the client's `Host` kept so `Location`
//! headers stay valid. Each request is logged with the replica that answered it ([`Balancer::requests`]).
//!
//! nginx runs as one process (`master_process off`: no workers left behind) under the `sh` wrapper that kills
//! it when the test process ends (`process::DIE_WITH_TEST`); dropping the balancer stops it at once.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::wait::wait_until;

/// One proxied request as nginx logged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxied {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// `127.0.0.1:<port>` of the replica that answered.
    pub upstream: String,
}

/// A running nginx balancing over some replicas.
pub struct Balancer {
    dir: PathBuf,
    child: Child,
    /// Held open: the wrapper kills nginx when it closes.
    stdin: Option<ChildStdin>,
    addr: String,
}

/// The nginx binary, or how to install it.
fn nginx_binary() -> Result<PathBuf> {
    crate::clients::find_tool("nginx")
        .context("nginx is not installed: `apt-get install nginx-light` (scripts/test installs it)")
}

impl Balancer {
    /// Starts nginx round-robin over `upstreams` (`127.0.0.1:<port>` each).
    pub fn start(upstreams: &[&str]) -> Result<Balancer> {
        let bin = nginx_binary()?;
        // The wrapper deletes the dir once nginx is gone.
        let dir = tempfile::Builder::new()
            .prefix("pulp-e2e-nginx-")
            .tempdir()
            .context("creating nginx's temp dir")?
            .keep();
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr = format!("127.0.0.1:{port}");
        let d = dir.display();
        let servers: String = upstreams
            .iter()
            .map(|u| format!("    server {u};\n"))
            .collect();
        let config = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 512; }}\n\
             http {{\n  log_format balanced '$request_method $uri $status $upstream_addr';\n  \
             access_log {d}/access.log balanced;\n  \
             client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  \
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  \
             upstream replicas {{\n{servers}  }}\n  \
             server {{\n    listen {addr};\n    client_max_body_size 0;\n    location / {{\n      \
             proxy_pass http://replicas;\n      proxy_http_version 1.1;\n      \
             proxy_set_header Host $http_host;\n      proxy_set_header Connection \"\";\n      \
             proxy_request_buffering off;\n      proxy_buffering off;\n      \
             proxy_read_timeout 300s;\n      proxy_send_timeout 300s;\n    }}\n  }}\n}}\n"
        );
        let conf = dir.join("nginx.conf");
        std::fs::write(&conf, config).context("writing nginx.conf")?;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(crate::process::DIE_WITH_TEST)
            .arg("nginx-wrapper")
            .arg(&dir)
            .arg(&bin)
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let stdin = child.stdin.take();
        let balancer = Balancer {
            dir,
            child,
            stdin,
            addr,
        };
        let target = balancer.addr.clone();
        wait_until(Duration::from_secs(10), "nginx to listen", || {
            TcpStream::connect(&target)
                .map(drop)
                .map_err(|e| format!("{e}\n{}", balancer.error_log()))
        });
        Ok(balancer)
    }

    /// `127.0.0.1:<port>`, what clients connect to.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// nginx's error log, for failure messages.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }

    /// Every request proxied so far, in the order nginx finished them.
    pub fn requests(&self) -> Vec<Proxied> {
        let log = std::fs::read_to_string(self.dir.join("access.log")).unwrap_or_default();
        log.lines()
            .filter_map(|line| {
                let mut f = line.split(' ');
                Some(Proxied {
                    method: f.next()?.to_owned(),
                    path: f.next()?.to_owned(),
                    status: f.next()?.parse().ok()?,
                    upstream: f.next()?.to_owned(),
                })
            })
            .collect()
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        // Closing the pipe makes the wrapper kill nginx and remove the dir.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
