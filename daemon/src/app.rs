//! The daemon's services, opened once from the configuration and shared by every request and task.

use crate::auth::Auth;
use crate::blobs::{BlobStore, FsBlobStore, S3BlobStore};
use crate::content::Repositories;
use crate::distributions::Distributions;
use crate::registry::Registry;
use crate::remotes::Remotes;
use crate::store::Store;
use crate::tasks::Tasks;
use anyhow::Context;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Settings resolved from flags and environment in `main`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding the metadata database and blob files.
    pub data_dir: PathBuf,
    /// `host:port` written into `registry_path`; `None` = derive from the bound address.
    pub registry_host: Option<String>,
    /// Admin password from the environment, if given.
    pub admin_password: Option<String>,
    /// How long shutdown waits for requests and tasks.
    pub shutdown_grace: Duration,
    /// Whether `/v2/` requires Docker token auth (Bearer); off = anonymous pulls of public distributions and
    /// basic credentials for private ones.
    pub token_auth: bool,
    /// Tag freshness and negative-cache TTLs of the pull-through cache.
    pub pull_through: crate::pull_through::Config,
    /// Failed password checks allowed per minute per client address and per user name (0 = no limit).
    pub failed_login_limit: u32,
    /// Free space kept on the data dir's file system (`--min-free-space`); writes that add data are refused
    /// below it.
    pub min_free_space: crate::space::Reserve,
    /// Header read, idle and body idle timeouts of client connections.
    pub connections: crate::server::Limits,
    /// Where blob bytes live (`--blobs`).
    pub blobs: BlobsConfig,
    /// Answer whole blob GETs with a redirect to a presigned URL of the S3 store (`--blob-redirect`).
    pub blob_redirect: bool,
    /// Where metadata lives (`--metadata`).
    pub metadata: MetadataConfig,
    /// How long a replica may miss heartbeats before the others fail its tasks (`--worker-timeout`).
    pub worker_timeout: Duration,
    /// How long a blob upload session lives (`--upload-ttl`).
    pub upload_ttl: Duration,
    /// TLS on the listener (`--tls-cert`/`--tls-key` or `--tls-self-signed`); `None` = plain HTTP.
    pub tls: Option<TlsConfig>,
    /// Who may read `/metrics` and where it is served.
    pub metrics: MetricsConfig,
    /// Where the other replicas reach this one (`--peer-url`, or derived from the bound address in `main`);
    /// `None` = they wait for blobs this one downloads to be stored instead of streaming them from it.
    pub peer_url: Option<String>,
}

/// `--metrics-public` and `--metrics-bind`.
#[derive(Debug, Clone, Copy, Default)]
pub struct MetricsConfig {
    /// Serve `/metrics` to any client, not only loopback ones.
    pub public: bool,
    /// Serve `/metrics` on a listener of its own at this address instead of the main one.
    pub bind: Option<std::net::SocketAddr>,
}

/// The metadata backend chosen by `--metadata`.
#[derive(Debug, Clone, Default)]
pub enum MetadataConfig {
    /// sled under `<data dir>/metadata` (the default).
    #[default]
    Sled,
    /// A PostgreSQL database (`postgres://user:password@host:port/db`).
    Postgres(String),
}

impl std::str::FromStr for MetadataConfig {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "" | "sled" => Ok(MetadataConfig::Sled),
            url if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(MetadataConfig::Postgres(url.to_owned()))
            }
            other => Err(format!(
                "{other:?} is not a metadata store: use `sled` (the default) or postgres://user@host:port/db"
            )),
        }
    }
}

/// `url` without its password, for logs and errors.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Where the listener's certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsConfig {
    /// PEM files given by the operator (reloaded when they change).
    Files(crate::server::tls::Files),
    /// Generated once into the data dir for the registry host (`--tls-self-signed`).
    SelfSigned,
}

/// The blob backend chosen by `--blobs`.
#[derive(Debug, Clone, Default)]
pub enum BlobsConfig {
    /// Files under `<data dir>/blobs` (the default).
    #[default]
    Files,
    /// An S3-compatible bucket (`s3://bucket/prefix`).
    S3(crate::blobs::S3Config),
}

/// Every service of the daemon.
pub struct App {
    /// The metadata database (flushed before acknowledging writes).
    pub store: Store,
    pub tasks: Tasks,
    /// This replica's worker registration and heartbeat (`tasks/workers.rs`).
    pub workers: crate::tasks::workers::Workers,
    pub repositories: Repositories,
    pub remotes: Remotes,
    pub distributions: Distributions,
    /// Container namespaces (`/pulp_container/namespaces/`): the first path segment of pushed names.
    pub namespaces: crate::namespaces::Namespaces,
    /// Pull-through remotes (`/remotes/container/pull-through/`).
    pub pull_through_remotes: crate::pull_through::PullThroughRemotes,
    pub auth: Auth,
    /// Who may do what (roles and the access policy over them).
    pub policy: crate::auth::policy::Policy,
    /// Signs and checks the registry's Bearer tokens (key kept in the data dir).
    pub tokens: crate::auth::token::TokenService,
    /// Blob bytes, content-addressed: files under `<data dir>/blobs` or objects in a bucket.
    pub blobs: Arc<dyn BlobStore>,
    /// The registry's read side.
    pub registry: Registry,
    /// The registry's write side: uploads, manifest pushes, push repositories, deletes.
    pub push: crate::push::Push,
    /// The pull-through cache (the registry's too), kept here to stop its background downloads at shutdown.
    pub pull_through: crate::pull_through::PullThrough,
    /// Stored bytes and the last orphan cleanup, for `/status/` and `/metrics`.
    pub accounting: crate::accounting::Accounting,
    /// Whether `/v2/` requires Docker token auth.
    pub token_auth: bool,
    /// The host:port clients pull from (`registry_path` prefix, token realm).
    pub registry_host: String,
    /// The data directory.
    pub data_dir: PathBuf,
    /// Free space of the data dir and its reserve (status reports it; writes that add data check it).
    pub space: crate::space::Space,
    /// Shutdown grace period.
    pub shutdown_grace: Duration,
    /// Timeouts of client connections.
    pub connections: crate::server::Limits,
    /// The listener's certificate when serving TLS; every absolute URL pulpd writes then says `https`.
    pub tls: Option<Arc<crate::server::tls::Tls>>,
    /// Whether `/metrics` answers non-loopback clients (`--metrics-public`).
    pub metrics_public: bool,
    /// Whether the main listener serves `/metrics` (not when `--metrics-bind` gives it a listener of its own).
    pub metrics_on_main: bool,
    /// The secret other replicas show to stream blobs downloading here (`pull_through/peers.rs`); `None` alone.
    pub peer_secret: Option<crate::pull_through::peers::PeerSecret>,
}

impl App {
    /// The content API's service (cheap: it shares the repositories' handles).
    pub fn units(&self) -> crate::content::units::Units {
        crate::content::units::Units::new(
            self.repositories.content.clone(),
            self.repositories.clone(),
        )
    }

    /// `https` when serving TLS, else `http`: the scheme of every absolute URL pulpd writes.
    pub fn scheme(&self) -> &'static str {
        if self.tls.is_some() {
            "https"
        } else {
            "http"
        }
    }

    /// Opens the data directory (creating it), recovers interrupted tasks and makes sure `admin` exists.
    /// `registry_host` is the resolved host clients pull from.
    pub async fn open(config: &Config, registry_host: String) -> anyhow::Result<App> {
        crate::data_dir::create(&config.data_dir)
            .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
        let tightened = crate::data_dir::tighten(&config.data_dir)
            .with_context(|| format!("restricting permissions in {}", config.data_dir.display()))?;
        for t in tightened {
            tracing::warn!(
                path = %t.path.display(),
                was = format!("{:o}", t.was),
                now = format!("{:o}", t.now),
                "was readable by group or others; tightened"
            );
        }
        let space = crate::space::Space::new(&config.data_dir, config.min_free_space.clone());
        let store = open_store(config).await?;
        tracing::info!(backend = store.backend().kind(), "metadata store open");
        let tasks = Tasks::open_with_space(&store, Some(space.clone()))?;
        let remotes = Remotes::open(&store)?;
        let repositories = Repositories::open(&store, remotes.clone())?;
        let distributions = Distributions::open(&store, repositories.clone())?;
        // Index entries an upgrade added (the partition indexes of listing) for records written before it.
        repositories.build_indexes(&store).await?;
        distributions.build_indexes(&store).await?;
        let namespaces = crate::namespaces::Namespaces::open(&store)?;
        let auth = Auth::open(&store, config.failed_login_limit)?;
        let policy = crate::auth::policy::Policy::new(crate::auth::roles::Roles::open(&store)?);
        let tls = open_tls(config, &registry_host)?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        // Replicas on a shared store share the key, so a token from one works on all.
        let tokens = if store.backend().shared() {
            crate::auth::token::TokenService::open_shared(&store, &registry_host).await?
        } else {
            crate::auth::token::TokenService::open(&config.data_dir, &registry_host)?
        }
        .with_scheme(scheme);
        let blobs = open_blobs(config, &space)?;
        let pull_through_remotes = crate::pull_through::PullThroughRemotes::open(&store)?;
        let pending = crate::push::PendingBlobs::open(&store)?;
        let orphans = crate::orphans::Orphans::new(
            store.clone(),
            repositories.content.clone(),
            pending.clone(),
            blobs.clone(),
        );
        let pull_through = crate::pull_through::PullThrough::new(
            pull_through_remotes.clone(),
            distributions.clone(),
            repositories.clone(),
            blobs.clone(),
            config.pull_through,
        )
        .with_space(space.clone())
        .with_retention(&store, orphans)?;
        // Replicas on a shared store fetch each blob from the upstream once between them, and stream it from
        // the one downloading it.
        let peer_secret = if store.backend().shared() {
            Some(crate::pull_through::peers::PeerSecret::open_shared(&store).await?)
        } else {
            None
        };
        let pull_through = if let Some(secret) = &peer_secret {
            pull_through.with_leases(
                crate::pull_through::leases::Leases::open(
                    &store,
                    tasks.worker_id(),
                    config.peer_url.clone(),
                )?,
                Some(crate::pull_through::peers::Peers::new(secret.clone())?),
                crate::pull_through::leases::TagChecks::open(&store)?,
                crate::pull_through::leases::Misses::open(&store)?,
            )
        } else {
            pull_through
        };
        let accounting = crate::accounting::Accounting::open(&store, repositories.content.clone())?
            .with_pull_through(&pull_through);
        let registry = Registry::new(
            distributions.clone(),
            repositories.clone(),
            remotes.clone(),
            blobs.clone(),
        )
        .with_pull_through(pull_through.clone())
        .with_pending(pending.clone());
        let registry = if config.blob_redirect {
            registry.with_redirect(crate::blob_redirect::BlobRedirect::new(blobs.clone())?)
        } else {
            registry
        };
        let uploads = crate::push::Uploads::open(
            &store,
            &config.data_dir,
            blobs.clone(),
            Some(space.clone()),
            config.upload_ttl,
        )
        .await?;
        let push = crate::push::Push::new(
            &store,
            uploads,
            pending,
            repositories.clone(),
            distributions.clone(),
            namespaces.clone(),
            policy.clone(),
            blobs.clone(),
        )?;
        // A store only this process can open (sled) makes every earlier worker gone at once.
        let exclusive = !store.backend().shared();
        let (workers, recovered) = tasks.recover(config.worker_timeout, exclusive).await?;
        if recovered > 0 {
            tracing::warn!(
                count = recovered,
                "tasks interrupted by the last stop were marked failed"
            );
        }
        if let Some(path) = auth
            .bootstrap_admin(config.admin_password.as_deref(), &config.data_dir)
            .await?
        {
            tracing::info!(file = %path.display(), "generated the admin password; it is in this file (mode 0600)");
        }
        store.flush().await?;
        Ok(App {
            store,
            tasks,
            workers,
            repositories,
            remotes,
            distributions,
            namespaces,
            pull_through_remotes,
            auth,
            policy,
            tokens,
            blobs,
            registry,
            push,
            pull_through,
            accounting,
            token_auth: config.token_auth,
            registry_host,
            data_dir: config.data_dir.clone(),
            space,
            shutdown_grace: config.shutdown_grace,
            connections: config.connections,
            tls,
            metrics_public: config.metrics.public,
            metrics_on_main: config.metrics.bind.is_none(),
            peer_secret,
        })
    }
}

/// Opens the metadata store `config` names (`--metadata`).
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    Ok(match &config.metadata {
        MetadataConfig::Sled => Store::open(&config.data_dir.join("metadata"))
            .with_context(|| format!("opening the database in {}", config.data_dir.display()))?,
        MetadataConfig::Postgres(url) => Store::connect_postgres(url)
            .await
            .with_context(|| format!("connecting to {}", redact_url(url)))?,
    })
}

/// Opens the blob store `config` names (`--blobs`), keeping `space`'s reserve on the file system.
pub fn open_blobs(
    config: &Config,
    space: &crate::space::Space,
) -> anyhow::Result<Arc<dyn BlobStore>> {
    let blob_dir = config.data_dir.join("blobs");
    Ok(match &config.blobs {
        BlobsConfig::Files => Arc::new(
            FsBlobStore::open(&blob_dir)
                .with_context(|| format!("opening the blob store in {}", blob_dir.display()))?
                .with_space(space.clone()),
        ),
        BlobsConfig::S3(s3) => Arc::new(
            S3BlobStore::open(s3, &config.data_dir)
                .with_context(|| format!("opening the S3 blob store {s3:?}"))?,
        ),
    })
}

/// Loads (or, self-signed, generates) the listener's certificate.
fn open_tls(
    config: &Config,
    registry_host: &str,
) -> anyhow::Result<Option<Arc<crate::server::tls::Tls>>> {
    use crate::server::tls::{self, Tls};
    let files = match &config.tls {
        None => return Ok(None),
        Some(TlsConfig::Files(files)) => files.clone(),
        Some(TlsConfig::SelfSigned) => {
            let (files, fresh) = tls::self_signed(&config.data_dir, registry_host)?;
            let what = if fresh {
                "generated a self-signed TLS certificate"
            } else {
                "using the self-signed TLS certificate"
            };
            tracing::info!(
                cert = %files.cert.display(),
                podman = %format!("/etc/containers/certs.d/{registry_host}/ca.crt"),
                docker = %format!("/etc/docker/certs.d/{registry_host}/ca.crt"),
                pulpc = %format!("pulpc --ca-cert {}", files.cert.display()),
                "{what}; to trust it, copy it to the podman and docker paths (or pass it to pulpc)"
            );
            files
        }
    };
    Ok(Some(Arc::new(Tls::load(files)?)))
}
