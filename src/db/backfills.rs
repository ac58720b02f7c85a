//! The `backfills` table: which one-off start-up catch-up jobs have finished.

use diesel::prelude::*;

use super::connection::{insert_once, DbConnection};
use super::schema::backfills;
use super::types;

pub fn finished(conn: &mut DbConnection, name: &str) -> QueryResult<bool> {
    backfills::table
        .find(name)
        .select(backfills::name)
        .first::<String>(conn)
        .optional()
        .map(|row| row.is_some())
}

/// Marks `name` finished (a second mark, e.g. from another server starting at once, changes nothing).
pub fn finish(conn: &mut DbConnection, name: &str) -> QueryResult<()> {
    insert_once(conn, |conn| {
        diesel::insert_into(backfills::table)
            .values((
                backfills::name.eq(name),
                backfills::finished_at.eq(types::now()),
            ))
            .execute(conn)
            .map(drop)
    })
    .map(drop)
}
