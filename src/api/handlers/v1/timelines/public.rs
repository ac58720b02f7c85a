//! GET /api/v1/timelines/public (`local` and `remote` are accepted; every account here is local).

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::domain::paging::STATUS_LIMITS;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::{status_views, timelines};

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let me = auth.id();
    let page = paging.page(STATUS_LIMITS);
    let views = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let rows = timelines::public(conn, viewer.as_ref(), &page)?;
            Ok(status_views::load(conn, me, rows)?)
        })
        .await?;
    Ok(paging.respond_statuses(&req, &state, &views))
}
