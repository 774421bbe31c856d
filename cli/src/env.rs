//! Names of the environment variables pulpc reads, in one place (uv's `env_vars.rs` rule).
//!
//! clap reads the `PULPC_*` ones through `#[arg(env = …)]` in `cli.rs`; `main` reads the others and hands their
//! values down. Nothing else in pulpc touches the environment.

/// Base URL of pulpd (`--base-url`).
pub const PULPC_BASE_URL: &str = "PULPC_BASE_URL";
/// User name for HTTP basic auth (`--username`).
pub const PULPC_USERNAME: &str = "PULPC_USERNAME";
/// Password for HTTP basic auth (`--password`).
pub const PULPC_PASSWORD: &str = "PULPC_PASSWORD";
/// CA certificate (PEM) that pulpd's HTTPS certificate is verified with (`--ca-cert`).
pub const PULPC_CA_CERT: &str = "PULPC_CA_CERT";
/// Profile of the config file (`--profile`).
pub const PULPC_PROFILE: &str = "PULPC_PROFILE";
/// Any non-empty value turns colors off (<https://no-color.org>), like `--color never`.
pub const NO_COLOR: &str = "NO_COLOR";
/// Where the config files live (`$XDG_CONFIG_HOME/pulpc/config.toml`, pulp-cli's `$XDG_CONFIG_HOME/pulp/cli.toml`).
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
/// The config files' fallback location is `$HOME/.config`.
pub const HOME: &str = "HOME";
