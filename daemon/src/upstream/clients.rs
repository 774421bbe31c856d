//! A cache of upstream clients keyed by their settings, so requests to one remote share one connection pool,
//! TLS setup and token cache instead of building a client each time. An edited remote has other settings and
//! so gets a new client; the old one is dropped once its last user finishes.

use super::{Error, Upstream, UpstreamConfig};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// How many distinct configurations are kept; past it the cache starts over (a client is cheap to rebuild, and
/// a daemon has far fewer remotes than this in use at once).
const MAX_CLIENTS: usize = 256;

/// Clients by configuration. Cheap to clone (shared).
#[derive(Clone, Default)]
pub struct Clients {
    /// A std mutex: held only to look up or insert, never across an `.await`.
    clients: Arc<Mutex<HashMap<UpstreamConfig, Arc<Upstream>>>>,
}

impl Clients {
    /// The client for `config`, built on first use.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] as [`Upstream::new`].
    pub fn get(&self, config: UpstreamConfig) -> Result<Arc<Upstream>, Error> {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(client) = clients.get(&config) {
            return Ok(client.clone());
        }
        let client = Arc::new(Upstream::new(config.clone())?);
        if clients.len() >= MAX_CLIENTS {
            clients.clear();
        }
        clients.insert(config, client.clone());
        Ok(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_settings_share_a_client_and_other_settings_get_their_own() {
        let clients = Clients::default();
        let config = UpstreamConfig::new("http://127.0.0.1:1");
        let a = clients.get(config.clone()).unwrap();
        let b = clients.get(config.clone()).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let other = UpstreamConfig {
            password: Some("another".into()),
            ..config
        };
        assert!(!Arc::ptr_eq(&a, &clients.get(other).unwrap()));
    }
}
