//! The `blocks` table. A block hides each account from the other; its rows page the block list.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::blocks;
use super::types::{distinct, Id};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = blocks)]
pub struct Block {
    pub id: Id,
    pub account_id: Id,
    pub target_account_id: Id,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, block: &Block) -> QueryResult<()> {
    diesel::insert_into(blocks::table)
        .values(block)
        .execute(conn)
        .map(drop)
}

pub fn exists(conn: &mut DbConnection, account: Id, target: Id) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        blocks::table
            .filter(blocks::account_id.eq(account))
            .filter(blocks::target_account_id.eq(target)),
    ))
    .get_result(conn)
}

pub fn delete(conn: &mut DbConnection, account: Id, target: Id) -> QueryResult<bool> {
    diesel::delete(
        blocks::table
            .filter(blocks::account_id.eq(account))
            .filter(blocks::target_account_id.eq(target)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// Everyone `account` blocks and everyone who blocks `account`: the accounts hidden from it.
pub fn either_way(conn: &mut DbConnection, account: Id) -> QueryResult<Vec<Id>> {
    // One query for both directions (each side has its index; SQLite reads the two and merges them).
    let pairs: Vec<(Id, Id)> = blocks::table
        .filter(
            blocks::account_id
                .eq(account)
                .or(blocks::target_account_id.eq(account)),
        )
        .select((blocks::account_id, blocks::target_account_id))
        .load(conn)?;
    Ok(distinct(pairs.into_iter().map(|(by, target)| {
        if by == account {
            target
        } else {
            by
        }
    })))
}

/// (block id, blocked account) rows of `account`, newest first, for the paged block list.
pub fn list(conn: &mut DbConnection, account: Id) -> QueryResult<Vec<(Id, Id)>> {
    blocks::table
        .filter(blocks::account_id.eq(account))
        .order(blocks::id.desc())
        .select((blocks::id, blocks::target_account_id))
        .load(conn)
}

/// Which of `targets` `account` blocks.
pub fn blocked_among(conn: &mut DbConnection, account: Id, targets: &[Id]) -> QueryResult<Vec<Id>> {
    blocks::table
        .filter(blocks::account_id.eq(account))
        .filter(blocks::target_account_id.eq_any(targets))
        .select(blocks::target_account_id)
        .load(conn)
}

/// Which of `accounts` block `target`.
pub fn blockers_among(
    conn: &mut DbConnection,
    target: Id,
    accounts: &[Id],
) -> QueryResult<Vec<Id>> {
    blocks::table
        .filter(blocks::target_account_id.eq(target))
        .filter(blocks::account_id.eq_any(accounts))
        .select(blocks::account_id)
        .load(conn)
}
