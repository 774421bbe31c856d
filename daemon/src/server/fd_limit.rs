//! The process's file-descriptor limit (`RLIMIT_NOFILE`): raised at start, read to size the connection capacity.
//!
//! Many distributions start services with a soft limit of 1,024 and a far higher hard one; the soft limit is
//! what a process may raise itself, so pulpd raises it to the hard one rather than running out of descriptors at
//! a thousand connections.

use nix::sys::resource::{getrlimit, setrlimit, Resource, RLIM_INFINITY};

/// Stand-in for an unlimited soft limit when sizing: far above any real connection count.
const UNLIMITED: u64 = 1 << 20;

/// Raises the soft limit on open files to the hard limit, logging both at info. Failure is logged, not fatal:
/// pulpd then works within the limit it was given.
pub fn raise() {
    let (soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limits) => limits,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the open-file limit");
            return;
        }
    };
    if soft >= hard {
        tracing::info!(soft, hard, "open-file limit already at the hard limit");
        return;
    }
    // Linux refuses an unlimited RLIMIT_NOFILE (above fs.nr_open); keep the soft limit when the kernel says no.
    match setrlimit(Resource::RLIMIT_NOFILE, hard, hard) {
        Ok(()) => tracing::info!(
            before = soft,
            after = hard,
            "raised the open-file limit to the hard limit"
        ),
        Err(e) => tracing::warn!(
            soft,
            hard,
            error = %e,
            "cannot raise the open-file limit; serving within the soft limit"
        ),
    }
}

/// The soft limit on open files in force now (unlimited reads as 2^20).
pub fn soft() -> u64 {
    match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok((soft, _)) if soft == RLIM_INFINITY => UNLIMITED,
        Ok((soft, _)) => soft,
        // getrlimit cannot fail for a valid resource; assume the common default rather than refuse to serve.
        Err(_) => 1024,
    }
}
