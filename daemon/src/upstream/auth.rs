//! Registry authentication pieces: parsing `WWW-Authenticate` challenges, the token endpoint's answer, and the
//! per-scope token cache. The request flow that uses them lives in [`super::Upstream`].
//!
//! Invariant: a cached token is never used after its `expires_in` (minus a safety margin), measured from when
//! we received it; the cache never holds expired tokens for long (they are pruned on every insert).

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;
use tokio::time::Instant;

/// Token lifetime when the token endpoint does not say (the Docker token spec's default).
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(60);

/// Longest safety margin taken off a token's lifetime, so a request never leaves with a token about to expire.
const MAX_EXPIRY_MARGIN: Duration = Duration::from_secs(10);

/// One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Challenge {
    /// The scheme, lowercased (`basic`, `bearer`).
    pub scheme: String,
    /// Parameters in order; names lowercased, values unquoted and unescaped.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// The first value of parameter `name` (lowercase).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every scope the challenge names: several `scope` params, each possibly space-separated.
    pub fn scopes(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(n, _)| n == "scope")
            .flat_map(|(_, v)| v.split_whitespace().map(str::to_owned))
            .collect()
    }
}

/// Parses every challenge in a `WWW-Authenticate` value (RFC 9110 §11.6.1). Tolerant: quoted values may hold
/// commas, spaces and `\"` escapes; unquoted values run to the next comma; several challenges may share one
/// header; junk is skipped rather than failing the whole header.
pub(super) fn parse_challenges(header: &str) -> Vec<Challenge> {
    let bytes = header.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        skip(bytes, &mut i, |c| c.is_ascii_whitespace() || c == b',');
        if i >= bytes.len() {
            return out;
        }
        let scheme = token(header, &mut i);
        if scheme.is_empty() {
            // A stray `=` or `"` where a scheme should be: skip it.
            i += 1;
            continue;
        }
        let mut challenge = Challenge {
            scheme: scheme.to_ascii_lowercase(),
            params: Vec::new(),
        };
        loop {
            let before = i;
            skip(bytes, &mut i, |c| c.is_ascii_whitespace() || c == b',');
            let name = token(header, &mut i);
            skip(bytes, &mut i, |c| c == b' ' || c == b'\t');
            if name.is_empty() || bytes.get(i) != Some(&b'=') {
                // Not `name=`: the start of the next challenge (or the end).
                i = before;
                break;
            }
            i += 1;
            skip(bytes, &mut i, |c| c == b' ' || c == b'\t');
            let value = if bytes.get(i) == Some(&b'"') {
                quoted(bytes, &mut i)
            } else {
                let start = i;
                skip(bytes, &mut i, |c| c != b',' && !c.is_ascii_whitespace());
                header[start..i].to_owned()
            };
            challenge.params.push((name.to_ascii_lowercase(), value));
        }
        out.push(challenge);
    }
}

/// Advances `i` while `pred` holds.
fn skip(bytes: &[u8], i: &mut usize, pred: impl Fn(u8) -> bool) {
    while *i < bytes.len() && pred(bytes[*i]) {
        *i += 1;
    }
}

/// Reads a token (scheme or parameter name): up to whitespace, `,`, `=` or `"`. Delimiters are ASCII, so the
/// slice boundaries fall on char boundaries.
fn token<'a>(s: &'a str, i: &mut usize) -> &'a str {
    let start = *i;
    skip(s.as_bytes(), i, |c| {
        !c.is_ascii_whitespace() && !matches!(c, b',' | b'=' | b'"')
    });
    &s[start..*i]
}

/// Reads a quoted string starting at the opening quote; an unterminated one runs to the end.
fn quoted(bytes: &[u8], i: &mut usize) -> String {
    let mut value = Vec::new();
    *i += 1;
    while *i < bytes.len() {
        match bytes[*i] {
            b'\\' if *i + 1 < bytes.len() => {
                value.push(bytes[*i + 1]);
                *i += 2;
            }
            b'"' => {
                *i += 1;
                break;
            }
            c => {
                value.push(c);
                *i += 1;
            }
        }
    }
    String::from_utf8_lossy(&value).into_owned()
}

/// The token endpoint's JSON answer (Docker token spec; OAuth2-style `access_token` also accepted).
#[derive(Debug, Deserialize)]
pub(super) struct TokenResponse {
    /// The Docker-style field.
    #[serde(default)]
    pub token: Option<String>,
    /// The OAuth2-style field; used when `token` is absent or empty.
    #[serde(default)]
    pub access_token: Option<String>,
    /// Lifetime in seconds from now.
    #[serde(default)]
    pub expires_in: Option<u64>,
}

impl TokenResponse {
    /// The token, whichever field carried it; `None` if both are missing or empty.
    pub fn into_token(self) -> Option<(String, Duration)> {
        let lifetime = self
            .expires_in
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_TOKEN_LIFETIME);
        [self.token, self.access_token]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .map(|t| (t, lifetime))
    }
}

/// Bearer tokens by scope key, each valid until a deadline.
#[derive(Debug, Default)]
pub(super) struct TokenCache {
    /// Scope key (see `Upstream::scope_for`) → token and the instant it stops being used.
    tokens: HashMap<String, (String, Instant)>,
}

impl TokenCache {
    /// The token for `scope` if it is still valid at `now`.
    pub fn get(&self, scope: &str, now: Instant) -> Option<&str> {
        self.tokens
            .get(scope)
            .filter(|(_, until)| now < *until)
            .map(|(token, _)| token.as_str())
    }

    /// Caches `token` for `scope`, valid for `lifetime` from `now` minus a margin (a fifth of the lifetime, at
    /// most [`MAX_EXPIRY_MARGIN`]). Prunes expired entries, which bounds the cache by the scopes in use.
    pub fn insert(&mut self, scope: String, token: String, lifetime: Duration, now: Instant) {
        let margin = (lifetime / 5).min(MAX_EXPIRY_MARGIN);
        self.tokens.retain(|_, (_, until)| now < *until);
        self.tokens.insert(scope, (token, now + lifetime - margin));
    }

    /// Forgets the token for `scope` (the registry rejected it).
    pub fn remove(&mut self, scope: &str) {
        self.tokens.remove(scope);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(c: &Challenge) -> Vec<(&str, &str)> {
        c.params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn parses_docker_hub_bearer_challenge() {
        let c = parse_challenges(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull""#,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].scheme, "bearer");
        assert_eq!(c[0].param("realm"), Some("https://auth.docker.io/token"));
        assert_eq!(c[0].param("service"), Some("registry.docker.io"));
        assert_eq!(c[0].scopes(), vec!["repository:library/busybox:pull"]);
    }

    #[test]
    fn quoted_values_keep_commas_spaces_and_escapes() {
        let c = parse_challenges(
            r#"BEARER realm = "http://h/token?a=1,b=2" , scope="repository:a:pull,push repository:b:pull", error="x \"y\"""#,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(
            params(&c[0]),
            vec![
                ("realm", "http://h/token?a=1,b=2"),
                ("scope", "repository:a:pull,push repository:b:pull"),
                ("error", "x \"y\""),
            ]
        );
        assert_eq!(
            c[0].scopes(),
            vec!["repository:a:pull,push", "repository:b:pull"]
        );
    }

    #[test]
    fn several_challenges_and_unquoted_values() {
        let c = parse_challenges(
            r#"Basic realm=registry, Bearer realm="http://t",service=svc,scope=a scope=b"#,
        );
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].scheme, "basic");
        assert_eq!(params(&c[0]), vec![("realm", "registry")]);
        assert_eq!(c[1].scheme, "bearer");
        assert_eq!(c[1].param("service"), Some("svc"));
        assert_eq!(c[1].scopes(), vec!["a", "b"]);
    }

    #[test]
    fn bare_scheme_and_junk_do_not_panic() {
        assert_eq!(parse_challenges("Basic")[0].scheme, "basic");
        assert!(parse_challenges("").is_empty());
        for junk in [
            "=",
            "\"",
            "Bearer realm=\"unterminated",
            "Bearer ,,, =x",
            "Négociation a=é",
            "Bearer realm=",
        ] {
            let _ = parse_challenges(junk);
        }
        assert_eq!(
            parse_challenges("Bearer realm=\"unterminated")[0].param("realm"),
            Some("unterminated")
        );
    }

    #[test]
    fn token_response_accepts_either_field_and_defaults_lifetime() {
        let t: TokenResponse =
            serde_json::from_str(r#"{"token":"a","access_token":"b","expires_in":300}"#).unwrap();
        assert_eq!(t.into_token(), Some(("a".into(), Duration::from_secs(300))));
        let t: TokenResponse = serde_json::from_str(r#"{"token":"","access_token":"b"}"#).unwrap();
        assert_eq!(t.into_token(), Some(("b".into(), DEFAULT_TOKEN_LIFETIME)));
        let t: TokenResponse =
            serde_json::from_str(r#"{"issued_at":"2020-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(t.into_token(), None);
    }

    #[test]
    fn cached_token_expires_before_its_lifetime_ends() {
        let now = Instant::now();
        let mut cache = TokenCache::default();
        cache.insert("s".into(), "tok".into(), Duration::from_secs(300), now);
        assert_eq!(cache.get("s", now + Duration::from_secs(289)), Some("tok"));
        assert_eq!(cache.get("s", now + Duration::from_secs(290)), None);
        assert_eq!(cache.get("other", now), None);
        // Short lifetimes lose a fifth, not the whole margin.
        cache.insert("short".into(), "t2".into(), Duration::from_secs(5), now);
        assert_eq!(cache.get("short", now + Duration::from_secs(3)), Some("t2"));
        assert_eq!(cache.get("short", now + Duration::from_secs(4)), None);
        // Inserting prunes expired entries.
        cache.insert(
            "later".into(),
            "t3".into(),
            Duration::from_secs(60),
            now + Duration::from_secs(1000),
        );
        assert_eq!(cache.tokens.len(), 1);
        cache.remove("later");
        assert!(cache.tokens.is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_challenge_header_parses(s in "\\PC{0,80}|[A-Za-z =,\"\\\\]{0,60}") {
                let _ = parse_challenges(&s);
            }

            /// A Bearer challenge written with quoted, escaped values reads back the same values.
            #[test]
            fn bearer_challenges_round_trip(realm in "[ -~]{0,30}", service in "[ -~]{0,30}", scope in "[ -~]{0,30}") {
                let quote = |v: &str| v.replace('\\', "\\\\").replace('"', "\\\"");
                let header = format!(
                    "Bearer realm=\"{}\",service=\"{}\",scope=\"{}\"",
                    quote(&realm), quote(&service), quote(&scope)
                );
                let challenges = parse_challenges(&header);
                prop_assert_eq!(challenges.len(), 1);
                prop_assert_eq!(challenges[0].scheme.as_str(), "bearer");
                prop_assert_eq!(challenges[0].param("realm"), Some(realm.as_str()));
                prop_assert_eq!(challenges[0].param("service"), Some(service.as_str()));
                prop_assert_eq!(challenges[0].param("scope"), Some(scope.as_str()));
            }
        }
    }
}
