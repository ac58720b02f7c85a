//! The Token entity.

use serde::Serialize;

use crate::db::types::utc;
use crate::service::oauth::IssuedToken;

#[derive(Debug, Serialize)]
pub struct Token {
    pub access_token: String,
    pub token_type: &'static str,
    pub scope: String,
    /// Seconds since the epoch, as Mastodon (and Doorkeeper) send it.
    pub created_at: i64,
}

impl From<IssuedToken> for Token {
    fn from(t: IssuedToken) -> Self {
        Token {
            access_token: t.access_token,
            token_type: "Bearer",
            scope: t.scopes.to_string(),
            created_at: utc(t.created_at).timestamp(),
        }
    }
}
