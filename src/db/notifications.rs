//! The `notifications` table: each row tells one account about one event.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::notifications;
use super::types::Id;
use crate::domain::notification_kind::NotificationKind;
use crate::domain::paging::Page;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: Id,
    pub account_id: Id,
    pub from_account_id: Id,
    pub kind: String,
    pub status_id: Option<Id>,
    pub created_at: NaiveDateTime,
}

/// Which of an account's notifications a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these kinds; `None` for all.
    pub kinds: Option<Vec<NotificationKind>>,
    pub excluded: Vec<NotificationKind>,
    /// Only those from this account.
    pub from: Option<Id>,
}

fn names(kinds: &[NotificationKind]) -> Vec<&'static str> {
    kinds.iter().map(|k| k.as_str()).collect()
}

pub fn insert(conn: &mut DbConnection, row: &Notification) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Deletes what `from` caused `recipient` to be told of `kind` about `status`.
pub fn withdraw(
    conn: &mut DbConnection,
    recipient: Id,
    from: Id,
    kind: NotificationKind,
    status: Option<Id>,
) -> QueryResult<usize> {
    let about = notifications::table
        .filter(notifications::from_account_id.eq(from))
        .filter(notifications::account_id.eq(recipient))
        .filter(notifications::kind.eq(kind.as_str()));
    match status {
        Some(status) => {
            diesel::delete(about.filter(notifications::status_id.eq(status))).execute(conn)
        }
        None => diesel::delete(about.filter(notifications::status_id.is_null())).execute(conn),
    }
}

/// `recipient`'s notification `id`; another account's is not found.
pub fn find(conn: &mut DbConnection, recipient: Id, id: Id) -> QueryResult<Option<Notification>> {
    notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::account_id.eq(recipient))
        .select(Notification::as_select())
        .first(conn)
        .optional()
}

/// One page of `recipient`'s notifications that pass `filter`, in the page's scan order.
pub fn page(
    conn: &mut DbConnection,
    recipient: Id,
    filter: &Filter,
    page: &Page,
) -> QueryResult<Vec<Notification>> {
    let mut q = notifications::table
        .filter(notifications::account_id.eq(recipient))
        .select(Notification::as_select())
        .into_boxed();
    if let Some(kinds) = &filter.kinds {
        q = q.filter(notifications::kind.eq_any(names(kinds)));
    }
    if !filter.excluded.is_empty() {
        q = q.filter(notifications::kind.ne_all(names(&filter.excluded)));
    }
    if let Some(from) = filter.from {
        q = q.filter(notifications::from_account_id.eq(from));
    }
    keyset!(q, notifications::id, page).load(conn)
}

/// Deletes `recipient`'s notification `id`; false if it has none of that id.
pub fn dismiss(conn: &mut DbConnection, recipient: Id, id: Id) -> QueryResult<bool> {
    diesel::delete(
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::account_id.eq(recipient)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Deletes all of `recipient`'s notifications, a bounded batch per statement (each commits on its own, so a
/// very long list that outlasts the request's time bound is cleared further by the next attempt).
pub fn clear(conn: &mut DbConnection, recipient: Id) -> QueryResult<usize> {
    const BATCH: i64 = 5_000;
    let mut cleared = 0;
    loop {
        let ids: Vec<Id> = notifications::table
            .filter(notifications::account_id.eq(recipient))
            .select(notifications::id)
            .limit(BATCH)
            .load(conn)?;
        if ids.is_empty() {
            return Ok(cleared);
        }
        cleared += diesel::delete(notifications::table.filter(notifications::id.eq_any(&ids)))
            .execute(conn)?;
    }
}
