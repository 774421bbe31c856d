//! Paging and filtering of lists, shared by every collection: `limit`/`offset`, `ordering` and the name filters
//! Pulp users use (`name`, `name__contains`, `name__icontains`, `name__startswith`, `name__in`).
//!
//! A page costs what it holds, not what the table holds: without filters the count is the store's maintained
//! count, the walk starts at the offset by a backend seek (ids, or an index for `ordering=name`) and stops at
//! the end of the window, so records outside the page are never read. `name`, `name__in` and
//! `name__startswith` go through the name index and read only the records they match. The other filters
//! (`name__contains`, labels, …) and a caller who sees only some records walk the table.

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
    records: impl Source<T>,
    params: &ListParams,
    total: Option<u64>,
    keep: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    window_after(records, 0, params, total, keep).await
}

/// [`window`] of `records` whose first `skipped` were left out by the store already.
async fn window_after<T>(
    mut records: impl Source<T>,
    skipped: usize,
    params: &ListParams,
    total: Option<u64>,
    keep: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    let mut items = Vec::new();
    let mut count = skipped;
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

/// Where a collection's records are in their table: the whole table (with a unique `name` index), or one
/// partition of a table shared by several collections ([`Record::partition`]) with the two partition
/// indexes that walk it ([`store::partition_value`] of the id and of the name).
#[derive(Debug, Clone, Copy)]
pub enum Layout {
    Table,
    Partition {
        partition: &'static str,
        by_id: &'static str,
        by_name: &'static str,
    },
}

impl Layout {
    /// `value` as the partition indexes hold it (as is for a whole table): with `""`, the partition's prefix.
    fn prefix(self, value: &str) -> String {
        match self {
            Layout::Table => value.to_owned(),
            Layout::Partition { partition, .. } => store::partition_value(partition, value),
        }
    }

    fn partition(self) -> Option<&'static str> {
        match self {
            Layout::Table => None,
            Layout::Partition { partition, .. } => Some(partition),
        }
    }

    /// The records in id order (newest first with `Order::Desc`), or in name order.
    fn scan<T: Record>(self, table: &Table<T>, by_name: bool, order: Order) -> store::Scan<T> {
        match (self, by_name) {
            (Layout::Table, false) => table.scan("", order),
            (Layout::Table, true) => table.scan_index("name", order),
            (Layout::Partition { by_id, .. }, false) => {
                table.scan_index_prefix(by_id, &self.prefix(""), order)
            }
            (Layout::Partition { by_name: ix, .. }, true) => {
                table.scan_index_prefix(ix, &self.prefix(""), order)
            }
        }
    }

    /// The records whose name starts with `start`, in name order.
    fn scan_names<T: Record>(self, table: &Table<T>, start: &str, order: Order) -> store::Scan<T> {
        match self {
            Layout::Table => table.scan_index_prefix("name", start, order),
            Layout::Partition { by_name, .. } => {
                table.scan_index_prefix(by_name, &self.prefix(start), order)
            }
        }
    }
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
    named_page_in(table, Layout::Table, params, name, !visible.is_all(), |r| {
        visible.contains(&href(r))
    })
    .await
}

/// [`named_page`] of the records `only` keeps (a filter given in `params`, such as `pulp_label_select`:
/// with no filter given it must keep every record).
pub async fn named_page_where<T: Record>(
    table: &Table<T>,
    params: &ListParams,
    visible: &Visible,
    name: impl Fn(&T) -> &str,
    href: impl Fn(&T) -> String,
    only: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    named_page_in(table, Layout::Table, params, name, !visible.is_all(), |r| {
        visible.contains(&href(r)) && only(r)
    })
    .await
}

/// [`named_page`] of the records of `layout` that `only` keeps: the caller's filters other than the name
/// filters (which this serves itself), and its visibility rule. `only` keeps every record when no other
/// filter is given unless `restricted` says otherwise (a caller who sees only some records); the count is
/// then the store's.
pub async fn named_page_in<T: Record>(
    table: &Table<T>,
    layout: Layout,
    params: &ListParams,
    name: impl Fn(&T) -> &str,
    restricted: bool,
    only: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    let keep =
        |r: &T| r.partition() == layout.partition() && params.name_matches(name(r)) && only(r);
    let (field, desc) = params.sort("-pulp_created");
    let by_name = field == "name";
    let order = if desc { Order::Desc } else { Order::Asc };
    // The records a name filter selects through the index, in the requested order.
    let sort = |mut v: Vec<T>| {
        v.sort_by(|a, b| {
            let o = if by_name {
                name(a).cmp(name(b))
            } else {
                a.id().cmp(b.id())
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        FromIter(v.into_iter())
    };
    if let Some(wanted) = params.filter("name") {
        let found = table.get_by("name", wanted).await?;
        return window(FromIter(found.into_iter()), params, None, keep).await;
    }
    if let Some(list) = params.filter("name__in") {
        let mut found = Vec::new();
        let mut names: Vec<&str> = list.split(',').collect();
        names.sort_unstable();
        names.dedup();
        for n in names {
            found.extend(table.get_by("name", n).await?);
        }
        return window(sort(found), params, None, keep).await;
    }
    if let Some(start) = params.filter("name__startswith") {
        let mut scan = layout.scan_names(table, start, order);
        if by_name {
            return window(scan, params, None, keep).await;
        }
        let mut found = Vec::new();
        while let Some(r) = scan.next().await? {
            found.push(r);
        }
        return window(sort(found), params, None, keep).await;
    }
    if restricted || params.has_filters() {
        // `name__contains`, the caller's own filters: every record is looked at.
        return window(layout.scan(table, by_name, order), params, None, keep).await;
    }
    let total = match layout.partition() {
        None => table.count().await?,
        Some(p) => table.count_partition(p).await?,
    };
    counted_window(layout.scan(table, by_name, order), params, total, keep).await
}

/// The window of `scan` when no filter applies and the store counted its `total`: the store seeks to the
/// offset (see [`store::Scan::skip`]) and the walk stops at the end of the page.
pub async fn counted_window<T: Record>(
    scan: store::Scan<T>,
    params: &ListParams,
    total: u64,
    keep: impl Fn(&T) -> bool,
) -> Result<Window<T>> {
    if u64::try_from(params.offset).map_or(true, |o| o >= total) {
        return Ok(Window {
            count: total,
            items: Vec::new(),
        });
    }
    let scan = scan.skip(params.offset).page_size(params.limit);
    window_after(scan, params.offset, params, Some(total), keep).await
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
