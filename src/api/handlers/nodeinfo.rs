//! GET /nodeinfo/2.0

use actix_web::web::{Data, Json};
use serde_json::Value;

use crate::api::entities::nodeinfo;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::instance;

pub async fn handle(state: Data<AppState>) -> Result<Json<Value>, ApiError> {
    let stats = state.pool.run(instance::stats).await?;
    Ok(Json(nodeinfo::document(&state, stats)))
}
