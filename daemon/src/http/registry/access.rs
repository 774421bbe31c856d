//! Who may pull what from `/v2/`.
//!
//! Token auth off: anonymous callers pull public distributions; private ones need valid basic credentials
//! (401 with a Basic challenge otherwise, 429 `TOOMANYREQUESTS` with `Retry-After` after repeated failures).
//! Token auth on: every request carries a Bearer token from `/token/` whose `access` claims name the repository
//! with `pull`; otherwise 401 with a Bearer challenge naming the realm, service and scope, which is what podman,
//! skopeo and docker follow. A token is only as good as its subject: once that user is deactivated or deleted
//! its tokens are refused at once (`invalid_token`), not when they expire.

use super::error::{Code, RegistryError};
use crate::app::App;
use crate::auth::Check;
use crate::distributions::DistributionRecord;
use crate::http::error::retry_after_seconds;
use crate::http::extract::basic_credentials_from;
use axum::http::{header, HeaderMap};
use std::net::IpAddr;

/// The realm a Basic challenge names.
const BASIC_REALM: &str = "Basic realm=\"pulpd\"";

/// Who is calling, as far as pulling goes.
#[derive(Debug, Clone)]
pub enum RegistryCaller {
    /// No credentials.
    Anonymous,
    /// Valid basic credentials (token auth off).
    User(crate::auth::Identity),
    /// A valid Bearer token: its subject, the repository names it grants `pull` on, and whether it grants
    /// `registry:catalog:*`.
    Token {
        subject: Option<String>,
        pulls: Vec<String>,
        /// Names the token grants `push` on.
        pushes: Vec<String>,
        catalog: bool,
    },
}

impl RegistryCaller {
    /// Whether this caller may pull `distribution`: anonymous and basic-auth callers as the access policy says
    /// (`auth::policy`), token holders what their token grants (the policy decided when it was issued).
    pub async fn may_pull(&self, app: &App, distribution: &DistributionRecord) -> bool {
        let who = match self {
            RegistryCaller::Anonymous => None,
            RegistryCaller::User(identity) => Some(identity),
            RegistryCaller::Token { pulls, .. } => {
                return pulls.iter().any(|n| n == &distribution.base_path)
            }
        };
        app.policy
            .may_pull(who, distribution)
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "could not read role assignments; refusing the pull");
                false
            })
    }

    /// Whether a token caller was granted `pull` on `name`.
    fn token_grants(&self, name: &str) -> bool {
        matches!(self, RegistryCaller::Token { pulls, .. } if pulls.iter().any(|n| n == name))
    }
}

/// Who a token's subject is now: an active user (administrator or not), else `None`, anonymous (the user may
/// have been deleted or deactivated since the token was issued).
async fn subject_identity(
    app: &App,
    subject: Option<&str>,
) -> Result<Option<crate::auth::Identity>, RegistryError> {
    let Some(name) = subject else {
        return Ok(None);
    };
    let user = app
        .auth
        .by_name(name)
        .await
        .map_err(|e| RegistryError::from(crate::registry::Error::from(e)))?;
    Ok(user.filter(|u| u.is_active).map(|u| u.identity()))
}

/// The base paths of `candidates` that `caller` sees in `_catalog`: those it may pull, and for a token granting
/// `registry:catalog:*`, those its subject may pull (a catalog token names no repositories).
pub async fn catalog_visible(
    app: &App,
    caller: &RegistryCaller,
    candidates: Vec<DistributionRecord>,
) -> Result<Vec<String>, RegistryError> {
    let listing = match caller {
        RegistryCaller::Token {
            subject,
            catalog: true,
            ..
        } => Some(subject_identity(app, subject.as_deref()).await?),
        _ => None,
    };
    let mut visible = Vec::new();
    for d in candidates {
        let seen = caller.may_pull(app, &d).await || match &listing {
            Some(who) => app
                .policy
                .may_pull(who.as_ref(), &d)
                .await
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "could not read role assignments; hiding the name");
                    false
                }),
            None => false,
        };
        if seen {
            visible.push(d.base_path);
        }
    }
    Ok(visible)
}

/// Identifies the caller of a `/v2/` request coming from `client` (its address, when known).
///
/// # Errors
/// 401 when credentials are present but wrong; 429 when the client or user name is throttled.
pub async fn caller(
    app: &App,
    headers: &HeaderMap,
    client: Option<IpAddr>,
) -> Result<RegistryCaller, RegistryError> {
    // The checks below are boxed: they are large futures that an anonymous pull would otherwise carry.
    if app.token_auth {
        return Box::pin(bearer_caller(app, headers)).await;
    }
    // containers/image answers a Basic challenge with empty credentials when it has none: that is anonymous.
    let Some((user, password)) = basic_credentials_from(headers).filter(|(u, _)| !u.is_empty())
    else {
        return Ok(RegistryCaller::Anonymous);
    };
    let check = Box::pin(app.auth.verify(&user, &password, client))
        .await
        .map_err(|e| RegistryError::from(crate::registry::Error::from(e)))?;
    match check {
        Check::Accepted(identity) => Ok(RegistryCaller::User(identity)),
        Check::Rejected => Err(challenge(app, None).message("invalid username or password")),
        Check::Throttled { retry_after } => Err(RegistryError::new(Code::TooManyRequests)
            .message("too many failed logins; try again later")
            .header(
                header::RETRY_AFTER,
                &retry_after_seconds(retry_after).to_string(),
            )),
    }
}

/// The caller of a request under token auth, from its `Authorization: Bearer` header.
///
/// No Bearer token (nothing, or Basic credentials, which token auth does not take on `/v2/`) is `Anonymous`; a
/// token that does not verify (forged, expired, another service's) or whose subject is no longer an active user
/// is a 401 with `error="invalid_token"`.
async fn bearer_caller(app: &App, headers: &HeaderMap) -> Result<RegistryCaller, RegistryError> {
    let Some(token) = super::token::bearer_token(headers) else {
        return Ok(RegistryCaller::Anonymous);
    };
    let invalid =
        || super::token::bearer_challenge(app, None, Some(super::token::BearerError::InvalidToken));
    let claims = app.tokens.verify(token).map_err(|e| {
        tracing::debug!(error = %e, "refused a bearer token");
        invalid()
    })?;
    if let Some(subject) = claims.subject() {
        // One read of a small table per request; no cache, so a change of the user is seen at once.
        let user = app
            .auth
            .by_name(subject)
            .await
            .map_err(|e| RegistryError::from(crate::registry::Error::from(e)))?;
        // A token older than its user was issued to an earlier user of the same name (deleted since).
        let same_user = |u: &crate::auth::UserRecord| {
            chrono::DateTime::parse_from_rfc3339(&u.created)
                .map(|joined| claims.iat >= joined.timestamp().max(0) as u64)
                .unwrap_or(true)
        };
        if !user.is_some_and(|u| u.is_active && same_user(&u)) {
            tracing::debug!(
                subject,
                "refused a bearer token: its user is gone, inactive or another user of that name"
            );
            return Err(invalid());
        }
    }
    Ok(RegistryCaller::Token {
        subject: claims.subject().map(str::to_string),
        pulls: claims.pullable(),
        pushes: claims.pushable(),
        catalog: claims.lists_catalog(),
    })
}

/// The 401 that tells a client how to authenticate for `scope` (e.g. `repository:test:pull`).
///
/// Under token auth, the Bearer form (`Bearer realm="http://<registry host>/token/",service="<registry
/// host>",scope="..."`, Pulp's wording); see `token::bearer_challenge` for the `invalid_token` and
/// `insufficient_scope` variants.
pub fn challenge(app: &App, scope: Option<&str>) -> RegistryError {
    if app.token_auth {
        return super::token::bearer_challenge(app, scope, None);
    }
    RegistryError::new(Code::Unauthorized).header(header::WWW_AUTHENTICATE, BASIC_REALM)
}

/// `GET /v2/`: only an authenticated caller gets 200. Anonymous callers get the challenge (Pulp does this with
/// token auth off too): it is how clients learn the scheme, and podman sends credentials only after one.
/// Anonymous pulls of public content still work, since the pull endpoints admit anonymous callers.
pub fn check_base(app: &App, caller: &RegistryCaller) -> Result<(), RegistryError> {
    if matches!(caller, RegistryCaller::Anonymous) {
        return Err(challenge(app, None).message("Authentication credentials were not provided."));
    }
    Ok(())
}

/// Refuses a pull of `distribution` by `caller`: 401 with a challenge for the repository's pull scope (so the
/// client fetches a token or credentials and retries).
pub async fn check_pull(
    app: &App,
    caller: &RegistryCaller,
    distribution: &DistributionRecord,
) -> Result<(), RegistryError> {
    let scope = format!("repository:{}:pull", distribution.base_path);
    let may_pull = caller.may_pull(app, distribution).await;
    match caller {
        // Under token auth even public content needs a (possibly anonymous) token, as in Pulp.
        RegistryCaller::Anonymous if app.token_auth => Err(challenge(app, Some(&scope))),
        _ if may_pull => Ok(()),
        RegistryCaller::Token { .. } => Err(super::token::bearer_challenge(
            app,
            Some(&scope),
            Some(super::token::BearerError::InsufficientScope),
        )),
        _ => Err(challenge(app, Some(&scope))),
    }
}

/// The answer for `name` when no distribution serves it. A caller who would be refused a private name gets the
/// same refusal, so unknown and private names look alike to it: anonymous callers the challenge for the
/// name's pull scope, tokens that grant nothing on the name `insufficient_scope`. Others get `NAME_UNKNOWN`.
pub fn unknown_name(app: &App, caller: &RegistryCaller, name: &str) -> RegistryError {
    let scope = format!("repository:{name}:pull");
    match caller {
        RegistryCaller::Anonymous => challenge(app, Some(&scope)),
        RegistryCaller::Token { .. } if !caller.token_grants(name) => {
            super::token::bearer_challenge(
                app,
                Some(&scope),
                Some(super::token::BearerError::InsufficientScope),
            )
        }
        _ => crate::registry::Error::NameUnknown.into(),
    }
}

/// `GET /v2/_catalog`: without token auth anyone may list (and sees what they may pull); with it, a token is
/// needed, and an anonymous caller is challenged for the catalog scope.
pub fn check_catalog(app: &App, caller: &RegistryCaller) -> Result<(), RegistryError> {
    if app.token_auth && matches!(caller, RegistryCaller::Anonymous) {
        return Err(challenge(app, Some("registry:catalog:*")));
    }
    Ok(())
}

/// Whether `who` may push to `name` (see [`crate::push::Push::decide`]): the distribution at that name and
/// whether it lies below a pull-through cache are looked up here.
pub async fn push_decision(
    app: &App,
    who: Option<&crate::auth::Identity>,
    name: &str,
) -> Result<crate::push::Decision, crate::push::Error> {
    let existing = app.distributions.by_base_path(name).await?;
    let below_pull_through =
        existing.is_none() && app.distributions.pull_through_for(name).await?.is_some();
    app.push
        .decide(who, name, existing.as_ref(), below_pull_through)
        .await
}

/// Checks that `caller` may push to `name` and returns who it is (for the namespace a first push creates).
///
/// Nobody may push where [`push_decision`] refuses (403 `DENIED` saying why). Under token auth the token must
/// grant `push` on the name (the token service asked the policy when it issued it); otherwise the basic
/// credentials' user must be allowed. Anonymous callers never push: they get the challenge for the push scope.
pub async fn push_identity(
    app: &App,
    caller: &RegistryCaller,
    name: &str,
) -> Result<Option<crate::auth::Identity>, RegistryError> {
    let scope = format!("repository:{name}:pull,push");
    let who = match caller {
        RegistryCaller::Anonymous => None,
        RegistryCaller::User(identity) => Some(identity.clone()),
        RegistryCaller::Token { subject, .. } => subject_identity(app, subject.as_deref()).await?,
    };
    let decision = push_decision(app, who.as_ref(), name).await?;
    if let crate::push::Decision::Refused(why) = decision {
        return Err(RegistryError::new(Code::Denied).message(why));
    }
    match caller {
        RegistryCaller::Anonymous => {
            Err(challenge(app, Some(&scope)).message("pushing needs credentials: log in first"))
        }
        RegistryCaller::Token { pushes, .. } if pushes.iter().any(|n| n == name) => Ok(who),
        RegistryCaller::Token { .. } => Err(super::token::bearer_challenge(
            app,
            Some(&scope),
            Some(super::token::BearerError::InsufficientScope),
        )
        .message(format!("you may not push to {name}"))),
        RegistryCaller::User(_) if decision == crate::push::Decision::Allowed => Ok(who),
        RegistryCaller::User(_) => {
            Err(RegistryError::new(Code::Denied).message(format!("you may not push to {name}")))
        }
    }
}
