//! The write side of the job feed's graph: each event updates the edge between the two accounts, in the
//! event's own transaction, through `domain::job_feed::Edge` (decay, counts, follow flag). Blocks and mutes
//! sever the edge: it is zeroed (kept as a row, so the in-memory graph learns of it by `updated_at`).

use diesel::QueryResult;

use crate::db::interaction_edges::{self, EdgeRow};
use crate::db::{types, DbConnection, Id};
use crate::domain::job_feed::{Edge, EdgeKind, JobFeedSettings};

/// `from` did `kind` to `to` just now.
pub(crate) fn record(
    conn: &mut DbConnection,
    s: &JobFeedSettings,
    from: Id,
    to: Id,
    kind: EdgeKind,
) -> QueryResult<()> {
    change(conn, from, to, |edge, now| edge.record(kind, now, s))
}

/// `from` now follows `to` (the follow is a flag with a constant weight: nothing decays).
pub(crate) fn followed(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<()> {
    change(conn, from, to, |edge, _| edge.follows = true)
}

/// `from` stopped following `to`; what they said to each other stays.
pub(crate) fn unfollowed(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<()> {
    change(conn, from, to, |edge, _| edge.unfollow())
}

/// `from` blocked or muted `to`: what passed between them is gone. A mute keeps the follow it does not end.
pub(crate) fn severed(
    conn: &mut DbConnection,
    from: Id,
    to: Id,
    keep_follow: bool,
) -> QueryResult<()> {
    if interaction_edges::find(conn, from, to)?.is_none() {
        return Ok(());
    }
    change(conn, from, to, |edge, _| {
        let follows = keep_follow && edge.follows;
        *edge = Edge::new(0, 1);
        edge.follows = follows;
    })
}

fn change(
    conn: &mut DbConnection,
    from: Id,
    to: Id,
    apply: impl FnOnce(&mut Edge, i64),
) -> QueryResult<()> {
    if from == to {
        return Ok(());
    }
    let now = types::now();
    let mut edge = match interaction_edges::find_for_update(conn, from, to)? {
        Some(row) => to_edge(&row, 0, 1),
        None => Edge::new(0, 1),
    };
    apply(&mut edge, now.and_utc().timestamp());
    interaction_edges::save(conn, &to_row(&edge, from, to, now))
}

/// The edge a row holds, between the given dense indexes.
pub fn to_edge(row: &EdgeRow, from: u32, to: u32) -> Edge {
    let count = |n: i32| u16::try_from(n.max(0)).unwrap_or(u16::MAX);
    Edge {
        from,
        to,
        decayed: [row.mentions, row.replies, row.reblogs, row.favourites],
        follows: row.follows,
        last_at: row.last_at,
        month: row.month,
        month_counts: [
            count(row.month_mentions),
            count(row.month_replies),
            count(row.month_reblogs),
            count(row.month_favourites),
        ],
    }
}

fn to_row(edge: &Edge, from: Id, to: Id, now: chrono::NaiveDateTime) -> EdgeRow {
    let [mentions, replies, reblogs, favourites] = edge.decayed;
    let [m, r, b, f] = edge.month_counts.map(i32::from);
    EdgeRow {
        account_id: from,
        target_account_id: to,
        mentions,
        replies,
        reblogs,
        favourites,
        follows: edge.follows,
        last_at: edge.last_at,
        month: edge.month,
        month_mentions: m,
        month_replies: r,
        month_reblogs: b,
        month_favourites: f,
        updated_at: now,
    }
}
