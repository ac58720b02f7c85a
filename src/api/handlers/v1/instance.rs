//! GET /api/v1/instance

use actix_web::web::{Data, Json};
use serde_json::Value;

use crate::api::entities::instance;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::instance::stats;

pub async fn handle(state: Data<AppState>) -> Result<Json<Value>, ApiError> {
    let stats = state.pool.run(stats).await?;
    Ok(Json(instance::v1(&state, stats)))
}
