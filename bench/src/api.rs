//! A small async client of pulpd's management API and token endpoint, for loading content and for the API
//! workloads. It answers `anyhow` errors that quote the status and body, so a setup failure explains itself.

use anyhow::{anyhow, bail, Context, Result};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub const REMOTES: &str = "/pulp/api/v3/remotes/container/container/";
pub const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";
pub const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
/// Pulp's pull-through endpoints (not implemented by pulpd yet: the bench probes them).
pub const PULL_THROUGH_REMOTES: &str = "/pulp/api/v3/remotes/container/pull-through/";
pub const PULL_THROUGH_DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/pull-through/";

/// How long a setup task (a sync of 1 GiB included) may take.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long one request may take: a hung server becomes an error in its row, not a hung bench.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Pause between task polls. Short, because the API workload times creation through it.
const TASK_POLL: Duration = Duration::from_millis(1);

#[derive(Clone)]
pub struct Api {
    base: String,
    client: reqwest::Client,
    user: String,
    password: String,
}

impl Api {
    pub fn new(base: &str, user: &str, password: &str) -> Api {
        Api {
            base: base.trim_end_matches('/').to_string(),
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(64)
                .timeout(REQUEST_TIMEOUT)
                .build()
                .expect("a plain-HTTP reqwest client builds"),
            user: user.to_string(),
            password: password.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    /// Sends a request with basic auth; the status and JSON body (`Null` when empty or not JSON).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(StatusCode, Value)> {
        let mut req = self
            .client
            .request(method.clone(), self.url(path))
            .basic_auth(&self.user, Some(&self.password));
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("{method} {path}"))?;
        let status = resp.status();
        let text = resp
            .text()
            .await
            .with_context(|| format!("reading {method} {path}"))?;
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    pub async fn get(&self, path: &str) -> Result<(StatusCode, Value)> {
        self.send(Method::GET, path, None).await
    }

    /// POST that must answer `expected`; the body.
    pub async fn post_expect(
        &self,
        path: &str,
        body: &Value,
        expected: StatusCode,
    ) -> Result<Value> {
        let (status, answer) = self.send(Method::POST, path, Some(body)).await?;
        if status != expected {
            bail!("POST {path} {body} answered {status} {answer}");
        }
        Ok(answer)
    }

    /// Polls a task until it is final; the task. Fails when it did not complete.
    pub async fn wait_task(&self, href: &str) -> Result<Value> {
        let deadline = Instant::now() + TASK_TIMEOUT;
        loop {
            let (status, task) = self.get(href).await?;
            let state = task["state"].as_str().unwrap_or("");
            match state {
                "completed" if status == StatusCode::OK => return Ok(task),
                "failed" | "canceled" => bail!("task {href} ended {state}: {task}"),
                _ if Instant::now() > deadline => {
                    bail!("task {href} not finished after {TASK_TIMEOUT:?}: {status} {task}")
                }
                _ => tokio::time::sleep(TASK_POLL).await,
            }
        }
    }

    /// POST answering 202 `{"task"}`, then waits for the task; the task.
    pub async fn post_task(&self, path: &str, body: &Value) -> Result<Value> {
        let answer = self.post_expect(path, body, StatusCode::ACCEPTED).await?;
        let task = answer["task"]
            .as_str()
            .ok_or_else(|| anyhow!("POST {path} answered no task: {answer}"))?;
        self.wait_task(task).await
    }

    pub async fn create_repository(&self, name: &str) -> Result<String> {
        let repo = self
            .post_expect(REPOSITORIES, &json!({ "name": name }), StatusCode::CREATED)
            .await?;
        href(&repo)
    }

    /// A distribution serving `repository`; its href.
    pub async fn create_distribution(
        &self,
        name: &str,
        base_path: &str,
        repository: &str,
    ) -> Result<String> {
        let task = self
            .post_task(
                DISTRIBUTIONS,
                &json!({ "name": name, "base_path": base_path, "repository": repository }),
            )
            .await?;
        task["created_resources"][0]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow!("distribution task created nothing: {task}"))
    }

    /// Remote + repository + sync + distribution at `base_path`, all named `name`, from `upstream_name` at
    /// `url`. The sync's duration.
    pub async fn sync_and_distribute(
        &self,
        name: &str,
        url: &str,
        upstream_name: &str,
    ) -> Result<Duration> {
        let remote = self
            .post_expect(
                REMOTES,
                &json!({ "name": name, "url": url, "upstream_name": upstream_name }),
                StatusCode::CREATED,
            )
            .await?;
        let repo = self.create_repository(name).await?;
        let started = Instant::now();
        self.post_task(
            &format!("{repo}sync/"),
            &json!({ "remote": href(&remote)? }),
        )
        .await
        .with_context(|| format!("syncing {upstream_name} from {url}"))?;
        let took = started.elapsed();
        self.create_distribution(name, upstream_name, &repo).await?;
        Ok(took)
    }

    /// An anonymous Bearer token for `scope` from `/token/`.
    pub async fn token(&self, service: &str, scope: &str) -> Result<String> {
        let path = "/token/";
        let resp = self
            .client
            .get(self.url(path))
            .query(&[("service", service), ("scope", scope)])
            .send()
            .await
            .with_context(|| format!("GET {path}"))?;
        let status = resp.status();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        body["token"]
            .as_str()
            .filter(|_| status.is_success())
            .map(str::to_string)
            .ok_or_else(|| {
                anyhow!("GET {path}?service={service}&scope={scope} answered {status} {body}")
            })
    }
}

/// A resource's `pulp_href`.
pub fn href(resource: &Value) -> Result<String> {
    resource["pulp_href"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("no pulp_href in {resource}"))
}
