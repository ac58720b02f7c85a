//! GET /health: alive and able to reach the database (liveness and readiness in one). Answers `OK` as plain
//! text, as Mastodon does, because client libraries (Mastodon.py's `instance_health`) compare the body.

use actix_web::web::Data;
use actix_web::HttpResponse;
use diesel::RunQueryDsl;

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
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body("OK"))
}
