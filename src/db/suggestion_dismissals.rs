//! The `suggestion_dismissals` table: accounts a viewer removed from their follow suggestions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::suggestion_dismissals;
use super::types::Id;

/// Writes the dismissal; a unique violation (it exists) is the caller's to take as done (`insert_once`).
pub fn insert(
    conn: &mut DbConnection,
    account: Id,
    target: Id,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(suggestion_dismissals::table)
        .values((
            suggestion_dismissals::account_id.eq(account),
            suggestion_dismissals::target_account_id.eq(target),
            suggestion_dismissals::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// Everyone `account` has dismissed.
pub fn targets(conn: &mut DbConnection, account: Id) -> QueryResult<Vec<Id>> {
    suggestion_dismissals::table
        .filter(suggestion_dismissals::account_id.eq(account))
        .select(suggestion_dismissals::target_account_id)
        .load(conn)
}
