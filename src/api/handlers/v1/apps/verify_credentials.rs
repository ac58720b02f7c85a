//! GET /api/v1/apps/verify_credentials: the application behind the token.

use actix_web::web::{Data, Json};

use crate::api::entities::application::Application;
use crate::api::extract::auth::{AnyScope, AppAuth};
use crate::api::state::AppState;
use crate::db::apps;
use crate::error::ApiError;

pub async fn handle(
    state: Data<AppState>,
    auth: AppAuth<AnyScope>,
) -> Result<Json<Application>, ApiError> {
    let app_id = auth.session.token.application_id;
    let app = state
        .pool
        .run(move |conn| apps::find(conn, app_id)?.ok_or_else(ApiError::not_found))
        .await?;
    Ok(Json(Application::from_row(&app)))
}
