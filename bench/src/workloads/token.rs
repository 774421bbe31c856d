//! The manifest GET with token auth on: pulpd restarted with `PULPD_TOKEN_AUTH=true` on the same data, one
//! anonymous Bearer token fetched from `/token/` (as podman does for an anonymous pull), then the same load as
//! the anonymous manifest GET with `Authorization: Bearer`. Target: ≥ 1.5× Distribution's *anonymous* figure
//! (Distribution has no token server of its own here; this is what a pulp_container-style auth may cost).

use super::{manifest, Ctx};
use crate::api::Api;
use crate::load::{self, Server};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{ensure, Context};
use hyper::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use hyper::StatusCode;
use pulp_e2e::images::Image;

pub fn row(
    ctx: &Ctx,
    api: &Api,
    pulpd: &Server,
    registry_host: &str,
    image: &Image,
    peer_anonymous: Figure,
) -> Row {
    let (rt, settings, blocked) = (ctx.rt, ctx.settings, ctx.blocked);
    let name = format!("manifest GET, bearer token, {} conns", settings.connections);
    let mut notes = Vec::new();
    let figure = super::unless_blocked(blocked, || {
        let measured = rt.block_on(async {
            // Token auth is on when `/v2/` challenges for a Bearer token.
            let base = load::RequestSpec::get("/v2/");
            let (status, headers, _) = load::probe(pulpd, &base).await?;
            let challenge = headers
                .get(WWW_AUTHENTICATE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            ensure!(
                status == StatusCode::UNAUTHORIZED && challenge.starts_with("Bearer "),
                "GET /v2/ answered {status} with WWW-Authenticate {challenge:?}: token auth is not on"
            );
            let scope = format!("repository:{}:pull", image.repository());
            let token = api
                .token(registry_host, &scope)
                .await
                .context("fetching an anonymous token")?;
            let spec = manifest::get_by_tag(image).header(AUTHORIZATION, &format!("Bearer {token}"));
            manifest::measure(pulpd, &spec, image, settings).await
        });
        match measured {
            Ok(r) => {
                notes.push(format!("pulpd: {}", r.summary()));
                Figure::Measured(r.per_second())
            }
            Err(e) => Figure::Failed(format!("{e:#}")),
        }
    });
    eprintln!("[bench] {name}: pulpd {:?}", figure.value());
    let mut row = Row::new(name, Unit::PerSecond, figure, Goal::RatioAtLeast(1.5))
        .against("Distribution anonymous", peer_anonymous);
    row.notes = notes;
    row
}
