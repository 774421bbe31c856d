//! Paging and filtering of lists, shared by every collection: `limit`/`offset`, `ordering` and the name filters
//! Pulp users use (`name`, `name__contains`, `name__icontains`, `name__startswith`, `name__in`).
//!
//! A page is served by walking the table in the requested order and keeping only the window asked for; without
//! filters the count comes from the key count and the walk stops at the end of the window, so records outside
//! the page are never decoded.

use crate::error::{Error, Result};
use crate::store::{self, Order, Record, Table};
use std::collections::BTreeMap;

/// Default and maximum page sizes (Pulp's default is 100).
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// The query string of a list request.
#[derive(Debug, Clone, Default)]
pub struct ListParams {
    pub limit: usize,
    pub offset: usize,
    /// `ordering` as given (`name`, `-pulp_created`, …); `None` = the collection's default.
    pub ordering: Option<String>,
    /// Every other query parameter: the filters.
    pub filters: BTreeMap<String, String>,
}

impl ListParams {
    /// Parses `limit`, `offset`, `ordering`; the rest become filters.
    ///
    /// # Errors
    /// 400 on a non-numeric limit or offset.
    pub fn parse(query: &BTreeMap<String, String>) -> Result<ListParams> {
        let mut p = ListParams {
            limit: DEFAULT_LIMIT,
            ..ListParams::default()
        };
        for (k, v) in query {
            match k.as_str() {
                "limit" => p.limit = count(v, "limit")?.clamp(1, MAX_LIMIT),
                "offset" => p.offset = count(v, "offset")?,
                "ordering" => p.ordering = Some(v.clone()),
                // Pulp's field selection: applied to the answer (`http::api::fields`).
                "fields" | "exclude_fields" => {}
                _ => {
                    p.filters.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(select) = p.filter("pulp_label_select") {
            crate::label_select::LabelSelect::parse(select)?;
        }
        Ok(p)
    }

    /// The value of filter `key`.
    pub fn filter(&self, key: &str) -> Option<&str> {
        self.filters.get(key).map(String::as_str)
    }

    /// Whether `name` passes the name filters.
    pub fn name_matches(&self, name: &str) -> bool {
        self.filter("name").is_none_or(|f| name == f)
            && self
                .filter("name__contains")
                .is_none_or(|f| name.contains(f))
            && self
                .filter("name__icontains")
                .is_none_or(|f| name.to_lowercase().contains(&f.to_lowercase()))
            && self
                .filter("name__startswith")
                .is_none_or(|f| name.starts_with(f))
            && self
                .filter("name__in")
                .is_none_or(|f| f.split(',').any(|n| n == name))
    }

    /// Whether any filter other than the given keys is present (used to choose the fast path).
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty()
    }

    /// The requested sort: field name and whether it is descending, with `default` when none was asked for.
    pub fn sort<'a>(&'a self, default: &'a str) -> (&'a str, bool) {
        let o = self
            .ordering
            .as_deref()
            .and_then(|o| o.split(',').next())
            .unwrap_or(default);
        match o.strip_prefix('-') {
            Some(f) => (f, true),
            None => (o, false),
        }
    }
}

/// Which records of a collection the caller may see (the access policy decides, `auth::policy`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visible {
    /// Everything (staff, or a model-wide role that allows viewing).
    All,
    /// Only the objects with these hrefs (plus what a collection shows everyone, such as public distributions).
    Only(std::collections::HashSet<String>),
}

impl Visible {
    /// Whether the object `href` is visible.
    pub fn contains(&self, href: &str) -> bool {
        match self {
            Visible::All => true,
            Visible::Only(set) => set.contains(href),
        }
    }

    /// Whether everything is visible (then a list can count without walking).
    pub fn is_all(&self) -> bool {
        matches!(self, Visible::All)
    }
}

/// A non-negative integer query parameter. One too large for `usize` saturates: as in DRF (whose integers are
/// unbounded), a huge offset is an empty page, not an error.
fn count(v: &str, field: &str) -> Result<usize> {
    match v.parse::<usize>() {
        Ok(n) => Ok(n),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => Ok(usize::MAX),
        Err(_) => Err(Error::field(field, "A valid integer is required.")),
    }
}

/// One page of records and the count of all matches.
#[derive(Debug)]
pub struct Window<T> {
    pub count: u64,
    pub items: Vec<T>,
}

/// Where [`window`] reads records from, in order: a store [`Scan`](store::Scan), or anything else that yields
/// records one at a time.
pub trait Source<T> {
    /// The next record, or `None` at the end.
    fn next_record(&mut self)
        -> impl std::future::Future<Output = store::Result<Option<T>>> + Send;
}

impl<T: Record> Source<T> for store::Scan<T> {
    fn next_record(
        &mut self,
    ) -> impl std::future::Future<Output = store::Result<Option<T>>> + Send {
        self.next()
    }
}

/// Records of an iterator (for records already in memory).
pub struct FromIter<I>(pub I);

impl<T: Send, I: Iterator<Item = T> + Send> Source<T> for FromIter<I> {
    fn next_record(
        &mut self,
    ) -> impl std::future::Future<Output = store::Result<Option<T>>> + Send {
        std::future::ready(Ok(self.0.next()))
    }
}

/// Pages `records` (already in order). With `total` (no filter applies), stops after the window; otherwise
/// counts every record that passes `keep`.
pub async fn window<T>(
    mut records: impl Source<T>,
    params: &ListParams,
    total: Option<u64>,
    keep: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    let mut items = Vec::new();
    let mut count = 0usize;
    let end = params.offset.saturating_add(params.limit);
    while let Some(record) = records.next_record().await? {
        if !keep(&record) {
            continue;
        }
        if count >= params.offset && count < end {
            items.push(record);
        }
        count += 1;
        if total.is_some() && count >= end {
            break;
        }
    }
    Ok(Window {
        count: total.map_or(count as u64, |t| t.max(count as u64)),
        items,
    })
}

/// A page of a table with a unique `name` index: newest first by default, `ordering=name` (or `-name`) by
/// name, Pulp's name filters applied, only what `visible` lets through (`href` names a record).
pub async fn named_page<T: Record>(
    table: &Table<T>,
    params: &ListParams,
    visible: &Visible,
    name: impl Fn(&T) -> &str,
    href: impl Fn(&T) -> String,
) -> Result<Window<T>> {
    let total = if !params.has_filters() && visible.is_all() {
        Some(table.count().await?)
    } else {
        None
    };
    sorted_named_page(table, params, total, |r| {
        params.name_matches(name(r)) && (visible.is_all() || visible.contains(&href(r)))
    })
    .await
}

/// [`named_page`] of the records `only` keeps (a table shared by several collections: the count then comes
/// from the walk).
pub async fn named_page_where<T: Record>(
    table: &Table<T>,
    params: &ListParams,
    visible: &Visible,
    name: impl Fn(&T) -> &str,
    href: impl Fn(&T) -> String,
    only: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    sorted_named_page(table, params, None, |r| {
        only(r) && params.name_matches(name(r)) && (visible.is_all() || visible.contains(&href(r)))
    })
    .await
}

/// The window of `table` in the order `params` asks for (newest first by default, or by `name`).
async fn sorted_named_page<T: Record>(
    table: &Table<T>,
    params: &ListParams,
    total: Option<u64>,
    keep: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    let (field, desc) = params.sort("-pulp_created");
    let order = if desc { Order::Desc } else { Order::Asc };
    if field == "name" {
        window(table.scan_index("name", order), params, total, keep).await
    } else {
        window(table.scan("", order), params, total, keep).await
    }
}

/// The record of `table` that an href in a request body names (`collection` + id), or Pulp's message for the
/// field: a bad UUID, no URL match, or "Object does not exist".
pub async fn resolve_href<T: Record>(
    table: &Table<T>,
    collection: &str,
    h: &str,
) -> std::result::Result<T, String> {
    let id = pulp_shared::href::parse_id(collection, h).map_err(|e| e.to_string())?;
    match table.get(id).await {
        Ok(Some(r)) => Ok(r),
        Ok(None) => Err("Invalid hyperlink - Object does not exist.".into()),
        Err(e) => Err(format!("could not read {collection}: {e}")),
    }
}

/// The current time as Pulp writes it: RFC 3339, UTC, microseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A new resource id: a UUIDv7, so ids sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<ListParams> {
        let query = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListParams::parse(&query)
    }

    fn numbers(n: usize) -> FromIter<std::ops::Range<usize>> {
        FromIter(0..n)
    }

    fn block<F: std::future::Future>(f: F) -> F::Output {
        futures::executor::block_on(f)
    }

    #[test]
    fn huge_offsets_and_limits_saturate() {
        let p = parse(&[("limit", "1"), ("offset", "18446744073709551615")]).unwrap();
        assert_eq!((p.limit, p.offset), (1, usize::MAX));
        let p = parse(&[
            ("offset", "99999999999999999999999"),
            ("limit", "99999999999999999999"),
        ])
        .unwrap();
        assert_eq!((p.limit, p.offset), (MAX_LIMIT, usize::MAX));
        assert!(parse(&[("offset", "-1")]).is_err());
        assert!(parse(&[("limit", "x")]).is_err());
        let w = block(window(numbers(5), &p, Some(5), |_| true)).unwrap();
        assert_eq!((w.count, w.items.len()), (5, 0));
        let w = block(window(numbers(5), &p, None, |_| true)).unwrap();
        assert_eq!((w.count, w.items.len()), (5, 0));
    }

    proptest! {
        #[test]
        fn any_query_parses_or_is_refused(limit in "\\PC{0,25}|[0-9]{0,25}", offset in "\\PC{0,25}|[0-9]{0,25}") {
            if let Ok(p) = parse(&[("limit", &limit), ("offset", &offset)]) {
                prop_assert!((1..=MAX_LIMIT).contains(&p.limit));
            }
        }

        /// A window holds the records from `offset` on, at most `limit`, and counts every record.
        #[test]
        fn windows_hold_the_asked_slice(n in 0usize..50, limit in 1usize..20, offset in prop_oneof![0usize..60, Just(usize::MAX), Just(usize::MAX - 1)], filtered in any::<bool>()) {
            let p = ListParams { limit, offset, ..ListParams::default() };
            let total = (!filtered).then_some(n as u64);
            let w = block(window(numbers(n), &p, total, |_| true)).unwrap();
            let expected: Vec<usize> = (0..n).skip(offset).take(limit).collect();
            prop_assert_eq!(w.items, expected);
            prop_assert_eq!(w.count, n as u64);
        }
    }
}
