//! The `follows` table: who follows whom, and whether the follower wants the target's reblogs.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::follows;
use super::types::Id;
use crate::domain::paging::Page;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = follows)]
pub struct Follow {
    pub id: Id,
    pub account_id: Id,
    pub target_account_id: Id,
    pub show_reblogs: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, follow: &Follow) -> QueryResult<()> {
    diesel::insert_into(follows::table)
        .values(follow)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, follower: Id, target: Id) -> QueryResult<Option<Follow>> {
    follows::table
        .filter(follows::account_id.eq(follower))
        .filter(follows::target_account_id.eq(target))
        .select(Follow::as_select())
        .first(conn)
        .optional()
}

pub fn set_show_reblogs(conn: &mut DbConnection, id: Id, show: bool) -> QueryResult<()> {
    diesel::update(follows::table.find(id))
        .set(follows::show_reblogs.eq(show))
        .execute(conn)
        .map(drop)
}

/// Removes the follow; returns whether there was one.
pub fn delete(conn: &mut DbConnection, follower: Id, target: Id) -> QueryResult<bool> {
    diesel::delete(
        follows::table
            .filter(follows::account_id.eq(follower))
            .filter(follows::target_account_id.eq(target)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Everyone `follower` follows, with the reblogs flag of each follow.
pub fn targets(conn: &mut DbConnection, follower: Id) -> QueryResult<Vec<(Id, bool)>> {
    follows::table
        .filter(follows::account_id.eq(follower))
        .select((follows::target_account_id, follows::show_reblogs))
        .load(conn)
}

/// Which of `authors` `follower` follows.
pub fn followed_among(
    conn: &mut DbConnection,
    follower: Id,
    authors: &[Id],
) -> QueryResult<Vec<Follow>> {
    follows::table
        .filter(follows::account_id.eq(follower))
        .filter(follows::target_account_id.eq_any(authors))
        .select(Follow::as_select())
        .load(conn)
}

/// Which of `accounts` follow `target`.
pub fn followers_among(
    conn: &mut DbConnection,
    target: Id,
    accounts: &[Id],
) -> QueryResult<Vec<Id>> {
    follows::table
        .filter(follows::target_account_id.eq(target))
        .filter(follows::account_id.eq_any(accounts))
        .select(follows::account_id)
        .load(conn)
}

/// Which side of a follow list to page through.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    /// The accounts following the given one.
    Followers,
    /// The accounts the given one follows.
    Following,
}

/// One page of a follow list as (follow id, other account id), newest follow first.
pub fn page(
    conn: &mut DbConnection,
    account: Id,
    side: Side,
    page: &Page,
) -> QueryResult<Vec<(Id, Id)>> {
    let q = match side {
        Side::Followers => follows::table
            .filter(follows::target_account_id.eq(account))
            .select((follows::id, follows::account_id))
            .into_boxed(),
        Side::Following => follows::table
            .filter(follows::account_id.eq(account))
            .select((follows::id, follows::target_account_id))
            .into_boxed(),
    };
    keyset!(q, follows::id, page).load(conn)
}
