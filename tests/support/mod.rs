//! Support for the end-to-end tests: real processes on loopback, never mocks.
//!
//! - [`balancer`]: nginx as a non-sticky round-robin load balancer in front of pulpd replicas.
//! - [`daemon`]: starts the built `pulpd` on an ephemeral port with a temp data dir; API helpers; `pulpc`.
//! - [`wait`]: `wait_until`, polling with a deadline (no sleeps as synchronisation).
//! - [`images`]: builds the test images offline, deterministically (OCI layouts and a Docker schema2 dir).
//! - [`upstream`]: Debian's `docker-registry` (CNCF Distribution) on an ephemeral port, seeded with the images.
//! - [`postgres`]: a private PostgreSQL cluster (Debian's server) on loopback, one per test process.
//! - [`process`]: the wrapper that kills a test server when the test process ends.
//! - [`s3`]: SeaweedFS (`weed mini`) on loopback, one per test process, for the S3 blob backend.
//! - [`throttle`]: a TCP proxy passing an upstream's answers on at a fixed rate (slow downloads on purpose).
//! - [`clients`]: podman and skopeo with temp `CONTAINERS_*` config files, so tests need no edits of /etc.
//! - [`oci`]: a raw `/v2/` client (tokens, upload sessions, manifests) and generated OCI test images.
//! - [`docker`]: a private Docker engine (one per test process) and the `docker` client pointed at it.
//! - [`pulp_cli`]: the real pulp-cli (PyPI, installed by `scripts/test`) with settings of its own for one daemon.

pub mod balancer;
pub mod clients;
pub mod daemon;
pub mod docker;
pub mod images;
pub mod oci;
pub mod postgres;
pub mod process;
pub mod pulp_cli;
pub mod s3;
pub mod throttle;
pub mod upstream;
pub mod wait;
