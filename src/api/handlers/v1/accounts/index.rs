//! GET /api/v1/accounts?id[]=: several accounts at once; ids that match nothing are left out.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::account::Account;
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::db::{accounts, Id};
use crate::error::ApiError;

/// Mastodon's cap on ids per request.
const MAX_IDS: usize = 40;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::string_list")]
    id: Vec<String>,
}

pub async fn handle(
    state: Data<AppState>,
    Params(q): Params<Query>,
) -> Result<Json<Vec<Account>>, ApiError> {
    if q.id.len() > MAX_IDS {
        return Err(ApiError::unprocessable(format!(
            "Too many ids (at most {MAX_IDS})"
        )));
    }
    let mut ids: Vec<Id> = q.id.iter().filter_map(|s| s.parse().ok()).collect();
    ids.dedup();
    let rows = state
        .pool
        .run(move |conn| Ok(accounts::find_many(conn, &ids)?))
        .await?;
    Ok(Json(
        rows.iter().map(|r| Account::from_row(r, &state)).collect(),
    ))
}
