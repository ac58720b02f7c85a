//! The `accounts` table: public profiles.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::accounts;
use super::types::{distinct, Id};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: Id,
    pub username: String,
    pub username_key: String,
    pub display_name: String,
    pub note: String,
    pub fields: String,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub followers_count: i64,
    pub following_count: i64,
    pub statuses_count: i64,
    pub last_status_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Profile signals the job feed reads: looking for work, and hiring.
    pub open_to_work: bool,
    pub hiring: bool,
}

/// A profile edit; `None` leaves a column as it is. The username is not among them: it never changes, which
/// the job feed's usernames cache relies on (`service::usernames`).
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = accounts)]
pub struct ProfileChanges {
    pub display_name: Option<String>,
    pub note: Option<String>,
    pub fields: Option<String>,
    pub locked: Option<bool>,
    pub bot: Option<bool>,
    pub discoverable: Option<bool>,
    pub open_to_work: Option<bool>,
    pub hiring: Option<bool>,
    pub updated_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, account: &Account) -> QueryResult<()> {
    diesel::insert_into(accounts::table)
        .values(account)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: Id) -> QueryResult<Option<Account>> {
    accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_username(
    conn: &mut DbConnection,
    username_key: &str,
) -> QueryResult<Option<Account>> {
    accounts::table
        .filter(accounts::username_key.eq(username_key))
        .select(Account::as_select())
        .first(conn)
        .optional()
}

/// The accounts among `ids` that exist, by id (repeats in `ids` are fine).
pub fn by_id(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = Id>,
) -> QueryResult<std::collections::HashMap<Id, Account>> {
    let ids = distinct(ids);
    Ok(accounts::table
        .filter(accounts::id.eq_any(&ids))
        .select(Account::as_select())
        .load::<Account>(conn)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// (id, username) of the accounts among `ids` that exist.
pub fn usernames(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<Vec<(Id, String)>> {
    let ids = distinct(ids.iter().copied());
    accounts::table
        .filter(accounts::id.eq_any(&ids))
        .select((accounts::id, accounts::username))
        .load(conn)
}

/// The accounts among `ids` that exist, in the order asked for.
pub fn find_many(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<Vec<Account>> {
    let found: Vec<Account> = accounts::table
        .filter(accounts::id.eq_any(ids))
        .select(Account::as_select())
        .load(conn)?;
    Ok(ids
        .iter()
        .filter_map(|id| found.iter().find(|a| a.id == *id).cloned())
        .collect())
}

pub fn username_taken(conn: &mut DbConnection, username_key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        accounts::table.filter(accounts::username_key.eq(username_key)),
    ))
    .get_result(conn)
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: Id,
    changes: &ProfileChanges,
) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(changes)
        .execute(conn)
        .map(drop)
}

/// Sum of every account's post counter: the instance's status count.
pub fn total_statuses(conn: &mut DbConnection) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Total {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    // SUM over BIGINT is NUMERIC on PostgreSQL; the cast keeps one Rust type for both backends.
    diesel::sql_query("SELECT CAST(COALESCE(SUM(statuses_count), 0) AS BIGINT) AS n FROM accounts")
        .get_result::<Total>(conn)
        .map(|t| t.n)
}

/// Which follow counter of an account to change.
#[derive(Debug, Clone, Copy)]
pub enum FollowCounter {
    Followers,
    Following,
}

/// Adds `delta` to a follow counter, in SQL so concurrent follows add up.
pub fn bump_follows(
    conn: &mut DbConnection,
    id: Id,
    counter: FollowCounter,
    delta: i64,
) -> QueryResult<()> {
    let target = accounts::table.find(id);
    match counter {
        FollowCounter::Followers => diesel::update(target)
            .set(accounts::followers_count.eq(accounts::followers_count + delta))
            .execute(conn),
        FollowCounter::Following => diesel::update(target)
            .set(accounts::following_count.eq(accounts::following_count + delta))
            .execute(conn),
    }
    .map(drop)
}

/// Counts a new post (`delta` 1, with its time) or a deleted one (`delta` -1, time unchanged).
pub fn bump_statuses(
    conn: &mut DbConnection,
    id: Id,
    delta: i64,
    posted_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let target = accounts::table.find(id);
    match posted_at {
        Some(at) => diesel::update(target)
            .set((
                accounts::statuses_count.eq(accounts::statuses_count + delta),
                accounts::last_status_at.eq(at),
            ))
            .execute(conn),
        None => diesel::update(target)
            .set(accounts::statuses_count.eq(accounts::statuses_count + delta))
            .execute(conn),
    }
    .map(drop)
}

/// Locks account rows, always in id order, before a change that touches several accounts: concurrent
/// follows, blocks, answers and deletes over the same accounts then run one after the other and never
/// deadlock on the counters. (SQLite's write transactions are serial already; there it costs no-op updates.)
/// Status rows, when a change locks some too, are locked first (`statuses::lock`).
pub fn lock(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<()> {
    for id in distinct(ids.iter().copied()) {
        diesel::update(accounts::table.find(id))
            .set(accounts::followers_count.eq(accounts::followers_count))
            .execute(conn)?;
    }
    Ok(())
}

/// (id, username, display name) of accounts after `after`, in id order: the backfill's batches.
pub fn after(
    conn: &mut DbConnection,
    after: Option<Id>,
    limit: usize,
) -> QueryResult<Vec<(Id, String, String)>> {
    let mut q = accounts::table
        .select((accounts::id, accounts::username, accounts::display_name))
        .order(accounts::id.asc())
        .limit(limit as i64)
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(accounts::id.gt(after));
    }
    q.load(conn)
}
