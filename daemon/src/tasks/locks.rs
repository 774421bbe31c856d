//! Resource locks of tasks, kept in the metadata store so that every replica on one database honours them.
//!
//! One record per resource name holds the tasks that hold it (one exclusive holder, or any number of shared
//! ones) and a queue of the tasks waiting for it, in arrival order. A task is granted a resource by an atomic
//! [`Table::update`] when nothing incompatible holds it and no incompatible task waits ahead of it, so tasks on
//! one repository run in the order they were submitted, on whichever replica. Tasks take their resources in
//! sorted order, so two tasks never wait for each other crosswise.
//!
//! A waiting task looks at the record again whenever the locks table changes, here or on another replica
//! ([`Store::changes`]: LISTEN/NOTIFY on PostgreSQL), and every [`POLL`] in case a wakeup was missed; a lock
//! left by a replica that died is cleared by [`Locks::forget`] (the reaper, `workers.rs`).

use super::Resource;
use crate::store::{self, Order, Record, Store, Table, Write};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How often a waiting task looks at its lock again when no change woke it.
const POLL: Duration = Duration::from_secs(1);

/// A task's claim on a resource.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claim {
    pub task: String,
    pub worker: String,
    pub exclusive: bool,
}

/// The lock of one resource.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct LockRecord {
    resource: String,
    holders: Vec<Claim>,
    queue: Vec<Claim>,
}

impl Record for LockRecord {
    fn id(&self) -> &str {
        &self.resource
    }
}

impl LockRecord {
    /// Whether `claim` (queued) may take the lock now.
    fn grants(&self, claim: &Claim) -> bool {
        let ahead = self.queue.iter().take_while(|c| c.task != claim.task);
        if claim.exclusive {
            self.holders.is_empty() && ahead.count() == 0
        } else {
            !self.holders.iter().any(|h| h.exclusive) && !ahead.into_iter().any(|c| c.exclusive)
        }
    }
}

/// The resource locks.
#[derive(Clone)]
pub struct Locks {
    table: Table<LockRecord>,
    /// Woken when a lock changes, in this process or another.
    changed: std::sync::Arc<tokio::sync::Notify>,
}

impl Locks {
    pub fn open(store: &Store) -> store::Result<Locks> {
        Ok(Locks {
            table: store.table("task_locks", &[])?,
            changed: store.changes("task_locks"),
        })
    }

    /// Takes every resource of `resources` (sorted) for `task` of `worker`, waiting as long as it takes.
    ///
    /// # Cancel safety
    /// Dropping the future may leave the task queued or holding some resources: call [`Locks::release`].
    pub async fn acquire(
        &self,
        task: &str,
        worker: &str,
        resources: &[Resource],
    ) -> store::Result<()> {
        for r in resources {
            let claim = Claim {
                task: task.to_owned(),
                worker: worker.to_owned(),
                exclusive: r.exclusive,
            };
            loop {
                let woken = self.changed.notified();
                tokio::pin!(woken);
                woken.as_mut().enable();
                if self.try_take(&r.name, &claim).await? {
                    break;
                }
                let _ = tokio::time::timeout(POLL, woken).await;
            }
        }
        Ok(())
    }

    /// Queues `claim` on `resource` if needed and takes it when granted; returns whether it holds it.
    async fn try_take(&self, resource: &str, claim: &Claim) -> store::Result<bool> {
        let stored = self
            .table
            .update(resource, |current| {
                let mut lock = current.unwrap_or_else(|| LockRecord {
                    resource: resource.to_owned(),
                    holders: Vec::new(),
                    queue: Vec::new(),
                });
                if lock.holders.iter().any(|h| h.task == claim.task) {
                    return None;
                }
                let mut changed = false;
                if !lock.queue.iter().any(|c| c.task == claim.task) {
                    lock.queue.push(claim.clone());
                    changed = true;
                }
                if lock.grants(claim) {
                    lock.queue.retain(|c| c.task != claim.task);
                    lock.holders.push(claim.clone());
                    changed = true;
                }
                // A poll that changes nothing writes nothing.
                changed.then_some(Write::Put(lock))
            })
            .await?;
        Ok(stored.is_some_and(|l| l.holders.iter().any(|h| h.task == claim.task)))
    }

    /// Releases (or leaves the queues of) every resource of `resources` for `task`.
    pub async fn release(&self, task: &str, resources: &[Resource]) -> store::Result<()> {
        for r in resources {
            self.remove_claims(&r.name, |c| c.task == task).await?;
        }
        Ok(())
    }

    /// Drops every claim, held or queued, of the workers `gone` selects (replicas that stopped heartbeating, or
    /// this process's earlier lives), in one walk over the locks. Returns how many locks changed.
    pub async fn forget(&self, gone: impl Fn(&str) -> bool + Send + Sync) -> store::Result<usize> {
        let mut changed = 0;
        for lock in self.table.all("", Order::Asc).await? {
            if lock
                .holders
                .iter()
                .chain(&lock.queue)
                .any(|c| gone(&c.worker))
            {
                self.remove_claims(&lock.resource, |c| gone(&c.worker))
                    .await?;
                changed += 1;
            }
        }
        Ok(changed)
    }

    /// Removes the claims `gone` selects from `resource`'s lock, deleting the lock once nobody needs it.
    async fn remove_claims(
        &self,
        resource: &str,
        gone: impl Fn(&Claim) -> bool + Send + Sync,
    ) -> store::Result<()> {
        self.table
            .update(resource, |current| {
                let mut lock = current?;
                let before = lock.holders.len() + lock.queue.len();
                lock.holders.retain(|c| !gone(c));
                lock.queue.retain(|c| !gone(c));
                if lock.holders.len() + lock.queue.len() == before {
                    None
                } else if lock.holders.is_empty() && lock.queue.is_empty() {
                    Some(Write::Delete)
                } else {
                    Some(Write::Put(lock))
                }
            })
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(task: &str, exclusive: bool) -> Claim {
        Claim {
            task: task.into(),
            worker: "w".into(),
            exclusive,
        }
    }

    #[test]
    fn grants_follow_the_queue_and_sharing_rules() {
        let mut lock = LockRecord {
            resource: "r".into(),
            holders: vec![claim("s1", false)],
            queue: vec![claim("x", true), claim("s2", false)],
        };
        assert!(!lock.grants(&claim("x", true)), "a shared holder blocks");
        assert!(
            !lock.grants(&claim("s2", false)),
            "a shared claim waits behind a queued exclusive one"
        );
        lock.holders.clear();
        assert!(lock.grants(&claim("x", true)));
        lock.queue.remove(0);
        lock.holders.push(claim("x", true));
        assert!(
            !lock.grants(&claim("s2", false)),
            "an exclusive holder blocks"
        );
    }
}
