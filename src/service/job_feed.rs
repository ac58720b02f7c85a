//! The job feed: job posts from the viewer's network, found through the circle of trust and ranked with weak
//! ties in mind (`domain::job_feed`), each with the path that explains it.
//!
//! The interaction graph lives in memory ([`JobGraph`]), built from `interaction_edges` on first use and kept
//! in step with it: every read first applies the rows written since the last one (with a few seconds of
//! overlap for transactions that committed late; applying a row twice changes nothing), so a viewer's own
//! new mention counts in their next feed. Circles are cached per viewer until the viewer's own edges change
//! or their time is up; reputation is recomputed as often.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::interaction_edges;
use crate::db::statuses::{self, Status};
use crate::db::{types, DbConnection, Id};
use crate::domain::job_feed::{
    circle_of_trust, compute_reputation, rank_job_feed, AccountIndex, Action, Candidate, Circle,
    CircleMember, Graph, JobFeedSettings, JobKind, Reputation, Touch, Viewer as RankViewer,
};
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::interaction_graph::to_edge;
use crate::service::status_views::{self, StatusView};

/// Rows written this long before the last sync are read again, for transactions that committed late.
const SYNC_OVERLAP_SECS: i64 = 5;

/// The in-memory graph and what is cached over it; one per server.
#[derive(Default)]
pub struct JobGraph {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    index: AccountIndex,
    graph: Graph,
    synced: Option<NaiveDateTime>,
    /// When the whole table was last read: it is read again every circle period, which also picks up a row
    /// whose transaction committed later than the overlap allows for.
    loaded_at: i64,
    circles: HashMap<u32, Circle>,
    reputation: Option<Reputation>,
}

impl State {
    /// Applies the edge rows written since the last sync; drops the circles of accounts whose edges changed.
    fn sync(&mut self, conn: &mut DbConnection, now: i64, s: &JobFeedSettings) -> QueryResult<()> {
        if now - self.loaded_at > s.circle_ttl_secs as i64 {
            self.synced = None;
            self.loaded_at = now;
        }
        let since = self
            .synced
            .map(|t| t - Duration::seconds(SYNC_OVERLAP_SECS));
        for row in interaction_edges::changed_since(conn, since)? {
            let from = self.index.intern(row.account_id.0);
            let to = self.index.intern(row.target_account_id.0);
            self.graph.upsert(to_edge(&row, from, to));
            self.circles.remove(&from);
            self.synced = self.synced.max(Some(row.updated_at));
        }
        Ok(())
    }

    fn circle(
        &mut self,
        viewer: u32,
        excluded: &HashSet<u32>,
        now: i64,
        s: &JobFeedSettings,
    ) -> &Circle {
        let stale = self
            .circles
            .get(&viewer)
            .is_none_or(|c| c.is_expired(now, s));
        if stale {
            self.circles.retain(|_, c| !c.is_expired(now, s));
            // Walks are seeded by the viewer and the cache period: the same circle for the same graph.
            let seed = u64::from(viewer) ^ (now / s.circle_ttl_secs.max(1) as i64) as u64;
            let circle = circle_of_trust(&self.graph, viewer, excluded, now, s, seed);
            self.circles.insert(viewer, circle);
        }
        &self.circles[&viewer]
    }

    fn reputation(&mut self, now: i64, s: &JobFeedSettings) -> &Reputation {
        let stale = self
            .reputation
            .as_ref()
            .is_none_or(|r| now - r.computed_at > s.circle_ttl_secs as i64);
        if stale {
            self.reputation = Some(compute_reputation(&self.graph, now, s));
        }
        self.reputation
            .get_or_insert_with(|| Reputation::uniform(1.0))
    }
}

/// One item of the feed: the post as the viewer sees it, and why it is there.
#[derive(Debug)]
pub struct FeedItem {
    pub view: StatusView,
    pub explanation: String,
    pub path: Vec<Account>,
}

/// A member of the viewer's circle, for `GET /api/v1/accounts/circle`.
#[derive(Debug)]
pub struct CircleEntry {
    pub account: Account,
    pub weight: f64,
    pub hop: u8,
    pub via: Option<Account>,
    pub mutual: u32,
}

impl JobGraph {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>, ApiError> {
        // The state is a cache of the table: after a panic elsewhere, start it afresh rather than fail.
        Ok(self.state.lock().unwrap_or_else(|poisoned| {
            let mut state = poisoned.into_inner();
            *state = State::default();
            state
        }))
    }
}

/// The viewer as the ranking needs them: their index, whom they exclude, which kinds they want.
struct Seen {
    viewer: Viewer,
    index: u32,
    excluded: HashSet<u32>,
    kinds: &'static [JobKind],
}

fn see(conn: &mut DbConnection, state: &mut State, me: Id) -> Result<Seen, ApiError> {
    let viewer = Viewer::load(conn, me)?;
    let account = accounts::find(conn, me)?.ok_or_else(ApiError::not_found)?;
    let index = state.index.intern(me.0);
    let excluded = viewer
        .blocked
        .iter()
        .chain(viewer.muted.iter())
        .map(|id| state.index.intern(id.0))
        .collect();
    Ok(Seen {
        viewer,
        index,
        excluded,
        kinds: JobKind::wanted_by(account.hiring),
    })
}

/// The viewer's circle of trust, strongest first.
pub fn circle(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    me: Id,
) -> Result<Vec<CircleEntry>, ApiError> {
    let now = types::now().and_utc().timestamp();
    let (members, ids): (Vec<CircleMember>, HashMap<u32, Id>) = {
        let mut state = graph.lock()?;
        state.sync(conn, now, s)?;
        let seen = see(conn, &mut state, me)?;
        let members = state
            .circle(seen.index, &seen.excluded, now, s)
            .members
            .clone();
        let ids = members
            .iter()
            .flat_map(|m| [Some(m.account), m.via])
            .flatten()
            .filter_map(|i| Some((i, Id(state.index.id(i)?))))
            .collect();
        (members, ids)
    };
    let found = accounts::by_id(conn, ids.values().copied())?;
    // A cached circle may predate a block or mute: those accounts are never shown.
    let viewer = Viewer::load(conn, me)?;
    let account = |i: u32| {
        ids.get(&i)
            .filter(|id| !viewer.silenced(**id))
            .and_then(|id| found.get(id))
            .cloned()
    };
    Ok(members
        .iter()
        .filter(|m| m.via.is_none_or(|v| account(v).is_some()))
        .filter_map(|m| {
            Some(CircleEntry {
                account: account(m.account)?,
                weight: m.weight,
                hop: m.hop,
                via: m.via.and_then(account),
                mutual: m.mutual,
            })
        })
        .collect())
}

/// The viewer's job feed, `offset` and `limit` into the ranked list.
pub fn feed(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    me: Id,
    offset: usize,
    limit: usize,
) -> Result<Vec<FeedItem>, ApiError> {
    let now_at = types::now();
    let now = now_at.and_utc().timestamp();
    // The circle, under the lock; the database work for candidates happens outside it.
    let (seen, circle) = {
        let mut state = graph.lock()?;
        state.sync(conn, now, s)?;
        let seen = see(conn, &mut state, me)?;
        let circle = state.circle(seen.index, &seen.excluded, now, s).clone();
        (seen, circle)
    };
    let members: Vec<Id> = {
        let state = graph.lock()?;
        circle
            .members
            .iter()
            .filter_map(|m| state.index.id(m.account).map(Id))
            .collect()
    };
    let since = now_at - Duration::seconds((s.max_age_days * 86_400.0) as i64);
    let (posts, touches) = candidates(conn, &seen, &members, since)?;

    let mut names: HashMap<Id, Account> = accounts::by_id(
        conn,
        posts
            .iter()
            .map(|p| p.account_id)
            .chain(members.iter().copied()),
    )?;
    names.retain(|id, _| !seen.viewer.blocked.contains(id));

    let ranked = {
        let mut state = graph.lock()?;
        let index_of = |state: &mut State, id: Id| state.index.intern(id.0);
        let cands: Vec<Candidate> = posts
            .iter()
            .map(|p| Candidate {
                post: p.id.0,
                author: index_of(&mut state, p.account_id),
                created_at: p.created_at.and_utc().timestamp(),
                job_kind: p.job_kind.and_then(JobKind::from_code),
                job_score: p.job_score,
                touches: touches
                    .get(&p.id)
                    .into_iter()
                    .flatten()
                    .map(|(who, action)| Touch {
                        account: index_of(&mut state, *who),
                        action: *action,
                    })
                    .collect(),
            })
            .collect();
        let reputation = state.reputation(now, s).clone();
        let by_index: HashMap<u32, String> = names
            .values()
            .filter_map(|a| Some((state.index.get(&a.id.0)?, a.username.clone())))
            .collect();
        let visible_name = |i: u32| by_index.get(&i).cloned();
        let rank_viewer = RankViewer {
            account: seen.index,
            circle: &circle,
            excluded: &seen.excluded,
            kinds: seen.kinds,
        };
        let items = rank_job_feed(
            &cands,
            &rank_viewer,
            &state.graph,
            &reputation,
            &visible_name,
            s,
            now,
        );
        items
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|item| {
                let path: Vec<Id> = item
                    .explanation
                    .path
                    .iter()
                    .filter_map(|i| state.index.id(*i).map(Id))
                    .collect();
                (Id(item.post), item.explanation.text, path)
            })
            .collect::<Vec<_>>()
    };

    let rows: Vec<Status> = posts
        .into_iter()
        .filter(|p| ranked.iter().any(|(id, _, _)| *id == p.id))
        .collect();
    let mut views: HashMap<Id, StatusView> = status_views::load(conn, Some(me), rows)?
        .into_iter()
        .map(|v| (v.status.id, v))
        .collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(id, explanation, path)| {
            Some(FeedItem {
                view: views.remove(&id)?,
                explanation,
                path: path.iter().filter_map(|a| names.get(a).cloned()).collect(),
            })
        })
        .collect())
}

type Touches = HashMap<Id, Vec<(Id, Action)>>;

/// Job posts the circle authored, reblogged or answered, that the viewer may see, and who in the circle
/// passed each on (only reblogs and replies the viewer may see).
fn candidates(
    conn: &mut DbConnection,
    seen: &Seen,
    members: &[Id],
    since: NaiveDateTime,
) -> Result<(Vec<Status>, Touches), ApiError> {
    let codes: Vec<i16> = seen.kinds.iter().map(|k| k.code()).collect();
    let mut posts = statuses::job_posts_by(conn, members, &codes, since)?;
    let passed = statuses::passed_on_by(conn, members, since)?;
    let passed = audience::visible(conn, Some(&seen.viewer), passed)?;
    let mut touches: Touches = HashMap::new();
    let mut originals: Vec<Id> = Vec::new();
    for p in &passed {
        let (target, action) = match (p.reblog_of_id, p.in_reply_to_id) {
            (Some(original), _) => (original, Action::Reposted),
            (None, Some(parent)) => (parent, Action::Replied),
            (None, None) => continue,
        };
        touches
            .entry(target)
            .or_default()
            .push((p.account_id, action));
        originals.push(target);
    }
    let known: HashSet<Id> = posts.iter().map(|p| p.id).collect();
    originals.retain(|id| !known.contains(id));
    originals.sort();
    originals.dedup();
    posts.extend(
        statuses::find_many(conn, &originals)?
            .into_iter()
            .filter(|p| p.job_kind.is_some_and(|k| codes.contains(&k)) && p.created_at >= since),
    );
    posts.retain(|p| p.account_id != seen.viewer.id && !seen.viewer.silenced(p.account_id));
    let posts = audience::visible(conn, Some(&seen.viewer), posts)?;
    Ok((posts, touches))
}
