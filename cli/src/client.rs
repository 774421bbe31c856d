//! The typed, blocking API client of pulpd: HTTP basic auth, one-line errors, `-v` request logging, task waits.
//!
//! Every answer is kept twice: as the raw JSON text the server sent (printed verbatim, field order included, by
//! `--format json`) and as the shared wire type from `pulp_shared::api` (used for tables and decisions). The
//! client knows nothing of clap or of output; errors are [`Error`] values whose `Display` is the reason alone
//! (`base_path: This field must be unique.`), and the command layer adds what it was doing.
//!
//! Blocking reqwest on purpose: pulpc makes a handful of sequential requests, and not starting an async runtime
//! keeps `pulpc distribution create` fast (its wall time is a target, p50 ≤ 60 ms including the task wait).

use std::io::Write;
use std::time::{Duration, Instant};

use pulp_shared::api::{Page, Status, Task, TaskResponse, TaskState};
use pulp_shared::error::describe_api_error;
use pulp_shared::href;
use reqwest::blocking::{Client as Http, RequestBuilder};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::progress::Progress;

/// First pause between two polls of a task; doubled after each poll up to [`POLL_MAX`]. Small because most of
/// pulpd's tasks (distribution create, update, delete) finish within a few milliseconds.
const POLL_FIRST: Duration = Duration::from_millis(5);
/// Longest pause between two polls of a task: a long sync still gets noticed within half a second.
const POLL_MAX: Duration = Duration::from_millis(500);
/// Connecting to pulpd (on loopback, usually) should never take long; fail fast and say it is not running.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest single request; task waits are many short requests, so this only bounds a stuck server.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Least time a poll gets to be answered when a wait's deadline is near (or `--timeout 0` asks for one look).
const MIN_ANSWER_TIME: Duration = Duration::from_secs(1);
/// Error bodies that are not Pulp's JSON (a proxy's HTML page) are cut to this many characters.
const MAX_REASON_CHARS: usize = 200;

/// Why a request or a task wait failed. `Display` gives the reason only; context comes from the caller.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing answers at the base URL (connection refused, unknown host).
    #[error("cannot reach pulpd at {base_url} — is it running? start it with `pulpd`")]
    Unreachable {
        base_url: String,
        #[source]
        source: reqwest::Error,
    },

    /// pulpd answered 401.
    #[error("{}", unauthorized_message(username, password_from.as_deref(), login_command, detail))]
    Unauthorized {
        username: String,
        /// Where the password came from (`PULPC_PASSWORD`, `profile 'default' in …`); `None` when none was given.
        password_from: Option<String>,
        /// How to log in with the profile in use (`pulpc login`, `pulpc --profile x login`).
        login_command: String,
        detail: String,
    },

    /// pulpd answered an error status; `reason` is its body as one line (`field: message`, or the `detail`).
    #[error("{reason}")]
    Api {
        method: Method,
        url: String,
        status: StatusCode,
        reason: String,
    },

    /// The request failed after connecting (timeout, reset, …); `reason` is the innermost cause.
    #[error("{method} {url} failed: {reason}")]
    Transport {
        method: Method,
        url: String,
        reason: String,
        #[source]
        source: reqwest::Error,
    },

    /// pulpd answered something that is not the expected JSON.
    #[error("unexpected answer from pulpd to {method} {url}: {source}")]
    Decode {
        method: Method,
        url: String,
        #[source]
        source: serde_json::Error,
    },

    /// The task ended in `failed`.
    #[error("task {href} failed: {description}")]
    TaskFailed { href: String, description: String },

    /// The task ended in `canceled`.
    #[error("task {href} was canceled")]
    TaskCanceled { href: String },

    /// The task was not finished when the wait's time was up.
    #[error("{}", timeout_message(href, *state, *waited))]
    TaskTimeout {
        href: String,
        /// The state last seen; `None` when pulpd did not answer in time.
        state: Option<TaskState>,
        waited: Duration,
    },
}

impl Error {
    /// True when the message says all there is to say, so the command's context ("cannot create distribution
    /// …") would only make the line longer: the daemon is down, or the credentials are wrong.
    pub fn stands_alone(&self) -> bool {
        matches!(self, Error::Unreachable { .. } | Error::Unauthorized { .. })
    }
}

fn unauthorized_message(
    username: &str,
    password_from: Option<&str>,
    login_command: &str,
    detail: &str,
) -> String {
    let what = match password_from {
        Some(from) => {
            format!("pulpd rejected the credentials of user \"{username}\" (password from {from})")
        }
        None => format!("no password given for user \"{username}\""),
    };
    format!(
        "{what} ({detail}); log in with `{login_command}`, or pass --username/--password before the subcommand, \
         or set {}/{}",
        crate::env::PULPC_USERNAME,
        crate::env::PULPC_PASSWORD
    )
}

fn timeout_message(href: &str, state: Option<TaskState>, waited: Duration) -> String {
    let what = match state {
        Some(state) => format!(
            "task {href} is still {} after {}",
            state.as_str(),
            seconds(waited)
        ),
        None => format!(
            "pulpd did not answer about task {href} within {}",
            seconds(waited)
        ),
    };
    format!("{what}; keep waiting with `pulpc task wait {href}`")
}

fn seconds(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// An object as pulpd sent it (`raw`, for `--format json`) and as the wire type (`item`).
#[derive(Debug)]
pub struct Fetched<T> {
    pub raw: Box<RawValue>,
    pub item: T,
}

/// One page of a list.
#[derive(Debug)]
pub struct Listed<T> {
    /// How many objects match in total (the page may hold fewer).
    pub count: u64,
    pub items: Vec<Fetched<T>>,
}

/// What a write answered: the object itself (200/201), or a task doing the write (202).
#[derive(Debug)]
pub enum Answer<T> {
    Done(Fetched<T>),
    Task(Fetched<TaskResponse>),
}

/// What the client needs to know, resolved from flags and environment by the command layer.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `http(s)://host:port` without a trailing slash.
    pub base_url: String,
    pub username: String,
    pub password: Option<String>,
    /// Where the password came from, for the 401 message.
    pub password_from: Option<String>,
    /// How to log in with the profile in use, for the 401 message.
    pub login_command: String,
    /// Log each request on stderr.
    pub verbose: bool,
    /// A CA certificate (PEM) trusted for pulpd's HTTPS certificate, besides the system's roots.
    pub ca_cert: Option<std::path::PathBuf>,
}

/// A blocking client of pulpd's management API.
pub struct Client {
    http: Http,
    settings: Settings,
}

/// The manifest media types pulpd serves; a HEAD accepting all of them gets each tag's own digest.
pub const MANIFEST_TYPES: [&str; 4] = [
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];

impl Client {
    /// # Errors
    /// When the HTTP client cannot be built (no TLS backend), which is a bug of the build.
    pub fn new(settings: Settings) -> anyhow::Result<Client> {
        let mut http = Http::builder()
            .user_agent(concat!("pulpc/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT);
        if let Some(path) = &settings.ca_cert {
            let pem = anyhow::Context::with_context(std::fs::read(path), || {
                format!("cannot read the CA certificate {}", path.display())
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                anyhow::anyhow!(
                    "{} holds no PEM certificate (--ca-cert): {e}",
                    path.display()
                )
            })?;
            anyhow::ensure!(
                !certs.is_empty(),
                "{} holds no PEM certificate (--ca-cert)",
                path.display()
            );
            for cert in certs {
                http = http.add_root_certificate(cert);
            }
        }
        let http = http.build()?;
        Ok(Client { http, settings })
    }

    pub fn base_url(&self) -> &str {
        &self.settings.base_url
    }

    /// Absolute URL of an href (already absolute URLs, like a page's `next`, are kept).
    fn url(&self, href: &str) -> String {
        if href.contains("://") {
            href.to_string()
        } else {
            format!("{}{}", self.settings.base_url, href)
        }
    }

    /// Sends one request and returns the status and body of a success; maps failures to [`Error`].
    fn send(
        &self,
        method: Method,
        url: &str,
        build: impl FnOnce(RequestBuilder) -> RequestBuilder,
    ) -> Result<(StatusCode, String), Error> {
        let mut request = build(self.http.request(method.clone(), url));
        // Without a password, send no credentials at all: pulpd then says they were not provided, which is the
        // message to show.
        if let Some(password) = &self.settings.password {
            if url.starts_with(&self.settings.base_url)
                && !is_status_url(&self.settings.base_url, url)
            {
                request = request.basic_auth(&self.settings.username, Some(password));
            }
        }
        let started = Instant::now();
        let result = request.send().and_then(|response| {
            let status = response.status();
            response.text().map(|body| (status, body))
        });
        self.log(&method, url, started, result.as_ref().map(|(s, _)| *s).ok());
        let (status, body) = result.map_err(|source| {
            if source.is_connect() {
                Error::Unreachable {
                    base_url: self.settings.base_url.clone(),
                    source,
                }
            } else {
                Error::Transport {
                    method: method.clone(),
                    url: url.to_string(),
                    reason: root_cause(&source),
                    source,
                }
            }
        })?;
        if status.is_success() {
            return Ok((status, body));
        }
        if status == StatusCode::UNAUTHORIZED {
            return Err(self.unauthorized(&body, status));
        }
        Err(Error::Api {
            method,
            url: url.to_string(),
            status,
            reason: one_line(&describe_api_error(&body), status),
        })
    }

    fn log(&self, method: &Method, url: &str, started: Instant, status: Option<StatusCode>) {
        if !self.settings.verbose {
            return;
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let status = status.map_or_else(|| "failed".to_string(), |s| s.as_u16().to_string());
        // A closed stderr must not turn into an error of the command.
        let _ = writeln!(std::io::stderr(), "{method} {url} {status} {ms:.1} ms");
    }

    fn decode<T: DeserializeOwned>(
        method: Method,
        url: &str,
        body: &str,
    ) -> Result<Fetched<T>, Error> {
        let decode_err = |source| Error::Decode {
            method: method.clone(),
            url: url.to_string(),
            source,
        };
        let raw: Box<RawValue> = serde_json::from_str(body).map_err(decode_err)?;
        let item = serde_json::from_str(raw.get()).map_err(decode_err)?;
        Ok(Fetched { raw, item })
    }

    fn json_body<B: Serialize>(body: &B) -> impl FnOnce(RequestBuilder) -> RequestBuilder + '_ {
        move |r| r.json(body)
    }

    /// `GET href`.
    pub fn get<T: DeserializeOwned>(&self, href: &str) -> Result<Fetched<T>, Error> {
        let url = self.url(href);
        let (_, body) = self.send(Method::GET, &url, |r| r)?;
        Self::decode(Method::GET, &url, &body)
    }

    /// `GET /pulp/api/v3/status/` (no credentials needed).
    pub fn status(&self) -> Result<Fetched<Status>, Error> {
        self.get(href::STATUS)
    }

    /// One page of `collection`, with filters and paging in `query`.
    pub fn list<T: DeserializeOwned>(
        &self,
        collection: &str,
        query: &[(&str, String)],
    ) -> Result<Listed<T>, Error> {
        let url = with_query(&self.url(collection), query);
        Ok(self.page(&url)?.0)
    }

    /// The page at `url` and its `next` link.
    fn page<T: DeserializeOwned>(&self, url: &str) -> Result<(Listed<T>, Option<String>), Error> {
        let (_, body) = self.send(Method::GET, url, |r| r)?;
        let decode_err = |source| Error::Decode {
            method: Method::GET,
            url: url.to_string(),
            source,
        };
        let page: Page<Box<RawValue>> = serde_json::from_str(&body).map_err(decode_err)?;
        let items = page
            .results
            .into_iter()
            .map(|raw| {
                Ok(Fetched {
                    item: serde_json::from_str(raw.get()).map_err(decode_err)?,
                    raw,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok((
            Listed {
                count: page.count,
                items,
            },
            page.next,
        ))
    }

    /// Every page of `collection` from the one `query` asks for on: follows `next` until there is none.
    /// `fetched(objects so far, count)` is called after each page.
    pub fn list_all<T: DeserializeOwned>(
        &self,
        collection: &str,
        query: &[(&str, String)],
        fetched: impl Fn(u64, u64),
    ) -> Result<Listed<T>, Error> {
        let mut url = with_query(&self.url(collection), query);
        let mut all = Listed {
            count: 0,
            items: Vec::new(),
        };
        loop {
            let (page, next) = self.page::<T>(&url)?;
            all.count = page.count;
            all.items.extend(page.items);
            fetched(all.items.len() as u64, all.count);
            match next {
                // A page may come back empty when objects were deleted meanwhile; stop rather than loop.
                Some(next) if all.items.len() as u64 <= all.count => url = self.rebase(&next),
                _ => return Ok(all),
            }
        }
    }

    /// pulpd builds `next` from the request's Host header; behind a proxy that may not be the base URL pulpc
    /// was given, so keep the base URL's origin and take only the path and query from `next`.
    fn rebase(&self, next: &str) -> String {
        if next.starts_with(&self.settings.base_url) {
            return next.to_string();
        }
        match (
            reqwest::Url::parse(next),
            reqwest::Url::parse(&self.settings.base_url),
        ) {
            (Ok(next), Ok(base)) => {
                let origin = base.origin().ascii_serialization();
                let query = next.query().map(|q| format!("?{q}")).unwrap_or_default();
                format!("{origin}{}{query}", next.path())
            }
            _ => next.to_string(),
        }
    }

    /// `POST collection` answered by the new object (201).
    pub fn create<T: DeserializeOwned, B: Serialize>(
        &self,
        collection: &str,
        body: &B,
    ) -> Result<Answer<T>, Error> {
        self.write(Method::POST, collection, body)
    }

    /// `POST href` of an action (`…/sync/`), answered by a task (202) or an object.
    pub fn post<T: DeserializeOwned, B: Serialize>(
        &self,
        href: &str,
        body: &B,
    ) -> Result<Answer<T>, Error> {
        self.write(Method::POST, href, body)
    }

    /// `PATCH href`: a partial update.
    pub fn patch<T: DeserializeOwned, B: Serialize>(
        &self,
        href: &str,
        body: &B,
    ) -> Result<Answer<T>, Error> {
        self.write(Method::PATCH, href, body)
    }

    fn write<T: DeserializeOwned, B: Serialize>(
        &self,
        method: Method,
        href: &str,
        body: &B,
    ) -> Result<Answer<T>, Error> {
        let url = self.url(href);
        let (status, text) = self.send(method.clone(), &url, Self::json_body(body))?;
        if status == StatusCode::ACCEPTED {
            Ok(Answer::Task(Self::decode(method, &url, &text)?))
        } else {
            Ok(Answer::Done(Self::decode(method, &url, &text)?))
        }
    }

    /// `DELETE href`: `None` when done at once (204), else the task doing it (202).
    pub fn delete(&self, href: &str) -> Result<Option<Fetched<TaskResponse>>, Error> {
        let url = self.url(href);
        let (status, text) = self.send(Method::DELETE, &url, |r| r)?;
        if status == StatusCode::ACCEPTED {
            Ok(Some(Self::decode(Method::DELETE, &url, &text)?))
        } else {
            Ok(None)
        }
    }

    /// Asks pulpd to cancel a task and returns it as it is now.
    pub fn cancel_task(&self, href: &str) -> Result<Fetched<Task>, Error> {
        let url = self.url(href);
        let body = serde_json::json!({"state": "canceled"});
        let (_, text) = self.send(Method::PATCH, &url, Self::json_body(&body))?;
        Self::decode(Method::PATCH, &url, &text)
    }

    /// Polls the task at `href` until it is completed, failed or canceled, and returns it in that final state (a
    /// failed task is `Ok` too: see [`ensure_completed`]). Polls right away, then after 5 ms, doubling up to
    /// 0.5 s. `progress` shows the task's state and latest progress report.
    ///
    /// # Errors
    /// [`Error::TaskTimeout`] when `timeout` passes first (`Duration::ZERO` polls once); request errors.
    pub fn wait_task(
        &self,
        href: &str,
        timeout: Option<Duration>,
        progress: &Progress,
    ) -> Result<Fetched<Task>, Error> {
        let started = Instant::now();
        let deadline = timeout.map(|t| started + t);
        let url = self.url(href);
        let mut pause = POLL_FIRST;
        let mut last_state = None;
        loop {
            // The deadline bounds a silent pulpd too, not only a slow task.
            let left = deadline.map(|d| {
                d.saturating_duration_since(Instant::now())
                    .max(MIN_ANSWER_TIME)
            });
            let answer = self.send(Method::GET, &url, |r| match left {
                Some(left) => r.timeout(left),
                None => r,
            });
            let body = match answer {
                Ok((_, body)) => body,
                Err(Error::Transport { source, .. })
                    if deadline.is_some() && source.is_timeout() =>
                {
                    return Err(Error::TaskTimeout {
                        href: href.to_string(),
                        state: last_state,
                        waited: started.elapsed(),
                    });
                }
                Err(e) => return Err(e),
            };
            let task: Fetched<Task> = Self::decode(Method::GET, &url, &body)?;
            if task.item.state.is_final() {
                return Ok(task);
            }
            last_state = Some(task.item.state);
            progress.task(&task.item);
            let now = Instant::now();
            let pause_now = match deadline {
                Some(deadline) if now >= deadline => {
                    return Err(Error::TaskTimeout {
                        href: href.to_string(),
                        state: last_state,
                        waited: started.elapsed(),
                    });
                }
                Some(deadline) => pause.min(deadline - now),
                None => pause,
            };
            std::thread::sleep(pause_now);
            pause = (pause * 2).min(POLL_MAX);
        }
    }
}

impl Client {
    fn unauthorized(&self, body: &str, status: StatusCode) -> Error {
        Error::Unauthorized {
            username: self.settings.username.clone(),
            password_from: self
                .settings
                .password
                .as_ref()
                .map(|_| self.settings.password_from.clone().unwrap_or_default()),
            login_command: self.settings.login_command.clone(),
            detail: one_line(&describe_api_error(body), status),
        }
    }
}

/// `Ok` for a completed task; the task's error for a failed or canceled one.
///
/// # Errors
/// [`Error::TaskFailed`] with pulpd's description, [`Error::TaskCanceled`].
pub fn ensure_completed(task: &Task) -> Result<(), Error> {
    match task.state {
        TaskState::Failed => Err(Error::TaskFailed {
            href: task.pulp_href.clone(),
            description: task
                .error
                .as_ref()
                .map_or_else(|| "no reason given".to_string(), |e| e.description.clone()),
        }),
        TaskState::Canceled | TaskState::Canceling => Err(Error::TaskCanceled {
            href: task.pulp_href.clone(),
        }),
        _ => Ok(()),
    }
}

/// `pulpcore.app.tasks.base.general_create` → `general_create`.
pub fn short_task_name(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// `url?k=v&…` (so that `-v` logs the URL as sent). An unparseable URL is left for the request to reject.
fn with_query(url: &str, query: &[(&str, String)]) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    match reqwest::Url::parse_with_params(url, query) {
        Ok(url) => url.into(),
        Err(_) => url.to_string(),
    }
}

/// The status document is the one path pulpd serves without credentials; sending none there keeps
/// `pulpc status` working with a wrong password.
fn is_status_url(base_url: &str, url: &str) -> bool {
    url.strip_prefix(base_url)
        .is_some_and(|path| path.starts_with(href::STATUS))
}

/// The innermost cause of an error ("operation timed out", "connection reset by peer"): reqwest's own
/// message only names the URL.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Makes an error reason fit on one line; an empty body becomes the status text.
fn one_line(reason: &str, status: StatusCode) -> String {
    let flat: String = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return format!("HTTP {status}");
    }
    if flat.chars().count() > MAX_REASON_CHARS {
        let cut: String = flat.chars().take(MAX_REASON_CHARS).collect();
        return format!("{cut}… (HTTP {status})");
    }
    flat
}

/// The href of a task given as a UUID, a task href, or an absolute URL of one.
///
/// # Errors
/// A message for clap when `arg` is none of these.
pub fn task_href(arg: &str) -> Result<String, String> {
    resource_href(href::TASKS, arg)
        .ok_or_else(|| format!("expected a task href ({}<uuid>/) or a UUID", href::TASKS))
}

/// The canonical href of the object of `collection` given as a UUID, an href or an absolute URL.
pub fn resource_href(collection: &str, arg: &str) -> Option<String> {
    if href::is_uuid(arg) {
        return Some(href::resource(collection, arg));
    }
    href::parse_id(collection, arg)
        .ok()
        .map(|id| href::resource(collection, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01a2074c-41bd-735d-bd83-c5c773e53be1";

    #[test]
    fn task_href_accepts_uuid_href_and_url() {
        let expected = format!("/pulp/api/v3/tasks/{ID}/");
        assert_eq!(task_href(ID), Ok(expected.clone()));
        assert_eq!(task_href(&expected), Ok(expected.clone()));
        assert_eq!(
            task_href(&format!("/pulp/api/v3/tasks/{ID}")),
            Ok(expected.clone())
        );
        assert_eq!(
            task_href(&format!("https://pulp.example:443{expected}")),
            Ok(expected.clone())
        );
        assert!(task_href("01a2074c").is_err());
        assert!(task_href(&format!("{}{ID}/", href::DISTRIBUTIONS)).is_err());
    }

    #[test]
    fn resource_href_checks_the_collection() {
        let repo = format!("{}{ID}/", href::REPOSITORIES);
        assert_eq!(resource_href(href::REPOSITORIES, &repo), Some(repo.clone()));
        assert_eq!(resource_href(href::REMOTES, &repo), None);
        assert_eq!(resource_href(href::REPOSITORIES, "hello-repo"), None);
    }

    #[test]
    fn error_reasons_are_one_line() {
        assert_eq!(
            one_line(
                "base_path: This field\nmust be unique.",
                StatusCode::BAD_REQUEST
            ),
            "base_path: This field must be unique."
        );
        assert_eq!(
            one_line("  ", StatusCode::BAD_GATEWAY),
            "HTTP 502 Bad Gateway"
        );
        let long = "x".repeat(500);
        let line = one_line(&long, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(line.ends_with("… (HTTP 500 Internal Server Error)"));
        assert!(line.chars().count() < 250);
    }

    #[test]
    fn unauthorized_names_the_user_and_the_ways_to_pass_credentials() {
        let e = Error::Unauthorized {
            username: "admin".into(),
            password_from: Some("profile 'default' in /h/.config/pulpc/config.toml".into()),
            login_command: "pulpc login".into(),
            detail: "Invalid username/password.".into(),
        };
        let text = e.to_string();
        assert!(
            text.contains("\"admin\"") && text.contains("Invalid username/password."),
            "{text}"
        );
        assert!(
            text.contains("(password from profile 'default' in /h/.config/pulpc/config.toml)"),
            "{text}"
        );
        assert!(
            text.contains("log in with `pulpc login`")
                && text.contains("--username/--password")
                && text.contains("PULPC_USERNAME/PULPC_PASSWORD"),
            "{text}"
        );
        let e = Error::Unauthorized {
            username: "bob".into(),
            password_from: None,
            login_command: "pulpc login".into(),
            detail: "x".into(),
        };
        assert!(e
            .to_string()
            .starts_with("no password given for user \"bob\""));
    }

    #[test]
    fn queries_are_encoded_into_the_url() {
        let q = [("name", "a b&c".to_string()), ("limit", "1".to_string())];
        assert_eq!(
            with_query("http://h:1/x/", &q),
            "http://h:1/x/?name=a+b%26c&limit=1"
        );
        assert_eq!(with_query("http://h:1/x/", &[]), "http://h:1/x/");
    }

    #[test]
    fn status_url_is_recognized() {
        assert!(is_status_url(
            "http://h:1",
            "http://h:1/pulp/api/v3/status/"
        ));
        assert!(!is_status_url(
            "http://h:1",
            "http://h:1/pulp/api/v3/tasks/"
        ));
    }

    fn task(state: TaskState, error: Option<&str>) -> Task {
        serde_json::from_value(serde_json::json!({
            "pulp_href": "/pulp/api/v3/tasks/01a2074c-41bd-735d-bd83-c5c773e53be1/",
            "prn": "", "pulp_created": "", "pulp_last_updated": "", "state": state, "name": "n",
            "logging_cid": "", "created_by": null, "unblocked_at": null, "started_at": null, "finished_at": null,
            "error": error.map(|d| serde_json::json!({"description": d})), "worker": null, "parent_task": null,
            "child_tasks": [], "task_group": null, "progress_reports": [], "created_resources": [],
            "reserved_resources_record": []
        }))
        .unwrap()
    }

    #[test]
    fn only_completed_tasks_are_ok() {
        assert!(ensure_completed(&task(TaskState::Completed, None)).is_ok());
        let failed =
            ensure_completed(&task(TaskState::Failed, Some("base_path: taken"))).unwrap_err();
        assert!(
            failed.to_string().ends_with("failed: base_path: taken"),
            "{failed}"
        );
        let canceled = ensure_completed(&task(TaskState::Canceled, None)).unwrap_err();
        assert!(canceled.to_string().ends_with("was canceled"), "{canceled}");
    }

    #[test]
    fn timeouts_say_what_was_last_seen() {
        let href = "/pulp/api/v3/tasks/x/";
        let waited = Duration::from_millis(2000);
        assert_eq!(
            timeout_message(href, Some(TaskState::Waiting), waited),
            "task /pulp/api/v3/tasks/x/ is still waiting after 2.0s; keep waiting with `pulpc task wait /pulp/api/v3/tasks/x/`"
        );
        assert!(timeout_message(href, None, waited)
            .starts_with("pulpd did not answer about task /pulp/api/v3/tasks/x/ within 2.0s"));
    }

    #[test]
    fn task_names_are_shortened() {
        assert_eq!(
            short_task_name("pulpcore.app.tasks.base.general_create"),
            "general_create"
        );
        assert_eq!(short_task_name("sync"), "sync");
    }
}
