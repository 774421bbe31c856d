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
//! Password checks ([`Auth::verify`]) have a bounded cost whatever a client sends:
//! - argon2 is deliberately slow (tens of milliseconds) and memory-hard (19 MiB); it runs only on the workers of
//!   [`passwords`], behind a bounded queue, so its memory is reused rather than piled up;
//! - a successful check is remembered by [`credentials`] (keyed hash, five minutes, dropped when the user
//!   changes), so a client making many requests pays argon2 about once;
//! - concurrent requests with the same credentials share one check (a burst of 50 API calls right after
//!   start runs argon2 once, not 50 times);
//! - an unknown user name is checked against a dummy hash with the same parameters, and an inactive user
//!   against its own: the answer takes as long as for a wrong password, so timing does not reveal names;
//! - repeated failures from one client or for one user name are refused for a while without a check
//!   ([`throttle`]), except for credentials already in the cache.
//!
//! Users are keyed by user name; their numeric ids (Pulp's hrefs are `/pulp/api/v3/users/<id>/`) are allocated
//! under a lock from a stored high-water mark, so an id is never reused after a delete (an old href never names
//! another user). The table stays small, so lookups by id and listings scan it.

pub mod credentials;
pub mod passwords;
pub mod policy;
pub mod roles;
pub mod throttle;
pub mod token;

use crate::body::{Body, Mode};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Record, Store, Table};
use pulp_shared::{api, href};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// How long a client refused because the password workers' queue is full is asked to wait.
const BUSY_RETRY: Duration = Duration::from_secs(1);

/// The users service.
#[derive(Clone)]
pub struct Auth {
    users: Table<UserRecord>,
    /// The id high-water mark.
    sequence: Table<UserSequence>,
    /// The argon2 workers: every hash and every check runs there.
    passwords: passwords::Passwords,
    /// Credentials that passed argon2 recently.
    verified: Arc<credentials::Verified>,
    /// Failure counters per client and per user name.
    throttle: Arc<throttle::Throttle>,
    /// Checks running now, by credential key and the hash checked against, so that concurrent requests with
    /// the same credentials share one check.
    in_flight: Arc<Flights>,
    /// Serialises this process's updates of users, so an update re-reads the user after hashing a password
    /// without racing another update here. Uniqueness of names and ids is the store's (insert, update).
    writes: Arc<tokio::sync::Mutex<()>>,
}

/// The answer to a password check.
#[derive(Debug, Clone)]
pub enum Check {
    /// Right password, active user.
    Accepted(Identity),
    /// Wrong password, unknown user or inactive user: deliberately one answer.
    Rejected,
    /// Not checked: too many failures from this client or for this user name, or too many checks waiting.
    /// The caller answers 429 with `Retry-After`.
    Throttled { retry_after: Duration },
}

/// Why a check did not run.
enum Refusal {
    /// Throttled or the queue was full: ask again after this long.
    Wait(Duration),
    /// The password workers are gone.
    Failed(passwords::Error),
}

type FlightKey = (credentials::Key, String);
type Flights = Mutex<HashMap<FlightKey, Arc<tokio::sync::OnceCell<bool>>>>;

/// A request's share of a running check; the last one to leave removes the check from the map.
struct Flight<'a> {
    flights: &'a Flights,
    key: FlightKey,
    result: Arc<tokio::sync::OnceCell<bool>>,
}

impl<'a> Flight<'a> {
    fn join(flights: &'a Flights, key: FlightKey) -> Flight<'a> {
        let result = lock(flights).entry(key.clone()).or_default().clone();
        Flight {
            flights,
            key,
            result,
        }
    }
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        let mut flights = lock(self.flights);
        // Under the lock nobody else can join: two references (the map's and ours) mean we are the last.
        if flights
            .get(&self.key)
            .is_some_and(|r| Arc::ptr_eq(r, &self.result))
            && Arc::strong_count(&self.result) == 2
        {
            flights.remove(&self.key);
        }
    }
}

/// Locks a map whose every update is one insert or remove, so a poisoned lock still guards a whole map.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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

fn password_error(e: passwords::Error) -> Error {
    Error::Internal(anyhow::Error::new(e))
}

impl Auth {
    /// Opens the users tables and starts the password workers. `failed_login_limit` is the throttle's limit
    /// (failures per minute per client and per user name; 0 = off).
    ///
    /// # Errors
    /// When the tables cannot be opened or a worker thread cannot be started.
    pub fn open(store: &Store, failed_login_limit: u32) -> Result<Auth> {
        let passwords = passwords::Passwords::start()
            .map_err(|e| Error::Internal(anyhow::anyhow!("starting the password workers: {e}")))?;
        // Read by every authenticated request.
        store.cache_reads("users");
        Ok(Auth {
            users: store.table("users", &[])?,
            sequence: store.table("users.sequence", &[])?,
            passwords,
            verified: Arc::default(),
            throttle: Arc::new(throttle::Throttle::new(failed_login_limit)),
            in_flight: Arc::default(),
            writes: Arc::default(),
        })
    }

    /// A new password hash (argon2 on the workers, waited for on the blocking pool).
    async fn hash_password(&self, password: &str) -> Result<String> {
        let passwords = self.passwords.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || passwords.hash_blocking(&password))
            .await
            .map_err(|e| Error::Internal(e.into()))?
            .map_err(password_error)
    }

    /// Makes sure `admin` exists with the right password. Returns the path of a newly generated password file.
    pub async fn bootstrap_admin(
        &self,
        env_password: Option<&str>,
        data_dir: &Path,
    ) -> anyhow::Result<Option<PathBuf>> {
        let existing = self.users.get(ADMIN).await?;
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
            let (passwords, hash, p) = (
                self.passwords.clone(),
                u.password_hash.clone(),
                password.clone(),
            );
            if tokio::task::spawn_blocking(move || passwords.verify_blocking(&hash, &p)).await?? {
                return Ok(generated);
            }
        }
        let record = match &existing {
            Some(u) => UserRecord {
                password_hash: self.hash_password(&password).await?,
                is_staff: true,
                is_active: true,
                ..u.clone()
            },
            None => UserRecord {
                username: ADMIN.into(),
                id: 1,
                password_hash: self.hash_password(&password).await?,
                is_staff: true,
                created: now(),
                first_name: String::new(),
                last_name: String::new(),
                email: String::new(),
                is_active: true,
            },
        };
        self.users.put(&record).await?;
        self.forget(ADMIN);
        Ok(generated)
    }

    /// Checks basic credentials presented by `client` (its address, `None` when unknown).
    ///
    /// Credentials verified in the last minutes are accepted at once (even while `client` or the user name is
    /// throttled). Others wait for one argon2 check on the workers, shared with concurrent requests bearing
    /// the same credentials, unless the throttle or a full queue refuses them first.
    ///
    /// # Errors
    /// Only internal failures (the store, the workers); wrong credentials are [`Check::Rejected`].
    ///
    /// # Cancel safety
    /// Dropping the future abandons the check; one that had started counts as a failure for the throttle.
    pub async fn verify(
        &self,
        username: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<Check> {
        let key = self.verified.key(username, password);
        let user = self.users.get(username).await?;
        let active = user.as_ref().filter(|u| u.is_active);
        if let Some(u) = active {
            if self.verified.holds(&key, &u.password_hash, Instant::now()) {
                return Ok(Check::Accepted(u.identity()));
            }
        }
        // Unknown users are checked against the dummy hash and inactive ones against their own: the same work
        // as a wrong password of an active user, so the time taken tells nothing.
        let hash = user
            .as_ref()
            .map_or(self.passwords.dummy_hash(), |u| u.password_hash.as_str());
        let matched = match self
            .check_once(key, hash, username, password, client, active.is_some())
            .await
        {
            Ok(matched) => matched,
            Err(Refusal::Wait(retry_after)) => return Ok(Check::Throttled { retry_after }),
            Err(Refusal::Failed(e)) => return Err(password_error(e)),
        };
        match active {
            Some(u) if matched => {
                self.verified
                    .insert(key, &u.username, &u.password_hash, Instant::now());
                Ok(Check::Accepted(u.identity()))
            }
            _ => Ok(Check::Rejected),
        }
    }

    /// Whether `password` matches `hash`: one argon2 run on the workers, admitted by the throttle and shared
    /// by every concurrent request with the same credentials and hash. A match of an `active` user refunds
    /// the throttle's charge.
    async fn check_once(
        &self,
        key: credentials::Key,
        hash: &str,
        username: &str,
        password: &str,
        client: Option<IpAddr>,
        active: bool,
    ) -> std::result::Result<bool, Refusal> {
        let flight = Flight::join(&self.in_flight, (key, hash.to_string()));
        let matched = flight
            .result
            .get_or_try_init(|| async {
                let admission = self
                    .throttle
                    .admit(client, username, Instant::now())
                    .map_err(Refusal::Wait)?;
                let outcome = self.passwords.verify(hash, password).await;
                match outcome {
                    Ok(true) if active => admission.refund(Instant::now()),
                    Ok(_) => {}
                    Err(_) => admission.refund(Instant::now()),
                }
                outcome.map_err(|e| match e {
                    passwords::Error::Busy => Refusal::Wait(BUSY_RETRY),
                    e => Refusal::Failed(e),
                })
            })
            .await?;
        Ok(*matched)
    }

    /// Creates a user from `{"username", "password", "first_name"?, "last_name"?, "email"?, "is_staff"?,
    /// "is_active"?}`. Hashes the password (argon2 on the workers).
    ///
    /// # Errors
    /// [`Error::Invalid`] with Django's messages (missing or malformed fields, a taken user name, a weak password).
    pub async fn create(&self, body: &Value) -> Result<UserRecord> {
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
        record.password_hash = self.hash_password(&password).await?;
        if self.users.get(&record.username).await?.is_some() {
            return Err(Error::field("username", USERNAME_TAKEN));
        }
        record.id = self.next_id().await?;
        // The user name is the key: insert refuses one taken meanwhile (by any replica).
        if !self.users.insert(&record).await? {
            return Err(Error::field("username", USERNAME_TAKEN));
        }
        Ok(record)
    }

    /// The user with numeric id `id`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is none.
    pub async fn get(&self, id: u64) -> Result<UserRecord> {
        self.all()
            .await?
            .into_iter()
            .find(|u| u.id == id)
            .ok_or(Error::NotFound { kind: USER_KIND })
    }

    /// The user called `username`, if any.
    pub async fn by_name(&self, username: &str) -> Result<Option<UserRecord>> {
        Ok(self.users.get(username).await?)
    }

    /// A page of users, by id unless `ordering` says `username`/`-username`/`-id`; filters `username`,
    /// `username__contains`, `username__icontains`, `username__in`, `is_staff`, `is_active`.
    pub async fn list(&self, params: &ListParams) -> Result<Window<UserRecord>> {
        let mut users = self.all().await?;
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
        listing::window(listing::FromIter(users.into_iter()), params, None, keep).await
    }

    /// Updates (PUT, `Mode::Full`: `username` and `password` required) or partially updates (PATCH) user `id`.
    /// A new password is hashed (argon2 on the workers) and invalidates remembered credentials.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::Invalid`] for bad fields, a taken user name, or an attempt to rename,
    /// deactivate or demote the built-in admin.
    pub async fn update(&self, id: u64, body: &Value, mode: Mode) -> Result<UserRecord> {
        let mut b = Body::new(body, mode)?;
        let mut scratch = self.get(id).await?;
        let password = apply(&mut b, &mut scratch);
        b.finish()?;
        let password_hash = match password {
            Some(p) => Some(self.hash_password(&p).await?),
            None => None,
        };
        let _guard = self.writes.lock().await;
        // Re-read under the lock: another update may have landed while the password was being hashed.
        let old = self.get(id).await?;
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
            // The user name is the key: insert the new record before removing the old, so a crash between the
            // two leaves a duplicate (same id) rather than a lost user.
            if !self.users.insert(&record).await? {
                return Err(Error::field("username", USERNAME_TAKEN));
            }
            self.users.remove(&old.username).await?;
        } else {
            self.users.put(&record).await?;
        }
        self.forget(&old.username);
        Ok(record)
    }

    /// Deletes user `id` and forgets its remembered credentials. Refusing to delete the built-in admin is the
    /// caller's decision (the HTTP edge answers 403).
    ///
    /// # Errors
    /// [`Error::NotFound`].
    pub async fn delete(&self, id: u64) -> Result<UserRecord> {
        let _guard = self.writes.lock().await;
        let record = self.get(id).await?;
        self.users.remove(&record.username).await?;
        self.forget(&record.username);
        Ok(record)
    }

    /// Every user (the table is small).
    async fn all(&self) -> Result<Vec<UserRecord>> {
        Ok(self.users.all("", store::Order::Asc).await?)
    }

    /// One more than the highest id ever allocated (admin is 1), recorded before use: an atomic increment in
    /// the store, so concurrent creates (on any replica) never share an id.
    async fn next_id(&self) -> Result<u64> {
        let in_use = self.all().await?.iter().map(|u| u.id).max().unwrap_or(1);
        let stored = self
            .sequence
            .update(SEQUENCE_KEY, |old| {
                let last = old.map_or(0, |s| s.last).max(in_use) + 1;
                Some(store::Write::Put(UserSequence {
                    key: SEQUENCE_KEY.into(),
                    last,
                }))
            })
            .await?;
        stored
            .map(|s| s.last)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("the user id sequence was not written")))
    }

    /// Drops the remembered credentials of `username` (after any change of that user).
    fn forget(&self, username: &str) {
        self.verified.forget(username);
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

    #[tokio::test]
    async fn generated_admin_password_is_private_and_works() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let auth = Auth::open(&store, throttle::DEFAULT_LIMIT).unwrap();
        let path = auth
            .bootstrap_admin(None, dir.path())
            .await
            .unwrap()
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let password = std::fs::read_to_string(&path).unwrap();
        assert!(accepts(&auth, ADMIN, password.trim()).await);
        assert!(!accepts(&auth, ADMIN, "wrong").await);
        // A second start neither regenerates nor changes it.
        assert!(auth
            .bootstrap_admin(None, dir.path())
            .await
            .unwrap()
            .is_none());
        assert!(accepts(&auth, ADMIN, password.trim()).await);
        // The env var wins and the old password stops working.
        auth.bootstrap_admin(Some("s3cret"), dir.path())
            .await
            .unwrap();
        assert!(accepts(&auth, ADMIN, "s3cret").await);
        assert!(!accepts(&auth, ADMIN, password.trim()).await);
    }

    async fn check(auth: &Auth, username: &str, password: &str) -> Check {
        auth.verify(username, password, None).await.unwrap()
    }

    async fn accepts(auth: &Auth, username: &str, password: &str) -> bool {
        matches!(check(auth, username, password).await, Check::Accepted(_))
    }

    async fn identity(auth: &Auth, username: &str, password: &str) -> Identity {
        match check(auth, username, password).await {
            Check::Accepted(identity) => identity,
            other => panic!("{username} was not accepted: {other:?}"),
        }
    }

    async fn open_auth(dir: &Path) -> Auth {
        let store = Store::open(&dir.join("db")).unwrap();
        let auth = Auth::open(&store, throttle::DEFAULT_LIMIT).unwrap();
        auth.bootstrap_admin(Some("admin-password"), dir)
            .await
            .unwrap();
        auth
    }

    #[tokio::test]
    async fn users_are_created_with_numeric_ids_and_unique_names() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path()).await;
        let alice = auth
            .create(&serde_json::json!({"username": "alice", "password": "alice-pass", "email": "a@example.com"}))
            .await.unwrap();
        assert_eq!(
            (alice.id, alice.href()),
            (2, "/pulp/api/v3/users/2/".to_string())
        );
        assert!(alice.is_active && !alice.is_staff);
        let bob = auth
            .create(&serde_json::json!({"username": "bob", "password": "bob-password", "is_staff": true}))
            .await.unwrap();
        assert_eq!(bob.id, 3);
        let err = auth
            .create(&serde_json::json!({"username": "alice", "password": "another-pass"}))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["username"] == [USERNAME_TAKEN]),
            "{err:?}"
        );
        let err = auth
            .create(&serde_json::json!({"username": "a:b", "password": "1234", "email": "nope"}))
            .await
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
        let err = auth.create(&serde_json::json!({})).await.unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!()
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["password", "username"]);

        let alice_identity = identity(&auth, "alice", "alice-pass").await;
        assert!(!alice_identity.is_staff);
        assert!(identity(&auth, "bob", "bob-password").await.is_staff);
        assert_eq!(auth.get(2).await.unwrap().username, "alice");
        assert!(matches!(
            auth.get(99).await,
            Err(Error::NotFound { kind: "User" })
        ));

        let page = auth
            .list(&ListParams {
                limit: 10,
                ..ListParams::default()
            })
            .await
            .unwrap();
        let names: Vec<_> = page.items.iter().map(|u| u.username.as_str()).collect();
        assert_eq!((page.count, names), (3, vec!["admin", "alice", "bob"]));
        let mut params = ListParams {
            limit: 10,
            ..ListParams::default()
        };
        params.filters.insert("username".into(), "bob".into());
        assert_eq!(auth.list(&params).await.unwrap().count, 1);

        // A deleted user's id is never handed out again.
        auth.delete(3).await.unwrap();
        assert!(!accepts(&auth, "bob", "bob-password").await);
        let carol = auth
            .create(&serde_json::json!({"username": "carol", "password": "carol-pass"}))
            .await
            .unwrap();
        assert_eq!(carol.id, 4);
    }

    #[tokio::test]
    async fn password_change_and_deactivation_take_effect_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path()).await;
        let alice = auth
            .create(&serde_json::json!({"username": "alice", "password": "first-pass"}))
            .await
            .unwrap();
        assert!(accepts(&auth, "alice", "first-pass").await, "now cached");
        auth.update(
            alice.id,
            &serde_json::json!({"password": "second-pass"}),
            Mode::Partial,
        )
        .await
        .unwrap();
        assert!(!accepts(&auth, "alice", "first-pass").await);
        assert!(accepts(&auth, "alice", "second-pass").await);

        auth.update(
            alice.id,
            &serde_json::json!({"is_active": false}),
            Mode::Partial,
        )
        .await
        .unwrap();
        assert!(!accepts(&auth, "alice", "second-pass").await);

        let renamed = auth
            .update(
                alice.id,
                &serde_json::json!({"username": "alicia", "is_active": true}),
                Mode::Partial,
            )
            .await
            .unwrap();
        assert_eq!(
            (renamed.id, renamed.username.as_str()),
            (alice.id, "alicia")
        );
        assert!(auth.by_name("alice").await.unwrap().is_none());
        assert!(accepts(&auth, "alicia", "second-pass").await);
        let err = auth
            .update(
                alice.id,
                &serde_json::json!({"username": "admin"}),
                Mode::Partial,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["username"] == [USERNAME_TAKEN]),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn builtin_admin_cannot_be_renamed_deactivated_or_demoted() {
        let dir = tempfile::tempdir().unwrap();
        let auth = open_auth(dir.path()).await;
        let err = auth
            .update(
                1,
                &serde_json::json!({"username": "root", "is_active": false, "is_staff": false}),
                Mode::Partial,
            )
            .await
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
            .await
            .unwrap();
        assert!(admin.is_builtin_admin());
        assert!(accepts(&auth, ADMIN, "admin-password").await);
    }

    /// A test Auth with throttle `limit`, alice (password `alice-pass`) and an inactive carol.
    async fn with_users(dir: &Path, limit: u32) -> Auth {
        let store = Store::open(&dir.join("db")).unwrap();
        let auth = Auth::open(&store, limit).unwrap();
        auth.create(&serde_json::json!({"username": "alice", "password": "alice-pass"}))
            .await
            .unwrap();
        auth.create(&serde_json::json!({"username": "bob", "password": "bob-password"}))
            .await
            .unwrap();
        auth.create(
            &serde_json::json!({"username": "carol", "password": "carol-pass", "is_active": false}),
        )
        .await
        .unwrap();
        auth
    }

    #[tokio::test]
    async fn unknown_and_inactive_users_cost_one_argon2_check_like_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let auth = with_users(dir.path(), 0).await;
        for (username, password) in [
            ("alice", "wrong-1"),
            ("nobody", "wrong-2"),
            ("carol", "carol-pass"),
            ("carol", "wrong-3"),
        ] {
            let before = auth.passwords.checks_run();
            assert!(matches!(
                check(&auth, username, password).await,
                Check::Rejected
            ));
            assert_eq!(
                auth.passwords.checks_run(),
                before + 1,
                "{username}: one argon2 check"
            );
        }
    }

    #[tokio::test]
    async fn a_verified_credential_is_cached_and_concurrent_ones_share_a_check() {
        let dir = tempfile::tempdir().unwrap();
        let auth = with_users(dir.path(), throttle::DEFAULT_LIMIT).await;
        let before = auth.passwords.checks_run();
        let answers =
            futures::future::join_all((0..8).map(|_| check(&auth, "alice", "alice-pass"))).await;
        assert!(answers.iter().all(|a| matches!(a, Check::Accepted(_))));
        assert!(accepts(&auth, "alice", "alice-pass").await);
        assert_eq!(auth.passwords.checks_run(), before + 1);
        assert!(
            lock(&auth.in_flight).is_empty(),
            "finished checks leave the map"
        );
    }

    #[tokio::test]
    async fn repeated_failures_are_throttled_but_a_cached_credential_still_passes() {
        let dir = tempfile::tempdir().unwrap();
        let auth = with_users(dir.path(), 3).await;
        let attacker: Option<IpAddr> = Some("192.0.2.66".parse().unwrap());
        let elsewhere: Option<IpAddr> = Some("198.51.100.7".parse().unwrap());
        let verify = |u: &'static str, p: &'static str, client| {
            let auth = auth.clone();
            async move { auth.verify(u, p, client).await.unwrap() }
        };
        // alice logs in from elsewhere before the attack.
        assert!(matches!(
            verify("alice", "alice-pass", elsewhere).await,
            Check::Accepted(_)
        ));
        for n in 0..3 {
            let wrong = ["guess-0", "guess-1", "guess-2"][n];
            assert!(matches!(
                verify("alice", wrong, attacker).await,
                Check::Rejected
            ));
        }
        let before = auth.passwords.checks_run();
        // The attacker is refused without a check: 3 a minute drain one every 20 s.
        let Check::Throttled { retry_after } = verify("alice", "guess-3", attacker).await else {
            panic!("the fourth failure in a row is throttled");
        };
        assert_eq!(retry_after, Duration::from_secs(20));
        assert!(
            matches!(
                verify("bob", "bob-password", attacker).await,
                Check::Throttled { .. }
            ),
            "the client is throttled, whoever it claims to be"
        );
        // alice's user name is throttled too, but her cached credential still works, from anywhere.
        assert!(matches!(
            verify("alice", "another-guess", elsewhere).await,
            Check::Throttled { .. }
        ));
        assert!(matches!(
            verify("alice", "alice-pass", elsewhere).await,
            Check::Accepted(_)
        ));
        assert!(matches!(
            verify("alice", "alice-pass", attacker).await,
            Check::Accepted(_)
        ));
        assert_eq!(
            auth.passwords.checks_run(),
            before,
            "no argon2 while throttled"
        );
        // Someone else logs in from elsewhere as usual.
        assert!(matches!(
            verify("bob", "bob-password", elsewhere).await,
            Check::Accepted(_)
        ));
    }

    #[tokio::test]
    async fn successful_logins_never_count_as_failures() {
        let dir = tempfile::tempdir().unwrap();
        let auth = with_users(dir.path(), 2).await;
        let client: Option<IpAddr> = Some("192.0.2.1".parse().unwrap());
        for _ in 0..5 {
            // Each update forgets the cached credential, so every login runs argon2 and succeeds.
            auth.update(
                2,
                &serde_json::json!({"email": "a@example.com"}),
                Mode::Partial,
            )
            .await
            .unwrap();
            assert!(matches!(
                auth.verify("alice", "alice-pass", client).await.unwrap(),
                Check::Accepted(_)
            ));
        }
        assert!(matches!(
            auth.verify("alice", "wrong", client).await.unwrap(),
            Check::Rejected
        ));
    }
}
