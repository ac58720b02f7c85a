//! GET /api/v1/statuses/:id/context: the visible replies above and below a status.

use actix_web::web::{Data, Json};

use crate::api::entities::status::{Context, Status};
use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::PathId;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::{context, status_views};

pub async fn handle(
    state: Data<AppState>,
    auth: MaybeUser<ReadStatuses>,
    PathId(id): PathId,
) -> Result<Json<Context>, ApiError> {
    let me = auth.id();
    let (above, below) = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let thread = context::thread(conn, viewer.as_ref(), id)?;
            Ok((
                status_views::load(conn, me, thread.ancestors)?,
                status_views::load(conn, me, thread.descendants)?,
            ))
        })
        .await?;
    Ok(Json(Context {
        ancestors: Status::from_views(&above, &state),
        descendants: Status::from_views(&below, &state),
    }))
}
