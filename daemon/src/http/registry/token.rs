//! `GET /token/` (and `/token`: clients use the challenge's realm verbatim): Docker's token endpoint.
//!
//! Query: `service` (ignored: there is one), `scope` (repeated, each possibly several space-separated scopes),
//! `account` (ignored: the Basic credentials say who asks). With Basic credentials the token is the user's;
//! wrong credentials answer Pulp's 401 `{"detail": "Invalid username/password."}` (429 with `Retry-After`
//! after repeated failures, see `auth::throttle`); without any, an anonymous token (podman asks for one before
//! every anonymous pull). What each scope grants is `auth::token`'s policy.
//! Answers `{"token", "access_token", "expires_in", "issued_at"}` as Pulp does.

use crate::app::App;
use crate::auth::token::{self, Requester, Scope, Target};
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::{
    basic_credentials_from, form_urlencoded_pairs, verify_basic, ClientAddr,
};
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/token/", get(issue))
        .route("/token", get(issue))
}

async fn issue(
    State(app): State<Arc<App>>,
    ClientAddr(client): ClientAddr,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let query = uri.query().unwrap_or("");
    let scope_values: Vec<String> = form_urlencoded_pairs(query)
        .filter(|(k, _)| k == "scope")
        .map(|(_, v)| v)
        .collect();
    let scopes = Scope::parse_all(scope_values.iter().map(String::as_str));
    let identity = match basic_credentials_from(&headers) {
        None => None,
        Some((user, password)) => Some(verify_basic(&app, &user, &password, client).await?),
    };
    let requester = match &identity {
        None => Requester::Anonymous,
        Some(i) if i.is_staff => Requester::Admin,
        Some(_) => Requester::User,
    };
    // What each repository named in a scope resolves to, through the registry's resolution, so names below a
    // pull-through base path (not pulled yet) count.
    let mut targets = std::collections::HashMap::new();
    for scope in scopes.iter().filter(|s| s.kind == "repository") {
        if targets.contains_key(&scope.name) {
            continue;
        }
        let distribution = app
            .registry
            .distribution_for(&scope.name)
            .await
            .map_err(|e| crate::error::Error::Internal(anyhow::Error::new(e)))?;
        let wants_push = scopes
            .iter()
            .any(|s| s.name == scope.name && s.actions.iter().any(|a| a == "push" || a == "*"));
        let pushable = match &identity {
            Some(who) if wants_push && !who.is_staff => {
                let decision = super::access::push_decision(&app, Some(who), &scope.name)
                    .await
                    .map_err(|e| crate::error::Error::Internal(anyhow::Error::new(e)))?;
                decision == crate::push::Decision::Allowed
            }
            _ => false,
        };
        let target = match distribution {
            _ if pushable => Target::Pushable,
            None => Target::Unknown,
            Some(d) if app.policy.may_pull(identity.as_ref(), &d).await? => Target::Pullable,
            Some(_) => Target::Denied,
        };
        targets.insert(scope.name.clone(), target);
    }
    let access = token::authorize(&scopes, requester, |name| {
        Ok::<_, crate::error::Error>(targets.get(name).copied().unwrap_or(Target::Unknown))
    })?;
    let subject = identity.as_ref().map(|i| i.username.as_str());
    tracing::debug!(
        subject = subject.unwrap_or(""),
        scopes = scopes.len(),
        granted = access.len(),
        "issued a registry token"
    );
    let token = app
        .tokens
        .issue(subject, access)
        .map_err(|e| internal(e.into()))?;
    Ok(Json(json!({
        "token": token.token,
        "access_token": token.token,
        "expires_in": token.expires_in,
        "issued_at": token.issued_at,
    })))
}

fn internal(e: anyhow::Error) -> ApiError {
    ApiError::Domain(crate::error::Error::Internal(e))
}

/// Why a Bearer challenge is sent, when a token was presented (RFC 6750 §3.1's `error` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerError {
    /// The token is malformed, forged, expired or for another service.
    InvalidToken,
    /// The token is valid but does not grant the scope.
    InsufficientScope,
}

/// The 401 asking for a token from this daemon's realm, worded as Pulp words it (transcript §14):
/// `WWW-Authenticate: Bearer realm="http://<host>/token/",service="<host>"[,scope="…"][,error="…"]` and an OCI
/// `UNAUTHORIZED` body.
pub fn bearer_challenge(
    app: &App,
    scope: Option<&str>,
    error: Option<BearerError>,
) -> super::error::RegistryError {
    use super::error::{Code, RegistryError};
    let mut value = format!(
        "Bearer realm=\"{}\",service=\"{}\"",
        app.tokens.realm(),
        app.tokens.service()
    );
    if let Some(scope) = scope {
        value.push_str(&format!(",scope=\"{scope}\""));
    }
    let message = match error {
        None => "Authentication credentials were not provided.",
        Some(BearerError::InvalidToken) => {
            value.push_str(",error=\"invalid_token\"");
            "Access to the requested resource is not authorized. The provided Bearer token is invalid."
        }
        Some(BearerError::InsufficientScope) => {
            value.push_str(",error=\"insufficient_scope\"");
            "Insufficient permissions"
        }
    };
    RegistryError::new(Code::Unauthorized)
        .message(message)
        .detail(json!({}))
        .header(axum::http::header::WWW_AUTHENTICATE, &value)
}

/// The token of an `Authorization: Bearer <token>` header, if that is what `headers` carry.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}
