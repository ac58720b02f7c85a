//! GET /api/v1/accounts/:id

use actix_web::web::{Data, Json, Path};

use crate::api::entities::account::Account;
use crate::api::state::AppState;
use crate::db::{accounts, Id};
use crate::error::ApiError;

pub async fn handle(state: Data<AppState>, id: Path<String>) -> Result<Json<Account>, ApiError> {
    let id: Id = id.parse().map_err(|_| ApiError::not_found())?;
    let row = state
        .pool
        .run(move |conn| accounts::find(conn, id)?.ok_or_else(ApiError::not_found))
        .await?;
    Ok(Json(Account::from_row(&row, &state)))
}
