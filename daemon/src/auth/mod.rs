//! Users and their passwords (argon2 hashes, never returned), HTTP basic credentials checking, and the users
//! service behind `/pulp/api/v3/users/` (create, list, read, update, delete). [`token`] issues and verifies the
//! registry's Bearer tokens.
//!
//! What an authenticated user may do is [`policy`]'s decision, over the role assignments in [`roles`]: users with
//! `is_staff` (the built-in `admin` is one) may do everything and alone manage users; everyone else what their
//! roles grant. Inactive users cannot authenticate at all.
//!
//! The `admin` account exists from the first start: its password comes from `PULPD_ADMIN_PASSWORD` (set again on
//! every start where it is given) or is generated once and written, mode 0600, to `admin-password` in the data
//! directory.
//!
//! argon2 is deliberately slow (tens of milliseconds), too slow to run on every API request; a successful check is
//! remembered in memory as the SHA-256 of `user:password` together with the hash it matched, and believed only
//! while the user still has that hash: a password change invalidates it even when a check that read the old hash
//! finishes after the change.
//!
//! Users are keyed by user name; their numeric ids (Pulp's hrefs are `/pulp/api/v3/users/<id>/`) are allocated
//! under a lock from a stored high-water mark, so an id is never reused after a delete (an old href never names
//! another user). The table stays small, so lookups by id and listings scan it.

pub mod policy;
pub mod roles;
pub mod token;

use crate::body::{Body, Mode};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Record, Store, Table};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use pulp_shared::{api, href};
use serde::{Deserialize, Serialize};
use serde_json::Value;
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
    /// Administrator: manages users, may push.
    pub is_staff: bool,
    /// `date_joined`.
    pub created: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    /// An inactive user cannot authenticate. Records written before this field existed are active.
    #[serde(default = "active_by_default")]
    pub is_active: bool,
}

fn active_by_default() -> bool {
    true
}

impl Record for UserRecord {
    fn id(&self) -> &str {
        &self.username
    }
}

/// The highest user id ever allocated (one record, id [`SEQUENCE_KEY`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct UserSequence {
    key: String,
    last: u64,
}

const SEQUENCE_KEY: &str = "last_user_id";

impl Record for UserSequence {
    fn id(&self) -> &str {
        &self.key
    }
}

impl UserRecord {
    pub fn href(&self) -> String {
        href::resource_numeric(href::USERS, self.id)
    }

    /// The API representation (no password, not even its hash).
    pub fn to_api(&self) -> api::User {
        api::User {
            pulp_href: self.href(),
            id: self.id,
            username: self.username.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            is_staff: self.is_staff,
            is_active: self.is_active,
            date_joined: self.created.clone(),
        }
    }

    /// The caller this user is once authenticated.
    pub fn identity(&self) -> Identity {
        Identity {
            username: self.username.clone(),
            id: self.id,
            href: self.href(),
            is_staff: self.is_staff,
        }
    }

    /// Whether this is the built-in administrator, which cannot be deleted, renamed, deactivated or demoted.
    pub fn is_builtin_admin(&self) -> bool {
        self.username == ADMIN
    }
}

/// Pulp's model name in "No User matches the given query."
const USER_KIND: &str = "User";
/// Django's messages for user names and passwords.
const USERNAME_TAKEN: &str = "A user with that username already exists.";
const USERNAME_INVALID: &str =
    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
const USERNAME_MAX: usize = 150;
const PASSWORD_MIN: usize = 8;

/// A remembered successful check: the user name and the password hash it matched.
#[derive(Debug, Clone)]
struct Verified {
    username: String,
    password_hash: String,
}

/// The users service.
#[derive(Clone)]
pub struct Auth {
    users: Table<UserRecord>,
    /// The id high-water mark.
    sequence: Table<UserSequence>,
    /// SHA-256 of `user:password` → the check it passed, for credentials that passed argon2 already.
    verified: Arc<Mutex<HashMap<[u8; 32], Verified>>>,
    /// Held while an argon2 hash is checked (see `verify`).
    hashing: Arc<Mutex<()>>,
    /// Serialises creates and renames, so the "name free?" check and the id allocation are one step with the write.
    writes: Arc<Mutex<()>>,
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Identity {
    pub username: String,
    /// Pulp's numeric user id (role assignments are keyed by it: it survives renames).
    pub id: u64,
    pub href: String,
    /// Administrator (see the module doc).
    pub is_staff: bool,
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
            sequence: store.table("users.sequence", &[])?,
            verified: Arc::default(),
            hashing: Arc::default(),
            writes: Arc::default(),
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
        let record = match &existing {
            Some(u) => UserRecord {
                password_hash: hash_password(&password)?,
                is_staff: true,
                is_active: true,
                ..u.clone()
            },
            None => UserRecord {
                username: ADMIN.into(),
                id: 1,
                password_hash: hash_password(&password)?,
                is_staff: true,
                created: now(),
                first_name: String::new(),
                last_name: String::new(),
                email: String::new(),
                is_active: true,
            },
        };
        self.users.put(&record, existing.as_ref())?;
        self.forget(ADMIN);
        Ok(generated)
    }

    /// Checks basic credentials. `Ok(None)` when they are wrong or the user is inactive.
    ///
    /// Runs argon2 (tens of milliseconds) unless the same credentials passed before: call it off the async
    /// threads (`spawn_blocking`).
    pub fn verify(&self, username: &str, password: &str) -> Result<Option<Identity>> {
        let key = credential_key(username, password);
        let cached = self
            .verified
            .lock()
            .expect("credential cache is never poisoned")
            .get(&key)
            .map(|v| v.password_hash.clone());
        let Some(user) = self.users.get(username)? else {
            return Ok(None);
        };
        if !user.is_active {
            return Ok(None);
        }
        if cached.as_deref() != Some(user.password_hash.as_str()) {
            // One argon2 check at a time: a burst of requests with new credentials (50 concurrent API calls
            // right after start) would otherwise run 50 memory-hard hashes at once and time out; waiting here
            // lets the others find the result in the cache.
            let _one = self.hashing.lock().expect("hashing lock is never poisoned");
            let now_cached = self
                .verified
                .lock()
                .expect("credential cache is never poisoned")
                .get(&key)
                .is_some_and(|v| v.password_hash == user.password_hash);
            if !now_cached && !verify_hash(&user.password_hash, password) {
                return Ok(None);
            }
            self.verified
                .lock()
                .expect("credential cache is never poisoned")
                .insert(
                    key,
                    Verified {
                        username: username.to_string(),
                        password_hash: user.password_hash.clone(),
                    },
                );
        }
        Ok(Some(user.identity()))
    }

    /// Creates a user from `{"username", "password", "first_name"?, "last_name"?, "email"?, "is_staff"?,
    /// "is_active"?}`. Hashes the password (slow: call off the async threads).
    ///
    /// # Errors
    /// [`Error::Invalid`] with Django's messages (missing or malformed fields, a taken user name, a weak password).
    pub fn create(&self, body: &Value) -> Result<UserRecord> {
        let mut b = Body::new(body, Mode::Full)?;
        let mut record = UserRecord {
            username: String::new(),
            id: 0,
            password_hash: String::new(),
            is_staff: false,
            created: now(),
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            is_active: true,
        };
        let password = apply(&mut b, &mut record);
        b.finish()?;
        let password = password.ok_or_else(|| Error::field("password", crate::body::REQUIRED))?;
        record.password_hash = hash_password(&password)?;
        let _guard = self
            .writes
            .lock()
            .expect("user write lock is never poisoned");
        if self.users.get(&record.username)?.is_some() {
            return Err(Error::field("username", USERNAME_TAKEN));
        }
        record.id = self.next_id()?;
        self.users.put(&record, None)?;
        Ok(record)
    }

    /// The user with numeric id `id`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is none.
    pub fn get(&self, id: u64) -> Result<UserRecord> {
        self.all()?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or(Error::NotFound { kind: USER_KIND })
    }

    /// The user called `username`, if any.
    pub fn by_name(&self, username: &str) -> Result<Option<UserRecord>> {
        Ok(self.users.get(username)?)
    }

    /// A page of users, by id unless `ordering` says `username`/`-username`/`-id`; filters `username`,
    /// `username__contains`, `username__icontains`, `username__in`, `is_staff`, `is_active`.
    pub fn list(&self, params: &ListParams) -> Result<Window<UserRecord>> {
        let mut users = self.all()?;
        let (field, desc) = params.sort("id");
        match field {
            "username" => users.sort_by(|a, b| a.username.cmp(&b.username)),
            "date_joined" => users.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id))),
            _ => users.sort_by_key(|u| u.id),
        }
        if desc {
            users.reverse();
        }
        let flag = |key: &str, value: bool| {
            params
                .filter(key)
                .is_none_or(|f| matches!(f, "true" | "True" | "1") == value)
        };
        let keep = |u: &UserRecord| {
            let name = u.username.as_str();
            params.filter("username").is_none_or(|f| name == f)
                && params
                    .filter("username__contains")
                    .is_none_or(|f| name.contains(f))
                && params
                    .filter("username__icontains")
                    .is_none_or(|f| name.to_lowercase().contains(&f.to_lowercase()))
                && params
                    .filter("username__in")
                    .is_none_or(|f| f.split(',').any(|n| n == name))
                && flag("is_staff", u.is_staff)
                && flag("is_active", u.is_active)
        };
        listing::window(users.into_iter().map(Ok), params, None, keep)
    }

    /// Updates (PUT, `Mode::Full`: `username` and `password` required) or partially updates (PATCH) user `id`.
    /// A new password is hashed (slow: call off the async threads) and invalidates remembered credentials.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::Invalid`] for bad fields, a taken user name, or an attempt to rename,
    /// deactivate or demote the built-in admin.
    pub fn update(&self, id: u64, body: &Value, mode: Mode) -> Result<UserRecord> {
        let mut b = Body::new(body, mode)?;
        let mut scratch = self.get(id)?;
        let password = apply(&mut b, &mut scratch);
        b.finish()?;
        let password_hash = password.map(|p| hash_password(&p)).transpose()?;
        let _guard = self
            .writes
            .lock()
            .expect("user write lock is never poisoned");
        // Re-read under the lock: another update may have landed while the password was being hashed.
        let old = self.get(id)?;
        let mut record = old.clone();
        let mut b = Body::new(body, mode)?;
        apply(&mut b, &mut record);
        if let Some(hash) = password_hash {
            record.password_hash = hash;
        }
        if old.is_builtin_admin() {
            let mut errors = pulp_shared::error::FieldErrors::new();
            if record.username != old.username {
                errors.insert(
                    "username".into(),
                    vec!["The admin user cannot be renamed.".into()],
                );
            }
            if !record.is_active {
                errors.insert(
                    "is_active".into(),
                    vec!["The admin user cannot be deactivated.".into()],
                );
            }
            if !record.is_staff {
                errors.insert(
                    "is_staff".into(),
                    vec!["The admin user must stay staff.".into()],
                );
            }
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
        }
        if record.username != old.username {
            if self.users.get(&record.username)?.is_some() {
                return Err(Error::field("username", USERNAME_TAKEN));
            }
            // The user name is the key: write the new record before removing the old, so a crash between the
            // two leaves a duplicate (same id) rather than a lost user.
            self.users.put(&record, None)?;
            self.users.remove(&old)?;
        } else {
            self.users.put(&record, Some(&old))?;
        }
        self.forget(&old.username);
        Ok(record)
    }

    /// Deletes user `id` and forgets its remembered credentials. Refusing to delete the built-in admin is the
    /// caller's decision (the HTTP edge answers 403).
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub fn delete(&self, id: u64) -> Result<UserRecord> {
        let _guard = self
            .writes
            .lock()
            .expect("user write lock is never poisoned");
        let record = self.get(id)?;
        self.users.remove(&record)?;
        self.forget(&record.username);
        Ok(record)
    }

    /// Every user (the table is small).
    fn all(&self) -> Result<Vec<UserRecord>> {
        Ok(self
            .users
            .scan_prefix("", store::Order::Asc)
            .collect::<store::Result<Vec<_>>>()?)
    }

    /// One more than the highest id ever allocated (admin is 1), recorded before use. Called under `writes`.
    fn next_id(&self) -> Result<u64> {
        let old = self.sequence.get(SEQUENCE_KEY)?;
        let in_use = self.all()?.iter().map(|u| u.id).max().unwrap_or(1);
        let next = old.as_ref().map_or(0, |s| s.last).max(in_use) + 1;
        let record = UserSequence {
            key: SEQUENCE_KEY.into(),
            last: next,
        };
        self.sequence.put(&record, old.as_ref())?;
        Ok(next)
    }

    fn forget(&self, username: &str) {
        self.verified
            .lock()
            .expect("credential cache is never poisoned")
            .retain(|_, v| v.username != username);
    }
}

/// Reads the writable fields of a user body into `r`; returns the new password (validated), if one was given.
fn apply(b: &mut Body<'_>, r: &mut UserRecord) -> Option<String> {
    if let Some(name) = b.required_string("username") {
        if name.chars().count() > USERNAME_MAX {
            b.error(
                "username",
                format!("Ensure this field has no more than {USERNAME_MAX} characters."),
            );
        } else if !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '+' | '-' | '_'))
        {
            b.error("username", USERNAME_INVALID);
        } else {
            r.username = name;
        }
    }
    let password = b.required_string("password");
    let password = password.filter(|p| match password_problem(p) {
        Some(problem) => {
            b.error("password", problem);
            false
        }
        None => true,
    });
    for (field, value) in [
        ("first_name", &mut r.first_name),
        ("last_name", &mut r.last_name),
        ("email", &mut r.email),
    ] {
        if let Some(v) = b.nullable_string(field) {
            *value = v.unwrap_or_default();
        }
    }
    if !r.email.is_empty() && !valid_email(&r.email) {
        b.error("email", "Enter a valid email address.");
    }
    if let Some(v) = b.bool("is_staff") {
        r.is_staff = v;
    }
    if let Some(v) = b.bool("is_active") {
        r.is_active = v;
    }
    password
}

/// Django's default password validators that need no word lists: minimum length and not entirely numeric.
fn password_problem(password: &str) -> Option<String> {
    if password.chars().count() < PASSWORD_MIN {
        Some(format!(
            "This password is too short. It must contain at least {PASSWORD_MIN} characters."
        ))
    } else if password.chars().all(|c| c.is_ascii_digit()) {
        Some("This password is entirely numeric.".into())
    } else {
        None
    }
}

/// Enough of Django's EmailValidator to catch typos: one `@`, a non-empty local part, a dotted domain.
fn valid_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
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
pub(crate) fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
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

    fn open_auth(dir: &Path) -> Auth {
        let store = Store::open(&dir.join("db")).unwrap();
        let auth = Auth::open(&store).unwrap();
        auth.bootstrap_admin(Some("admin-password"), dir).unwrap();
        auth
    }

    #[test]
    fn users_are_created_with_numeric_ids_and_unique_names() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path());
        let alice = auth
            .create(&serde_json::json!({"username": "alice", "password": "alice-pass", "email": "a@example.com"}))
            .unwrap();
        assert_eq!(
            (alice.id, alice.href()),
            (2, "/pulp/api/v3/users/2/".to_string())
        );
        assert!(alice.is_active && !alice.is_staff);
        let bob = auth
            .create(&serde_json::json!({"username": "bob", "password": "bob-password", "is_staff": true}))
            .unwrap();
        assert_eq!(bob.id, 3);
        let err = auth
            .create(&serde_json::json!({"username": "alice", "password": "another-pass"}))
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["username"] == [USERNAME_TAKEN]),
            "{err:?}"
        );
        let err = auth
            .create(&serde_json::json!({"username": "a:b", "password": "1234", "email": "nope"}))
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!()
        };
        assert_eq!(fields["username"], [USERNAME_INVALID]);
        assert_eq!(
            fields["password"],
            ["This password is too short. It must contain at least 8 characters."]
        );
        assert_eq!(fields["email"], ["Enter a valid email address."]);
        let err = auth.create(&serde_json::json!({})).unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!()
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["password", "username"]);

        let identity = auth.verify("alice", "alice-pass").unwrap().unwrap();
        assert!(!identity.is_staff);
        assert!(
            auth.verify("bob", "bob-password")
                .unwrap()
                .unwrap()
                .is_staff
        );
        assert_eq!(auth.get(2).unwrap().username, "alice");
        assert!(matches!(
            auth.get(99),
            Err(Error::NotFound { kind: "User" })
        ));

        let page = auth
            .list(&ListParams {
                limit: 10,
                ..ListParams::default()
            })
            .unwrap();
        let names: Vec<_> = page.items.iter().map(|u| u.username.as_str()).collect();
        assert_eq!((page.count, names), (3, vec!["admin", "alice", "bob"]));
        let mut params = ListParams {
            limit: 10,
            ..ListParams::default()
        };
        params.filters.insert("username".into(), "bob".into());
        assert_eq!(auth.list(&params).unwrap().count, 1);

        // A deleted user's id is never handed out again.
        auth.delete(3).unwrap();
        assert!(auth.verify("bob", "bob-password").unwrap().is_none());
        let carol = auth
            .create(&serde_json::json!({"username": "carol", "password": "carol-pass"}))
            .unwrap();
        assert_eq!(carol.id, 4);
    }

    #[test]
    fn password_change_and_deactivation_take_effect_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path());
        let alice = auth
            .create(&serde_json::json!({"username": "alice", "password": "first-pass"}))
            .unwrap();
        assert!(
            auth.verify("alice", "first-pass").unwrap().is_some(),
            "now cached"
        );
        auth.update(
            alice.id,
            &serde_json::json!({"password": "second-pass"}),
            Mode::Partial,
        )
        .unwrap();
        assert!(auth.verify("alice", "first-pass").unwrap().is_none());
        assert!(auth.verify("alice", "second-pass").unwrap().is_some());

        auth.update(
            alice.id,
            &serde_json::json!({"is_active": false}),
            Mode::Partial,
        )
        .unwrap();
        assert!(auth.verify("alice", "second-pass").unwrap().is_none());

        let renamed = auth
            .update(
                alice.id,
                &serde_json::json!({"username": "alicia", "is_active": true}),
                Mode::Partial,
            )
            .unwrap();
        assert_eq!(
            (renamed.id, renamed.username.as_str()),
            (alice.id, "alicia")
        );
        assert!(auth.by_name("alice").unwrap().is_none());
        assert!(auth.verify("alicia", "second-pass").unwrap().is_some());
        let err = auth
            .update(
                alice.id,
                &serde_json::json!({"username": "admin"}),
                Mode::Partial,
            )
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["username"] == [USERNAME_TAKEN]),
            "{err:?}"
        );
    }

    #[test]
    fn builtin_admin_cannot_be_renamed_deactivated_or_demoted() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path());
        let err = auth
            .update(
                1,
                &serde_json::json!({"username": "root", "is_active": false, "is_staff": false}),
                Mode::Partial,
            )
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!()
        };
        assert_eq!(fields.len(), 3);
        let admin = auth
            .update(
                1,
                &serde_json::json!({"email": "admin@example.com"}),
                Mode::Partial,
            )
            .unwrap();
        assert!(admin.is_builtin_admin());
        assert!(auth.verify(ADMIN, "admin-password").unwrap().is_some());
    }
}
