//! What every kind of remote (container and pull-through) shares: the URL with its credentials, and the
//! connection settings Pulp's `RemoteSerializer` has (TLS, proxy, concurrency, retries, timeouts, headers).
//! Owns their validation from a decoded body ([`RemoteSettingsWrite`]), how they are stored and shown, and the
//! upstream client settings they make. `username`, `password`, `client_key`, `proxy_username` and
//! `proxy_password` are write-only: stored (the client needs them), only reported in `hidden_fields`.
//!
//! `rate_limit` is stored and shown but not enforced (pulpd bounds a sync by `download_concurrency` only).

use crate::body::{Mode, Problems};
use crate::upstream::{self, UpstreamConfig};
use pulp_shared::api::{self, Header, HiddenField, RemoteSettingsWrite};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The message for a URL that carries `user:password@`: it would be shown to every reader and in task errors.
pub const CREDENTIALS_IN_URL: &str =
    "Do not put credentials in the URL; set username and password instead (they are never shown).";

/// DRF's message for a URL field.
const BAD_URL: &str = "Enter a valid URL.";

/// The stored connection settings of a remote (flattened into its record: the field names are the API's).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RemoteSettings {
    #[serde(default = "yes")]
    pub tls_validation: bool,
    #[serde(default)]
    pub proxy_url: Option<String>,
    #[serde(default)]
    pub proxy_username: Option<String>,
    #[serde(default)]
    pub proxy_password: Option<String>,
    #[serde(default)]
    pub ca_cert: Option<String>,
    #[serde(default)]
    pub client_cert: Option<String>,
    #[serde(default)]
    pub client_key: Option<String>,
    #[serde(default)]
    pub download_concurrency: Option<u64>,
    #[serde(default)]
    pub max_retries: Option<u64>,
    #[serde(default)]
    pub rate_limit: Option<u64>,
    #[serde(default)]
    pub total_timeout: Option<f64>,
    #[serde(default)]
    pub connect_timeout: Option<f64>,
    #[serde(default)]
    pub sock_connect_timeout: Option<f64>,
    #[serde(default)]
    pub sock_read_timeout: Option<f64>,
    #[serde(default)]
    pub headers: Vec<Header>,
}

fn yes() -> bool {
    true
}

impl Default for RemoteSettings {
    fn default() -> Self {
        RemoteSettings {
            tls_validation: true,
            proxy_url: None,
            proxy_username: None,
            proxy_password: None,
            ca_cert: None,
            client_cert: None,
            client_key: None,
            download_concurrency: None,
            max_retries: None,
            rate_limit: None,
            total_timeout: None,
            connect_timeout: None,
            sock_connect_timeout: None,
            sock_read_timeout: None,
            headers: Vec::new(),
        }
    }
}

/// Whether `url` is an http(s) URL with a host (what DRF's URLField catches).
pub(crate) fn valid_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Where a URL's requests go: scheme, host and port (default ports filled in), the unit credentials are bound to.
fn origin(url: &str) -> Option<reqwest::Url> {
    let mut u = reqwest::Url::parse(url).ok()?;
    u.set_path("");
    u.set_query(None);
    u.set_fragment(None);
    Some(u)
}

/// The fields of a remote record that every kind has.
#[derive(Debug)]
pub struct Shared<'a> {
    pub name: &'a mut String,
    pub url: &'a mut String,
    pub username: &'a mut Option<String>,
    pub password: &'a mut Option<String>,
    pub settings: &'a mut RemoteSettings,
    pub labels: &'a mut pulp_shared::api::Labels,
}

/// Applies `name` and `url` (required in a [`Mode::Full`] body), the credentials, labels and connection
/// settings of `w` to `to`; problems go to `p`.
///
/// A remote's credentials are only ever sent where they were meant to go: when `url` moves to another origin
/// (scheme, host or port) and the body does not give `username` or `password` again, both are cleared, and the
/// result says so (`true`), so the API can tell the caller. A URL holding `user:password@` is refused.
pub(crate) fn apply_shared(
    p: &mut Problems,
    mode: Mode,
    (name, url): (&Option<String>, &Option<String>),
    w: &RemoteSettingsWrite,
    to: Shared<'_>,
) -> bool {
    if let Some(name) = p.required(mode, "name", name) {
        if let Some(name) = p.name("name", name) {
            *to.name = name;
        }
    }
    let before = origin(to.url);
    if let Some(new) = p.required(mode, "url", url) {
        if let Some(new) = p.non_blank("url", new) {
            if !valid_url(new) {
                p.add("url", BAD_URL);
            } else if reqwest::Url::parse(new)
                .is_ok_and(|u| !u.username().is_empty() || u.password().is_some())
            {
                p.add("url", CREDENTIALS_IN_URL);
            } else {
                *to.url = new.trim_end_matches('/').to_string();
            }
        }
    }
    let credentials_given = w.username.is_some() || w.password.is_some();
    set_string(p, "username", &w.username, to.username);
    set_string(p, "password", &w.password, to.password);
    to.settings.apply(p, w);
    if let Some(labels) = &w.pulp_labels {
        if let Some(labels) = p.labels("pulp_labels", labels) {
            *to.labels = labels;
        }
    }
    let moved = before.is_some() && before != origin(to.url);
    if moved && !credentials_given && (to.username.is_some() || to.password.is_some()) {
        *to.username = None;
        *to.password = None;
        return true;
    }
    false
}

/// Sets a nullable string field when the body gives it (null or blank clears it).
fn set_string(
    p: &mut Problems,
    field: &str,
    value: &Option<Option<String>>,
    to: &mut Option<String>,
) {
    if let Some(v) = value {
        if let Some(v) = p.optional_string(field, v) {
            *to = v;
        }
    }
}

/// Sets a nullable number field when the body gives it, if it is at least `min`.
fn set_min<T: PartialOrd + Copy + std::fmt::Display>(
    p: &mut Problems,
    field: &str,
    value: Option<Option<T>>,
    min: T,
    to: &mut Option<T>,
) {
    match value {
        Some(Some(n)) if n < min => p.add(
            field,
            format!("Ensure this value is greater than or equal to {min}."),
        ),
        Some(v) => *to = v,
        None => {}
    }
}

impl RemoteSettings {
    /// Applies the connection settings `w` gives; problems go to `p`.
    pub fn apply(&mut self, p: &mut Problems, w: &RemoteSettingsWrite) {
        if let Some(t) = w.tls_validation {
            self.tls_validation = t;
        }
        if let Some(Some(url)) = &w.proxy_url {
            if !url.is_empty() && !valid_url(url) {
                p.add("proxy_url", BAD_URL);
            }
        }
        if !p.has("proxy_url") {
            set_string(p, "proxy_url", &w.proxy_url, &mut self.proxy_url);
        }
        set_string(
            p,
            "proxy_username",
            &w.proxy_username,
            &mut self.proxy_username,
        );
        set_string(
            p,
            "proxy_password",
            &w.proxy_password,
            &mut self.proxy_password,
        );
        set_string(p, "ca_cert", &w.ca_cert, &mut self.ca_cert);
        set_string(p, "client_cert", &w.client_cert, &mut self.client_cert);
        set_string(p, "client_key", &w.client_key, &mut self.client_key);
        set_min(
            p,
            "download_concurrency",
            w.download_concurrency,
            1,
            &mut self.download_concurrency,
        );
        set_min(p, "max_retries", w.max_retries, 0, &mut self.max_retries);
        set_min(p, "rate_limit", w.rate_limit, 0, &mut self.rate_limit);
        set_min(
            p,
            "total_timeout",
            w.total_timeout,
            0.0,
            &mut self.total_timeout,
        );
        set_min(
            p,
            "connect_timeout",
            w.connect_timeout,
            0.0,
            &mut self.connect_timeout,
        );
        set_min(
            p,
            "sock_connect_timeout",
            w.sock_connect_timeout,
            0.0,
            &mut self.sock_connect_timeout,
        );
        set_min(
            p,
            "sock_read_timeout",
            w.sock_read_timeout,
            0.0,
            &mut self.sock_read_timeout,
        );
        if let Some(headers) = &w.headers {
            match upstream::extra_headers(&pairs(headers)) {
                Ok(_) => self.headers = headers.clone(),
                Err(e) => p.add("headers", format!("{}.", capitalized(&e))),
            }
        }
        self.check_tls(p);
    }

    /// The certificate and key must be readable PEM (checked after the update, on the values it leaves).
    fn check_tls(&self, p: &mut Problems) {
        if let Some(pem) = &self.ca_cert {
            if let Err(e) = upstream::ca_certificates(pem) {
                p.add("ca_cert", format!("Not a PEM encoded certificate: {e}."));
            }
        }
        if let (Some(cert), Some(key)) = (&self.client_cert, &self.client_key) {
            if let Err(e) = upstream::client_identity(cert, key) {
                p.add(
                    "client_key",
                    format!("client_cert and client_key do not make a PEM certificate and its key: {e}."),
                );
            }
        }
    }

    /// The API's view (write-only fields left out).
    pub fn to_api(&self) -> api::RemoteSettings {
        api::RemoteSettings {
            ca_cert: self.ca_cert.clone(),
            client_cert: self.client_cert.clone(),
            tls_validation: self.tls_validation,
            proxy_url: self.proxy_url.clone(),
            max_retries: self.max_retries,
            total_timeout: self.total_timeout,
            connect_timeout: self.connect_timeout,
            sock_connect_timeout: self.sock_connect_timeout,
            sock_read_timeout: self.sock_read_timeout,
            headers: self.headers.clone(),
            download_concurrency: self.download_concurrency,
            rate_limit: self.rate_limit,
        }
    }

    /// Pulp's `hidden_fields`, in Pulp's order, given whether the credentials are set.
    pub fn hidden_fields(&self, username: bool, password: bool) -> Vec<HiddenField> {
        [
            ("client_key", self.client_key.is_some()),
            ("proxy_username", self.proxy_username.is_some()),
            ("proxy_password", self.proxy_password.is_some()),
            ("username", username),
            ("password", password),
        ]
        .into_iter()
        .map(|(name, is_set)| HiddenField {
            name: name.into(),
            is_set,
        })
        .collect()
    }

    /// The upstream client settings: `base` (the URL, credentials and the caller's default timeouts) with what
    /// this remote sets. `total_timeout` bounds every request (blob downloads too); `connect_timeout` and
    /// `sock_connect_timeout` the connection (the shorter wins); `sock_read_timeout` each read;
    /// `max_retries` the retries of failed requests.
    pub fn upstream_config(&self, base: UpstreamConfig) -> UpstreamConfig {
        let secs = |s: Option<f64>| s.map(Duration::from_secs_f64);
        let connect = [secs(self.connect_timeout), secs(self.sock_connect_timeout)]
            .into_iter()
            .flatten()
            .min();
        let total = secs(self.total_timeout);
        UpstreamConfig {
            tls_validation: self.tls_validation,
            proxy_url: self.proxy_url.clone(),
            proxy_username: self.proxy_username.clone(),
            proxy_password: self.proxy_password.clone(),
            connect_timeout: connect.unwrap_or(base.connect_timeout),
            read_timeout: secs(self.sock_read_timeout).unwrap_or(base.read_timeout),
            request_timeout: total.unwrap_or(base.request_timeout),
            blob_timeout: total.or(base.blob_timeout),
            retries: self
                .max_retries
                .map_or(base.retries, |n| u32::try_from(n).unwrap_or(u32::MAX)),
            ca_cert: self.ca_cert.clone(),
            client_identity: self.client_cert.clone().zip(self.client_key.clone()),
            headers: pairs(&self.headers),
            ..base
        }
    }
}

/// Headers as name/value pairs, in order.
fn pairs(headers: &[Header]) -> Vec<(String, String)> {
    headers
        .iter()
        .flat_map(|h| h.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect()
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(valid_url("http://127.0.0.1:5000"));
        assert!(valid_url("https://registry-1.docker.io/"));
        assert!(!valid_url("not a url"));
        assert!(!valid_url("ftp://x"));
        assert!(!valid_url("http://"));
    }

    #[test]
    fn settings_make_the_upstream_config() {
        let settings = RemoteSettings {
            total_timeout: Some(1.5),
            connect_timeout: Some(4.0),
            sock_connect_timeout: Some(2.0),
            sock_read_timeout: Some(7.0),
            max_retries: Some(5),
            headers: vec![Header::from([("X-Trace".to_string(), "1".to_string())])],
            ..RemoteSettings::default()
        };
        let config = settings.upstream_config(UpstreamConfig::new("http://h"));
        assert_eq!(config.request_timeout, Duration::from_millis(1500));
        assert_eq!(config.blob_timeout, Some(Duration::from_millis(1500)));
        assert_eq!(config.connect_timeout, Duration::from_secs(2));
        assert_eq!(config.read_timeout, Duration::from_secs(7));
        assert_eq!(config.retries, 5);
        assert_eq!(config.headers, [("X-Trace".to_string(), "1".to_string())]);
        // Unset: the caller's defaults.
        let defaults = RemoteSettings::default().upstream_config(UpstreamConfig::new("http://h"));
        assert_eq!(defaults.retries, UpstreamConfig::default().retries);
        assert_eq!(defaults.blob_timeout, None);
    }

    #[test]
    fn bad_values_are_named() {
        let mut p = Problems::default();
        let w = RemoteSettingsWrite {
            total_timeout: Some(Some(-1.0)),
            download_concurrency: Some(Some(0)),
            headers: Some(vec![Header::from([(
                "bad name".to_string(),
                "v".to_string(),
            )])]),
            ca_cert: Some(Some("not pem".into())),
            proxy_url: Some(Some("nope".into())),
            ..RemoteSettingsWrite::default()
        };
        RemoteSettings::default().apply(&mut p, &w);
        let Err(crate::error::Error::Invalid(errors)) = p.finish() else {
            panic!("expected invalid")
        };
        assert_eq!(
            errors["total_timeout"],
            ["Ensure this value is greater than or equal to 0."]
        );
        assert_eq!(
            errors["download_concurrency"],
            ["Ensure this value is greater than or equal to 1."]
        );
        assert_eq!(
            errors["headers"],
            ["\"bad name\" is not a valid HTTP header name."]
        );
        assert!(
            errors["ca_cert"][0].starts_with("Not a PEM encoded certificate"),
            "{errors:?}"
        );
        assert_eq!(errors["proxy_url"], [BAD_URL]);
    }
}
