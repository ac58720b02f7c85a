//! GET /api/v1/statuses/:id/reblogged_by and …/favourited_by: who reblogged or favourited a status the
//! viewer may see, newest first, paged.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::PathId;
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::{favourites, statuses};
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::account_lists;
use crate::service::audience::{self, Viewer};

#[derive(Clone, Copy)]
enum Who {
    Reblogged,
    Favourited,
}

pub async fn reblogged_by(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Who::Reblogged).await
}

pub async fn favourited_by(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Who::Favourited).await
}

async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    PathId(id): PathId,
    paging: Paging,
    who: Who,
) -> Result<HttpResponse, ApiError> {
    let me = auth.id();
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let status = audience::find_visible(conn, viewer.as_ref(), id)?;
            let links = match who {
                Who::Reblogged => statuses::reblogs_page(conn, status.id, &page)?,
                Who::Favourited => favourites::page(conn, status.id, &page)?,
            };
            account_lists::resolve(conn, viewer.as_ref(), page.finish(links, |l| l.0 .0))
        })
        .await?;
    Ok(paging.respond_accounts(&req, &state, &listed))
}
