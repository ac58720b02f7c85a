//! GET /api/v1/accounts/:id/followers and …/following, newest follow first, paged by follow.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{MaybeUser, ReadAccounts};
use crate::api::extract::PathId;
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::follows::Side;
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::account_lists;

pub async fn followers(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadAccounts>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Side::Followers).await
}

pub async fn following(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadAccounts>,
    id: PathId,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth, id, paging, Side::Following).await
}

async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadAccounts>,
    PathId(id): PathId,
    paging: Paging,
    side: Side,
) -> Result<HttpResponse, ApiError> {
    let me = auth.id();
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state
        .pool
        .run(move |conn| account_lists::follows(conn, me, id, side, &page))
        .await?;
    Ok(paging.respond_accounts(&req, &state, &listed))
}
