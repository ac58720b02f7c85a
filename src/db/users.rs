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

/// Records activity at `at`, writing only when the stored day is older (at most one write a day). It reads
/// first: an UPDATE takes SQLite's one write lock even when it matches nothing, and the first request of every
/// user a server has not seen yet today comes here (all of them at once after a restart).
pub fn mark_active(conn: &mut DbConnection, account_id: Id, at: NaiveDateTime) -> QueryResult<()> {
    let day_start = at.date().and_hms_opt(0, 0, 0).unwrap_or(at);
    let stored: Option<Option<NaiveDateTime>> = users::table
        .find(account_id)
        .select(users::last_active_at)
        .first(conn)
        .optional()?;
    if stored.is_none_or(|last| last.is_some_and(|last| last >= day_start)) {
        return Ok(());
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::db::connection::{establish, DbTarget};
    use crate::db::migrations;
    use diesel::connection::SimpleConnection;

    #[test]
    fn activity_is_written_once_a_day_and_a_dormant_user_comes_back() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let settings = Settings::defaults().expect("default settings");
        let mut conn = establish(
            &DbTarget::Sqlite(dir.path().join("users.db")),
            &settings.database,
        )
        .expect("a connection");
        migrations::run_pending(&mut conn).expect("migrations");
        // A user row alone, without the account it belongs to.
        conn.batch_execute("PRAGMA foreign_keys = OFF")
            .expect("foreign keys off");
        let at = |day, hour| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|d| d.and_hms_opt(hour, 0, 0))
                .expect("a valid time")
        };
        let user = |email: &str, last_active_at| User {
            account_id: Id::new(),
            email: email.into(),
            email_key: email.into(),
            password_hash: "not a hash".into(),
            locale: "en".into(),
            last_active_at,
            created_by_application_id: None,
            created_at: at(1, 9),
        };
        let (seen, never) = (
            user("seen@example.com", Some(at(1, 9))),
            user("never@example.com", None),
        );
        for u in [&seen, &never] {
            insert(&mut conn, u).expect("a user row");
        }
        let last = |conn: &mut DbConnection, id| {
            find(conn, id)
                .expect("a read")
                .expect("the user")
                .last_active_at
        };

        mark_active(&mut conn, seen.account_id, at(1, 17)).expect("marked");
        assert_eq!(last(&mut conn, seen.account_id), Some(at(1, 9)), "same day");
        mark_active(&mut conn, seen.account_id, at(20, 8)).expect("marked");
        assert_eq!(
            last(&mut conn, seen.account_id),
            Some(at(20, 8)),
            "a later day"
        );
        mark_active(&mut conn, never.account_id, at(20, 8)).expect("marked");
        assert_eq!(
            last(&mut conn, never.account_id),
            Some(at(20, 8)),
            "first day"
        );
        mark_active(&mut conn, Id::new(), at(20, 8)).expect("no such user: nothing to do");
    }
}
