//! pulpd's entry point: parse flags (each with an env fallback and a config file key, see `settings.rs`), set up
//! logging, open the data directory, bind, serve until SIGINT/SIGTERM. Everything else lives in the library
//! (see `lib.rs` for the layout).

mod env;
mod settings;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use pulpd::app::{App, BlobsConfig, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// pulpd: a container registry and content manager that speaks Pulp's container API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on (the management API and the registry share it).
    #[arg(long, env = env::BIND, default_value = "127.0.0.1:24817")]
    bind: SocketAddr,
    /// Directory for the metadata database and blob files [default: the platform data dir, e.g. ~/.local/share/pulpd]
    #[arg(long, env = env::DATA_DIR, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// host:port written into distributions' registry_path [default: localhost:<port> when bound to loopback, else the bind address]
    #[arg(long, env = env::REGISTRY_HOST, value_name = "HOST:PORT")]
    registry_host: Option<String>,
    /// Log format.
    #[arg(long, env = env::LOG_FORMAT, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// Log filter (tracing env-filter syntax, e.g. `info`, `pulpd=debug`).
    #[arg(long, env = env::LOG, default_value = "info")]
    log: String,
    /// Require Docker token auth (Bearer tokens from /token/) on the registry API.
    #[arg(long, env = env::TOKEN_AUTH, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    token_auth: bool,
    /// Seconds to wait for requests and tasks on shutdown.
    #[arg(long, env = env::SHUTDOWN_GRACE, value_name = "SECS", default_value_t = 30)]
    shutdown_grace: u64,
    /// Seconds a pull-through tag is served without asking the upstream; after that one HEAD revalidates it.
    #[arg(long, env = env::PULL_THROUGH_TTL, value_name = "SECS", default_value_t = 60)]
    pull_through_ttl: u64,
    /// Seconds an upstream 404 is remembered by the pull-through cache.
    #[arg(long, env = env::PULL_THROUGH_NEGATIVE_TTL, value_name = "SECS", default_value_t = 10)]
    pull_through_negative_ttl: u64,
    /// Fetch in the background the blobs of every manifest the pull-through cache records (for an index, of
    /// its children already pulled), so a cached tag can be pulled in full once the upstream is gone.
    #[arg(long, env = env::PULL_THROUGH_PREFETCH, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pull_through_prefetch: bool,
    /// Failed password checks allowed per minute from one client address and for one user name; more get 429 with Retry-After (0 = no limit).
    #[arg(long, env = env::FAILED_LOGIN_LIMIT, value_name = "N", default_value_t = pulpd::auth::throttle::DEFAULT_LIMIT)]
    failed_login_limit: u32,
    /// Free space to keep on the data dir's file system; below it, writes that add data answer 507.
    /// Sizes like `500MiB`, `2GB`, `5%` (of the file system), or several separated by commas (the smallest applies); `0` turns it off.
    #[arg(long, env = env::MIN_FREE_SPACE, value_name = "SIZE", default_value = pulpd::space::DEFAULT_RESERVE)]
    min_free_space: pulpd::space::Reserve,
    /// A connection must send a complete request head within this of its first byte (of connecting, for a new
    /// connection); else it is closed. Seconds, or with a unit: 500ms, 30s, 2m.
    #[arg(long, env = env::HEADER_READ_TIMEOUT, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    header_read_timeout: Duration,
    /// A connection with no request in flight is closed after this without traffic. Seconds, or with a unit.
    #[arg(long, env = env::IDLE_TIMEOUT, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    idle_timeout: Duration,
    /// A request body that sends no bytes for this long fails (the upload or JSON read ends with an error).
    /// Seconds, or with a unit.
    #[arg(long, env = env::BODY_IDLE_TIMEOUT, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    body_idle_timeout: Duration,
    /// Where blob bytes live: files in the data dir [default], or `s3://bucket/prefix` for an S3-compatible
    /// bucket, reached with AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION.
    #[arg(long, env = env::BLOBS, value_name = "URL")]
    blobs: Option<String>,
    /// Answer blob GETs with a 307 redirect to a presigned URL (valid 15 minutes) of the S3 blob store, so
    /// clients download from the bucket directly; needs --blobs s3://... (refused at start otherwise).
    #[arg(long, env = env::BLOB_REDIRECT)]
    blob_redirect: bool,
    /// Where metadata lives: `sled` under the data dir [default], or `postgres://user:password@host:port/db`
    /// for a PostgreSQL database that several replicas share (schema migrations are applied at start).
    #[arg(long, env = env::METADATA, value_name = "URL", default_value = "sled")]
    metadata: pulpd::app::MetadataConfig,
    /// A replica that misses heartbeats this long is gone: the others fail its unfinished tasks ("Worker has
    /// gone missing.") and release its locks. Seconds, or with a unit.
    #[arg(long, env = env::WORKER_TIMEOUT, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    worker_timeout: Duration,
    /// Blob upload sessions older than this are removed with their bytes (a push that stalls this long must
    /// start over). Seconds, or with a unit.
    #[arg(long, env = env::UPLOAD_TTL, value_name = "DURATION", default_value = "24h", value_parser = parse_duration)]
    upload_ttl: Duration,
    /// Where the other replicas reach this one (http://host:port), written into the blob leases it takes so
    /// they stream a pull-through blob from it while it downloads [default: http://<bind address> when that is
    /// a specific address and TLS is off; else none, and they wait until the blob is stored].
    #[arg(long, env = env::PEER_URL, value_name = "URL", value_parser = parse_peer_url)]
    peer_url: Option<String>,

    // Operating in production (issue 17): config file, TLS, `pulpd config show`.
    /// Config file (TOML; keys are these long flag names) [default: /etc/pulpd/pulpd.toml when it exists]
    #[arg(long, global = true, env = env::CONFIG, value_name = "FILE")]
    config: Option<PathBuf>,
    /// PEM certificate chain to serve HTTPS with (with --tls-key); reloaded on SIGHUP and when the file changes.
    #[arg(long, env = env::TLS_CERT, value_name = "PEM")]
    tls_cert: Option<PathBuf>,
    /// PEM private key of --tls-cert.
    #[arg(long, env = env::TLS_KEY, value_name = "PEM")]
    tls_key: Option<PathBuf>,
    /// Serve HTTPS with a self-signed certificate for the registry host, generated once into the data dir.
    #[arg(long, env = env::TLS_SELF_SIGNED)]
    tls_self_signed: bool,
    /// Serve /metrics to every client; without it only loopback clients may read it.
    #[arg(long, env = env::METRICS_PUBLIC)]
    metrics_public: bool,
    /// Serve /metrics (plain HTTP) on a listener of its own at this address, e.g. 127.0.0.1:9100, instead of
    /// on --bind.
    #[arg(long, env = env::METRICS_BIND, value_name = "ADDR")]
    metrics_bind: Option<SocketAddr>,
    /// Check the data and exit instead of serving: report blobs that repository versions reference but whose
    /// file is missing, manifests they reference without a record (exit status 1 if any), and the unreferenced
    /// blob files the next orphan cleanup removes (exit status 0 if that is all). With sled, stop pulpd first.
    #[arg(long)]
    check: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Inspect pulpd's settings.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the settings in effect and where each came from (flag, env, file, default); secrets redacted.
    Show,
}

/// Environment variables read outside the flags, shown by `pulpd config show` (secrets redacted).
const ENV_ONLY: [(&str, bool); 5] = [
    (env::ADMIN_PASSWORD, true),
    ("AWS_ENDPOINT_URL", false),
    ("AWS_REGION", false),
    ("AWS_ACCESS_KEY_ID", false),
    ("AWS_SECRET_ACCESS_KEY", true),
];

/// The TLS settings, checked together (a file key may complete a flag, so clap cannot check them).
fn tls_config(args: &Args) -> anyhow::Result<Option<pulpd::app::TlsConfig>> {
    use pulpd::app::TlsConfig;
    match (&args.tls_cert, &args.tls_key, args.tls_self_signed) {
        (None, None, false) => Ok(None),
        (None, None, true) => Ok(Some(TlsConfig::SelfSigned)),
        (Some(cert), Some(key), false) => Ok(Some(TlsConfig::Files(pulpd::server::tls::Files {
            cert: cert.clone(),
            key: key.clone(),
        }))),
        (Some(_), Some(_), true) => {
            anyhow::bail!("--tls-self-signed and --tls-cert exclude each other")
        }
        _ => anyhow::bail!("--tls-cert and --tls-key go together"),
    }
}

/// `pulpd config show`.
fn show_config(loaded: &settings::Loaded<Args>) {
    // A database URL may hold a password.
    let shown: Vec<settings::Setting> = loaded
        .settings
        .iter()
        .cloned()
        .map(|mut s| {
            if s.name == "metadata" {
                s.value = s.value.map(|v| pulpd::app::redact_url(&v));
            }
            s
        })
        .collect();
    let mut text = settings::render(&shown, loaded.file.as_deref());
    text.push_str("# read from the environment only:\n");
    for (var, secret) in ENV_ONLY {
        let value = match std::env::var(var) {
            Ok(v) if v.is_empty() => "(empty)".to_string(),
            Ok(_) if secret => "(set, redacted)".to_string(),
            Ok(v) => v,
            Err(_) => "(unset)".to_string(),
        };
        text.push_str(&format!("# {var} = {value}\n"));
    }
    use std::io::Write;
    // A closed pipe (`pulpd config show | head`) is not an error.
    let _ = std::io::stdout().write_all(text.as_bytes());
}

/// A duration flag: plain seconds (`30`, like the other flags) or a number with a unit (`500ms`, `30s`, `5m`, `1h`).
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; use e.g. 30, 30s, 500ms or 5m"))?;
    let duration = match unit.trim() {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        other => {
            return Err(format!(
                "unknown unit {other:?} in {text:?}; use ms, s, m or h"
            ))
        }
    };
    if duration.is_zero() {
        return Err("must be greater than zero".into());
    }
    Ok(duration)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn main() -> anyhow::Result<()> {
    // Before any thread or file exists: everything pulpd creates is private to its user (see data_dir.rs).
    pulpd::data_dir::restrict_umask();
    let loaded = match settings::load::<Args>(std::env::args_os().collect()) {
        Ok(loaded) => loaded,
        Err(settings::Error::Usage(e)) => e.exit(),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if let Some(Command::Config(ConfigCommand::Show)) = loaded.args.command {
        show_config(&loaded);
        return Ok(());
    }
    let args = &loaded.args;
    let tls = match tls_config(args) {
        Ok(tls) => tls,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    init_logging(args.log_format, &args.log);
    tracing::info!(
        config_file = %loaded.file.as_deref().map_or("none".into(), |p| p.display().to_string()),
        from_flags = %loaded.names_from(|s| matches!(s, settings::Source::Flag)),
        from_env = %loaded.names_from(|s| matches!(s, settings::Source::Env(_))),
        from_file = %loaded.names_from(|s| matches!(s, settings::Source::File)),
        "settings loaded (the rest are defaults; `pulpd config show` lists them)"
    );
    let data_dir = match args.data_dir.clone() {
        Some(d) => d,
        None => dirs::data_dir()
            .context("no platform data directory; pass --data-dir")?
            .join("pulpd"),
    };
    let blobs = match args.blobs.as_deref().filter(|u| !u.is_empty()) {
        None => BlobsConfig::Files,
        Some(url) => BlobsConfig::S3(pulpd::blobs::S3Config::from_url(url, |name| {
            std::env::var(name).ok()
        })?),
    };
    let config = Config {
        blobs,
        blob_redirect: args.blob_redirect,
        metadata: args.metadata.clone(),
        worker_timeout: args.worker_timeout,
        upload_ttl: args.upload_ttl,
        data_dir,
        registry_host: args.registry_host.clone(),
        admin_password: std::env::var(env::ADMIN_PASSWORD)
            .ok()
            .filter(|p| !p.is_empty()),
        shutdown_grace: Duration::from_secs(args.shutdown_grace),
        token_auth: args.token_auth,
        pull_through: pulpd::pull_through::Config {
            ttl: Duration::from_secs(args.pull_through_ttl),
            negative_ttl: Duration::from_secs(args.pull_through_negative_ttl),
            prefetch: args.pull_through_prefetch,
        },
        failed_login_limit: args.failed_login_limit,
        min_free_space: args.min_free_space.clone(),
        connections: pulpd::server::Limits {
            header_read_timeout: args.header_read_timeout,
            idle_timeout: args.idle_timeout,
            body_idle_timeout: args.body_idle_timeout,
            sending: pulpd::server::file_send::Sending::Adaptive,
        },
        tls,
        metrics: pulpd::app::MetricsConfig {
            public: args.metrics_public,
            bind: args.metrics_bind,
        },
        peer_url: args.peer_url.clone(),
    };
    if args.check {
        return check(&config);
    }
    pulpd::server::fd_limit::raise();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?
        .block_on(run(args.bind, config))
}

/// `pulpd --check`: prints the report; exits 0 when consistent, 1 when a reference dangles, 2 when the check
/// could not run.
fn check(config: &Config) -> anyhow::Result<()> {
    let report = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?
        .block_on(pulpd::check::run(config));
    match report {
        Ok(report) => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(report.render().as_bytes());
            std::process::exit(if report.consistent() { 0 } else { 1 });
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}

async fn run(bind: SocketAddr, mut config: Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding {bind}"))?;
    let local = listener.local_addr()?;
    if config.peer_url.is_none() {
        config.peer_url = default_peer_url(local, config.tls.is_some());
    }
    let registry_host = config.registry_host.clone().unwrap_or_else(|| {
        if local.ip().is_loopback() {
            format!("localhost:{}", local.port())
        } else {
            local.to_string()
        }
    });
    let metrics_listener = match config.metrics.bind {
        Some(addr) => Some(
            tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("binding the metrics listener {addr}"))?,
        ),
        None => None,
    };
    let app = Arc::new(App::open(&config, registry_host.clone()).await?);
    tracing::info!(
        address = %local,
        registry_host = %registry_host,
        scheme = %app.scheme(),
        data_dir = %config.data_dir.display(),
        peer_url = config.peer_url.as_deref().unwrap_or("none"),
        "listening"
    );
    let shutdown = CancellationToken::new();
    tokio::spawn(signal_shutdown(shutdown.clone()));
    if let Some(listener) = metrics_listener {
        tracing::info!(address = %listener.local_addr()?, public = config.metrics.public, "serving /metrics");
        tokio::spawn(pulpd::serve_metrics(
            listener,
            app.clone(),
            shutdown.clone(),
        ));
    }
    pulpd::serve(listener, app, shutdown).await
}

/// `--peer-url`: an http(s) URL without a path.
fn parse_peer_url(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))
        .ok_or_else(|| format!("{text:?} is not an http:// or https:// URL"))?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains('/') {
        return Err(format!(
            "{text:?}: give scheme, host and port only, e.g. http://10.0.0.5:24817"
        ));
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// Where peers reach this replica when `--peer-url` is not given: the bound address, when it is a specific one
/// (not 0.0.0.0 or ::) and the listener speaks plain HTTP (under TLS the peers would have to trust the
/// certificate, so the flag is required).
fn default_peer_url(local: SocketAddr, tls: bool) -> Option<String> {
    (!tls && !local.ip().is_unspecified()).then(|| format!("http://{local}"))
}

/// Cancels `token` on SIGINT or SIGTERM.
async fn signal_shutdown(token: CancellationToken) {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot install signal handlers; stop pulpd with SIGKILL");
        return;
    };
    tokio::select! {
        _ = term.recv() => {},
        _ = int.recv() => {},
    }
    token.cancel();
}

fn init_logging(format: LogFormat, filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(color)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn the_peer_url_defaults_to_a_specific_plain_bind_address_only() {
        use super::{default_peer_url, parse_peer_url};
        let addr = |s: &str| s.parse().unwrap();
        assert_eq!(
            default_peer_url(addr("127.0.0.1:8080"), false).as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            default_peer_url(addr("[::1]:8080"), false).as_deref(),
            Some("http://[::1]:8080")
        );
        assert_eq!(default_peer_url(addr("0.0.0.0:8080"), false), None);
        assert_eq!(default_peer_url(addr("127.0.0.1:8080"), true), None);
        assert_eq!(
            parse_peer_url("https://a.example:8443/").as_deref(),
            Ok("https://a.example:8443")
        );
        assert!(parse_peer_url("a.example:8443").is_err());
        assert!(parse_peer_url("http://a.example/x").is_err());
        assert!(parse_peer_url("http://").is_err());
    }

    #[test]
    fn durations_take_plain_seconds_or_a_unit() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("s").is_err());
        assert!(parse_duration("10d").is_err());
        assert!(parse_duration("-1").is_err());
    }
}
