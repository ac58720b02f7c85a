//! The `mentions` table: the local accounts a status names.

use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::mentions;
use super::types::Id;

pub fn insert(conn: &mut DbConnection, status: Id, accounts: &[Id]) -> QueryResult<()> {
    // One row at a time: multi-row inserts do not compile through the backend enum, and a post holds few.
    for a in accounts {
        diesel::insert_into(mentions::table)
            .values((mentions::status_id.eq(status), mentions::account_id.eq(*a)))
            .execute(conn)?;
    }
    Ok(())
}

/// (status, mentioned account) pairs for `statuses`.
pub fn of_statuses(conn: &mut DbConnection, statuses: &[Id]) -> QueryResult<Vec<(Id, Id)>> {
    mentions::table
        .filter(mentions::status_id.eq_any(statuses))
        .select((mentions::status_id, mentions::account_id))
        .load(conn)
}

/// Which of `statuses` mention `account`.
pub fn mentioning_among(
    conn: &mut DbConnection,
    account: Id,
    statuses: &[Id],
) -> QueryResult<Vec<Id>> {
    mentions::table
        .filter(mentions::account_id.eq(account))
        .filter(mentions::status_id.eq_any(statuses))
        .select(mentions::status_id)
        .load(conn)
}
