//! The `favourites` table: one per account per status.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::favourites;
use super::types::Id;
use crate::domain::paging::Page;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = favourites)]
pub struct Favourite {
    pub id: Id,
    pub account_id: Id,
    pub status_id: Id,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, favourite: &Favourite) -> QueryResult<()> {
    diesel::insert_into(favourites::table)
        .values(favourite)
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut DbConnection, account: Id, status: Id) -> QueryResult<bool> {
    diesel::delete(
        favourites::table
            .filter(favourites::account_id.eq(account))
            .filter(favourites::status_id.eq(status)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Which of `statuses` `account` has favourited.
pub fn favourited_among(
    conn: &mut DbConnection,
    account: Id,
    statuses: &[Id],
) -> QueryResult<Vec<Id>> {
    favourites::table
        .filter(favourites::account_id.eq(account))
        .filter(favourites::status_id.eq_any(statuses))
        .select(favourites::status_id)
        .load(conn)
}

/// One page of (favourite id, account id) for a status, newest first.
pub fn page(conn: &mut DbConnection, status: Id, page: &Page) -> QueryResult<Vec<(Id, Id)>> {
    let q = favourites::table
        .filter(favourites::status_id.eq(status))
        .select((favourites::id, favourites::account_id))
        .into_boxed();
    keyset!(q, favourites::id, page).load(conn)
}
