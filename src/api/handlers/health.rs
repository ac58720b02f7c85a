//! GET /health: alive and able to reach the database (liveness and readiness in one).

use actix_web::web::Data;
use actix_web::HttpResponse;
use diesel::RunQueryDsl;
use serde_json::json;

use crate::api::state::AppState;
use crate::error::ApiError;

pub async fn handle(state: Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .pool
        .run(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|e| ApiError::unavailable(anyhow::anyhow!("database check failed: {e}")))?;
    Ok(HttpResponse::Ok()
        .json(json!({"status": "ok", "database": state.pool.target().backend_name()})))
}
