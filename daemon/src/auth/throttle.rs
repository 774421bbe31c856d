//! Throttling of password guessing: failed checks are counted per client address and per user name, and past
//! a limit a check is refused (429 with `Retry-After` at the HTTP edge) without running argon2.
//!
//! Each client and each user name has a leaky bucket: a failed check adds one, the bucket drains at `limit`
//! per [`WINDOW`], and a check is refused while either bucket holds `limit` or more. So a guesser gets `limit`
//! tries at once and then one every `WINDOW / limit` (6 s with the default of 10 a minute), per address and
//! per user name, however many connections it opens; an honest client that mistyped is let in again after
//! `Retry-After` seconds, never locked out for good. The numbers:
//!
//! - the limit is `--failed-login-limit` ([`DEFAULT_LIMIT`], 10 a minute; 0 turns throttling off): people and
//!   scripts with the right password rarely fail ten times in a minute, a dictionary needs millions of tries;
//! - a check is charged when it starts and refunded when the password was right (or when it could not run
//!   because the password workers were busy), so a burst of concurrent guesses cannot overshoot the limit
//!   while their checks run, and successful logins never count;
//! - client addresses are IPv4 addresses or IPv6 /64 networks (one host usually holds a whole /64); a request
//!   without a known peer address counts as one shared "unknown client";
//! - user names count whether or not the user exists, so the answer does not tell which names exist;
//! - each map holds at most [`TRACKED`] buckets: when full, drained buckets go first, then the emptiest. A
//!   guesser spraying user names can push a user's bucket out, but not its own address's.
//!
//! What a lockout does not block is decided by the caller (`Auth::verify`): a credential already in the
//! verified cache is accepted without a check, so a client that logged in before an attack on its user is
//! not locked out by it.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed checks per [`WINDOW`] allowed per client and per user name unless configured.
pub const DEFAULT_LIMIT: u32 = 10;
/// The period the limit is counted over.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Buckets kept per map (clients, user names): about 100 KiB each at most.
pub const TRACKED: usize = 4096;

/// Who a check is charged to: a client address (IPv6 reduced to its /64) or none known.
type ClientKey = Option<IpAddr>;
/// A user name, hashed so that a long name costs no more memory than a short one.
type UserKey = [u8; 32];

/// Failure counters (see the module doc).
#[derive(Debug)]
pub struct Throttle {
    /// Failures allowed per window; 0 = no throttling.
    limit: u32,
    window: Duration,
    buckets: Mutex<Buckets>,
}

#[derive(Debug, Default)]
struct Buckets {
    clients: HashMap<ClientKey, Bucket>,
    users: HashMap<UserKey, Bucket>,
}

/// A leaky bucket: `level` failures at `at`, draining at the throttle's rate.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    level: f64,
    at: Instant,
}

/// A check that was let through and charged; [`Admission::refund`] takes the charge back.
#[must_use = "an admission is refunded when the check succeeds"]
#[derive(Debug)]
pub struct Admission<'a> {
    throttle: &'a Throttle,
    client: ClientKey,
    user: UserKey,
}

impl Throttle {
    /// A throttle allowing `limit` failures per [`WINDOW`] (0 = off).
    pub fn new(limit: u32) -> Throttle {
        Throttle::with_window(limit, WINDOW)
    }

    fn with_window(limit: u32, window: Duration) -> Throttle {
        Throttle {
            limit,
            window,
            buckets: Mutex::default(),
        }
    }

    /// Lets a check by `client` for `username` through and charges it, or says how long until one would be.
    ///
    /// # Errors
    /// The wait (whole seconds, at least one) when the client's or the user name's failures reached the limit.
    pub fn admit(
        &self,
        client: Option<IpAddr>,
        username: &str,
        now: Instant,
    ) -> Result<Admission<'_>, Duration> {
        let client = client.map(client_key);
        let user: UserKey = Sha256::digest(username.as_bytes()).into();
        let admission = Admission {
            throttle: self,
            client,
            user,
        };
        if self.limit == 0 {
            return Ok(admission);
        }
        let mut buckets = self.lock();
        let wait = self
            .wait(buckets.clients.get(&client), now)
            .max(self.wait(buckets.users.get(&user), now));
        if !wait.is_zero() {
            return Err(wait);
        }
        let (limit, rate) = (self.limit, self.rate());
        // A check is let through only while it cannot take the bucket past the limit, so a bucket that
        // would refuse the next one has just locked.
        let locked_now = |b: Bucket| is_full(b.level, limit);
        if locked_now(charge(&mut buckets.clients, client, rate, now)) {
            tracing::warn!(client = ?client, "repeated failed logins from one client; answering 429 for a while");
        }
        if locked_now(charge(&mut buckets.users, user, rate, now)) {
            tracing::warn!(
                user = username,
                "repeated failed logins for one user name; answering 429 for a while"
            );
        }
        Ok(admission)
    }

    /// How long until a check against `bucket` is let through (zero: now).
    fn wait(&self, bucket: Option<&Bucket>, now: Instant) -> Duration {
        let Some(bucket) = bucket else {
            return Duration::ZERO;
        };
        let level = bucket.level_at(now, self.rate());
        if !is_full(level, self.limit) {
            return Duration::ZERO;
        }
        // Until room for one more failure has drained, in whole seconds (Retry-After's unit), at least one.
        let excess = level + 1.0 - f64::from(self.limit);
        Duration::from_secs_f64((excess / self.rate()).ceil().max(1.0))
    }

    /// Failures drained per second.
    fn rate(&self) -> f64 {
        f64::from(self.limit) / self.window.as_secs_f64()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets> {
        // Every update is a single assignment of a bucket; a panic cannot leave one half-written.
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Admission<'_> {
    /// Takes the charge back: the password was right, or the check did not run.
    pub fn refund(self, now: Instant) {
        let throttle = self.throttle;
        if throttle.limit == 0 {
            return;
        }
        let rate = throttle.rate();
        let mut buckets = throttle.lock();
        if let Some(b) = buckets.clients.get_mut(&self.client) {
            *b = b.plus(-1.0, now, rate);
        }
        if let Some(b) = buckets.users.get_mut(&self.user) {
            *b = b.plus(-1.0, now, rate);
        }
    }
}

impl Bucket {
    fn level_at(&self, now: Instant, rate: f64) -> f64 {
        (self.level - rate * now.saturating_duration_since(self.at).as_secs_f64()).max(0.0)
    }

    fn plus(&self, amount: f64, now: Instant, rate: f64) -> Bucket {
        Bucket {
            level: (self.level_at(now, rate) + amount).max(0.0),
            at: now,
        }
    }
}

/// Whether a bucket at `level` has no room for another failure under `limit`. The tolerance absorbs the
/// rounding of the drain, so that a bucket drained for exactly `WINDOW / limit` has room again.
fn is_full(level: f64, limit: u32) -> bool {
    level + 1.0 > f64::from(limit) + 1e-6
}

/// Adds a failure to `key`'s bucket in `map` (making room if the map is full); returns the bucket.
fn charge<K: Hash + Eq + Copy>(
    map: &mut HashMap<K, Bucket>,
    key: K,
    rate: f64,
    now: Instant,
) -> Bucket {
    if map.len() >= TRACKED && !map.contains_key(&key) {
        map.retain(|_, b| b.level_at(now, rate) > 0.0);
        if map.len() >= TRACKED {
            let emptiest = map
                .iter()
                .min_by(|a, b| a.1.level_at(now, rate).total_cmp(&b.1.level_at(now, rate)))
                .map(|(k, _)| *k);
            if let Some(k) = emptiest {
                map.remove(&k);
            }
        }
    }
    let empty = Bucket {
        level: 0.0,
        at: now,
    };
    let bucket = map.entry(key).or_insert(empty);
    *bucket = bucket.plus(1.0, now, rate);
    *bucket
}

/// The address a client is counted under: IPv4 as is (also when mapped into IPv6), IPv6 as its /64 network.
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(network.into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    /// Fails `n` checks of `username` from `client` at `now`.
    fn fail(t: &Throttle, client: Option<IpAddr>, username: &str, n: u32, now: Instant) {
        for i in 0..n {
            let admitted = t.admit(client, username, now);
            assert!(admitted.is_ok(), "failure {i} of {n} was let through");
        }
    }

    #[test]
    fn a_client_past_the_limit_waits_for_one_failure_to_drain() {
        let t = Throttle::new(10);
        let t0 = Instant::now();
        fail(&t, ip("192.0.2.1"), "alice", 5, t0);
        fail(&t, ip("192.0.2.1"), "nobody", 5, t0);
        // The client reached 10 (over two names): the next check is refused for 60 s / 10 = 6 s.
        assert_eq!(
            t.admit(ip("192.0.2.1"), "carol", t0).unwrap_err(),
            Duration::from_secs(6)
        );
        assert_eq!(
            t.admit(ip("192.0.2.1"), "carol", t0 + Duration::from_millis(5500))
                .unwrap_err(),
            Duration::from_secs(1),
            "rounded up to whole seconds"
        );
        // Another client is not affected; after 6 s this one gets one more try.
        assert!(t.admit(ip("192.0.2.2"), "carol", t0).is_ok());
        let later = t0 + Duration::from_secs(6);
        assert!(t.admit(ip("192.0.2.1"), "carol", later).is_ok());
        assert!(t.admit(ip("192.0.2.1"), "carol", later).is_err());
    }

    #[test]
    fn a_user_name_past_the_limit_is_refused_from_every_client() {
        let t = Throttle::new(10);
        let t0 = Instant::now();
        for n in 0..10 {
            fail(&t, ip(&format!("198.51.100.{n}")), "alice", 1, t0);
        }
        assert_eq!(
            t.admit(ip("203.0.113.9"), "alice", t0).unwrap_err(),
            Duration::from_secs(6)
        );
        // Unknown or not, a name is a name; other names from the same clients go on.
        assert!(t.admit(ip("203.0.113.9"), "bob", t0).is_ok());
        assert!(t.admit(ip("203.0.113.9"), "alice", t0 + WINDOW).is_ok());
    }

    #[test]
    fn successes_are_refunded_and_never_count() {
        let t = Throttle::new(3);
        let t0 = Instant::now();
        for _ in 0..20 {
            t.admit(ip("192.0.2.1"), "alice", t0).unwrap().refund(t0);
        }
        fail(&t, ip("192.0.2.1"), "alice", 3, t0);
        assert!(t.admit(ip("192.0.2.1"), "alice", t0).is_err());
    }

    #[test]
    fn concurrent_guesses_cannot_overshoot_the_limit() {
        let t = Throttle::new(5);
        let t0 = Instant::now();
        // Admissions held (checks still running) count already.
        let running: Vec<_> = (0..5)
            .map(|_| t.admit(ip("192.0.2.1"), "alice", t0).unwrap())
            .collect();
        assert!(t.admit(ip("192.0.2.1"), "alice", t0).is_err());
        drop(running);
    }

    #[test]
    fn ipv6_clients_count_per_64_network_and_unknown_clients_share_one_bucket() {
        let t = Throttle::new(2);
        let t0 = Instant::now();
        fail(&t, ip("2001:db8:1:2::1"), "a", 1, t0);
        fail(&t, ip("2001:db8:1:2:ffff::9"), "b", 1, t0);
        assert!(t.admit(ip("2001:db8:1:2::77"), "c", t0).is_err());
        assert!(t.admit(ip("2001:db8:1:3::1"), "c", t0).is_ok());
        assert_eq!(
            client_key("::ffff:192.0.2.7".parse().unwrap()),
            "192.0.2.7".parse::<IpAddr>().unwrap()
        );

        fail(&t, None, "d", 1, t0);
        fail(&t, None, "e", 1, t0);
        assert!(t.admit(None, "f", t0).is_err());
    }

    #[test]
    fn zero_turns_throttling_off() {
        let t = Throttle::new(0);
        let t0 = Instant::now();
        fail(&t, ip("192.0.2.1"), "alice", 1000, t0);
        assert!(t.lock().clients.is_empty(), "nothing is even counted");
    }

    #[test]
    fn the_maps_stay_bounded_under_a_spray_of_names() {
        let t = Throttle::with_window(10, Duration::from_secs(60));
        let t0 = Instant::now();
        for n in 0..(TRACKED + 500) {
            let client = IpAddr::from([10, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
            let _ = t.admit(Some(client), &format!("name-{n}"), t0);
        }
        let buckets = t.lock();
        assert_eq!(
            (buckets.clients.len(), buckets.users.len()),
            (TRACKED, TRACKED)
        );
    }
}
