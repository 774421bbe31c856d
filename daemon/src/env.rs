//! Environment variables read by pulpd, in one place.

pub const BIND: &str = "PULPD_BIND";
pub const DATA_DIR: &str = "PULPD_DATA_DIR";
pub const REGISTRY_HOST: &str = "PULPD_REGISTRY_HOST";
pub const LOG_FORMAT: &str = "PULPD_LOG_FORMAT";
pub const LOG: &str = "PULPD_LOG";
pub const ADMIN_PASSWORD: &str = "PULPD_ADMIN_PASSWORD";
pub const SHUTDOWN_GRACE: &str = "PULPD_SHUTDOWN_GRACE";
pub const TOKEN_AUTH: &str = "PULPD_TOKEN_AUTH";
pub const PULL_THROUGH_TTL: &str = "PULPD_PULL_THROUGH_TTL";
pub const PULL_THROUGH_NEGATIVE_TTL: &str = "PULPD_PULL_THROUGH_NEGATIVE_TTL";
pub const PULL_THROUGH_PREFETCH: &str = "PULPD_PULL_THROUGH_PREFETCH";
pub const FAILED_LOGIN_LIMIT: &str = "PULPD_FAILED_LOGIN_LIMIT";
pub const MIN_FREE_SPACE: &str = "PULPD_MIN_FREE_SPACE";
pub const HEADER_READ_TIMEOUT: &str = "PULPD_HEADER_READ_TIMEOUT";
pub const IDLE_TIMEOUT: &str = "PULPD_IDLE_TIMEOUT";
pub const BODY_IDLE_TIMEOUT: &str = "PULPD_BODY_IDLE_TIMEOUT";
pub const BLOBS: &str = "PULPD_BLOBS";
pub const METADATA: &str = "PULPD_METADATA";
pub const WORKER_TIMEOUT: &str = "PULPD_WORKER_TIMEOUT";
pub const UPLOAD_TTL: &str = "PULPD_UPLOAD_TTL";
pub const CONFIG: &str = "PULPD_CONFIG";
pub const TLS_CERT: &str = "PULPD_TLS_CERT";
pub const TLS_KEY: &str = "PULPD_TLS_KEY";
pub const TLS_SELF_SIGNED: &str = "PULPD_TLS_SELF_SIGNED";
pub const METRICS_PUBLIC: &str = "PULPD_METRICS_PUBLIC";
pub const METRICS_BIND: &str = "PULPD_METRICS_BIND";
