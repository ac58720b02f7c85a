//! The `oauth_access_tokens` table. Only digests are stored (see `auth::secret`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::accounts::Account;
use super::connection::DbConnection;
use super::schema::{accounts, oauth_access_tokens as tokens};
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tokens)]
pub struct AccessToken {
    pub id: Id,
    pub token_hash: String,
    pub application_id: Id,
    pub account_id: Option<Id>,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, token: &AccessToken) -> QueryResult<()> {
    diesel::insert_into(tokens::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

/// The unrevoked token with this digest and the account it acts for (none for an app's own token, or if the
/// account is missing), in one query: every signed-in request asks this first.
pub fn find_active_with_account(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<(AccessToken, Option<Account>)>> {
    tokens::table
        .left_join(accounts::table.on(tokens::account_id.eq(accounts::id.nullable())))
        .filter(tokens::token_hash.eq(token_hash))
        .filter(tokens::revoked_at.is_null())
        .select((AccessToken::as_select(), Option::<Account>::as_select()))
        .first(conn)
        .optional()
}

/// Revokes the token with this digest if `application_id` issued it; returns whether one was revoked.
pub fn revoke_for_app(
    conn: &mut DbConnection,
    token_hash: &str,
    application_id: Id,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        tokens::table
            .filter(tokens::token_hash.eq(token_hash))
            .filter(tokens::application_id.eq(application_id))
            .filter(tokens::revoked_at.is_null()),
    )
    .set(tokens::revoked_at.eq(at))
    .execute(conn)
    .map(|n| n > 0)
}

pub fn revoke(conn: &mut DbConnection, id: Id, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(tokens::table.find(id).filter(tokens::revoked_at.is_null()))
        .set(tokens::revoked_at.eq(at))
        .execute(conn)
        .map(drop)
}
