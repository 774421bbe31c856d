//! TLS termination for the listener (`--tls-cert`/`--tls-key`, or `--tls-self-signed`).
//!
//! Owns: loading a PEM certificate chain and key into rustls (ring provider, TLS 1.2 and 1.3, ALPN `h2` and
//! `http/1.1`), the certificate resolver every handshake asks, reloading on SIGHUP and when the files change,
//! and the self-signed certificate `--tls-self-signed` generates once into the data dir. It does not know HTTP:
//! `connection.rs` wraps each accepted socket in the handshake and serves hyper over the result.
//!
//! # Invariants
//! - **A handshake always gets a certificate that loaded.** The resolver holds the current [`CertifiedKey`] in an
//!   [`ArcSwap`]; a reload builds the new one completely (chain parsed, key parsed, key matching the leaf) before
//!   swapping it in. A reload that fails logs why and keeps serving the old certificate.
//! - **Reloading drops no connection.** Only handshakes after the swap see the new certificate; established
//!   sessions keep theirs, so a blob download in flight completes.
//!
//! # Why polling, not inotify
//! The files are checked every [`POLL_EVERY`] by `stat` (modification time, size, inode, following symlinks).
//! That sees every way certificates get replaced — in place, by rename (certbot), by swapping a symlinked
//! directory (Kubernetes secrets) — where an inotify watch on the file would miss the last two; it costs two
//! `stat` calls a few times a minute. SIGHUP reloads at once.

use arc_swap::ArcSwap;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often the certificate and key files are checked for changes.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// File names of the `--tls-self-signed` certificate and key in the data dir.
pub const SELF_SIGNED_CERT: &str = "tls-self-signed.crt";
pub const SELF_SIGNED_KEY: &str = "tls-self-signed.key";

/// Errors loading or generating a certificate, by condition.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A PEM file could not be read or holds nothing usable.
    #[error("{what} {}: {reason}", path.display())]
    Unreadable {
        what: &'static str,
        path: PathBuf,
        reason: String,
    },
    /// The key does not belong to the certificate, or rustls refuses it.
    #[error("the key {} does not fit the certificate {}: {reason}", key.display(), cert.display())]
    Mismatch {
        cert: PathBuf,
        key: PathBuf,
        reason: String,
    },
    /// Generating the self-signed certificate failed.
    #[error("generating a self-signed certificate: {0}")]
    Generate(String),
    /// rustls refused the configuration (the crypto provider supports no safe protocol version).
    #[error("configuring TLS: {0}")]
    Config(String),
    /// Writing the generated certificate or key failed.
    #[error("writing {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Where the certificate chain and key live (PEM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    /// The certificate chain, leaf first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// A loaded certificate with its reload machinery; shared by the accept loop and the watcher.
#[derive(Debug)]
pub struct Tls {
    /// The files reloads read.
    files: Files,
    /// Answers every handshake with the current certificate.
    resolver: Arc<Resolver>,
    /// The rustls configuration handshakes use (its resolver is `resolver`).
    config: Arc<rustls::ServerConfig>,
}

/// The certificate every handshake gets, swapped whole on reload.
#[derive(Debug)]
struct Resolver {
    current: ArcSwap<CertifiedKey>,
}

impl ResolvesServerCert for Resolver {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.current.load_full())
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

impl Tls {
    /// Loads `files`.
    ///
    /// # Errors
    /// When a file cannot be read, holds no certificate or key, or the key does not fit the certificate.
    pub fn load(files: Files) -> Result<Tls, Error> {
        let provider = provider();
        let key = load(&files, &provider)?;
        let resolver = Arc::new(Resolver {
            current: ArcSwap::from_pointee(key),
        });
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Config(e.to_string()))?
            .with_no_client_auth()
            .with_cert_resolver(resolver.clone());
        // hyper-util's auto builder tells HTTP/2 from HTTP/1.1 by the connection preface; ALPN lets clients
        // that only speak HTTP/2 after negotiating it (Go's net/http, curl) choose it.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Tls {
            files,
            resolver,
            config: Arc::new(config),
        })
    }

    /// The acceptor wrapping each accepted socket.
    pub fn acceptor(&self) -> tokio_rustls::TlsAcceptor {
        tokio_rustls::TlsAcceptor::from(self.config.clone())
    }

    /// The files this certificate is read from.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Reads the files again and, when they load, serves them to the next handshakes.
    ///
    /// # Errors
    /// As [`Tls::load`]; the current certificate stays in use.
    pub fn reload(&self) -> Result<(), Error> {
        let key = load(&self.files, &provider())?;
        self.resolver.current.store(Arc::new(key));
        Ok(())
    }

    /// Reloads on SIGHUP and when the files change, until `shutdown`. A failed reload is logged and the old
    /// certificate stays.
    pub async fn watch(self: Arc<Self>, shutdown: CancellationToken) {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangup = match signal(SignalKind::hangup()) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGHUP; certificates reload only when their files change");
                None
            }
        };
        let mut seen = self.stamp();
        let mut poll = tokio::time::interval(POLL_EVERY);
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let why = tokio::select! {
                () = shutdown.cancelled() => return,
                Some(()) = async { match hangup.as_mut() { Some(h) => h.recv().await, None => None } } => "SIGHUP",
                _ = poll.tick() => {
                    let now = self.stamp();
                    if now == seen {
                        continue;
                    }
                    seen = now;
                    "the files changed"
                }
            };
            match self.reload() {
                Ok(()) => tracing::info!(
                    cert = %self.files.cert.display(),
                    reason = why,
                    "reloaded the TLS certificate"
                ),
                Err(e) => tracing::error!(
                    error = %e,
                    reason = why,
                    "could not reload the TLS certificate; still serving the previous one"
                ),
            }
        }
    }

    /// What identifies the files' current contents without reading them.
    fn stamp(&self) -> [Option<Stamp>; 2] {
        [stamp(&self.files.cert), stamp(&self.files.key)]
    }
}

/// Modification time, size and inode of a file (following symlinks).
type Stamp = (Option<std::time::SystemTime>, u64, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok(), m.len(), m.ino()))
}

/// Reads and checks a certificate chain and its key.
fn load(files: &Files, provider: &CryptoProvider) -> Result<CertifiedKey, Error> {
    let unreadable = |what, path: &Path, reason: String| Error::Unreadable {
        what,
        path: path.to_path_buf(),
        reason,
    };
    let chain = CertificateDer::pem_file_iter(&files.cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| unreadable("certificate", &files.cert, e.to_string()))?;
    if chain.is_empty() {
        return Err(unreadable(
            "certificate",
            &files.cert,
            "no PEM CERTIFICATE block".into(),
        ));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key)
        .map_err(|e| unreadable("private key", &files.key, e.to_string()))?;
    CertifiedKey::from_der(chain, key, provider).map_err(|e| Error::Mismatch {
        cert: files.cert.clone(),
        key: files.key.clone(),
        reason: e.to_string(),
    })
}

/// The certificate and key `--tls-self-signed` uses: generated into `data_dir` (mode 0600) on first use for
/// `registry_host`'s host name plus `localhost` and `127.0.0.1`, reused after. Returns the files and whether
/// they were just generated.
///
/// The certificate is its own issuer and not a CA (rustls refuses a CA certificate as a server's), so clients
/// trust it by holding it as their CA file: `/etc/containers/certs.d/<host:port>/ca.crt` for podman and skopeo,
/// `/etc/docker/certs.d/<host:port>/ca.crt` for docker, `--ca-cert` for pulpc.
///
/// # Errors
/// When generating or writing fails.
pub fn self_signed(data_dir: &Path, registry_host: &str) -> Result<(Files, bool), Error> {
    let files = Files {
        cert: data_dir.join(SELF_SIGNED_CERT),
        key: data_dir.join(SELF_SIGNED_KEY),
    };
    if files.cert.exists() && files.key.exists() {
        return Ok((files, false));
    }
    let mut names = vec![host_name(registry_host).to_string()];
    for also in ["localhost", "127.0.0.1"] {
        if !names.iter().any(|n| n == also) {
            names.push(also.to_string());
        }
    }
    let generate = |e: rcgen::Error| Error::Generate(e.to_string());
    let mut params = rcgen::CertificateParams::new(names.clone()).map_err(generate)?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, names[0].clone());
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let key = rcgen::KeyPair::generate().map_err(generate)?;
    let cert = params.self_signed(&key).map_err(generate)?;
    // The key first: a crash in between leaves no certificate, so the next start generates both again.
    write_private(&files.key, &key.serialize_pem())?;
    write_private(&files.cert, &cert.pem())?;
    Ok((files, true))
}

/// The host part of `host:port` (`[::1]:5000` → `::1`).
fn host_name(host_port: &str) -> &str {
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    host.trim_start_matches('[').trim_end_matches(']')
}

fn write_private(path: &Path, contents: &str) -> Result<(), Error> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()
    };
    write().map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn host_names_drop_the_port_and_brackets() {
        assert_eq!(host_name("localhost:24817"), "localhost");
        assert_eq!(host_name("registry.example"), "registry.example");
        assert_eq!(host_name("[::1]:5000"), "::1");
        assert_eq!(host_name("10.0.0.1:443"), "10.0.0.1");
    }

    #[test]
    fn self_signed_is_generated_once_private_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let (files, fresh) = self_signed(dir.path(), "registry.example:5000").unwrap();
        assert!(fresh);
        for path in [&files.cert, &files.key] {
            let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", path.display());
        }
        let first = std::fs::read(&files.cert).unwrap();
        let (again, fresh) = self_signed(dir.path(), "registry.example:5000").unwrap();
        assert!(!fresh);
        assert_eq!(again, files);
        assert_eq!(
            std::fs::read(&files.cert).unwrap(),
            first,
            "reused, not regenerated"
        );
        Tls::load(files).unwrap();
    }

    #[test]
    fn a_failed_reload_keeps_the_certificate_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let (files, _) = self_signed(dir.path(), "localhost:1").unwrap();
        let tls = Tls::load(files.clone()).unwrap();
        let before = tls.resolver.current.load_full();
        let other = tempfile::tempdir().unwrap();
        let (second, _) = self_signed(other.path(), "localhost:1").unwrap();
        // A new certificate with the old key: refused, the old pair stays.
        std::fs::copy(&second.cert, &files.cert).unwrap();
        assert!(matches!(tls.reload(), Err(Error::Mismatch { .. })));
        assert!(Arc::ptr_eq(&before, &tls.resolver.current.load_full()));
        // Both replaced: served from now on.
        std::fs::copy(&second.key, &files.key).unwrap();
        tls.reload().unwrap();
        assert_eq!(
            tls.resolver.current.load().cert[0].as_ref(),
            CertificateDer::from_pem_file(&second.cert)
                .unwrap()
                .as_ref()
        );
    }

    #[test]
    fn a_file_without_a_certificate_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let (files, _) = self_signed(dir.path(), "localhost:1").unwrap();
        std::fs::write(&files.cert, "not a certificate\n").unwrap();
        let e = Tls::load(files.clone()).unwrap_err().to_string();
        assert!(e.contains(SELF_SIGNED_CERT), "{e}");
    }
}
