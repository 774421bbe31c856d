//! The password-check service: argon2 on a fixed number of worker threads behind a bounded queue.
//!
//! argon2 is memory-hard on purpose: each check needs `m_cost` KiB of scratch memory (19 MiB with the default
//! parameters every stored hash uses). Run on the tokio blocking pool, every failed login allocated 19 MiB on
//! whichever of up to 512 threads picked it up, and glibc kept each thread arena's pages: RSS grew to gigabytes
//! under a burst of wrong passwords, no login needed. Here:
//! - [`WORKERS`] threads each own one scratch buffer, allocated for the first job and reused for every check
//!   queued behind it (`Argon2::hash_password_into_with_memory`), so argon2's memory is `WORKERS × m_cost`
//!   whatever the load; hashes asking for more than [`MAX_MEMORY_KIB`] are refused rather than allocated.
//! - A worker whose queue runs empty gives its buffer back, so an idle daemon holds none (pulpd checks the admin
//!   password at start). The buffer's capacity is past glibc's largest mmap threshold ([`MAPPED_BLOCKS`]), so it
//!   is always a mapping of its own and freeing it returns the pages to the kernel at once; a buffer just under
//!   the threshold would come from a thread arena, which keeps freed pages (how RSS grew before).
//! - In front of them a queue of [`QUEUE`] jobs; when it is full a check is refused at once ([`Error::Busy`])
//!   instead of piling up waiting requests (the HTTP edge answers 429 with `Retry-After`).
//! - Verification parses the PHC string, recomputes the hash with the stored parameters and salt, and compares
//!   in constant time (`password_hash::Output`'s `PartialEq`).
//! - [`Passwords::dummy_hash`] is a hash with the same parameters that no password matches: checking an unknown
//!   user against it costs what checking a known one costs, so timing does not tell which user names exist.
//!
//! The service knows nothing of users, caching or throttling (`auth/mod.rs`, `credentials.rs`, `throttle.rs`).
//! Workers stop when the last handle is dropped.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// Worker threads, i.e. argon2 checks running at once. One: each worker keeps 19 MiB resident for good, and
/// the budget is 64 MiB of RSS for the whole daemon under attack (pulpd idles at 29 MB in a release
/// build, 37 MB in a debug one), which leaves room for one buffer, not two. One check takes 30–60 ms in a
/// release build, so one worker serves 15–30 new logins a second; logins already verified never reach it
/// (the credential cache), and before this service checks were serialised by a lock anyway.
pub const WORKERS: usize = 1;
/// Checks waiting for a worker at most. Eight checks of 30–60 ms is under half a second of waiting; a client
/// arriving when the queue is full is told to come back instead of waiting behind an attacker's burst.
pub const QUEUE: usize = 8;
/// The most scratch memory a stored hash may ask for (KiB). Every hash pulpd writes uses argon2's default,
/// 19 MiB; a hash asking for more comes from elsewhere and is refused rather than allowed to grow a worker.
pub const MAX_MEMORY_KIB: u32 = 64 * 1024;
/// Length of the hashes [`Passwords::hash`] writes (argon2's default output, 32 bytes).
const OUTPUT_LEN: usize = 32;
/// Capacity, in 1 KiB blocks, of every scratch buffer: 33 MiB, past glibc's largest dynamic mmap threshold
/// (32 MiB on 64-bit), so the allocation is always an mmap of its own and its drop an munmap. Only the
/// `m_cost` blocks argon2 uses are ever touched, so only those are resident.
pub const MAPPED_BLOCKS: usize = 33 * 1024;

/// Errors of the password service.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The queue is full: too many checks are waiting already. Ask again shortly.
    #[error("too many password checks are waiting")]
    Busy,
    /// The workers are gone (a worker panicked); nothing can be checked.
    #[error("the password workers have stopped")]
    Stopped,
    /// argon2 refused to hash (cannot happen with the fixed parameters; reported rather than unwrapped).
    #[error("hashing a password: {0}")]
    Hashing(String),
}

/// One unit of work for a worker.
enum Job {
    /// Does `password` match the PHC string `hash`?
    Verify {
        hash: String,
        password: String,
        reply: oneshot::Sender<bool>,
    },
    /// A new PHC string for `password` (argon2id, default parameters, random salt).
    Hash {
        password: String,
        reply: oneshot::Sender<Result<String, Error>>,
    },
    /// Tests: occupy the worker until `release` says so (or is dropped), after telling `started`.
    #[cfg(test)]
    Hold {
        started: mpsc::Sender<()>,
        release: Receiver<()>,
    },
}

/// Handle on the workers; cheap to clone.
#[derive(Clone)]
pub struct Passwords {
    queue: SyncSender<Job>,
    /// A hash with the default parameters that no password matches (see the module doc).
    dummy: Arc<str>,
    /// Verifications the workers have run (hashes not counted).
    checks: Arc<AtomicU64>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords").finish_non_exhaustive()
    }
}

impl Passwords {
    /// Starts [`WORKERS`] workers behind a queue of [`QUEUE`] jobs.
    ///
    /// # Errors
    /// When a worker thread cannot be spawned.
    pub fn start() -> std::io::Result<Passwords> {
        Passwords::with_capacity(WORKERS, QUEUE)
    }

    /// Starts `workers` workers behind a queue of `queue` jobs.
    ///
    /// # Errors
    /// When a worker thread cannot be spawned.
    pub fn with_capacity(workers: usize, queue: usize) -> std::io::Result<Passwords> {
        let (sender, receiver) = mpsc::sync_channel(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        let checks = Arc::new(AtomicU64::new(0));
        for n in 0..workers.max(1) {
            let (receiver, checks) = (receiver.clone(), checks.clone());
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || work(&receiver, &checks))?;
        }
        Ok(Passwords {
            queue: sender,
            dummy: dummy_hash().into(),
            checks,
        })
    }

    /// A hash no password matches, with the parameters of every hash pulpd writes.
    pub fn dummy_hash(&self) -> &str {
        &self.dummy
    }

    /// How many verifications the workers have run since start (what tests count argon2 work by).
    pub fn checks_run(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }

    /// Whether `password` matches the PHC string `hash`. A malformed hash matches nothing.
    ///
    /// # Errors
    /// [`Error::Busy`] at once when [`QUEUE`] checks are waiting already; [`Error::Stopped`] when the workers
    /// are gone.
    ///
    /// # Cancel safety
    /// Dropping the future leaves the job queued; its worker runs it and drops the answer.
    pub async fn verify(&self, hash: &str, password: &str) -> Result<bool, Error> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Verify {
            hash: hash.to_string(),
            password: password.to_string(),
            reply,
        })?;
        answer.await.map_err(|_| Error::Stopped)
    }

    /// [`Passwords::verify`] for synchronous callers (start-up): waits for a queue slot rather than failing
    /// with [`Error::Busy`], and blocks the thread until the answer.
    ///
    /// # Errors
    /// [`Error::Stopped`] when the workers are gone.
    pub fn verify_blocking(&self, hash: &str, password: &str) -> Result<bool, Error> {
        let (reply, answer) = oneshot::channel();
        self.send_waiting(Job::Verify {
            hash: hash.to_string(),
            password: password.to_string(),
            reply,
        })?;
        futures::executor::block_on(answer).map_err(|_| Error::Stopped)
    }

    /// A new PHC string for `password`. Waits for a queue slot (hashing is for administrators creating or
    /// changing users, who should not be refused because of a burst of failed logins) and blocks the thread
    /// until the answer: call it off the async threads.
    ///
    /// # Errors
    /// [`Error::Stopped`] when the workers are gone; [`Error::Hashing`] if argon2 refuses.
    pub fn hash_blocking(&self, password: &str) -> Result<String, Error> {
        let (reply, answer) = oneshot::channel();
        self.send_waiting(Job::Hash {
            password: password.to_string(),
            reply,
        })?;
        futures::executor::block_on(answer).map_err(|_| Error::Stopped)?
    }

    /// Queues `job`, waiting for a slot.
    fn send_waiting(&self, job: Job) -> Result<(), Error> {
        crate::metrics::argon2_queued();
        self.queue.send(job).map_err(|_| {
            crate::metrics::argon2_dequeued();
            Error::Stopped
        })
    }

    /// Queues `job`, or fails at once when the queue is full.
    fn submit(&self, job: Job) -> Result<(), Error> {
        // Counted before it is sent: the worker may take it (and count it out) before `try_send` returns.
        crate::metrics::argon2_queued();
        self.queue.try_send(job).map_err(|e| {
            crate::metrics::argon2_dequeued();
            match e {
                TrySendError::Full(_) => {
                    crate::metrics::argon2_refused();
                    Error::Busy
                }
                TrySendError::Disconnected(_) => Error::Stopped,
            }
        })
    }
}

/// A worker's loop: take a job, run it with this thread's scratch memory, answer; stop when the queue closes.
fn work(queue: &Mutex<Receiver<Job>>, checks: &AtomicU64) {
    let mut hasher = Hasher::default();
    loop {
        // The lock is held only while waiting for the next job, never while hashing.
        let job = match queue.lock() {
            Ok(receiver) => match receiver.try_recv() {
                Ok(job) => Ok(job),
                Err(mpsc::TryRecvError::Disconnected) => return,
                Err(mpsc::TryRecvError::Empty) => {
                    // Nothing queued: give the scratch memory back before waiting (see the module doc).
                    hasher.release();
                    receiver.recv()
                }
            },
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        crate::metrics::argon2_dequeued();
        match job {
            Job::Verify {
                hash,
                password,
                reply,
            } => {
                let matched = hasher.verify(&hash, password.as_bytes());
                checks.fetch_add(1, Ordering::Relaxed);
                crate::metrics::argon2_checked();
                let _ = reply.send(matched);
            }
            Job::Hash { password, reply } => {
                let _ = reply.send(hasher.hash(password.as_bytes()));
            }
            #[cfg(test)]
            Job::Hold { started, release } => {
                let _ = started.send(());
                let _ = release.recv();
            }
        }
    }
}

/// argon2 with scratch memory that is allocated once and reused for every hash.
#[derive(Default)]
pub(crate) struct Hasher {
    memory: Vec<Block>,
}

impl Hasher {
    /// Whether `password` matches the PHC string `hash`; `false` for anything malformed or too costly.
    pub(crate) fn verify(&mut self, hash: &str, password: &[u8]) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from).transpose() {
            Ok(v) => v.unwrap_or_default(),
            Err(_) => return false,
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut out = [0u8; Output::MAX_LENGTH];
        let Some(out) = out.get_mut(..expected.len()) else {
            return false;
        };
        if self.run(algorithm, version, params, password, salt, out) {
            // `Output`'s equality is constant-time.
            Output::new(out).is_ok_and(|computed| computed == expected)
        } else {
            false
        }
    }

    /// A PHC string for `password` with argon2id, the default parameters and a random salt.
    pub(crate) fn hash(&mut self, password: &[u8]) -> Result<String, Error> {
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let raw_salt = salt
            .decode_b64(&mut salt_bytes)
            .map_err(|e| Error::Hashing(e.to_string()))?;
        let params = Params::default();
        let mut out = [0u8; OUTPUT_LEN];
        if !self.run(
            Algorithm::Argon2id,
            Version::V0x13,
            params.clone(),
            password,
            raw_salt,
            &mut out,
        ) {
            return Err(Error::Hashing("argon2 refused the input".into()));
        }
        phc(&params, &salt, &out)
    }

    /// Fills `out` with argon2 of `password` and `salt`, using (and, the first time, allocating) this hasher's
    /// memory. `false` when argon2 refuses or the parameters ask for more than [`MAX_MEMORY_KIB`].
    fn run(
        &mut self,
        algorithm: Algorithm,
        version: Version,
        params: Params,
        password: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> bool {
        if params.m_cost() > MAX_MEMORY_KIB {
            tracing::warn!(
                m_cost = params.m_cost(),
                "a stored password hash asks for more memory than pulpd allows; it matches nothing"
            );
            return false;
        }
        let blocks = params.block_count();
        if self.memory.len() < blocks {
            // MAX_MEMORY_KIB (64 MiB) bounds `blocks`; the capacity keeps the buffer a mapping of its own.
            let mut memory = Vec::with_capacity(blocks.max(MAPPED_BLOCKS));
            memory.resize(blocks, Block::default());
            self.memory = memory;
        }
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(password, salt, out, &mut self.memory[..blocks])
            .is_ok()
    }

    /// Gives the scratch memory back; the next check allocates it again.
    pub(crate) fn release(&mut self) {
        self.memory = Vec::new();
    }

    /// Bytes of scratch memory this hasher uses.
    #[cfg(test)]
    fn memory_bytes(&self) -> usize {
        self.memory.len() * Block::SIZE
    }
}

/// The PHC string of an argon2id hash with `params`, `salt` and output `out`.
fn phc(params: &Params, salt: &SaltString, out: &[u8]) -> Result<String, Error> {
    let failed = |e: argon2::password_hash::Error| Error::Hashing(e.to_string());
    Ok(PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(out).map_err(failed)?),
    }
    .to_string())
}

/// A hash with the default parameters, a random salt and a random output: checking a password against it
/// costs a full argon2 run and matches nothing (finding a password for a random 256-bit output is preimage
/// search). Built without hashing, so starting the service costs nothing.
fn dummy_hash() -> String {
    let salt = SaltString::generate(&mut OsRng);
    let mut out = [0u8; OUTPUT_LEN];
    OsRng.fill_bytes(&mut out);
    phc(&Params::default(), &salt, &out)
        .expect("the default parameters and a generated salt always form a PHC string")
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hashes_interoperate_with_argon2s_own_hasher() {
        let mut hasher = Hasher::default();
        let ours = hasher.hash(b"s3cret-pass").unwrap();
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"s3cret-pass", &parsed)
            .is_ok());
        assert!(Argon2::default()
            .verify_password(b"wrong", &parsed)
            .is_err());

        let theirs = Argon2::default()
            .hash_password(b"other-pass", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(hasher.verify(&theirs, b"other-pass"));
        assert!(!hasher.verify(&theirs, b"other-pas"));
        assert!(!hasher.verify("not a hash", b"other-pass"));
        assert!(!hasher.verify("", b""));
    }

    #[test]
    fn scratch_memory_is_allocated_once_and_reused() {
        let mut hasher = Hasher::default();
        let hash = hasher.hash(b"first-password").unwrap();
        let size = hasher.memory_bytes();
        assert_eq!(size, 19 * 1024 * 1024, "one buffer of m_cost KiB");
        let address = hasher.memory.as_ptr();
        for attempt in 0..3 {
            assert!(!hasher.verify(&hash, format!("wrong-{attempt}").as_bytes()));
        }
        assert!(hasher.verify(&hash, b"first-password"));
        hasher.hash(b"second-password").unwrap();
        assert_eq!(
            (hasher.memory_bytes(), hasher.memory.as_ptr()),
            (size, address),
            "the same buffer serves every check"
        );
        assert!(
            hasher.memory.capacity() >= MAPPED_BLOCKS,
            "a mapping of its own, returned to the kernel on release"
        );
        hasher.release();
        assert_eq!(hasher.memory_bytes(), 0);
        assert!(hasher.verify(&hash, b"first-password"), "allocated again");
    }

    #[test]
    fn hashes_asking_for_too_much_memory_match_nothing() {
        let params = Params::new(MAX_MEMORY_KIB + 8, 1, 1, None).unwrap();
        let greedy = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"password", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        let mut hasher = Hasher::default();
        assert!(!hasher.verify(&greedy, b"password"));
        assert_eq!(hasher.memory_bytes(), 0, "nothing was allocated for it");
    }

    #[tokio::test]
    async fn the_dummy_hash_costs_a_check_and_matches_nothing() {
        let passwords = Passwords::with_capacity(1, 4).unwrap();
        let real = passwords.hash_blocking("a-password").unwrap();
        let dummy = passwords.dummy_hash();
        let params = |h: &str| PasswordHash::new(h).unwrap().params.to_string();
        assert_eq!(params(dummy), params(&real), "same cost parameters");
        assert!(!passwords.verify(dummy, "a-password").await.unwrap());
        assert!(!passwords.verify(dummy, "").await.unwrap());
        assert!(passwords.verify(&real, "a-password").await.unwrap());
        // A fresh service has another dummy (another random salt and output).
        let other = Passwords::with_capacity(1, 1).unwrap();
        assert_ne!(other.dummy_hash(), dummy);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_drains() {
        let passwords = Passwords::with_capacity(1, 2).unwrap();
        let hash = passwords.hash_blocking("the-password").unwrap();
        let (started, worker_busy) = mpsc::channel();
        let (release, held) = mpsc::channel();
        passwords
            .submit(Job::Hold {
                started,
                release: held,
            })
            .unwrap();
        worker_busy.recv().unwrap();
        // The worker is held: two checks fit in the queue, the third is refused without waiting.
        let mut answers = Vec::new();
        for password in ["the-password", "wrong"] {
            let (reply, answer) = oneshot::channel();
            passwords
                .submit(Job::Verify {
                    hash: hash.clone(),
                    password: password.into(),
                    reply,
                })
                .unwrap();
            answers.push(answer);
        }
        // (Were it to wait, this would hang: the worker is held until after it.)
        assert!(matches!(
            passwords.verify(&hash, "the-password").await,
            Err(Error::Busy)
        ));
        release.send(()).unwrap();
        let mut results = Vec::new();
        for answer in answers {
            results.push(answer.await.unwrap());
        }
        assert_eq!(results, [true, false]);
        assert!(passwords.verify(&hash, "the-password").await.unwrap());
    }
}
