//! Waiting on something with a deadline: a short poll interval, never a bare sleep as synchronisation, and a
//! failure that says what was awaited and what was last seen.

use std::fmt::Debug;
use std::time::{Duration, Instant};

/// Polls `probe` until it returns `Ok(value)`, for at most `timeout`. Panics with `what` and the last error.
pub fn wait_until<T, E: Debug>(
    timeout: Duration,
    what: &str,
    mut probe: impl FnMut() -> Result<T, E>,
) -> T {
    let deadline = Instant::now() + timeout;
    let mut interval = Duration::from_millis(5);
    loop {
        match probe() {
            Ok(v) => return v,
            Err(e) if Instant::now() >= deadline => {
                panic!("timed out after {timeout:?} waiting for {what}; last seen: {e:?}")
            }
            Err(_) => {
                std::thread::sleep(interval);
                interval = (interval * 2).min(Duration::from_millis(100));
            }
        }
    }
}
