//! Users and their passwords (argon2 hashes, never returned), HTTP basic credentials checking.
//!
//! The `admin` account exists from the first start: its password comes from `PULPD_ADMIN_PASSWORD` (set again on
//! every start where it is given) or is generated once and written, mode 0600, to `admin-password` in the data
//! directory.
//!
//! argon2 is deliberately slow (tens of milliseconds), too slow to run on every API request; a successful check is
//! remembered in memory as the SHA-256 of `user:password`, and forgotten when that user's password changes.

use crate::error::{Error, Result};
use crate::listing::now;
use crate::store::{self, Record, Store, Table};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The administrator's user name.
pub const ADMIN: &str = "admin";
/// File in the data directory holding a generated admin password.
pub const ADMIN_PASSWORD_FILE: &str = "admin-password";

/// What a user stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UserRecord {
    pub username: String,
    /// Pulp's numeric user id (hrefs are `/pulp/api/v3/users/<id>/`).
    pub id: u64,
    pub password_hash: String,
    pub is_staff: bool,
    pub created: String,
}

impl Record for UserRecord {
    fn id(&self) -> &str {
        &self.username
    }
}

impl UserRecord {
    pub fn href(&self) -> String {
        href::resource_numeric(href::USERS, self.id)
    }
}

/// The users service.
#[derive(Clone)]
pub struct Auth {
    users: Table<UserRecord>,
    /// SHA-256 of `user:password` → user name, for credentials that passed argon2 already.
    verified: Arc<Mutex<HashMap<[u8; 32], String>>>,
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Identity {
    pub username: String,
    pub href: String,
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(anyhow::anyhow!("hashing a password: {e}")))
}

fn credential_key(user: &str, password: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(user.as_bytes());
    h.update([0]);
    h.update(password.as_bytes());
    h.finalize().into()
}

impl Auth {
    pub fn open(store: &Store) -> store::Result<Auth> {
        Ok(Auth {
            users: store.table("users", &[])?,
            verified: Arc::default(),
        })
    }

    /// Makes sure `admin` exists with the right password. Returns the path of a newly generated password file.
    pub fn bootstrap_admin(
        &self,
        env_password: Option<&str>,
        data_dir: &Path,
    ) -> anyhow::Result<Option<PathBuf>> {
        let existing = self.users.get(ADMIN)?;
        let (password, generated) = match (env_password, &existing) {
            (Some(p), _) => (p.to_string(), None),
            (None, Some(_)) => return Ok(None),
            (None, None) => {
                let p = generate_password();
                let path = data_dir.join(ADMIN_PASSWORD_FILE);
                write_private(&path, &format!("{p}\n"))?;
                (p, Some(path))
            }
        };
        if let Some(u) = &existing {
            if verify_hash(&u.password_hash, &password) {
                return Ok(generated);
            }
        }
        let record = UserRecord {
            username: ADMIN.into(),
            id: 1,
            password_hash: hash_password(&password)?,
            is_staff: true,
            created: existing.as_ref().map_or_else(now, |u| u.created.clone()),
        };
        self.users.put(&record, existing.as_ref())?;
        self.forget(ADMIN);
        Ok(generated)
    }

    /// Checks basic credentials. `Ok(None)` when they are wrong.
    pub fn verify(&self, username: &str, password: &str) -> Result<Option<Identity>> {
        let key = credential_key(username, password);
        let cached = self
            .verified
            .lock()
            .expect("credential cache is never poisoned")
            .contains_key(&key);
        let Some(user) = self.users.get(username)? else {
            return Ok(None);
        };
        if !cached {
            if !verify_hash(&user.password_hash, password) {
                return Ok(None);
            }
            self.verified
                .lock()
                .expect("credential cache is never poisoned")
                .insert(key, username.to_string());
        }
        Ok(Some(Identity {
            username: user.username.clone(),
            href: user.href(),
        }))
    }

    fn forget(&self, username: &str) {
        self.verified
            .lock()
            .expect("credential cache is never poisoned")
            .retain(|_, u| u != username);
    }
}

fn verify_hash(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn generate_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..24)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Writes `contents` to `path`, readable by the owner only (0600).
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
    f.write_all(contents.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn generated_admin_password_is_private_and_works() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let auth = Auth::open(&store).unwrap();
        let path = auth.bootstrap_admin(None, dir.path()).unwrap().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let password = std::fs::read_to_string(&path).unwrap();
        assert!(auth.verify(ADMIN, password.trim()).unwrap().is_some());
        assert!(auth.verify(ADMIN, "wrong").unwrap().is_none());
        // A second start neither regenerates nor changes it.
        assert!(auth.bootstrap_admin(None, dir.path()).unwrap().is_none());
        assert!(auth.verify(ADMIN, password.trim()).unwrap().is_some());
        // The env var wins and the old password stops working.
        auth.bootstrap_admin(Some("s3cret"), dir.path()).unwrap();
        assert!(auth.verify(ADMIN, "s3cret").unwrap().is_some());
        assert!(auth.verify(ADMIN, password.trim()).unwrap().is_none());
    }
}
