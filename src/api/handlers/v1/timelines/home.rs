//! GET /api/v1/timelines/home

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{ReadStatuses, UserAuth};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::domain::paging::STATUS_LIMITS;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::{status_views, timelines};

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadStatuses>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let me = auth.account.id;
    let page = paging.page(STATUS_LIMITS);
    let views = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load(conn, me)?;
            let rows = timelines::home(conn, &viewer, &page)?;
            Ok(status_views::load_page(conn, Some(me), rows)?)
        })
        .await?;
    Ok(paging.respond_statuses(&req, &state, &views))
}
