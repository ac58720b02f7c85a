//! Notifications. Writing: the one rule for who is told of what — never of one's own actions, never by an
//! account blocked either way or muted with its notifications — applied inside the event's transaction,
//! and the withdrawal when the event is undone. Reading: an account's notifications as it may see them
//! now (blocks and mutes made since are applied at read time, and so is the visibility of each status).

use std::collections::{HashMap, HashSet};

use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::notifications::{self, Filter, Notification};
use crate::db::{blocks, mutes, statuses, types, DbConnection, Id};
use crate::domain::notification_kind::NotificationKind;
use crate::domain::paging::{ends, Page};
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::status_views::{self, StatusView};

/// Tells `recipient` that `from` did `kind` (about `status`), unless the rule says otherwise. Runs in the
/// caller's transaction, so the notification exists exactly when the event does.
pub(crate) fn notify(
    conn: &mut DbConnection,
    recipient: Id,
    from: Id,
    kind: NotificationKind,
    status: Option<Id>,
) -> QueryResult<()> {
    if recipient == from || ignores(conn, recipient, from)? {
        return Ok(());
    }
    notifications::insert(
        conn,
        &Notification {
            id: Id::new(),
            account_id: recipient,
            from_account_id: from,
            kind: kind.as_str().to_owned(),
            status_id: status,
            created_at: types::now(),
        },
    )
}

/// Removes the notification an undone event had caused.
pub(crate) fn withdraw(
    conn: &mut DbConnection,
    recipient: Id,
    from: Id,
    kind: NotificationKind,
    status: Option<Id>,
) -> QueryResult<()> {
    notifications::withdraw(conn, recipient, from, kind, status).map(drop)
}

/// Whether `recipient` hears nothing from `from`: a block either way, or a mute that covers notifications.
fn ignores(conn: &mut DbConnection, recipient: Id, from: Id) -> QueryResult<bool> {
    Ok(blocks::exists(conn, recipient, from)?
        || blocks::exists(conn, from, recipient)?
        || mutes::find(conn, recipient, from)?.is_some_and(|m| m.hide_notifications))
}

/// A notification ready to show: who acted, and the status it is about as the recipient sees it.
#[derive(Debug)]
pub struct NotificationView {
    pub row: Notification,
    pub account: Account,
    pub status: Option<StatusView>,
}

/// A page of notifications and the cursors of the rows read (so a page emptied by filters still links on).
#[derive(Debug)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub cursors: Option<(Id, Id)>,
}

pub fn list(
    conn: &mut DbConnection,
    me: Id,
    filter: &Filter,
    page: &Page,
) -> Result<NotificationPage, ApiError> {
    let rows = notifications::page(conn, me, filter, page)?;
    let rows = page.finish(rows, |n| n.id.0);
    let cursors = ends(&rows, |n| n.id);
    Ok(NotificationPage {
        items: views(conn, me, rows)?,
        cursors,
    })
}

/// `me`'s notification `id`; another account's, or one `me` may no longer see, is the usual 404.
pub fn find(conn: &mut DbConnection, me: Id, id: Id) -> Result<NotificationView, ApiError> {
    let row = notifications::find(conn, me, id)?.ok_or_else(ApiError::not_found)?;
    views(conn, me, vec![row])?
        .pop()
        .ok_or_else(ApiError::not_found)
}

pub fn dismiss(conn: &mut DbConnection, me: Id, id: Id) -> Result<(), ApiError> {
    if notifications::dismiss(conn, me, id)? {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

pub fn clear(conn: &mut DbConnection, me: Id) -> Result<(), ApiError> {
    notifications::clear(conn, me)?;
    Ok(())
}

/// Views of `rows` in their order, leaving out those from accounts `me` now ignores and those about a
/// status `me` may not see.
fn views(
    conn: &mut DbConnection,
    me: Id,
    rows: Vec<Notification>,
) -> QueryResult<Vec<NotificationView>> {
    let viewer = Viewer::load(conn, me)?;
    let quiet: HashSet<Id> = mutes::targets(conn, me)?
        .into_iter()
        .filter(|m| m.hide_notifications)
        .map(|m| m.target_account_id)
        .collect();
    let rows: Vec<Notification> = rows
        .into_iter()
        .filter(|n| {
            !viewer.blocked.contains(&n.from_account_id) && !quiet.contains(&n.from_account_id)
        })
        .collect();

    let status_ids: Vec<Id> = rows.iter().filter_map(|n| n.status_id).collect();
    let found = statuses::find_many(conn, &status_ids)?;
    let seen = audience::visible(conn, Some(&viewer), found)?;
    let shown: HashMap<Id, StatusView> = status_views::load(conn, Some(me), seen)?
        .into_iter()
        .map(|v| (v.status.id, v))
        .collect();
    let accounts = accounts::by_id(conn, rows.iter().map(|n| n.from_account_id))?;

    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let account = accounts.get(&row.from_account_id)?.clone();
            let status = match row.status_id {
                // Two notifications may show one status (a mention, then a favourite of it).
                Some(id) => Some(shown.get(&id)?.clone()),
                None => None,
            };
            Some(NotificationView {
                row,
                account,
                status,
            })
        })
        .collect())
}
