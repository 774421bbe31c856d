//! Pulp's `fields` and `exclude_fields` query parameters (drf-flex-fields): a `GET` of the management API that
//! names them answers only the named fields of each object (of each result of a page), or all but the
//! excluded ones. Applied once to every answer here rather than by each handler, since every object is a JSON
//! object and every list a Pulp page.

use crate::http::extract::form_urlencoded_pairs;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// What a request asks to keep and drop.
#[derive(Debug, Default, PartialEq, Eq)]
struct Selection {
    only: Option<BTreeSet<String>>,
    exclude: BTreeSet<String>,
}

impl Selection {
    /// From a query string: `fields=a,b` (repeatable), `exclude_fields=c`. `None` when neither is given.
    fn parse(query: &str) -> Option<Selection> {
        let mut s = Selection::default();
        let mut given = false;
        for (k, v) in form_urlencoded_pairs(query) {
            let names = v
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            match k.as_str() {
                "fields" => {
                    given = true;
                    s.only.get_or_insert_with(BTreeSet::new).extend(names);
                }
                "exclude_fields" => {
                    given = true;
                    s.exclude.extend(names);
                }
                _ => {}
            }
        }
        given.then_some(s)
    }

    fn apply(&self, object: &mut Map<String, Value>) {
        if let Some(only) = &self.only {
            object.retain(|k, _| only.contains(k));
        }
        object.retain(|k, _| !self.exclude.contains(k));
    }

    /// Applies to a page's results, or to the object itself.
    fn apply_to_answer(&self, answer: &mut Value) {
        let Value::Object(object) = answer else {
            return;
        };
        let is_page = object.contains_key("count") && object.contains_key("results");
        match object.get_mut("results") {
            Some(Value::Array(results)) if is_page => {
                for r in results {
                    if let Value::Object(o) = r {
                        self.apply(o);
                    }
                }
            }
            _ => self.apply(object),
        }
    }
}

/// The middleware: successful JSON answers to `GET`s that name `fields` or `exclude_fields` are trimmed.
pub async fn select(request: Request, next: Next) -> Response {
    let selection = (request.method() == Method::GET)
        .then(|| request.uri().query().and_then(Selection::parse))
        .flatten();
    let response = next.run(request).await;
    let Some(selection) = selection else {
        return response;
    };
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !response.status().is_success() || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut answer) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    selection.apply_to_answer(&mut answer);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(answer.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_keep_and_exclude_fields_drop_in_objects_and_pages() {
        let s = Selection::parse("fields=name,pulp_href&fields=base_path&limit=1").unwrap();
        let mut object = json!({"name": "a", "pulp_href": "/x/", "base_path": "p", "remote": null});
        s.apply_to_answer(&mut object);
        assert_eq!(
            object,
            json!({"name": "a", "pulp_href": "/x/", "base_path": "p"})
        );

        let s = Selection::parse("exclude_fields=remote").unwrap();
        let mut page = json!({"count": 1, "next": null, "previous": null,
                              "results": [{"name": "a", "remote": null}]});
        s.apply_to_answer(&mut page);
        assert_eq!(page["results"], json!([{"name": "a"}]));
        assert_eq!(page["count"], 1);

        assert_eq!(Selection::parse("limit=1&name=x"), None);
    }
}
