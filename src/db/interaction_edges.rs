//! The `interaction_edges` table: the job feed's graph, one row per ordered pair (see the migration).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::interaction_edges;
use super::types::Id;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = interaction_edges)]
pub struct EdgeRow {
    pub account_id: Id,
    pub target_account_id: Id,
    pub mentions: f32,
    pub replies: f32,
    pub reblogs: f32,
    pub favourites: f32,
    pub follows: bool,
    pub last_at: i64,
    pub month: i32,
    pub month_mentions: i32,
    pub month_replies: i32,
    pub month_reblogs: i32,
    pub month_favourites: i32,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<Option<EdgeRow>> {
    interaction_edges::table
        .find((from, to))
        .select(EdgeRow::as_select())
        .first(conn)
        .optional()
}

/// `find`, locking the row until the transaction ends on PostgreSQL (SQLite's write transactions are
/// serial already), so two events on one pair cannot overwrite each other's update.
pub fn find_for_update(conn: &mut DbConnection, from: Id, to: Id) -> QueryResult<Option<EdgeRow>> {
    match conn {
        DbConnection::Postgres(c) => interaction_edges::table
            .find((from, to))
            .select(EdgeRow::as_select())
            .for_update()
            .first(c)
            .optional(),
        DbConnection::Sqlite(_) => find(conn, from, to),
    }
}

/// Writes `row` over the pair's row, or inserts it.
pub fn save(conn: &mut DbConnection, row: &EdgeRow) -> QueryResult<()> {
    let key = (
        interaction_edges::account_id,
        interaction_edges::target_account_id,
    );
    // One statement per backend: upserts do not compile through the backend enum.
    match conn {
        DbConnection::Postgres(c) => diesel::insert_into(interaction_edges::table)
            .values(row)
            .on_conflict(key)
            .do_update()
            .set(row)
            .execute(c),
        DbConnection::Sqlite(c) => diesel::insert_into(interaction_edges::table)
            .values(row)
            .on_conflict(key)
            .do_update()
            .set(row)
            .execute(c),
    }
    .map(drop)
}

/// Rows written at or after `since`, oldest first; every row when `since` is `None`.
pub fn changed_since(
    conn: &mut DbConnection,
    since: Option<NaiveDateTime>,
) -> QueryResult<Vec<EdgeRow>> {
    let mut q = interaction_edges::table
        .select(EdgeRow::as_select())
        .order(interaction_edges::updated_at.asc())
        .into_boxed();
    if let Some(since) = since {
        q = q.filter(interaction_edges::updated_at.ge(since));
    }
    q.load(conn)
}

/// Up to `limit` rows after the pair `after` in key order: the whole table, a page at a time. Two index
/// ranges (the rest of `after`'s account, then the accounts after it) rather than one `OR`, which SQLite would
/// answer by scanning.
pub fn page_after(
    conn: &mut DbConnection,
    after: Option<(Id, Id)>,
    limit: i64,
) -> QueryResult<Vec<EdgeRow>> {
    let key_order = (
        interaction_edges::account_id.asc(),
        interaction_edges::target_account_id.asc(),
    );
    let mut rows = match after {
        Some((from, to)) => interaction_edges::table
            .filter(interaction_edges::account_id.eq(from))
            .filter(interaction_edges::target_account_id.gt(to))
            .order(key_order)
            .limit(limit)
            .select(EdgeRow::as_select())
            .load(conn)?,
        None => Vec::new(),
    };
    let rest = limit - rows.len() as i64;
    if rest > 0 {
        let mut q = interaction_edges::table
            .order(key_order)
            .limit(rest)
            .select(EdgeRow::as_select())
            .into_boxed();
        if let Some((from, _)) = after {
            q = q.filter(interaction_edges::account_id.gt(from));
        }
        rows.extend(q.load(conn)?);
    }
    Ok(rows)
}

/// `from`'s rows to each of `targets` that has one.
pub fn from_to(conn: &mut DbConnection, from: Id, targets: &[Id]) -> QueryResult<Vec<EdgeRow>> {
    interaction_edges::table
        .filter(interaction_edges::account_id.eq(from))
        .filter(interaction_edges::target_account_id.eq_any(targets))
        .select(EdgeRow::as_select())
        .load(conn)
}
