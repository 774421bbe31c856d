//! A throttling TCP proxy on loopback: what the upstream sends reaches the client at a fixed rate, so a large
//! download takes long enough to observe what happens while it is in flight. A thread per direction of each
//! connection copies the bytes (requests go through unthrottled). Dropping the proxy stops accepting; the
//! connections end with their peers.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Bytes copied between two rate checks.
const CHUNK: usize = 64 * 1024;

/// A running proxy.
pub struct Throttle {
    port: u16,
    stopped: Arc<AtomicBool>,
}

impl Throttle {
    /// Proxies `127.0.0.1:<port>` to `target` (`host:port`), passing the target's answers on at
    /// `bytes_per_second`.
    pub fn start(target: &str, bytes_per_second: u64) -> std::io::Result<Throttle> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let stopped = Arc::new(AtomicBool::new(false));
        let target = target.to_owned();
        let stop = stopped.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop.load(Ordering::Acquire) {
                    break;
                }
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(&target) else {
                    continue;
                };
                let (Ok(client_r), Ok(server_w)) = (client.try_clone(), server.try_clone()) else {
                    continue;
                };
                std::thread::spawn(move || copy(client_r, server_w, None));
                std::thread::spawn(move || copy(server, client, Some(bytes_per_second)));
            }
        });
        Ok(Throttle { port, stopped })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Throttle {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::Release);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Copies `from` to `to` until either ends, at most `rate` bytes per second when given; then closes `to`'s
/// writing side so the peer sees the end.
fn copy(mut from: TcpStream, mut to: TcpStream, rate: Option<u64>) {
    let started = Instant::now();
    let mut sent = 0u64;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
        sent += n as u64;
        if let Some(rate) = rate {
            // The rate limit itself, not a synchronisation: ahead of schedule, wait until the bytes are due.
            let due = Duration::from_secs_f64(sent as f64 / rate as f64);
            if let Some(ahead) = due.checked_sub(started.elapsed()) {
                std::thread::sleep(ahead);
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}
