//! The shared backend: PostgreSQL (`--metadata postgres://user@host:port/db`), for several replicas.
//!
//! Two tables hold every pulpd table (`tbl` names it), keys and index values as `bytea` so that they sort
//! bytewise as in sled and may hold any character (role assignment keys contain NUL, which `text` refuses):
//! - `pulpd_records (tbl, key) → value`;
//! - `pulpd_indexes (tbl, idx, value) → key`: the primary key *is* the uniqueness rule, so two replicas
//!   claiming one name at once cannot both win.
//!
//! [`MetadataStore::update`] is one transaction: `SELECT … FOR UPDATE` of the record (a row lock, so concurrent
//! updates of one record run one after the other), the mutation, index releases and claims (`INSERT … ON
//! CONFLICT DO NOTHING`, then a look at the holder), the record write. A record that did not exist has no row
//! to lock; its creation is an `INSERT … ON CONFLICT DO NOTHING`, and losing that race (or a deadlock or
//! serialization failure) retries the whole transaction with the value now stored. Index entries are written
//! in the same transaction as their record, so they are never stale here.
//!
//! Counts are maintained in `pulpd_counts (tbl, grp) → n`, changed by each update in its own transaction (the
//! rows are locked in group order, so two writers cannot deadlock on them). A table is counted from its
//! records once, the first time anyone asks (`pulpd_counted` lists the tables counted so), under a `SHARE`
//! lock of `pulpd_records` that waits for the writers in flight and holds off new ones for that moment; from
//! then on `count` is one row read.
//!
//! The change feed (what keeps other replicas' read caches correct and wakes their waiters, see `cache.rs`): a
//! trigger on `pulpd_records` sends `NOTIFY pulpd_changes, '<table>\t<hex key>'` for every changed record,
//! delivered at commit; each store LISTENs on a connection of its own and reconnects when it is lost.
//!
//! Schema changes are numbered migrations applied at start under a session advisory lock (replicas starting
//! together apply each once); `pulpd_schema` records the version reached.
//!
//! Connections: a deadpool pool (tokio-postgres underneath, without TLS: the database is expected on loopback
//! or a private network). An unreachable database answers [`Error::Unavailable`] to the requests that need it;
//! unlike sled's global error nothing is lost, so pulpd keeps running and recovers when it returns.

use super::{
    BoxFuture, Change, Error, GroupsOf, IndexEntry, MetadataStore, Mutation, Notice, NoticeSink,
    Order, Range, Result, Row,
};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::error::SqlState;
use tokio_postgres::NoTls;

/// The migrations, in order; `pulpd_schema.version` is how many have been applied.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE pulpd_records (
        tbl text NOT NULL,
        key bytea NOT NULL,
        value bytea NOT NULL,
        PRIMARY KEY (tbl, key)
    );
    CREATE TABLE pulpd_indexes (
        tbl text NOT NULL,
        idx text NOT NULL,
        value bytea NOT NULL,
        key bytea NOT NULL,
        PRIMARY KEY (tbl, idx, value)
    );
"#,
    r#"
    CREATE TABLE pulpd_counts (
        tbl text NOT NULL,
        grp text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tbl, grp)
    );
    CREATE TABLE pulpd_counted (
        tbl text PRIMARY KEY
    );
"#,
    // The change feed (see the module doc): one notification per changed record, sent at commit. Keys are
    // sent in hex (they may hold NUL, which a payload cannot); a key too long for a payload names the table.
    r#"
    CREATE FUNCTION pulpd_notify_change() RETURNS trigger AS $$
    DECLARE
        r pulpd_records;
    BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        IF octet_length(r.key) > 3000 THEN
            PERFORM pg_notify('pulpd_changes', r.tbl);
        ELSE
            PERFORM pg_notify('pulpd_changes', r.tbl || E'\t' || encode(r.key, 'hex'));
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER pulpd_records_changed AFTER INSERT OR UPDATE OR DELETE ON pulpd_records
        FOR EACH ROW EXECUTE FUNCTION pulpd_notify_change();
"#,
];

/// The channel of the change feed.
const CHANNEL: &str = "pulpd_changes";

/// How long the feed waits before connecting again after losing its connection.
const FEED_RETRY: std::time::Duration = std::time::Duration::from_secs(1);

/// The advisory lock key migrations run under (an arbitrary constant: the bytes of "pulpd" as a number).
const MIGRATION_LOCK: i64 = 483_006_378_084;

/// How often one update is retried after losing a race (creation, deadlock, serialization failure).
const MAX_ATTEMPTS: usize = 20;

/// A PostgreSQL database holding pulpd's metadata.
pub struct PostgresStore {
    pool: Pool,
    /// Where the change feed connects (its own connection, outside the pool).
    config: tokio_postgres::Config,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/db`), applying pending migrations.
    ///
    /// # Errors
    /// A malformed URL, an unreachable database, or a failed migration.
    pub async fn connect(url: &str) -> Result<PostgresStore> {
        let config: tokio_postgres::Config = url.parse().map_err(|e| Error::Backend {
            cause: format!("invalid PostgreSQL URL: {e}"),
        })?;
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(|e| Error::Backend {
                cause: format!("PostgreSQL pool: {e}"),
            })?;
        let store = PostgresStore { pool, config };
        store.migrate().await?;
        Ok(store)
    }

    async fn client(&self) -> Result<deadpool_postgres::Object> {
        self.pool.get().await.map_err(|e| Error::Unavailable {
            cause: format!("PostgreSQL: {e}"),
        })
    }

    /// Applies the migrations this database lacks, under the advisory lock.
    async fn migrate(&self) -> Result<()> {
        let mut client = self.client().await?;
        client
            .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(pg)?;
        let applied = apply_migrations(&mut client).await;
        let unlocked = client
            .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(pg);
        let version = applied?;
        unlocked?;
        tracing::debug!(version, "PostgreSQL schema is current");
        Ok(())
    }

    async fn update_once(
        &self,
        client: &mut deadpool_postgres::Object,
        table: &str,
        key: &str,
        mutation: &mut dyn Mutation,
    ) -> std::result::Result<bool, Attempt> {
        let tx = client.transaction().await.map_err(Attempt::from)?;
        let current: Option<Vec<u8>> = tx
            .query_opt(
                "SELECT value FROM pulpd_records WHERE tbl = $1 AND key = $2 FOR UPDATE",
                &[&table, &key.as_bytes()],
            )
            .await?
            .map(|row| row.get(0));
        let change = mutation.apply(current.as_deref()).map_err(Attempt::Fail)?;
        let (release, counts) = match &change {
            Change::Keep => return Ok(false),
            Change::Put {
                release, counts, ..
            }
            | Change::Delete { release, counts } => (release, counts.clone()),
        };
        for (ix, v) in release {
            tx.execute(
                "DELETE FROM pulpd_indexes WHERE tbl = $1 AND idx = $2 AND value = $3 AND key = $4",
                &[&table, ix, &v.as_bytes(), &key.as_bytes()],
            )
            .await?;
        }
        match change {
            Change::Keep => unreachable!("returned above"),
            Change::Delete { .. } => {
                tx.execute(
                    "DELETE FROM pulpd_records WHERE tbl = $1 AND key = $2",
                    &[&table, &key.as_bytes()],
                )
                .await?;
            }
            Change::Put { value, claim, .. } => {
                for (ix, v) in &claim {
                    let inserted = tx
                        .execute(
                            "INSERT INTO pulpd_indexes (tbl, idx, value, key) VALUES ($1, $2, $3, $4) \
                             ON CONFLICT DO NOTHING",
                            &[&table, ix, &v.as_bytes(), &key.as_bytes()],
                        )
                        .await?;
                    if inserted == 0 {
                        let holder: Option<Vec<u8>> = tx
                            .query_opt(
                                "SELECT key FROM pulpd_indexes WHERE tbl = $1 AND idx = $2 AND value = $3",
                                &[&table, ix, &v.as_bytes()],
                            )
                            .await?
                            .map(|row| row.get(0));
                        match holder {
                            Some(h) if h == key.as_bytes() => {}
                            // Released between the insert and the look: try again.
                            None => return Err(Attempt::Retry),
                            Some(_) => {
                                return Err(Attempt::Fail(Error::Conflict {
                                    index: (*ix).to_owned(),
                                    value: v.clone(),
                                }))
                            }
                        }
                    }
                }
                if current.is_some() {
                    tx.execute(
                        "UPDATE pulpd_records SET value = $3 WHERE tbl = $1 AND key = $2",
                        &[&table, &key.as_bytes(), &value],
                    )
                    .await?;
                } else {
                    let inserted = tx
                        .execute(
                            "INSERT INTO pulpd_records (tbl, key, value) VALUES ($1, $2, $3) \
                             ON CONFLICT DO NOTHING",
                            &[&table, &key.as_bytes(), &value],
                        )
                        .await?;
                    if inserted == 0 {
                        // Created by another writer since the read: decide again on its value.
                        return Err(Attempt::Retry);
                    }
                }
            }
        }
        let mut counts = counts;
        counts.sort();
        for (group, delta) in &counts {
            tx.execute(
                "INSERT INTO pulpd_counts (tbl, grp, n) VALUES ($1, $2, $3) \
                 ON CONFLICT (tbl, grp) DO UPDATE SET n = pulpd_counts.n + EXCLUDED.n",
                &[&table, group, delta],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Counts `table` from its records and records that it is counted (see the module doc).
    async fn count_records(
        &self,
        client: &mut deadpool_postgres::Object,
        table: &str,
        groups_of: GroupsOf<'_>,
    ) -> Result<()> {
        let tx = client.transaction().await.map_err(pg)?;
        tx.batch_execute("LOCK TABLE pulpd_records IN SHARE MODE")
            .await
            .map_err(pg)?;
        let counted = tx
            .query_opt("SELECT 1 FROM pulpd_counted WHERE tbl = $1", &[&table])
            .await
            .map_err(pg)?
            .is_some();
        if counted {
            return Ok(());
        }
        let mut counts: std::collections::BTreeMap<String, i64> = Default::default();
        for row in tx
            .query("SELECT value FROM pulpd_records WHERE tbl = $1", &[&table])
            .await
            .map_err(pg)?
        {
            for g in groups_of(row.get::<_, &[u8]>(0)).groups {
                *counts.entry(g).or_default() += 1;
            }
        }
        tx.execute("DELETE FROM pulpd_counts WHERE tbl = $1", &[&table])
            .await
            .map_err(pg)?;
        for (group, n) in &counts {
            tx.execute(
                "INSERT INTO pulpd_counts (tbl, grp, n) VALUES ($1, $2, $3)",
                &[&table, group, n],
            )
            .await
            .map_err(pg)?;
        }
        tx.execute("INSERT INTO pulpd_counted (tbl) VALUES ($1)", &[&table])
            .await
            .map_err(pg)?;
        tx.commit().await.map_err(pg)?;
        tracing::info!(table, "counted a table's records once");
        Ok(())
    }
}

/// The change feed: LISTENs on its own connection and reports each notification to `sink` until the sink is
/// gone, connecting again after [`FEED_RETRY`] whenever the connection is lost (reported as
/// [`Notice::Lost`], then [`Notice::Resumed`] once listening again).
async fn feed(config: tokio_postgres::Config, sink: NoticeSink) {
    // Warn when a working feed is lost, not again for every failed attempt while the database is down.
    let mut connected = true;
    loop {
        let mut resumed = false;
        match listen(&config, &sink, &mut resumed).await {
            Ok(()) => return,
            Err(e) => {
                let Some(s) = sink.upgrade() else { return };
                s(Notice::Lost);
                drop(s);
                if resumed || connected {
                    tracing::warn!(error = %e, "metadata change feed disconnected; connecting again");
                } else {
                    tracing::debug!(error = %e, "metadata change feed still disconnected");
                }
                connected = false;
            }
        }
        tokio::time::sleep(FEED_RETRY).await;
    }
}

/// One connection of the feed: `Ok` when the sink is gone, `Err` when the connection failed (`resumed` says
/// whether it was listening before).
async fn listen(
    config: &tokio_postgres::Config,
    sink: &NoticeSink,
    resumed: &mut bool,
) -> std::result::Result<(), Error> {
    use futures::StreamExt;
    let (client, mut connection) = config.connect(NoTls).await.map_err(pg)?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        let mut messages = futures::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(m) = messages.next().await {
            match m {
                Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                    if tx.send(n).is_err() {
                        return None;
                    }
                }
                Ok(_) => {}
                Err(e) => return Some(e),
            }
        }
        None
    });
    let listening = client.batch_execute(&format!("LISTEN {CHANNEL}")).await;
    if let Err(e) = listening {
        driver.abort();
        return Err(pg(e));
    }
    match sink.upgrade() {
        Some(s) => s(Notice::Resumed),
        None => return Ok(()),
    }
    *resumed = true;
    loop {
        let next = tokio::time::timeout(FEED_RETRY * 5, rx.recv()).await;
        let Some(s) = sink.upgrade() else {
            driver.abort();
            return Ok(());
        };
        match next {
            Ok(Some(n)) => {
                let payload = n.payload();
                let (table, key) = match payload.split_once('\t') {
                    Some((t, hex_key)) => (t, hex::decode(hex_key).ok()),
                    None => (payload, None),
                };
                let key = key.and_then(|k| String::from_utf8(k).ok());
                s(Notice::Changed {
                    table,
                    key: key.as_deref(),
                });
            }
            // Quiet for a while: the loop only looks whether the sink is still there.
            Err(_elapsed) => {}
            Ok(None) => {
                drop(client);
                let cause = match driver.await {
                    Ok(Some(e)) => format!("PostgreSQL: {e}"),
                    _ => "PostgreSQL: the connection closed".to_owned(),
                };
                return Err(Error::Unavailable { cause });
            }
        }
    }
}

async fn apply_migrations(client: &mut deadpool_postgres::Object) -> Result<usize> {
    client
        .batch_execute("CREATE TABLE IF NOT EXISTS pulpd_schema (version integer NOT NULL)")
        .await
        .map_err(pg)?;
    let version: i32 = client
        .query_one("SELECT coalesce(max(version), 0) FROM pulpd_schema", &[])
        .await
        .map_err(pg)?
        .get(0);
    let version = usize::try_from(version).unwrap_or(0);
    if version > MIGRATIONS.len() {
        return Err(Error::Backend {
            cause: format!(
                "the database's schema is version {version}, newer than this pulpd knows ({}); \
                 upgrade pulpd",
                MIGRATIONS.len()
            ),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = client.transaction().await.map_err(pg)?;
        tx.batch_execute(sql).await.map_err(pg)?;
        let reached = i32::try_from(i + 1).unwrap_or(i32::MAX);
        tx.execute("DELETE FROM pulpd_schema", &[])
            .await
            .map_err(pg)?;
        tx.execute(
            "INSERT INTO pulpd_schema (version) VALUES ($1)",
            &[&reached],
        )
        .await
        .map_err(pg)?;
        tx.commit().await.map_err(pg)?;
        tracing::info!(version = reached, "applied a PostgreSQL schema migration");
    }
    Ok(MIGRATIONS.len())
}

/// How one transaction attempt ended, when not with success.
enum Attempt {
    /// Lost a race: run the transaction again.
    Retry,
    /// Stop with this error.
    Fail(Error),
}

impl From<tokio_postgres::Error> for Attempt {
    fn from(e: tokio_postgres::Error) -> Self {
        match e.code() {
            Some(c)
                if *c == SqlState::T_R_DEADLOCK_DETECTED
                    || *c == SqlState::T_R_SERIALIZATION_FAILURE =>
            {
                Attempt::Retry
            }
            _ => Attempt::Fail(pg(e)),
        }
    }
}

/// A PostgreSQL error as ours: the connection's failures are unavailability, the rest backend errors.
fn pg(e: tokio_postgres::Error) -> Error {
    let cause = match e.as_db_error() {
        Some(db) => format!("PostgreSQL: {}", db.message()),
        None => format!("PostgreSQL: {e}"),
    };
    if e.is_closed() || e.as_db_error().is_none() {
        Error::Unavailable { cause }
    } else {
        Error::Backend { cause }
    }
}

/// The bytewise upper bound of keys starting with `prefix` (`None`: no bound): UTF-8 never holds 0xFF.
fn prefix_end(prefix: &str) -> Option<Vec<u8>> {
    (!prefix.is_empty()).then(|| {
        let mut end = prefix.as_bytes().to_vec();
        end.push(0xFF);
        end
    })
}

/// The WHERE clause and parameters selecting `range` over column `col`, parameters starting at `$first`.
fn range_clause(col: &str, range: &Range, first: usize) -> (String, Vec<Vec<u8>>) {
    let mut clause = String::new();
    let mut params: Vec<Vec<u8>> = Vec::new();
    let mut add = |op: &str, v: Vec<u8>, params: &mut Vec<Vec<u8>>| {
        params.push(v);
        clause.push_str(&format!(" AND {col} {op} ${}", first + params.len() - 1));
    };
    let lower_excl = matches!((&range.after, range.order), (Some(_), Order::Asc));
    let upper_excl = matches!((&range.after, range.order), (Some(_), Order::Desc));
    if lower_excl {
        add(
            ">",
            range.after.clone().unwrap_or_default().into_bytes(),
            &mut params,
        );
    } else {
        add(">=", range.prefix.as_bytes().to_vec(), &mut params);
    }
    if let Some(end) = prefix_end(&range.prefix) {
        add("<", end, &mut params);
    }
    if upper_excl {
        add(
            "<",
            range.after.clone().unwrap_or_default().into_bytes(),
            &mut params,
        );
    }
    let dir = match range.order {
        Order::Asc => "ASC",
        Order::Desc => "DESC",
    };
    clause.push_str(&format!(
        " ORDER BY {col} {dir} LIMIT {} OFFSET {}",
        range.limit, range.skip
    ));
    (clause, params)
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl MetadataStore for PostgresStore {
    fn prepare(&self, _table: &'static str, _indexes: &[&'static str]) -> Result<()> {
        // One schema holds every table (see the module doc).
        Ok(())
    }

    fn get<'a>(&'a self, table: &'a str, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let client = self.client().await?;
            let row = client
                .query_opt(
                    "SELECT value FROM pulpd_records WHERE tbl = $1 AND key = $2",
                    &[&table, &key.as_bytes()],
                )
                .await
                .map_err(pg)?;
            Ok(row.map(|r| r.get(0)))
        })
    }

    fn lookup<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        value: &'a str,
    ) -> BoxFuture<'a, Result<Option<String>>> {
        Box::pin(async move {
            let client = self.client().await?;
            let row = client
                .query_opt(
                    "SELECT key FROM pulpd_indexes WHERE tbl = $1 AND idx = $2 AND value = $3",
                    &[&table, &index, &value.as_bytes()],
                )
                .await
                .map_err(pg)?;
            Ok(row.map(|r| text(r.get(0))))
        })
    }

    fn update<'a>(
        &'a self,
        table: &'a str,
        key: &'a str,
        mutation: &'a mut dyn Mutation,
    ) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            for _ in 0..MAX_ATTEMPTS {
                match self.update_once(&mut client, table, key, mutation).await {
                    Ok(written) => return Ok(written),
                    Err(Attempt::Retry) => continue,
                    Err(Attempt::Fail(e)) => return Err(e),
                }
            }
            Err(Error::Backend {
                cause: format!("update of {table}/{key} lost {MAX_ATTEMPTS} races in a row"),
            })
        })
    }

    fn scan<'a>(&'a self, table: &'a str, range: &'a Range) -> BoxFuture<'a, Result<Vec<Row>>> {
        Box::pin(async move {
            let client = self.client().await?;
            let (clause, params) = range_clause("key", range, 2);
            let sql = format!("SELECT key, value FROM pulpd_records WHERE tbl = $1{clause}");
            let mut args: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&table];
            args.extend(
                params
                    .iter()
                    .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync)),
            );
            let rows = client.query(&sql, &args).await.map_err(pg)?;
            Ok(rows
                .into_iter()
                .map(|r| (text(r.get(0)), r.get(1)))
                .collect())
        })
    }

    fn scan_index<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        range: &'a Range,
    ) -> BoxFuture<'a, Result<Vec<IndexEntry>>> {
        Box::pin(async move {
            let client = self.client().await?;
            let (clause, params) = range_clause("value", range, 3);
            let sql =
                format!("SELECT value, key FROM pulpd_indexes WHERE tbl = $1 AND idx = $2{clause}");
            let mut args: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&table, &index];
            args.extend(
                params
                    .iter()
                    .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync)),
            );
            let rows = client.query(&sql, &args).await.map_err(pg)?;
            Ok(rows
                .into_iter()
                .map(|r| IndexEntry {
                    value: text(r.get(0)),
                    key: text(r.get(1)),
                })
                .collect())
        })
    }

    fn count<'a>(
        &'a self,
        table: &'a str,
        group: &'a str,
        groups_of: GroupsOf<'a>,
    ) -> BoxFuture<'a, Result<u64>> {
        Box::pin(async move {
            let mut client = self.client().await?;
            for _ in 0..2 {
                let row = client
                    .query_one(
                        "SELECT (SELECT n FROM pulpd_counts WHERE tbl = $1 AND grp = $2), \
                         EXISTS (SELECT 1 FROM pulpd_counted WHERE tbl = $1)",
                        &[&table, &group],
                    )
                    .await
                    .map_err(pg)?;
                let (n, counted): (Option<i64>, bool) = (row.get(0), row.get(1));
                if counted {
                    return Ok(u64::try_from(n.unwrap_or(0)).unwrap_or(0));
                }
                self.count_records(&mut client, table, groups_of).await?;
            }
            Err(Error::Backend {
                cause: format!("{table} is not counted after counting it"),
            })
        })
    }

    fn flush(&self) -> BoxFuture<'_, Result<()>> {
        // A committed transaction is durable already.
        Box::pin(async { Ok(()) })
    }

    fn kind(&self) -> &'static str {
        "postgres"
    }

    fn feed(&self, sink: NoticeSink) -> bool {
        tokio::spawn(feed(self.config.clone(), sink));
        true
    }

    fn shared(&self) -> bool {
        true
    }
}
