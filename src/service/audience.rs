//! Applies the visibility rule (`domain::visibility`) to rows: loads, in a few batched queries, what the rule
//! needs to know about one viewer and many statuses, and keeps the rows the viewer may see.

use std::collections::HashSet;

use diesel::QueryResult;

use crate::db::statuses::{self, Status};
use crate::db::{blocks, follows, mentions, mutes, DbConnection, Id};
use crate::domain::visibility::{can_see, Audience};
use crate::error::ApiError;

/// A signed-in reader and the accounts hidden from it.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub id: Id,
    /// Blocked by the viewer, or blocking the viewer: hidden everywhere, both ways.
    pub blocked: HashSet<Id>,
    /// Muted by the viewer: left out of its timelines, still reachable by id.
    pub muted: HashSet<Id>,
}

impl Viewer {
    pub fn load(conn: &mut DbConnection, id: Id) -> QueryResult<Self> {
        Ok(Viewer {
            id,
            blocked: blocks::either_way(conn, id)?.into_iter().collect(),
            muted: mutes::targets(conn, id)?
                .into_iter()
                .map(|m| m.target_account_id)
                .collect(),
        })
    }

    pub fn load_optional(conn: &mut DbConnection, id: Option<Id>) -> QueryResult<Option<Self>> {
        id.map(|id| Self::load(conn, id)).transpose()
    }

    /// Blocked either way or muted: what timelines leave out.
    pub fn silenced(&self, account: Id) -> bool {
        self.blocked.contains(&account) || self.muted.contains(&account)
    }
}

/// The rows among `rows` that `viewer` may see, in their order. A reblog is visible when its wrapper and its
/// original both are.
pub fn visible(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: Vec<Status>,
) -> QueryResult<Vec<Status>> {
    visible_except(conn, viewer, rows, |_| false)
}

/// `visible`, also leaving out reblogs whose original `hide` picks (a timeline hides reblogs of muted
/// authors), with the originals loaded once for both checks.
pub fn visible_except(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: Vec<Status>,
    hide: impl Fn(&Status) -> bool,
) -> QueryResult<Vec<Status>> {
    let original_ids: Vec<Id> = rows.iter().filter_map(|s| s.reblog_of_id).collect();
    let originals = statuses::find_many(conn, &original_ids)?;
    let hidden: HashSet<Id> = originals.iter().filter(|o| hide(o)).map(|o| o.id).collect();
    let mut all: Vec<&Status> = rows.iter().collect();
    all.extend(originals.iter());
    let visible_ids = visible_ids(conn, viewer, &all)?;
    Ok(rows
        .into_iter()
        .filter(|s| {
            visible_ids.contains(&s.id)
                && s.reblog_of_id
                    .is_none_or(|o| visible_ids.contains(&o) && !hidden.contains(&o))
        })
        .collect())
}

fn visible_ids(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: &[&Status],
) -> QueryResult<HashSet<Id>> {
    let Some(viewer) = viewer else {
        return Ok(rows
            .iter()
            .filter(|s| can_see(s.visibility(), Audience::default()))
            .map(|s| s.id)
            .collect());
    };
    let authors: Vec<Id> = rows.iter().map(|s| s.account_id).collect();
    let followed: HashSet<Id> = follows::followed_among(conn, viewer.id, &authors)?
        .into_iter()
        .map(|f| f.target_account_id)
        .collect();
    let ids: Vec<Id> = rows.iter().map(|s| s.id).collect();
    let mentioned: HashSet<Id> = mentions::mentioning_among(conn, viewer.id, &ids)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .filter(|s| {
            let who = Audience {
                is_author: s.account_id == viewer.id,
                follows_author: followed.contains(&s.account_id),
                is_mentioned: mentioned.contains(&s.id),
                blocked: viewer.blocked.contains(&s.account_id),
            };
            can_see(s.visibility(), who)
        })
        .map(|s| s.id)
        .collect())
}

/// The status with this id if `viewer` may see it; otherwise the same 404 as for one that does not exist.
pub fn find_visible(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    id: Id,
) -> Result<Status, ApiError> {
    let row = statuses::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    visible(conn, viewer, vec![row])?
        .pop()
        .ok_or_else(ApiError::not_found)
}
