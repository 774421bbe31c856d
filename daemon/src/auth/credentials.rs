//! The cache of recently verified credentials, so argon2 runs once per login rather than on every API request.
//!
//! An entry is keyed by HMAC-SHA256 of `user name, password` under a key drawn at random when the daemon starts
//! (never stored), so the cache holds no password and nothing that can be checked against a guess without
//! that key. It remembers the user name and the password hash the credentials matched, and is believed only
//!
//! - while the user still has exactly that hash (the caller passes the stored one): a password change
//!   invalidates it even when a check that read the old hash finishes after the change;
//! - for [`TTL`] after the check;
//! - until [`Verified::forget`] drops the user's entries, which `Auth` calls on every change of a user
//!   (password, `is_active`, name, staff flag, deletion).
//!
//! At most [`CAPACITY`] entries: inserting into a full cache drops expired entries, then the oldest.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a verified credential is believed without argon2. Five minutes: long enough that a client making
/// many requests (pulpc, a CI job, a registry client's token refreshes every 300 s) pays argon2 about once per
/// session, short enough that a password learnt from a cache entry's memory is not usable for long.
pub const TTL: Duration = Duration::from_secs(5 * 60);
/// The most credentials remembered. Only correct credentials get in, so this is the number of distinct logins
/// in the last [`TTL`]; beyond it the oldest re-run argon2 at their next request.
pub const CAPACITY: usize = 1024;

/// The cache key of one `user name, password` pair.
pub type Key = [u8; 32];

/// The cache (see the module doc).
pub struct Verified {
    /// The HMAC key, random per process.
    secret: [u8; 32],
    entries: Mutex<HashMap<Key, Entry>>,
    ttl: Duration,
    capacity: usize,
}

/// A remembered successful check.
#[derive(Debug, Clone)]
struct Entry {
    username: String,
    /// The stored hash the password matched.
    password_hash: String,
    /// When argon2 said yes.
    verified_at: Instant,
}

impl std::fmt::Debug for Verified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verified").finish_non_exhaustive()
    }
}

impl Default for Verified {
    fn default() -> Self {
        Verified::new(TTL, CAPACITY)
    }
}

impl Verified {
    /// An empty cache with a fresh random key.
    pub fn new(ttl: Duration, capacity: usize) -> Verified {
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        Verified {
            secret,
            entries: Mutex::default(),
            ttl,
            capacity: capacity.max(1),
        }
    }

    /// The key of `username` with `password`. The user name is length-prefixed so no two pairs share a key.
    pub fn key(&self, username: &str, password: &str) -> Key {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .expect("HMAC takes keys of any length");
        mac.update(&(username.len() as u64).to_be_bytes());
        mac.update(username.as_bytes());
        mac.update(password.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Whether `key` was verified against `password_hash` (the user's hash now) less than the TTL before `now`.
    pub fn holds(&self, key: &Key, password_hash: &str, now: Instant) -> bool {
        self.lock().get(key).is_some_and(|e| {
            e.password_hash == password_hash
                && now.saturating_duration_since(e.verified_at) < self.ttl
        })
    }

    /// Remembers that `key` (of `username`) matched `password_hash` at `now`.
    pub fn insert(&self, key: Key, username: &str, password_hash: &str, now: Instant) {
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            let ttl = self.ttl;
            entries.retain(|_, e| now.saturating_duration_since(e.verified_at) < ttl);
            if entries.len() >= self.capacity {
                let oldest = entries
                    .iter()
                    .min_by_key(|(_, e)| e.verified_at)
                    .map(|(k, _)| *k);
                if let Some(oldest) = oldest {
                    entries.remove(&oldest);
                }
            }
        }
        entries.insert(
            key,
            Entry {
                username: username.to_string(),
                password_hash: password_hash.to_string(),
                verified_at: now,
            },
        );
    }

    /// Drops every entry of `username`.
    pub fn forget(&self, username: &str) {
        self.lock().retain(|_, e| e.username != username);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        // A panic while holding the lock cannot leave the map half-changed (each call is one map operation),
        // so a poisoned lock is still a good cache.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_both_halves_and_the_process_secret() {
        let cache = Verified::default();
        let key = cache.key("alice", "pass");
        assert_eq!(key, cache.key("alice", "pass"));
        assert_ne!(key, cache.key("alice", "pass2"));
        assert_ne!(key, cache.key("alic", "epass"), "the split point counts");
        assert_ne!(key, Verified::default().key("alice", "pass"), "another key");
    }

    #[test]
    fn an_entry_holds_for_its_hash_until_the_ttl() {
        let cache = Verified::new(Duration::from_secs(60), 8);
        let t0 = Instant::now();
        let key = cache.key("alice", "pass");
        assert!(!cache.holds(&key, "hash-1", t0));
        cache.insert(key, "alice", "hash-1", t0);
        assert!(cache.holds(&key, "hash-1", t0 + Duration::from_secs(59)));
        assert!(
            !cache.holds(&key, "hash-2", t0),
            "the password changed after the check"
        );
        assert!(!cache.holds(&key, "hash-1", t0 + Duration::from_secs(60)));
    }

    #[test]
    fn forget_drops_only_that_users_entries() {
        let cache = Verified::default();
        let now = Instant::now();
        let (a1, a2, b) = (
            cache.key("alice", "one"),
            cache.key("alice", "two"),
            cache.key("bob", "one"),
        );
        cache.insert(a1, "alice", "ha", now);
        cache.insert(a2, "alice", "ha", now);
        cache.insert(b, "bob", "hb", now);
        cache.forget("alice");
        assert!(!cache.holds(&a1, "ha", now) && !cache.holds(&a2, "ha", now));
        assert!(cache.holds(&b, "hb", now));
    }

    #[test]
    fn a_full_cache_drops_expired_entries_then_the_oldest() {
        let cache = Verified::new(Duration::from_secs(60), 3);
        let t0 = Instant::now();
        let key = |n: usize| cache.key(&format!("user{n}"), "pass");
        cache.insert(key(0), "user0", "h", t0);
        cache.insert(key(1), "user1", "h", t0 + Duration::from_secs(50));
        cache.insert(key(2), "user2", "h", t0 + Duration::from_secs(55));
        // At t0+70 user0 has expired: it makes room.
        let t1 = t0 + Duration::from_secs(70);
        cache.insert(key(3), "user3", "h", t1);
        assert_eq!(cache.len(), 3);
        assert!(cache.holds(&key(1), "h", t1) && cache.holds(&key(3), "h", t1));
        // Nothing expired now: the oldest (user1) goes.
        cache.insert(key(4), "user4", "h", t1);
        assert_eq!(cache.len(), 3);
        assert!(!cache.holds(&key(1), "h", t1));
        assert!(cache.holds(&key(2), "h", t1) && cache.holds(&key(4), "h", t1));
    }
}
