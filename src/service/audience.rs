//! Applies the visibility rule (`domain::visibility`) to rows: loads, in a few batched queries, what the rule
//! needs to know about one viewer and many statuses, and keeps the rows the viewer may see.

use std::collections::HashSet;

use diesel::QueryResult;

use crate::db::statuses::{self, JobRow, Status};
use crate::db::{blocks, follows, mentions, mutes, DbConnection, Id};
use crate::domain::visibility::{can_see, Audience, Visibility};
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

/// What the rule needs of a row: whose it is, to whom it is addressed, and what it reblogs.
pub trait Addressed {
    fn id(&self) -> Id;
    fn author(&self) -> Id;
    fn visibility(&self) -> Visibility;
    fn reblog_of(&self) -> Option<Id>;
}

impl Addressed for Status {
    fn id(&self) -> Id {
        self.id
    }
    fn author(&self) -> Id {
        self.account_id
    }
    fn visibility(&self) -> Visibility {
        Status::visibility(self)
    }
    fn reblog_of(&self) -> Option<Id> {
        self.reblog_of_id
    }
}

impl Addressed for JobRow {
    fn id(&self) -> Id {
        self.id
    }
    fn author(&self) -> Id {
        self.account_id
    }
    fn visibility(&self) -> Visibility {
        Visibility::from_code(self.visibility)
    }
    fn reblog_of(&self) -> Option<Id> {
        self.reblog_of_id
    }
}

/// The rows among `rows` that `viewer` may see, in their order. A reblog is visible when its wrapper and its
/// original both are.
pub fn visible<T: Addressed>(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: Vec<T>,
) -> QueryResult<Vec<T>> {
    visible_except(conn, viewer, rows, |_| false)
}

/// `visible`, also leaving out reblogs whose original `hide` picks (a timeline hides reblogs of muted
/// authors), with the originals loaded once for both checks.
pub fn visible_except<T: Addressed>(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: Vec<T>,
    hide: impl Fn(&Status) -> bool,
) -> QueryResult<Vec<T>> {
    let original_ids: Vec<Id> = rows.iter().filter_map(|s| s.reblog_of()).collect();
    let originals = statuses::find_many(conn, &original_ids)?;
    let hidden: HashSet<Id> = originals.iter().filter(|o| hide(o)).map(|o| o.id).collect();
    let rows = visible_given(conn, viewer, rows, &originals)?;
    Ok(rows
        .into_iter()
        .filter(|s| s.reblog_of().is_none_or(|o| !hidden.contains(&o)))
        .collect())
}

/// `visible` with the originals of the reblogs among `rows` given by the caller, who has them already; a
/// reblog whose original is not among them is left out.
pub fn visible_given<T: Addressed, O: Addressed>(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: Vec<T>,
    originals: &[O],
) -> QueryResult<Vec<T>> {
    let mut all: Vec<&dyn Addressed> = rows.iter().map(|r| r as &dyn Addressed).collect();
    all.extend(originals.iter().map(|o| o as &dyn Addressed));
    let visible_ids = visible_ids(conn, viewer, &all)?;
    Ok(rows
        .into_iter()
        .filter(|s| {
            visible_ids.contains(&s.id()) && s.reblog_of().is_none_or(|o| visible_ids.contains(&o))
        })
        .collect())
}

fn visible_ids(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    rows: &[&dyn Addressed],
) -> QueryResult<HashSet<Id>> {
    let Some(viewer) = viewer else {
        return Ok(rows
            .iter()
            .filter(|s| can_see(s.visibility(), Audience::default()))
            .map(|s| s.id())
            .collect());
    };
    // Who follows whom and who is mentioned only matter for private and direct rows; each author once.
    let closed: Vec<&&dyn Addressed> = rows.iter().filter(|s| !s.visibility().is_open()).collect();
    let mut authors: Vec<Id> = closed.iter().map(|s| s.author()).collect();
    authors.sort_unstable();
    authors.dedup();
    let ids: Vec<Id> = closed.iter().map(|s| s.id()).collect();
    let (followed, mentioned): (HashSet<Id>, HashSet<Id>) = if closed.is_empty() {
        Default::default()
    } else {
        (
            follows::followed_among(conn, viewer.id, &authors)?
                .into_iter()
                .map(|f| f.target_account_id)
                .collect(),
            mentions::mentioning_among(conn, viewer.id, &ids)?
                .into_iter()
                .collect(),
        )
    };
    Ok(rows
        .iter()
        .filter(|s| {
            let who = Audience {
                is_author: s.author() == viewer.id,
                follows_author: followed.contains(&s.author()),
                is_mentioned: mentioned.contains(&s.id()),
                blocked: viewer.blocked.contains(&s.author()),
            };
            can_see(s.visibility(), who)
        })
        .map(|s| s.id())
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
