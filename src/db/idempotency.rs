//! The `idempotency_keys` table: which status an account's `Idempotency-Key` produced.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::idempotency_keys as keys;
use super::types::Id;

/// The status a key produced at or after `since`.
pub fn find(
    conn: &mut DbConnection,
    account: Id,
    key: &str,
    since: NaiveDateTime,
) -> QueryResult<Option<Id>> {
    keys::table
        .filter(keys::account_id.eq(account))
        .filter(keys::key.eq(key))
        .filter(keys::created_at.ge(since))
        .select(keys::status_id)
        .first(conn)
        .optional()
}

/// Forgets the account's keys older than `before`: they name nothing any more, and the table stays small.
pub fn forget_before(
    conn: &mut DbConnection,
    account: Id,
    before: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        keys::table
            .filter(keys::account_id.eq(account))
            .filter(keys::created_at.lt(before)),
    )
    .execute(conn)
    .map(drop)
}

pub fn insert(
    conn: &mut DbConnection,
    account: Id,
    key: &str,
    status: Id,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(keys::table)
        .values((
            keys::account_id.eq(account),
            keys::key.eq(key),
            keys::status_id.eq(status),
            keys::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}
