//! What the bench reads from `/proc`: a process's resident memory (now and peak) and its CPU time; and the
//! pinning of a process's threads to CPUs (`/proc/<pid>/task`, `sched_setaffinity`).
//!
//! Memory figures come from `/proc/<pid>/status` (`VmRSS`, `VmHWM`). The peak is per phase: writing `5` to
//! `/proc/<pid>/clear_refs` resets `VmHWM` to the current RSS (Linux ≥ 4.0, needs the right to ptrace the
//! process, which root has). Where that write is refused, [`Proc::reset_peak`] says so and callers fall back to
//! their own sampling ([`PeakSampler`]), which can only miss short spikes.
//!
//! CPU time is `utime + stime` from `/proc/<pid>/stat` (all threads), in clock ticks. Linux reports these in
//! `USER_HZ`, which is 100 on every architecture the kernel exposes to userspace, so no `sysconf` is needed.

use anyhow::{anyhow, Context, Result};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`, fixed at 100 in the kernel ABI).
const USER_HZ: f64 = 100.0;

const MIB: f64 = 1024.0 * 1024.0;

/// A process, by pid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proc {
    pub pid: u32,
}

impl Proc {
    pub fn new(pid: u32) -> Proc {
        Proc { pid }
    }

    /// This process (the bench and its load generator).
    pub fn current() -> Proc {
        Proc::new(std::process::id())
    }

    fn path(&self, file: &str) -> PathBuf {
        PathBuf::from(format!("/proc/{}/{file}", self.pid))
    }

    /// Restricts every thread of the process to the CPUs `cpus` (threads it starts later inherit the affinity
    /// of the thread that starts them).
    pub fn pin(&self, cpus: &[usize]) -> Result<()> {
        let tasks = self.path("task");
        for entry in
            std::fs::read_dir(&tasks).with_context(|| format!("listing {}", tasks.display()))?
        {
            let tid: i32 = entry?
                .file_name()
                .to_string_lossy()
                .parse()
                .with_context(|| format!("a task of {} that is not a number", tasks.display()))?;
            match set_affinity(tid, cpus) {
                // The thread ended meanwhile.
                Err(nix::errno::Errno::ESRCH) => {}
                r => r.with_context(|| {
                    format!("pinning thread {tid} of {} to CPUs {cpus:?}", self.pid)
                })?,
            }
        }
        Ok(())
    }

    /// A `kB` field of `/proc/<pid>/status`, in MiB.
    fn status_mib(&self, field: &str) -> Result<f64> {
        let path = self.path("status");
        let status = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .ok_or_else(|| anyhow!("no {field} in {}", path.display()))?;
        Ok(kb * 1024.0 / MIB)
    }

    /// Resident memory now (`VmRSS`), MiB.
    pub fn rss_mib(&self) -> Result<f64> {
        self.status_mib("VmRSS")
    }

    /// Peak resident memory since start or the last [`Proc::reset_peak`] (`VmHWM`), MiB.
    pub fn peak_mib(&self) -> Result<f64> {
        self.status_mib("VmHWM")
    }

    /// Resets `VmHWM` to the current RSS, so the next [`Proc::peak_mib`] covers only what follows.
    pub fn reset_peak(&self) -> Result<()> {
        let path = self.path("clear_refs");
        std::fs::write(&path, "5").with_context(|| format!("writing 5 to {}", path.display()))
    }

    /// CPU time used so far (user + system, all threads).
    pub fn cpu_time(&self) -> Result<Duration> {
        let path = self.path("stat");
        let stat = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        let after = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest)
            .ok_or_else(|| anyhow!("malformed {}", path.display()))?;
        let fields: Vec<&str> = after.split_whitespace().collect();
        // After ')': state is field 3, so utime (14) and stime (15) are at indexes 11 and 12.
        let ticks = |i: usize| -> Result<f64> {
            fields
                .get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .ok_or_else(|| anyhow!("no field {} in {}", i + 3, path.display()))
        };
        Ok(Duration::from_secs_f64((ticks(11)? + ticks(12)?) / USER_HZ))
    }

    /// Finds the process running a program called `program` with `arg` as one of its arguments (e.g. a config
    /// path), so a wrapper shell passing the same argument is not taken for it.
    pub fn find(program: &str, arg: &str) -> Option<Proc> {
        let entries = std::fs::read_dir("/proc").ok()?;
        entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .find(|pid| {
                let Ok(raw) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
                    return false;
                };
                let mut args = raw.split(|b| *b == 0);
                let is_program = args.next().is_some_and(|argv0| {
                    argv0 == program.as_bytes() || argv0.ends_with(format!("/{program}").as_bytes())
                });
                is_program && args.any(|a| a == arg.as_bytes())
            })
            .map(Proc::new)
    }
}

/// CPU use of the bench and of the server under test over one measured phase.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct CpuShare {
    /// The bench's CPU time over the wall time (1.0 = one core busy).
    pub bench: f64,
    /// The server's CPU time over the wall time.
    pub server: f64,
}

/// Starts a CPU measurement of the bench and `server`; [`CpuMeter::finish`] ends it.
pub struct CpuMeter {
    server: Option<Proc>,
    started: Instant,
    bench0: Duration,
    server0: Duration,
}

impl CpuMeter {
    pub fn start(server: Option<Proc>) -> CpuMeter {
        let bench0 = Proc::current().cpu_time().unwrap_or_default();
        let server0 = server.and_then(|p| p.cpu_time().ok()).unwrap_or_default();
        CpuMeter {
            server,
            started: Instant::now(),
            bench0,
            server0,
        }
    }

    pub fn finish(&self) -> CpuShare {
        let wall = self.started.elapsed().as_secs_f64().max(1e-9);
        let bench = Proc::current().cpu_time().unwrap_or_default();
        let server = self
            .server
            .and_then(|p| p.cpu_time().ok())
            .unwrap_or_default();
        CpuShare {
            bench: bench.saturating_sub(self.bench0).as_secs_f64() / wall,
            server: server.saturating_sub(self.server0).as_secs_f64() / wall,
        }
    }
}

/// Samples a process's RSS on a timer, as a cross-check of `VmHWM` (and the only figure when the reset is
/// refused). Sampling runs on its own thread so it keeps its pace while the load generator is busy.
pub struct PeakSampler {
    max_kib: Arc<AtomicU64>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// How often [`PeakSampler`] reads `VmRSS`: often enough to see a buffer held for tens of milliseconds.
const SAMPLE_EVERY: Duration = Duration::from_millis(10);

impl PeakSampler {
    pub fn start(proc: Proc) -> PeakSampler {
        let max_kib = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let thread = {
            let (max_kib, stop) = (max_kib.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Ok(mib) = proc.rss_mib() {
                        max_kib.fetch_max((mib * 1024.0) as u64, Ordering::Relaxed);
                    }
                    std::thread::sleep(SAMPLE_EVERY);
                }
            })
        };
        PeakSampler {
            max_kib,
            stop,
            thread: Some(thread),
        }
    }

    /// Stops sampling; the largest RSS seen, MiB.
    pub fn finish(mut self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.max_kib.load(Ordering::Relaxed) as f64 / 1024.0
    }
}

/// Measures a process's memory peak over a phase: `VmHWM` after a reset, cross-checked by sampling.
pub struct PeakMeter {
    proc: Proc,
    reset: Result<(), String>,
    sampler: PeakSampler,
}

impl PeakMeter {
    pub fn start(proc: Proc) -> PeakMeter {
        let reset = proc.reset_peak().map_err(|e| format!("{e:#}"));
        PeakMeter {
            proc,
            reset,
            sampler: PeakSampler::start(proc),
        }
    }

    /// The peak RSS over the phase, MiB, and a note on how it was obtained.
    pub fn finish(self) -> (f64, String) {
        let sampled = self.sampler.finish();
        match (&self.reset, self.proc.peak_mib()) {
            (Ok(()), Ok(hwm)) => (
                hwm.max(sampled),
                format!("VmHWM {hwm:.1} MiB, sampled max {sampled:.1} MiB"),
            ),
            (Err(e), _) => (
                sampled,
                format!("sampled every 10 ms (VmHWM reset refused: {e})"),
            ),
            (_, Err(e)) => (
                sampled,
                format!("sampled every 10 ms (VmHWM unreadable: {e:#})"),
            ),
        }
    }
}

/// Restricts the calling thread (and so the processes it starts) to the CPUs `cpus`.
pub fn pin_current_thread(cpus: &[usize]) -> Result<()> {
    set_affinity(0, cpus).with_context(|| format!("pinning the bench's thread to CPUs {cpus:?}"))
}

/// `sched_setaffinity` of thread `tid` (0: the calling thread).
fn set_affinity(tid: i32, cpus: &[usize]) -> nix::Result<()> {
    let mut set = nix::sched::CpuSet::new();
    for &cpu in cpus {
        set.set(cpu)?;
    }
    nix::sched::sched_setaffinity(nix::unistd::Pid::from_raw(tid), &set)
}
