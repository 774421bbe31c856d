//! The daemon's services, opened once from the configuration and shared by every request and task.

use crate::auth::Auth;
use crate::content::Repositories;
use crate::distributions::Distributions;
use crate::remotes::Remotes;
use crate::store::Store;
use crate::tasks::Tasks;
use anyhow::Context;
use std::path::PathBuf;
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
}

/// Every service of the daemon.
pub struct App {
    /// The metadata database (flushed before acknowledging writes).
    pub store: Store,
    pub tasks: Tasks,
    pub repositories: Repositories,
    pub remotes: Remotes,
    pub distributions: Distributions,
    pub auth: Auth,
    /// The host:port clients pull from (`registry_path` prefix, token realm).
    pub registry_host: String,
    /// The data directory (status reports its file system's usage).
    pub data_dir: PathBuf,
    /// Shutdown grace period.
    pub shutdown_grace: Duration,
}

impl App {
    /// Opens the data directory (creating it), recovers interrupted tasks and makes sure `admin` exists.
    /// `registry_host` is the resolved host clients pull from.
    pub fn open(config: &Config, registry_host: String) -> anyhow::Result<App> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
        let store = Store::open(&config.data_dir.join("metadata"))
            .with_context(|| format!("opening the database in {}", config.data_dir.display()))?;
        let tasks = Tasks::open(&store)?;
        let remotes = Remotes::open(&store)?;
        let repositories = Repositories::open(&store, remotes.clone())?;
        let distributions = Distributions::open(&store, repositories.clone())?;
        let auth = Auth::open(&store)?;
        let recovered = tasks.recover()?;
        if recovered > 0 {
            tracing::warn!(
                count = recovered,
                "tasks interrupted by the last stop were marked failed"
            );
        }
        if let Some(path) =
            auth.bootstrap_admin(config.admin_password.as_deref(), &config.data_dir)?
        {
            tracing::info!(file = %path.display(), "generated the admin password; it is in this file (mode 0600)");
        }
        store.db_flush_blocking()?;
        Ok(App {
            store,
            tasks,
            repositories,
            remotes,
            distributions,
            auth,
            registry_host,
            data_dir: config.data_dir.clone(),
            shutdown_grace: config.shutdown_grace,
        })
    }
}
