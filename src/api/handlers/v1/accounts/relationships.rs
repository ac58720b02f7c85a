//! GET /api/v1/accounts/relationships?id[]=: how the signed-in account stands towards each account asked
//! about; unknown ids are left out.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{ReadFollows, UserAuth};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::db::Id;
use crate::error::ApiError;
use crate::service::relationships;

/// Mastodon's cap on ids per request.
const MAX_IDS: usize = 40;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::string_list")]
    id: Vec<String>,
}

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadFollows>,
    Params(q): Params<Query>,
) -> Result<Json<Vec<Relationship>>, ApiError> {
    if q.id.len() > MAX_IDS {
        return Err(ApiError::unprocessable(format!(
            "Too many ids (at most {MAX_IDS})"
        )));
    }
    let mut ids: Vec<Id> = q.id.iter().filter_map(|s| s.parse().ok()).collect();
    ids.dedup();
    let me = auth.account.id;
    let rows = state
        .pool
        .run(move |conn| relationships::towards_existing(conn, me, &ids))
        .await?;
    Ok(Json(rows.iter().map(Relationship::from).collect()))
}
