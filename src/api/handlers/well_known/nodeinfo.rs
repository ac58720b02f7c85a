//! GET /.well-known/nodeinfo

use actix_web::web::{Data, Json};
use serde_json::Value;

use crate::api::entities::nodeinfo;
use crate::api::state::AppState;

pub async fn handle(state: Data<AppState>) -> Json<Value> {
    Json(nodeinfo::links(&state))
}
