//! The `users` table: sign-in credentials of local accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::{accounts, users};
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub account_id: Id,
    pub email: String,
    pub email_key: String,
    pub password_hash: String,
    pub locale: String,
    pub last_active_at: Option<NaiveDateTime>,
    pub created_by_application_id: Option<Id>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, user: &User) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, account_id: Id) -> QueryResult<Option<User>> {
    users::table
        .find(account_id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn email_taken(conn: &mut DbConnection, email_key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::email_key.eq(email_key)),
    ))
    .get_result(conn)
}

/// The user who signs in with `login`: an e-mail address (as Mastodon's password grant expects) or a
/// username, both without regard to case.
pub fn find_by_login(conn: &mut DbConnection, login: &str) -> QueryResult<Option<User>> {
    let key = login.trim().to_lowercase();
    let by_email = users::table
        .filter(users::email_key.eq(&key))
        .select(User::as_select())
        .first(conn)
        .optional()?;
    if by_email.is_some() {
        return Ok(by_email);
    }
    users::table
        .inner_join(accounts::table)
        .filter(accounts::username_key.eq(&key))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Records activity at `at`, writing only when the stored day is older (at most one write a day).
pub fn mark_active(conn: &mut DbConnection, account_id: Id, at: NaiveDateTime) -> QueryResult<()> {
    let day_start = at.date().and_hms_opt(0, 0, 0).unwrap_or(at);
    diesel::update(
        users::table.find(account_id).filter(
            users::last_active_at
                .is_null()
                .or(users::last_active_at.lt(day_start)),
        ),
    )
    .set(users::last_active_at.eq(at))
    .execute(conn)
    .map(drop)
}

/// Users active at or after `since`.
pub fn count_active_since(conn: &mut DbConnection, since: NaiveDateTime) -> QueryResult<i64> {
    users::table
        .filter(users::last_active_at.ge(since))
        .count()
        .get_result(conn)
}
