//! The `follow_requests` table: follows of a locked account, waiting for its owner's answer.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::follow_requests as requests;
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = requests)]
pub struct FollowRequest {
    pub id: Id,
    pub account_id: Id,
    pub target_account_id: Id,
    pub show_reblogs: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, request: &FollowRequest) -> QueryResult<()> {
    diesel::insert_into(requests::table)
        .values(request)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<Option<FollowRequest>> {
    requests::table
        .filter(requests::account_id.eq(from))
        .filter(requests::target_account_id.eq(to))
        .select(FollowRequest::as_select())
        .first(conn)
        .optional()
}

pub fn delete(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<bool> {
    diesel::delete(
        requests::table
            .filter(requests::account_id.eq(from))
            .filter(requests::target_account_id.eq(to)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Everyone `from` has asked to follow and who has not answered yet.
pub fn sent_by(conn: &mut DbConnection, from: Id) -> QueryResult<Vec<Id>> {
    requests::table
        .filter(requests::account_id.eq(from))
        .select(requests::target_account_id)
        .load(conn)
}

/// Which of `targets` `from` has asked to follow.
pub fn requested_among(conn: &mut DbConnection, from: Id, targets: &[Id]) -> QueryResult<Vec<Id>> {
    requests::table
        .filter(requests::account_id.eq(from))
        .filter(requests::target_account_id.eq_any(targets))
        .select(requests::target_account_id)
        .load(conn)
}

/// Which of `accounts` have asked to follow `to`.
pub fn requesters_among(conn: &mut DbConnection, to: Id, accounts: &[Id]) -> QueryResult<Vec<Id>> {
    requests::table
        .filter(requests::target_account_id.eq(to))
        .filter(requests::account_id.eq_any(accounts))
        .select(requests::account_id)
        .load(conn)
}

/// (request id, requester) of every request waiting for `to`, newest first.
pub fn waiting_for(conn: &mut DbConnection, to: Id) -> QueryResult<Vec<(Id, Id)>> {
    requests::table
        .filter(requests::target_account_id.eq(to))
        .order(requests::id.desc())
        .select((requests::id, requests::account_id))
        .load(conn)
}

/// How many requests wait for `to`.
pub fn count_waiting_for(conn: &mut DbConnection, to: Id) -> QueryResult<i64> {
    requests::table
        .filter(requests::target_account_id.eq(to))
        .count()
        .get_result(conn)
}
