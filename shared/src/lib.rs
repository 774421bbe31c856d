//! Types both pulpd and pulpc read off the wire, and the href helpers that build and parse Pulp's URLs.
//!
//! Layout:
//! - [`api`]: serde structs of every resource (`Repository`, `Remote`, `Distribution`, `Task`, …), the list
//!   envelope [`api::Page`], the `{"task": href}` answer and the status document.
//! - [`href`]: the URL prefixes of the API and functions that build an href from an id and parse it back.
//! - [`wire`]: serde helpers for request bodies that tell an absent field from `null`.
//! - [`error`]: the error bodies of the Pulp API (`{"detail"}` and `{"field": ["message"]}`) and of the registry
//!   (`{"errors": [{code, message, detail}]}`).
//!
//! Wire names follow Pulp exactly; nothing here depends on tokio, axum or reqwest. The `openapi` feature adds
//! OpenAPI schemas (utoipa) to the API types, for pulpd's `/pulp/api/v3/docs/api.json`; pulpc builds without it.

pub mod api;
pub mod error;
pub mod href;
pub mod wire;
