//! The job feed: job posts from the viewer's network, found through the circle of trust and ranked with weak
//! ties in mind (`domain::job_feed`), each with the path that explains it. The graph and the circles live in
//! [`JobGraph`]; this module asks the database for the candidates and the viewer's side of things.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};

use crate::db::accounts::{self, Account};
use crate::db::interaction_edges;
use crate::db::statuses::{self, JobRow};
use crate::db::{types, DbConnection, Id};
use crate::domain::job_feed::{
    score_job_feed, Action, Candidate, Circle, Edge, JobFeedSettings, JobKind, ScoredItem, Touch,
    Viewer as RankViewer,
};
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::interaction_graph::to_edge;
use crate::service::job_graph::JobGraph;
use crate::service::ranked_feeds::{FeedEntry, RankedFeed, KEPT_ITEMS};
use crate::service::status_views::{self, StatusView};

/// One item of the feed: the post as the viewer sees it, and why it is there.
#[derive(Debug)]
pub struct FeedItem {
    pub view: StatusView,
    pub explanation: String,
    pub path: Vec<Account>,
}

/// One page of the feed, and whether the ranking holds more after it (a post deleted or hidden since the
/// ranking leaves a page short without ending the feed).
#[derive(Debug)]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
    pub more: bool,
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

/// The viewer as the ranking needs them: their index, whom they exclude, which kinds they want.
struct Seen {
    viewer: Viewer,
    index: u32,
    excluded: HashSet<u32>,
    kinds: &'static [JobKind],
}

/// Brings the graph up to date and finds the viewer (the signed-in account, as read for this request) in it
/// with their circle; `None` when the viewer has never had an edge (nothing can reach them yet).
fn see(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    me: &Account,
    now: i64,
) -> Result<Option<(Seen, Arc<Circle>)>, ApiError> {
    graph.sync(conn, s)?;
    let viewer = Viewer::load(conn, me.id)?;
    let Some(place) = graph.place(&viewer, now, s) else {
        return Ok(None);
    };
    let seen = Seen {
        viewer,
        index: place.index,
        excluded: place.excluded,
        kinds: JobKind::wanted_by(me.hiring),
    };
    Ok(Some((seen, place.circle)))
}

/// The viewer's circle of trust, strongest first.
pub fn circle(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    me: &Account,
) -> Result<Vec<CircleEntry>, ApiError> {
    let now = types::now().and_utc().timestamp();
    let Some((seen, circle)) = see(conn, graph, s, me, now)? else {
        return Ok(Vec::new());
    };
    let ids: HashMap<u32, Id> = {
        let view = graph.view();
        circle
            .members
            .iter()
            .flat_map(|m| [Some(m.account), m.via])
            .flatten()
            .filter_map(|i| Some((i, Id(view.id_of(i)?))))
            .collect()
    };
    let found = accounts::by_id(conn, ids.values().copied())?;
    // A cached circle may predate a block or mute: those accounts are never shown.
    let account = |i: u32| {
        ids.get(&i)
            .filter(|id| !seen.viewer.silenced(**id))
            .and_then(|id| found.get(id))
            .cloned()
    };
    Ok(circle
        .members
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

/// The viewer's job feed, `offset` and `limit` into the ranked list. The ranking is kept for a while
/// ([`RankedFeeds`]); the page's posts and accounts are read as they are now.
pub fn feed(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    me: &Account,
    offset: usize,
    limit: usize,
) -> Result<FeedPage, ApiError> {
    let now_at = types::now();
    let now = now_at.and_utc().timestamp();
    let Some((seen, circle)) = see(conn, graph, s, me, now)? else {
        return Ok(FeedPage {
            items: Vec::new(),
            more: false,
        });
    };
    let end = offset + limit;
    let kept = graph
        .feeds()
        .get(seen.index, &circle, seen.kinds, now, s.feed_ttl_secs)
        .filter(|f| f.covers(end));
    let ranked = match kept {
        Some(feed) => feed,
        None => {
            let started = graph.feeds().start();
            let feed = Arc::new(rank(conn, graph, s, &seen, circle, now_at, end)?);
            if end <= KEPT_ITEMS {
                graph
                    .feeds()
                    .keep(seen.index, feed.clone(), started, s.feed_ttl_secs);
            }
            feed
        }
    };
    let items = ranked.items.get(offset..end.min(ranked.items.len()));
    Ok(FeedPage {
        items: page(conn, graph, &seen, items.unwrap_or_default())?,
        more: end < ranked.items.len() || !ranked.complete,
    })
}

/// Ranks the whole feed and keeps its first `at_least` items, at least [`KEPT_ITEMS`] of them.
fn rank(
    conn: &mut DbConnection,
    graph: &JobGraph,
    s: &JobFeedSettings,
    seen: &Seen,
    circle: Arc<Circle>,
    now_at: NaiveDateTime,
    at_least: usize,
) -> Result<RankedFeed, ApiError> {
    let now = now_at.and_utc().timestamp();
    let members: Vec<Id> = {
        let view = graph.view();
        circle
            .members
            .iter()
            .filter_map(|m| view.id_of(m.account).map(Id))
            .collect()
    };
    let since = now_at - Duration::seconds((s.max_age_days * 86_400.0) as i64);
    let (posts, touches) = candidates(conn, graph, seen, &members, since)?;

    let own_edges = own_edges(conn, graph, seen, &circle)?;
    let reputation = graph.reputation(now, s);

    let cands: Vec<Candidate> = {
        let view = graph.view();
        posts
            .iter()
            .filter_map(|p| {
                Some(Candidate {
                    post: p.id.0,
                    // An author who never had an edge cannot be in the circle, nor reached through it.
                    author: view.index_of(p.account_id.0)?,
                    created_at: p.created_at.and_utc().timestamp(),
                    job_kind: p.job_kind.and_then(JobKind::from_code),
                    job_score: p.job_score,
                    touches: touches
                        .get(&p.id)
                        .into_iter()
                        .flatten()
                        .filter_map(|(who, action)| {
                            Some(Touch {
                                account: view.index_of(who.0)?,
                                action: *action,
                            })
                        })
                        .collect(),
                })
            })
            .collect()
    };
    let rank_viewer = RankViewer {
        account: seen.index,
        circle: &circle,
        excluded: &seen.excluded,
        kinds: seen.kinds,
        own_edges: &own_edges,
    };
    let mut scored = score_job_feed(&cands, &rank_viewer, &reputation, s, now);
    let kept = at_least.max(KEPT_ITEMS);
    let complete = scored.len() <= kept;
    scored.truncate(kept);

    // Only the kept items are explained, so only the accounts they may name are read; nobody blocked either way
    // or muted is named, whatever an older circle holds.
    let ids: HashMap<u32, Id> = {
        let view = graph.view();
        scored
            .iter()
            .flat_map(ScoredItem::named)
            .filter_map(|i| Some((i, Id(view.id_of(i)?))))
            .collect()
    };
    let mut names = graph.usernames().of(conn, ids.values().copied())?;
    names.retain(|id, _| !seen.viewer.silenced(*id));
    let visible = |i: u32| ids.get(&i).filter(|id| names.contains_key(id)).copied();
    let visible_name = |i: u32| {
        visible(i)
            .and_then(|id| names.get(&id))
            .map(|name| name.to_string())
    };
    let items = scored
        .into_iter()
        .map(|item| {
            let item = item.explained(&rank_viewer, &visible_name, s, now);
            FeedEntry {
                post: Id(item.post),
                path: item
                    .explanation
                    .path
                    .iter()
                    .filter_map(|i| visible(*i))
                    .collect(),
                explanation: item.explanation.text,
            }
        })
        .collect();
    Ok(RankedFeed::new(items, complete, circle, seen.kinds, now))
}

/// The page's posts in full, as they are now (one deleted, hidden or no longer read as a wanted job post since
/// the ranking is left out), and the accounts each explanation names, but none blocked either way or muted
/// since.
fn page(
    conn: &mut DbConnection,
    graph: &JobGraph,
    seen: &Seen,
    entries: &[FeedEntry],
) -> Result<Vec<FeedItem>, ApiError> {
    let ids: Vec<Id> = entries.iter().map(|e| e.post).collect();
    let mut rows = statuses::find_many(conn, &ids)?;
    rows.retain(|r| {
        r.job_kind
            .and_then(JobKind::from_code)
            .is_some_and(|k| seen.kinds.contains(&k))
    });
    let rows = audience::visible(conn, Some(&seen.viewer), rows)?;
    let kept = Some(graph.status_parts());
    let path: Vec<Id> = entries
        .iter()
        .flat_map(|e| e.path.iter().copied())
        .collect();
    let (views, named) = status_views::load_with(conn, Some(seen.viewer.id), rows, kept, &path)?;
    let mut views: HashMap<Id, StatusView> = views.into_iter().map(|v| (v.status.id, v)).collect();
    let account = |id: &Id| {
        named
            .get(id)
            .filter(|_| !seen.viewer.silenced(*id))
            .cloned()
    };
    Ok(entries
        .iter()
        .filter_map(|e| {
            Some(FeedItem {
                view: views.remove(&e.post)?,
                explanation: e.explanation.clone(),
                path: e.path.iter().filter_map(account).collect(),
            })
        })
        .collect())
}

/// The viewer's stored edges to the accounts explanations may describe: first-degree members and the
/// intermediaries of second-degree ones.
fn own_edges(
    conn: &mut DbConnection,
    graph: &JobGraph,
    seen: &Seen,
    circle: &Circle,
) -> Result<HashMap<u32, Edge>, ApiError> {
    let known: HashSet<u32> = circle
        .members
        .iter()
        .filter_map(|m| if m.hop == 1 { Some(m.account) } else { m.via })
        .collect();
    let targets: Vec<Id> = {
        let view = graph.view();
        known
            .iter()
            .filter_map(|i| view.id_of(*i).map(Id))
            .collect()
    };
    let rows = interaction_edges::from_to(conn, seen.viewer.id, &targets)?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let to = graph.index_of(row.target_account_id.0)?;
            Some((to, to_edge(row, seen.index, to)))
        })
        .collect())
}

type Touches = HashMap<Id, Vec<(Id, Action)>>;

/// Job posts the circle authored, reblogged or answered, that the viewer may see, and who in the circle
/// passed each on (only reblogs and replies the viewer may see). The rows come from the recent job posts in
/// memory; only private and direct ones are checked against the database.
fn candidates(
    conn: &mut DbConnection,
    graph: &JobGraph,
    seen: &Seen,
    members: &[Id],
    since: NaiveDateTime,
) -> Result<(Vec<JobRow>, Touches), ApiError> {
    let codes: Vec<i16> = seen.kinds.iter().map(|k| k.code()).collect();
    let (mut posts, passed, reblogged) = {
        let jobs = graph.jobs();
        let passed = jobs.passed_on_by(members, &codes, since);
        // The originals of the reblogs, for their visibility: job posts, so kept in memory too.
        let reblogged: Vec<JobRow> = passed
            .iter()
            .filter_map(|p| jobs.post(p.reblog_of_id?).cloned())
            .collect();
        (jobs.posts_by(members, &codes, since), passed, reblogged)
    };
    let passed = audience::visible_given(conn, Some(&seen.viewer), passed, &reblogged)?;
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
    {
        let jobs = graph.jobs();
        posts.extend(
            originals
                .iter()
                .filter_map(|id| jobs.post(*id))
                .filter(|p| p.job_kind.is_some_and(|k| codes.contains(&k)) && p.created_at >= since)
                .cloned(),
        );
    }
    posts.retain(|p| p.account_id != seen.viewer.id && !seen.viewer.silenced(p.account_id));
    let posts = audience::visible(conn, Some(&seen.viewer), posts)?;
    Ok((posts, touches))
}
