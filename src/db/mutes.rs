//! The `mutes` table. A mute hides the target's posts from the muter without telling anyone.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::mutes;
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mutes)]
pub struct Mute {
    pub id: Id,
    pub account_id: Id,
    pub target_account_id: Id,
    pub hide_notifications: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, mute: &Mute) -> QueryResult<()> {
    diesel::insert_into(mutes::table)
        .values(mute)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, account: Id, target: Id) -> QueryResult<Option<Mute>> {
    mutes::table
        .filter(mutes::account_id.eq(account))
        .filter(mutes::target_account_id.eq(target))
        .select(Mute::as_select())
        .first(conn)
        .optional()
}

pub fn set_hide_notifications(conn: &mut DbConnection, id: Id, hide: bool) -> QueryResult<()> {
    diesel::update(mutes::table.find(id))
        .set(mutes::hide_notifications.eq(hide))
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut DbConnection, account: Id, target: Id) -> QueryResult<bool> {
    diesel::delete(
        mutes::table
            .filter(mutes::account_id.eq(account))
            .filter(mutes::target_account_id.eq(target)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Everyone `account` has muted.
pub fn targets(conn: &mut DbConnection, account: Id) -> QueryResult<Vec<Mute>> {
    mutes::table
        .filter(mutes::account_id.eq(account))
        .order(mutes::id.desc())
        .select(Mute::as_select())
        .load(conn)
}
