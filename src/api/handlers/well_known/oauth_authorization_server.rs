//! GET /.well-known/oauth-authorization-server

use actix_web::web::{Data, Json};
use serde_json::Value;

use crate::api::entities::instance;
use crate::api::state::AppState;

pub async fn handle(state: Data<AppState>) -> Json<Value> {
    Json(instance::oauth_metadata(&state))
}
