//! GET /api/v1/statuses/:id and DELETE /api/v1/statuses/:id.

use actix_web::web::{Data, Json};

use crate::api::entities::status::Status;
use crate::api::extract::auth::{MaybeUser, ReadStatuses, UserAuth, WriteStatuses};
use crate::api::extract::PathId;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::recent_jobs::Change;
use crate::service::{posting, status_views};

pub async fn show(
    state: Data<AppState>,
    auth: MaybeUser<ReadStatuses>,
    PathId(id): PathId,
) -> Result<Json<Status>, ApiError> {
    let me = auth.id();
    let view = state
        .pool
        .run(move |conn| status_views::load_visible(conn, me, id))
        .await?;
    Ok(Json(Status::from_view(&view, &state)))
}

/// Only the author may delete; the answer carries the source `text` for "delete and redraft".
pub async fn delete(
    state: Data<AppState>,
    auth: UserAuth<WriteStatuses>,
    PathId(id): PathId,
) -> Result<Json<Status>, ApiError> {
    let me = auth.account.id;
    let graph = state.job_graph.clone();
    let view = state
        .pool
        .run(move |conn| {
            let view = posting::delete(conn, me, id)?;
            graph.acted_on(me, &view.status, Change::Deleted);
            Ok(view)
        })
        .await?;
    let mut status = Status::from_view(&view, &state);
    status.text = Some(view.status.text.clone());
    Ok(Json(status))
}
