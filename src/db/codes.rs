//! The `oauth_authorization_codes` table: single-use codes of the authorization-code grant.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::oauth_authorization_codes as codes;
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = codes)]
pub struct AuthorizationCode {
    pub id: Id,
    pub code_hash: String,
    pub application_id: Id,
    pub account_id: Id,
    pub redirect_uri: String,
    pub scopes: String,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub access_token_id: Option<Id>,
}

pub fn insert(conn: &mut DbConnection, code: &AuthorizationCode) -> QueryResult<()> {
    diesel::insert_into(codes::table)
        .values(code)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, code_hash: &str) -> QueryResult<Option<AuthorizationCode>> {
    codes::table
        .filter(codes::code_hash.eq(code_hash))
        .select(AuthorizationCode::as_select())
        .first(conn)
        .optional()
}

/// Marks the code used and records the token issued for it. Returns false when another request used it
/// first, so of two racing exchanges only one gets a token.
pub fn redeem(
    conn: &mut DbConnection,
    id: Id,
    token_id: Id,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(codes::table.find(id).filter(codes::used_at.is_null()))
        .set((codes::used_at.eq(at), codes::access_token_id.eq(token_id)))
        .execute(conn)
        .map(|n| n == 1)
}
