//! Everything a Status entity shows, loaded for a batch of rows in a fixed number of queries: authors,
//! mentioned accounts, tags, the reblogged original, and the viewer's own flags.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::statuses::{self, Status};
use crate::db::tags::Tag;
use crate::db::{favourites, DbConnection, Id};
use crate::service::status_parts::{self, Parts, StatusParts};

#[derive(Debug, Clone)]
pub struct StatusView {
    pub status: Status,
    pub account: Account,
    pub mentions: Vec<Account>,
    pub tags: Vec<Tag>,
    pub reblog: Option<Box<StatusView>>,
    /// The viewer's own flags; `None` for anonymous readers.
    pub favourited: Option<bool>,
    pub reblogged: Option<bool>,
}

/// Views of `rows` in their order, as `viewer` sees them. Rows whose author is gone are dropped.
pub fn load(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    rows: Vec<Status>,
) -> QueryResult<Vec<StatusView>> {
    Ok(load_with(conn, viewer, rows, None, &[])?.0)
}

/// [`load`], taking the statuses' mentions and tags from `kept` where it holds them, and reading the accounts
/// `also` names in the same query as the statuses' own: every account read comes back beside the views.
pub fn load_with(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    rows: Vec<Status>,
    kept: Option<&StatusParts>,
    also: &[Id],
) -> QueryResult<(Vec<StatusView>, HashMap<Id, Account>)> {
    let original_ids: Vec<Id> = rows.iter().filter_map(|s| s.reblog_of_id).collect();
    let originals: HashMap<Id, Status> = statuses::find_many(conn, &original_ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let all_ids: Vec<Id> = rows
        .iter()
        .map(|s| s.id)
        .chain(originals.keys().copied())
        .collect();

    let parts: HashMap<Id, Arc<Parts>> = match kept {
        Some(kept) => kept.of(conn, &all_ids)?,
        None => status_parts::read(conn, &all_ids)?,
    };
    let accounts = accounts::by_id(
        conn,
        rows.iter()
            .chain(originals.values())
            .map(|s| s.account_id)
            .chain(parts.values().flat_map(|p| p.mentions.iter().copied()))
            .chain(also.iter().copied()),
    )?;

    // The flags belong to what is shown: for a reblog, the original.
    let shown: Vec<Id> = rows
        .iter()
        .map(|s| s.reblog_of_id.unwrap_or(s.id))
        .collect();
    let flags = match viewer {
        Some(viewer) => Some((
            favourites::favourited_among(conn, viewer, &shown)?
                .into_iter()
                .collect::<HashSet<Id>>(),
            statuses::reblogged_among(conn, viewer, &shown)?
                .into_iter()
                .collect::<HashSet<Id>>(),
        )),
        None => None,
    };

    let view = |status: Status| -> Option<StatusView> {
        let account = accounts.get(&status.account_id)?.clone();
        let parts = parts.get(&status.id);
        let mut mention_accounts: Vec<Account> = parts
            .into_iter()
            .flat_map(|p| p.mentions.iter())
            .filter_map(|id| accounts.get(id).cloned())
            .collect();
        mention_accounts.sort_by(|a, b| a.username_key.cmp(&b.username_key));
        let mut tags = parts.map(|p| p.tags.clone()).unwrap_or_default();
        tags.sort_by(|a, b| a.name_key.cmp(&b.name_key));
        let (favourited, reblogged) = match &flags {
            Some((fav, reb)) => (
                Some(fav.contains(&status.id)),
                Some(reb.contains(&status.id)),
            ),
            None => (None, None),
        };
        Some(StatusView {
            status,
            account,
            mentions: mention_accounts,
            tags,
            reblog: None,
            favourited,
            reblogged,
        })
    };

    let views = rows
        .into_iter()
        .filter_map(|row| {
            let original = match row.reblog_of_id {
                Some(id) => Some(Box::new(view(originals.get(&id)?.clone())?)),
                None => None,
            };
            let mut wrapper = view(row)?;
            if let Some(original) = &original {
                wrapper.favourited = original.favourited;
                wrapper.reblogged = original.reblogged;
            }
            wrapper.reblog = original;
            Some(wrapper)
        })
        .collect();
    Ok((views, accounts))
}

/// One view, for endpoints that act on a single status.
pub fn load_one(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    row: Status,
) -> QueryResult<Option<StatusView>> {
    Ok(load(conn, viewer, vec![row])?.pop())
}

/// The view of status `id` as `viewer` (or an anonymous reader) sees it, or the usual 404 if it may not.
pub fn load_visible(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    id: Id,
) -> Result<StatusView, crate::error::ApiError> {
    let who = crate::service::audience::Viewer::load_optional(conn, viewer)?;
    let row = crate::service::audience::find_visible(conn, who.as_ref(), id)?;
    load_one(conn, viewer, row)?.ok_or_else(crate::error::ApiError::not_found)
}

/// A timeline page ready to show: the views, and the cursors of the rows the timeline read.
#[derive(Debug, Default)]
pub struct ViewPage {
    pub views: Vec<StatusView>,
    pub cursors: Option<(Id, Id)>,
}

pub fn load_page(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    scanned: crate::service::timelines::Scanned,
) -> QueryResult<ViewPage> {
    Ok(ViewPage {
        views: load(conn, viewer, scanned.rows)?,
        cursors: scanned.cursors,
    })
}
