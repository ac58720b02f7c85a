//! GET /api/v1/statuses/:id/reblogged_by and …/favourited_by: who reblogged or favourited a status the
//! viewer may see, newest first, paged.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::PathId;
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::account_lists::{self, Interaction};

pub async fn reblogged_by(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Interaction::Reblogged).await
}

pub async fn favourited_by(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Interaction::Favourited).await
}

async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    PathId(id): PathId,
    paging: Paging,
    interaction: Interaction,
) -> Result<HttpResponse, ApiError> {
    let me = auth.id();
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state
        .pool
        .run(move |conn| account_lists::interacted(conn, me, id, interaction, &page))
        .await?;
    Ok(paging.respond_accounts(&req, &state, &listed))
}
