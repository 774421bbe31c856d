//! Docker token auth: the registry's Bearer tokens (JWTs, ES256) and who is granted what.
//!
//! The flow (Docker's "token authentication specification", followed by podman, skopeo and docker): `/v2/`
//! answers 401 with `WWW-Authenticate: Bearer realm=…,service=…,scope=…`; the client asks the realm (`/token/`)
//! for `scope=repository:<name>:pull[,push]`, with basic credentials when it has some and anonymously otherwise;
//! it retries with `Authorization: Bearer <token>`. The token's `access` claim lists what was granted, which can
//! be less than what was asked.
//!
//! This module owns:
//! - the signing key: a P-256 key generated on first start and kept, PKCS#8 PEM, mode 0600, in
//!   `<data dir>/token-signing-key.pem`, so tokens issued before a restart stay valid after it;
//! - [`TokenService::issue`] and [`TokenService::verify`]: claims `iss` (the realm URL), `aud` (the registry host,
//!   Docker's "service"), `sub` (user name, empty when anonymous), `iat`, `nbf`, `exp` ([`TOKEN_TTL`]), `jti` and
//!   `access`, with the header's `kid` in libtrust's fingerprint form as Distribution and Pulp write it;
//! - [`Scope`] parsing and [`grant`]: a `pull` is granted on what the requester may pull (public
//!   distributions, and private ones a role lets them pull: the access policy in `auth::policy` decides and
//!   the caller passes the answer in as a [`Target`]); any authenticated user may list the catalog;
//!   administrators (`is_staff`) may do anything asked (push included, so a push can create a repository).
//!   Names that resolve to no distribution get nothing, except for administrators.
//!
//! It knows nothing of HTTP: `http/registry/token.rs` serves `/token/`, `http/registry/access.rs` checks tokens.

use super::write_private;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use p256::SecretKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file in the data directory holding the signing key.
pub const KEY_FILE: &str = "token-signing-key.pem";

/// The key of the signing key in the metadata store's `settings` table (shared stores).
const SHARED_KEY: &str = "token_signing_key";
/// How long a token is valid. Pulp and Distribution use 300 s; clients fetch a new one when it runs out.
pub const TOKEN_TTL: Duration = Duration::from_secs(300);

/// Errors of token issue and verification.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The token is malformed, not signed by this daemon's key, for another service, or expired.
    #[error("invalid token: {0}")]
    Invalid(String),
    /// The signing key could not be read, written or used.
    #[error("token signing key {path}: {reason}")]
    Key { path: PathBuf, reason: String },
}

/// One entry of the `access` claim: `{"type": "repository", "name": "library/hello", "actions": ["pull"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub actions: Vec<String>,
}

impl Access {
    /// Whether this entry grants `action` on resource `kind`/`name` (`*` grants every action).
    pub fn allows(&self, kind: &str, name: &str, action: &str) -> bool {
        self.kind == kind
            && self.name == name
            && self.actions.iter().any(|a| a == action || a == "*")
    }
}

/// The claims of a registry token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// The user name; empty for an anonymous token (as Pulp writes it).
    pub sub: String,
    pub aud: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub jti: String,
    #[serde(default)]
    pub access: Vec<Access>,
}

impl Claims {
    /// The user the token was issued to; `None` when anonymous.
    pub fn subject(&self) -> Option<&str> {
        (!self.sub.is_empty()).then_some(self.sub.as_str())
    }

    /// Whether the token grants `action` on repository `name`.
    pub fn allows_repository(&self, name: &str, action: &str) -> bool {
        self.access
            .iter()
            .any(|a| a.allows("repository", name, action))
    }

    /// Whether the token grants listing the catalog (`registry:catalog:*`, any action).
    pub fn lists_catalog(&self) -> bool {
        self.access
            .iter()
            .any(|a| a.kind == "registry" && a.name == "catalog" && !a.actions.is_empty())
    }

    /// Names of the repositories the token grants `pull` on.
    pub fn pullable(&self) -> Vec<String> {
        self.access
            .iter()
            .filter(|a| a.kind == "repository" && a.actions.iter().any(|x| x == "pull" || x == "*"))
            .map(|a| a.name.clone())
            .collect()
    }

    /// Names of the repositories the token grants `push` on.
    pub fn pushable(&self) -> Vec<String> {
        self.access
            .iter()
            .filter(|a| a.kind == "repository" && a.actions.iter().any(|x| x == "push" || x == "*"))
            .map(|a| a.name.clone())
            .collect()
    }
}

/// An issued token, as `/token/` answers it.
#[derive(Debug, Clone)]
pub struct Token {
    pub token: String,
    /// Seconds.
    pub expires_in: u64,
    /// RFC 3339, UTC, microseconds (`2026-11-23T08:12:23.995928Z`).
    pub issued_at: String,
}

/// Issues and verifies registry tokens with this daemon's key.
pub struct TokenService {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// libtrust fingerprint of the public key, the JWT header's `kid`.
    kid: String,
    /// The realm URL, written as `iss` and required of tokens presented.
    issuer: String,
    /// The registry host (Docker's "service"), written as `aud` and required of tokens presented.
    audience: String,
}

impl std::fmt::Debug for TokenService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenService")
            .field("kid", &self.kid)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl TokenService {
    /// Loads the signing key from `data_dir`, generating it on first start. `registry_host` is the host:port
    /// clients pull from: the token's audience and the realm's host.
    ///
    /// # Errors
    /// [`Error::Key`] when the key file cannot be read, written or parsed.
    pub fn open(data_dir: &Path, registry_host: &str) -> Result<TokenService, Error> {
        let path = data_dir.join(KEY_FILE);
        let key_error = |reason: String| Error::Key {
            path: path.clone(),
            reason,
        };
        let secret = match std::fs::read_to_string(&path) {
            Ok(pem) => SecretKey::from_pkcs8_pem(&pem)
                .map_err(|e| key_error(format!("not a PKCS#8 P-256 key: {e}")))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let secret = SecretKey::random(&mut rand::rngs::OsRng);
                let pem = secret
                    .to_pkcs8_pem(LineEnding::LF)
                    .map_err(|e| key_error(format!("encoding: {e}")))?;
                write_private(&path, &pem).map_err(|e| key_error(format!("{e:#}")))?;
                tracing::info!(file = %path.display(), "generated the registry token signing key");
                secret
            }
            Err(e) => return Err(key_error(e.to_string())),
        };
        TokenService::with_key(secret, registry_host).map_err(key_error)
    }

    /// Loads the signing key from the metadata store, the first replica generating it, so that a token issued
    /// by one replica is accepted by every other. `registry_host` as for [`TokenService::open`].
    ///
    /// # Errors
    /// [`Error::Key`] when the stored key cannot be read, written or parsed.
    pub async fn open_shared(
        store: &crate::store::Store,
        registry_host: &str,
    ) -> Result<TokenService, Error> {
        let key_error = |reason: String| Error::Key {
            path: PathBuf::from("metadata store: settings/token_signing_key"),
            reason,
        };
        let table = store
            .bytes_table("settings")
            .map_err(|e| key_error(e.to_string()))?;
        let fresh = SecretKey::random(&mut rand::rngs::OsRng)
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| key_error(format!("encoding: {e}")))?;
        // Create-only: of replicas starting together, the first write wins and all read it back.
        if table
            .insert(SHARED_KEY, fresh.as_bytes())
            .await
            .map_err(|e| key_error(e.to_string()))?
        {
            tracing::info!("generated the registry token signing key in the metadata store");
        }
        let pem = table
            .get(SHARED_KEY)
            .await
            .map_err(|e| key_error(e.to_string()))?
            .ok_or_else(|| key_error("missing after it was written".into()))?;
        let secret = SecretKey::from_pkcs8_pem(&String::from_utf8_lossy(&pem))
            .map_err(|e| key_error(format!("not a PKCS#8 P-256 key: {e}")))?;
        TokenService::with_key(secret, registry_host).map_err(key_error)
    }

    fn with_key(
        secret: SecretKey,
        registry_host: &str,
    ) -> std::result::Result<TokenService, String> {
        let key_error = |reason: String| reason;
        let der = secret
            .to_pkcs8_der()
            .map_err(|e| key_error(format!("encoding: {e}")))?;
        let public = secret.public_key();
        let spki = public
            .to_public_key_der()
            .map_err(|e| key_error(format!("encoding the public key: {e}")))?;
        let point = p256::EncodedPoint::from(public);
        Ok(TokenService {
            encoding: EncodingKey::from_ec_der(der.as_bytes()),
            decoding: DecodingKey::from_ec_der(point.as_bytes()),
            kid: libtrust_key_id(spki.as_bytes()),
            issuer: format!("http://{registry_host}/token/"),
            audience: registry_host.to_string(),
        })
    }

    /// Uses `scheme` (`https` when pulpd serves TLS) in the realm and issuer instead of `http`.
    pub fn with_scheme(mut self, scheme: &str) -> TokenService {
        self.issuer = format!("{scheme}://{}/token/", self.audience);
        self
    }

    /// The realm clients are sent to (`http(s)://<registry host>/token/`).
    pub fn realm(&self) -> &str {
        &self.issuer
    }

    /// The service name (the registry host).
    pub fn service(&self) -> &str {
        &self.audience
    }

    /// Issues a token to `subject` (`None` = anonymous) granting `access`, valid for [`TOKEN_TTL`] from now.
    ///
    /// # Errors
    /// [`Error::Key`] if signing fails (a broken key).
    pub fn issue(&self, subject: Option<&str>, access: Vec<Access>) -> Result<Token, Error> {
        self.issue_at(SystemTime::now(), subject, access)
    }

    fn issue_at(
        &self,
        now: SystemTime,
        subject: Option<&str>,
        access: Vec<Access>,
    ) -> Result<Token, Error> {
        let iat = now
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs();
        let claims = Claims {
            iss: self.issuer.clone(),
            sub: subject.unwrap_or_default().to_string(),
            aud: self.audience.clone(),
            exp: iat + TOKEN_TTL.as_secs(),
            nbf: iat,
            iat,
            jti: uuid::Uuid::new_v4().to_string(),
            access,
        };
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid.clone());
        header.typ = Some("JWT".into());
        let token =
            jsonwebtoken::encode(&header, &claims, &self.encoding).map_err(|e| Error::Key {
                path: PathBuf::from(KEY_FILE),
                reason: format!("signing: {e}"),
            })?;
        Ok(Token {
            token,
            expires_in: TOKEN_TTL.as_secs(),
            issued_at: chrono::DateTime::<chrono::Utc>::from(now)
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        })
    }

    /// Checks a presented token: signature (this daemon's key, ES256 only), `aud`, `iss`, `exp` and `nbf`.
    ///
    /// # Errors
    /// [`Error::Invalid`] saying why.
    pub fn verify(&self, token: &str) -> Result<Claims, Error> {
        let mut validation = Validation::new(Algorithm::ES256);
        validation.set_audience(&[&self.audience]);
        validation.set_issuer(&[&self.issuer]);
        validation.validate_nbf = true;
        // Clocks are the daemon's own on both sides; a small leeway covers the second boundaries.
        validation.leeway = 5;
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|e| Error::Invalid(e.to_string()))
    }
}

/// libtrust's key id, as Distribution and Pulp put in `kid`: the SHA-256 of the DER public key, truncated to 240
/// bits, base32 (RFC 4648, no padding), in twelve groups of four joined by `:`.
fn libtrust_key_id(spki_der: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let digest = Sha256::digest(spki_der);
    // 30 bytes = 240 bits = 48 base32 characters, no padding.
    let mut chars = String::with_capacity(48);
    for chunk in digest[..30].chunks(5) {
        let n = chunk.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
        for i in (0..8).rev() {
            chars.push(ALPHABET[((n >> (i * 5)) & 31) as usize] as char);
        }
    }
    chars
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A requested scope: `repository:library/hello:pull,push`, `registry:catalog:*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// `repository`, `registry`; a class suffix (`repository(plugin)`) is dropped.
    pub kind: String,
    pub name: String,
    pub actions: Vec<String>,
}

impl Scope {
    /// Parses one scope. The name may itself hold `:` (a host:port), so the type ends at the first `:` and the
    /// actions start after the last. `None` when malformed.
    pub fn parse(s: &str) -> Option<Scope> {
        let (kind, rest) = s.split_once(':')?;
        let (name, actions) = rest.rsplit_once(':')?;
        let kind = kind.split_once('(').map_or(kind, |(k, _)| k);
        if kind.is_empty() || name.is_empty() {
            return None;
        }
        Some(Scope {
            kind: kind.to_string(),
            name: name.to_string(),
            actions: actions
                .split(',')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        })
    }

    /// Every scope in the `scope` query values: repeated parameters, each possibly holding several
    /// space-separated scopes. Malformed ones are skipped (Distribution ignores them too).
    pub fn parse_all<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<Scope> {
        values
            .into_iter()
            .flat_map(str::split_whitespace)
            .filter_map(Scope::parse)
            .collect()
    }
}

/// Who asks for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requester {
    Anonymous,
    User,
    /// `is_staff`.
    Admin,
}

/// What a name resolves to for the requester, for the grant decision (the access policy, `auth::policy`, says
/// whether the requester may pull it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No distribution serves the name.
    Unknown,
    /// A distribution serves it and the requester may pull it.
    Pullable,
    /// A distribution serves it and the requester may not pull it.
    Denied,
    /// The requester may push to it (and pull it, when something is there).
    Pushable,
}

/// The actions the policy grants `requester` of those `scope` asks for, given what its name resolves to
/// (`target` is only consulted for `repository` scopes). An empty list means nothing is granted.
pub fn grant(scope: &Scope, requester: Requester, target: Target) -> Vec<String> {
    let granted = |allowed: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in &scope.actions {
            if allowed(a) && !out.contains(a) {
                out.push(a.clone());
            }
        }
        out
    };
    match (scope.kind.as_str(), requester) {
        ("repository", Requester::Admin) => granted(&|_| true),
        ("repository", Requester::User | Requester::Anonymous) if target == Target::Pullable => {
            granted(&|a| a == "pull")
        }
        ("repository", Requester::User) if target == Target::Pushable => {
            granted(&|a| a == "pull" || a == "push")
        }
        ("registry", Requester::User | Requester::Admin) if scope.name == "catalog" => {
            granted(&|_| true)
        }
        _ => Vec::new(),
    }
}

/// The `access` claim for `scopes` asked by `requester`: each scope's granted actions, scopes granted nothing
/// left out. `target_of(name)` says what a repository name resolves to.
///
/// # Errors
/// Whatever `target_of` fails with.
pub fn authorize<E>(
    scopes: &[Scope],
    requester: Requester,
    mut target_of: impl FnMut(&str) -> Result<Target, E>,
) -> Result<Vec<Access>, E> {
    let mut access = Vec::new();
    for scope in scopes {
        let target = if scope.kind == "repository" {
            target_of(&scope.name)?
        } else {
            Target::Unknown
        };
        let actions = grant(scope, requester, target);
        if !actions.is_empty() {
            access.push(Access {
                kind: scope.kind.clone(),
                name: scope.name.clone(),
                actions,
            });
        }
    }
    Ok(access)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn scope(s: &str) -> Scope {
        Scope::parse(s).unwrap()
    }

    #[test]
    fn key_is_private_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let first = TokenService::open(dir.path(), "localhost:5000").unwrap();
        let mode = std::fs::metadata(dir.path().join(KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let access = vec![Access {
            kind: "repository".into(),
            name: "library/hello".into(),
            actions: vec!["pull".into()],
        }];
        let token = first.issue(Some("alice"), access.clone()).unwrap();
        assert_eq!(token.expires_in, 300);
        assert!(token.issued_at.ends_with('Z'), "{}", token.issued_at);

        let second = TokenService::open(dir.path(), "localhost:5000").unwrap();
        assert_eq!(first.kid, second.kid);
        let claims = second.verify(&token.token).unwrap();
        assert_eq!(claims.subject(), Some("alice"));
        assert_eq!(claims.aud, "localhost:5000");
        assert_eq!(claims.iss, "http://localhost:5000/token/");
        assert_eq!(claims.access, access);
        assert_eq!(claims.exp - claims.iat, 300);
        assert!(claims.allows_repository("library/hello", "pull"));
        assert!(!claims.allows_repository("library/hello", "push"));
        assert!(!claims.allows_repository("library/other", "pull"));
    }

    #[test]
    fn foreign_expired_and_tampered_tokens_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ours = TokenService::open(dir.path(), "localhost:5000").unwrap();
        let other_dir = tempfile::tempdir().unwrap();
        let theirs = TokenService::open(other_dir.path(), "localhost:5000").unwrap();
        let foreign = theirs.issue(None, vec![]).unwrap();
        assert!(ours.verify(&foreign.token).is_err(), "another key's token");

        let other_service = TokenService::open(dir.path(), "localhost:6000").unwrap();
        let wrong_aud = other_service.issue(None, vec![]).unwrap();
        assert!(ours.verify(&wrong_aud.token).is_err(), "another audience");

        let old = SystemTime::now() - Duration::from_secs(3600);
        let expired = ours.issue_at(old, None, vec![]).unwrap();
        assert!(ours.verify(&expired.token).is_err(), "expired");

        let good = ours.issue(None, vec![]).unwrap().token;
        let mut parts: Vec<&str> = good.split('.').collect();
        let forged_claims = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            br#"{"iss":"http://localhost:5000/token/","sub":"admin","aud":"localhost:5000","exp":99999999999,"nbf":0,"iat":0,"jti":"x","access":[]}"#,
        );
        parts[1] = &forged_claims;
        assert!(ours.verify(&parts.join(".")).is_err(), "tampered claims");
        assert!(ours.verify("garbage").is_err());
        assert!(ours.verify(&good).unwrap().subject().is_none());
    }

    #[test]
    fn kid_has_libtrust_shape() {
        let kid = libtrust_key_id(b"anything");
        assert_eq!(kid.len(), 12 * 4 + 11);
        assert!(kid.split(':').all(|g| g.len() == 4
            && g.bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))));
    }

    #[test]
    fn parses_scopes() {
        assert_eq!(
            scope("repository:library/hello:pull,push"),
            Scope {
                kind: "repository".into(),
                name: "library/hello".into(),
                actions: vec!["pull".into(), "push".into()],
            }
        );
        assert_eq!(scope("repository(plugin):a:pull").kind, "repository");
        assert_eq!(scope("repository:host:5000/a:pull").name, "host:5000/a");
        assert_eq!(scope("registry:catalog:*").actions, ["*"]);
        assert_eq!(Scope::parse("nonsense"), None);
        let all = Scope::parse_all([
            "repository:a:pull repository:b:pull",
            "bad",
            "repository:c:pull",
        ]);
        let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn policy() {
        use Requester::*;
        use Target::*;
        let pull_push = scope("repository:a:pull,push");
        assert_eq!(grant(&pull_push, Anonymous, Pullable), ["pull"]);
        assert!(grant(&pull_push, Anonymous, Denied).is_empty());
        assert!(grant(&pull_push, Anonymous, Unknown).is_empty());
        assert_eq!(grant(&pull_push, User, Pullable), ["pull"]);
        assert!(grant(&pull_push, User, Denied).is_empty());
        assert!(grant(&pull_push, User, Unknown).is_empty());
        assert_eq!(grant(&pull_push, Admin, Denied), ["pull", "push"]);
        assert_eq!(grant(&pull_push, Admin, Unknown), ["pull", "push"]);
        let catalog = scope("registry:catalog:*");
        assert!(grant(&catalog, Anonymous, Unknown).is_empty());
        assert_eq!(grant(&catalog, User, Unknown), ["*"]);
        assert!(grant(&scope("registry:other:*"), Admin, Unknown).is_empty());
        assert!(grant(&scope("weird:a:pull"), Admin, Pullable).is_empty());

        let scopes = Scope::parse_all([
            "repository:pub:pull,push",
            "repository:priv:pull registry:catalog:*",
        ]);
        let target = |name: &str| -> Result<Target, ()> {
            Ok(if name == "pub" { Pullable } else { Denied })
        };
        let access = authorize(&scopes, Anonymous, target).unwrap();
        assert_eq!(
            access,
            [Access {
                kind: "repository".into(),
                name: "pub".into(),
                actions: vec!["pull".into()]
            }]
        );
        assert_eq!(authorize(&scopes, User, target).unwrap().len(), 2);
    }
}
