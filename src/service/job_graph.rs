//! The job feed's interaction graph in memory, and what is cached over it: the viewers' circles of trust, their
//! ranked feeds and their suggestions from the graph, and the authors' reputation (with the most popular
//! accounts); beside it, the recent job posts ([`RecentJobs`]).
//!
//! The graph is read whole once (at start-up by [`JobGraph::warm_up`], or by the first request), a page at a
//! time, and from then on kept in step with `interaction_edges` by its `updated_at`: every request first
//! applies the rows written since the last read, with [`SYNC_OVERLAP_SECS`] of overlap for transactions that
//! committed late (applying a row twice changes nothing). The database work happens outside the locks; the
//! graph is behind a read-write lock that writers hold only to apply rows, so circles for different viewers are
//! computed side by side.
//!
//! A viewer's circle is cached until their own edges change, their blocks or mutes change, or
//! `circle_ttl_secs` passes; a circle computed while the viewer's edges changed is not cached. Reputation is
//! recomputed on another thread once it is older than that, from a copy taken under the read lock, while the
//! old one goes on serving. Every [`RECONCILE_EVERY`] the start-up thread reads the whole table again into the
//! live graph, which picks up a row whose transaction committed later than the overlap allows for.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration as Wait;

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;
use uuid::Uuid;

use crate::db::interaction_edges::{self, EdgeRow};
use crate::db::statuses::{self, Status};
use crate::db::{types, DbConnection, Id};
use crate::domain::job_feed::{
    circle_of_trust, reputation_from, AccountIndex, Circle, Graph, JobFeedSettings, Link,
    Reputation, ReputationInput,
};
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::interaction_graph::to_edge;
use crate::service::kept_suggestions::KeptSuggestions;
use crate::service::ranked_feeds::RankedFeeds;
use crate::service::recent_jobs::{Change, RecentJobs};
use crate::service::status_parts::StatusParts;
use crate::service::usernames::Usernames;

/// Rows written this long before the last read are read again. A request's database work is cut off after
/// `database.statement_timeout_ms` (5 s by default), so its transaction commits well within this.
const SYNC_OVERLAP_SECS: i64 = 10;
/// Rows per page when the whole table is read.
const LOAD_PAGE: i64 = 20_000;
/// Idle edges (no interaction for the cut-off, no follow) are dropped from memory this often.
const PRUNE_EVERY_SECS: i64 = 3_600;
/// Longest a feed request waits for the start-up read (dataset M, 5.3 million edges: about 9 s here).
pub const WARM_UP_WAIT: Wait = Wait::from_secs(30);
/// How often the whole table is read again into the live graph.
pub const RECONCILE_EVERY: Wait = Wait::from_secs(3_600);
/// How often the recent job posts are read again (another server's posts reach this one's feeds within this).
pub const JOBS_RELOAD_EVERY: Wait = Wait::from_secs(300);

/// One per server; cheap to clone (the clones share everything).
#[derive(Default, Clone)]
pub struct JobGraph {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    shared: RwLock<Shared>,
    /// Held while the whole table is read, so it is read once.
    loading: Mutex<()>,
    circles: Mutex<Circles>,
    feeds: RankedFeeds,
    suggestions: KeptSuggestions,
    usernames: Usernames,
    status_parts: StatusParts,
    jobs: RwLock<RecentJobs>,
    jobs_loaded: AtomicBool,
    reputation: Mutex<Option<Arc<Reputation>>>,
    refreshing: AtomicBool,
    /// Set once the start-up read has ended, well or not; `warmed_up` wakes those waiting for it.
    warm_up_over: AtomicBool,
    warmed_up: tokio::sync::Notify,
}

/// Cached circles, each with a fingerprint of the viewer's excluded accounts when it was computed, and when
/// each viewer's edges last changed (in invalidations, counted), so a circle computed across a change is not
/// kept.
#[derive(Default)]
struct Circles {
    cached: HashMap<u32, (Arc<Circle>, u64)>,
    invalidations: u64,
    changed_at: HashMap<u32, u64>,
}

#[derive(Default)]
struct Shared {
    index: AccountIndex,
    graph: Graph,
    loaded: bool,
    /// The latest `updated_at` applied.
    synced: Option<NaiveDateTime>,
    pruned_at: i64,
}

impl Shared {
    /// Whether applying `rows` would change anything (so a request need not take the write lock).
    fn would_change(&self, rows: &[EdgeRow], s: &JobFeedSettings) -> bool {
        rows.iter().any(|row| {
            let (Some(from), Some(to)) = (
                self.index.get(&row.account_id.0),
                self.index.get(&row.target_account_id.0),
            ) else {
                return true;
            };
            self.graph.link(from, to) != Some(&Link::of(&to_edge(row, from, to), s))
        })
    }

    /// Applies stored rows; returns the accounts whose out-edges changed.
    fn apply(&mut self, rows: &[EdgeRow], s: &JobFeedSettings) -> HashSet<u32> {
        let mut changed = HashSet::new();
        for row in rows {
            let from = self.index.intern(row.account_id.0);
            let to = self.index.intern(row.target_account_id.0);
            if self.graph.upsert(&to_edge(row, from, to), s) {
                changed.insert(from);
            }
        }
        changed
    }
}

/// A viewer in the graph: see [`JobGraph::place`].
pub struct Place {
    pub index: u32,
    /// Blocked either way, or muted: the walks stop there, and neither feed nor suggestions name them.
    pub excluded: HashSet<u32>,
    pub circle: Arc<Circle>,
}

/// The graph read-locked, with its account index: what circles and rankings are computed from.
pub struct GraphView<'a>(RwLockReadGuard<'a, Shared>);

impl GraphView<'_> {
    pub fn graph(&self) -> &Graph {
        &self.0.graph
    }

    pub fn index_of(&self, id: Uuid) -> Option<u32> {
        self.0.index.get(&id)
    }

    pub fn id_of(&self, index: u32) -> Option<Uuid> {
        self.0.index.id(index)
    }
}

impl JobGraph {
    fn read(&self) -> RwLockReadGuard<'_, Shared> {
        // The state is a cache of the table: after a panic elsewhere, go on with what is there (a later full
        // read is not needed; rows are applied whole or not at all).
        self.inner
            .shared
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Shared> {
        self.inner
            .shared
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn circles(&self) -> MutexGuard<'_, Circles> {
        self.inner
            .circles
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stored_reputation(&self) -> MutexGuard<'_, Option<Arc<Reputation>>> {
        self.inner
            .reputation
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn view(&self) -> GraphView<'_> {
        GraphView(self.read())
    }

    /// Reads the graph and computes reputation before the first request needs them (start-up), then lets
    /// those waiting go on, however it went.
    pub fn warm_up(&self, conn: &mut DbConnection, s: &JobFeedSettings) -> Result<(), ApiError> {
        struct Ended<'a>(&'a JobGraph);
        impl Drop for Ended<'_> {
            fn drop(&mut self) {
                self.0.warm_up_ended();
            }
        }
        let _ended = Ended(self);
        self.load(conn, s, true)?;
        self.sync(conn, s)?;
        self.reputation(types::now().and_utc().timestamp(), s);
        Ok(())
    }

    /// Reads the job posts of the last `max_age_days` and what passes them on into memory, keeping what this
    /// server wrote meanwhile, and forgets older ones.
    pub fn reload_jobs(&self, conn: &mut DbConnection, s: &JobFeedSettings) -> QueryResult<()> {
        let started = types::now();
        let since = started - Duration::seconds((s.max_age_days * 86_400.0) as i64);
        let posts = statuses::job_posts_since(conn, since)?;
        let passes = statuses::passes_on_since(conn, since)?;
        let fresh = RecentJobs::from_rows(posts, passes);
        let mut jobs = self
            .inner
            .jobs
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *jobs = jobs.refreshed(fresh, started - Duration::seconds(SYNC_OVERLAP_SECS));
        self.inner.jobs_loaded.store(true, Ordering::Release);
        Ok(())
    }

    /// The recent job posts, read-locked: copy out what is needed and let go before any database work.
    pub fn jobs(&self) -> RwLockReadGuard<'_, RecentJobs> {
        self.inner
            .jobs
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// No start-up read is coming (or it has ended): nobody waits for it.
    pub fn warm_up_ended(&self) {
        self.inner.warm_up_over.store(true, Ordering::Release);
        self.inner.warmed_up.notify_waiters();
    }

    /// Waits, without holding a database connection, until the start-up read has ended or [`WARM_UP_WAIT`]
    /// has passed. A feed request that came first would otherwise hold a pooled connection while it waits
    /// for the read, and enough of them would starve every other request of connections.
    pub async fn ready(&self) {
        let notified = self.inner.warmed_up.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if self.inner.warm_up_over.load(Ordering::Acquire) {
            return;
        }
        let _ = tokio::time::timeout(WARM_UP_WAIT, notified).await;
    }

    /// Brings the graph up to date with the table: all of it the first time (unless another thread is
    /// reading it: then 503), then what changed. The write lock is taken only when something changed.
    pub fn sync(&self, conn: &mut DbConnection, s: &JobFeedSettings) -> Result<(), ApiError> {
        self.load(conn, s, false)?;
        if !self.inner.jobs_loaded.load(Ordering::Acquire) {
            self.reload_jobs(conn, s)?;
        }
        let since = self
            .read()
            .synced
            .map(|t| t - Duration::seconds(SYNC_OVERLAP_SECS));
        let rows = interaction_edges::changed_since(conn, since)?;
        let now = types::now().and_utc().timestamp();
        let prune = {
            let shared = self.read();
            let prune = now - shared.pruned_at > PRUNE_EVERY_SECS;
            if !prune && !shared.would_change(&rows, s) {
                return Ok(());
            }
            prune
        };
        let changed = {
            let mut shared = self.write();
            let changed = shared.apply(&rows, s);
            shared.synced = shared.synced.max(rows.iter().map(|r| r.updated_at).max());
            if prune {
                shared.graph.prune_idle(now, s);
                shared.pruned_at = now;
            }
            changed
        };
        self.forget_circles(&changed);
        Ok(())
    }

    fn forget_circles(&self, viewers: &HashSet<u32>) {
        if viewers.is_empty() {
            return;
        }
        self.inner.feeds.forget(viewers);
        let mut circles = self.circles();
        circles.invalidations += 1;
        let at = circles.invalidations;
        for viewer in viewers {
            circles.cached.remove(viewer);
            circles.changed_at.insert(*viewer, at);
        }
        // Only circles being computed right now compare against these marks, and none takes a thousand
        // invalidations: older marks can go.
        if circles.changed_at.len() > 100_000 {
            circles.changed_at.retain(|_, mark| *mark + 1_000 > at);
        }
    }

    /// Reads the whole table once, a page at a time (readers go on between pages). On a request
    /// (`wait == false`) a read already under way on another thread is not waited for: 503.
    fn load(
        &self,
        conn: &mut DbConnection,
        s: &JobFeedSettings,
        wait: bool,
    ) -> Result<(), ApiError> {
        if self.read().loaded {
            return Ok(());
        }
        let _only_one = match self.inner.loading.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) if wait => self
                .inner
                .loading
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                return Err(ApiError::unavailable(anyhow::anyhow!(
                    "the job feed's graph is still being read"
                )))
            }
        };
        if self.read().loaded {
            return Ok(());
        }
        // Rows written while the pages are read are picked up by the next sync, which starts here.
        let started = types::now();
        self.read_all(conn, s)?;
        let mut shared = self.write();
        shared.graph.shrink_to_fit();
        shared.loaded = true;
        shared.synced = Some(started);
        shared.pruned_at = started.and_utc().timestamp();
        Ok(())
    }

    /// Applies every row of the table, a page at a time.
    fn read_all(&self, conn: &mut DbConnection, s: &JobFeedSettings) -> QueryResult<()> {
        let mut after = None;
        loop {
            let rows = interaction_edges::page_after(conn, after, LOAD_PAGE)?;
            let Some(last) = rows.last() else { break };
            after = Some((last.account_id, last.target_account_id));
            let changed = self.write().apply(&rows, s);
            self.forget_circles(&changed);
            if rows.len() < LOAD_PAGE as usize {
                break;
            }
        }
        Ok(())
    }

    /// Reads the whole table again into the live graph: a row whose transaction committed later than the
    /// sync overlap allows for is applied here at the latest (the start-up thread calls this every
    /// [`RECONCILE_EVERY`]).
    pub fn reconcile(&self, conn: &mut DbConnection, s: &JobFeedSettings) -> QueryResult<()> {
        self.read_all(conn, s)
    }

    /// The viewers' ranked feeds, kept for a while.
    pub fn feeds(&self) -> &RankedFeeds {
        &self.inner.feeds
    }

    /// The viewers' suggestions from the graph, kept while their circle is the same.
    pub fn suggestions(&self) -> &KeptSuggestions {
        &self.inner.suggestions
    }

    /// The usernames explanations name, kept once read.
    pub fn usernames(&self) -> &Usernames {
        &self.inner.usernames
    }

    /// The mentions and tags of the posts feed pages show, kept once read.
    pub fn status_parts(&self) -> &StatusParts {
        &self.inner.status_parts
    }

    /// `by` posted, reposted, unreposted or deleted `status` on this server: when it is or passes on a job post,
    /// the recent job posts learn of it and the feeds whose circle holds `by` are ranked again (an account that
    /// never had an edge is in no circle).
    pub fn acted_on(&self, by: Id, status: &Status, change: Change) {
        if status.job_kind.is_none() && status.passes_on_job.is_none() {
            return;
        }
        self.inner
            .jobs
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .apply(status, change);
        if let Some(index) = self.index_of(by.0) {
            self.inner.feeds.touched_by(index);
        }
    }

    /// `by` withdrew their reblog of `original` on this server: when the reblog passed a kept job post on, it
    /// leaves the recent job posts and the feeds whose circle holds `by` are ranked again. Nothing is read: the
    /// viewer may no longer see `original`, and what matters is only whether the reblog is kept here.
    pub fn unreblogged(&self, by: Id, original: Id) {
        let removed = self
            .inner
            .jobs
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove_reblogs(by, original);
        if removed {
            if let Some(index) = self.index_of(by.0) {
                self.inner.feeds.touched_by(index);
            }
        }
    }

    /// The index of an account that has ever had an edge.
    pub fn index_of(&self, id: Uuid) -> Option<u32> {
        self.read().index.get(&id)
    }

    /// Where the viewer stands in the graph: their index, whom their walks leave out, and their circle; `None`
    /// when they have never had an edge (nothing can reach them yet).
    pub fn place(&self, viewer: &Viewer, now: i64, s: &JobFeedSettings) -> Option<Place> {
        let index = self.index_of(viewer.id.0)?;
        let excluded: HashSet<u32> = viewer
            .blocked
            .iter()
            .chain(viewer.muted.iter())
            .filter_map(|id| self.index_of(id.0))
            .collect();
        let circle = self.circle(index, &excluded, now, s);
        Some(Place {
            index,
            excluded,
            circle,
        })
    }

    /// The viewer's circle, from the cache or computed now.
    pub fn circle(
        &self,
        viewer: u32,
        excluded: &HashSet<u32>,
        now: i64,
        s: &JobFeedSettings,
    ) -> Arc<Circle> {
        let fingerprint = {
            let mut sorted: Vec<&u32> = excluded.iter().collect();
            sorted.sort_unstable();
            let mut h = DefaultHasher::new();
            sorted.hash(&mut h);
            h.finish()
        };
        let started_at = {
            let circles = self.circles();
            if let Some((c, f)) = circles.cached.get(&viewer) {
                if !c.is_expired(now, s) && *f == fingerprint {
                    return c.clone();
                }
            }
            circles.invalidations
        };
        // Walks are seeded by the viewer and the cache period: the same circle for the same graph.
        let seed = u64::from(viewer) ^ (now / s.circle_ttl_secs.max(1) as i64) as u64;
        let circle = Arc::new(circle_of_trust(
            &self.read().graph,
            viewer,
            excluded,
            now,
            s,
            seed,
        ));
        let mut circles = self.circles();
        // Computed from a graph that has changed for this viewer since: use it once, do not keep it.
        if circles
            .changed_at
            .get(&viewer)
            .is_some_and(|at| *at > started_at)
        {
            return circle;
        }
        if circles
            .cached
            .get(&viewer)
            .is_none_or(|(c, _)| c.is_expired(now, s))
        {
            circles.cached.retain(|_, (c, _)| !c.is_expired(now, s));
        }
        circles.cached.insert(viewer, (circle.clone(), fingerprint));
        circle
    }

    /// Authors' reputation. The first is computed now; later ones on another thread once the current one is
    /// older than the circle period, while the current one goes on serving. The rounds run on a copy, not
    /// under the graph's lock.
    pub fn reputation(&self, now: i64, s: &JobFeedSettings) -> Arc<Reputation> {
        let current = self.stored_reputation().clone();
        let Some(current) = current else {
            let input = ReputationInput::of(&self.read().graph, now, s);
            let fresh = Arc::new(reputation_from(&input, s));
            *self.stored_reputation() = Some(fresh.clone());
            return fresh;
        };
        let stale = now - current.computed_at > s.circle_ttl_secs as i64;
        if stale && !self.inner.refreshing.swap(true, Ordering::AcqRel) {
            let this = self.clone();
            let s = s.clone();
            let spawned = std::thread::Builder::new()
                .name("job-reputation".into())
                .spawn(move || {
                    // Whatever happens, a later request may try again.
                    struct Done<'a>(&'a AtomicBool);
                    impl Drop for Done<'_> {
                        fn drop(&mut self) {
                            self.0.store(false, Ordering::Release);
                        }
                    }
                    let _done = Done(&this.inner.refreshing);
                    let input = ReputationInput::of(&this.read().graph, now, &s);
                    let fresh = reputation_from(&input, &s);
                    *this.stored_reputation() = Some(Arc::new(fresh));
                });
            if spawned.is_err() {
                self.inner.refreshing.store(false, Ordering::Release);
            }
        }
        current
    }
}
