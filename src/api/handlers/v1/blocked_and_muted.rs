//! GET /api/v1/blocks and GET /api/v1/mutes: the accounts the signed-in user blocks or mutes, newest first.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{ReadBlocks, ReadMutes, UserAuth};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::{DbConnection, Id};
use crate::domain::paging::{Page, ACCOUNT_LIMITS};
use crate::error::ApiError;
use crate::service::account_lists::{self, AccountPage};

pub async fn blocks(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadBlocks>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth.account.id, paging, account_lists::blocked).await
}

pub async fn mutes(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadMutes>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth.account.id, paging, account_lists::muted).await
}

/// Answers one of the signed-in account's own lists.
pub(crate) async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    me: Id,
    paging: Paging,
    read: fn(&mut DbConnection, Id, &Page) -> Result<AccountPage, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state.pool.run(move |conn| read(conn, me, &page)).await?;
    Ok(paging.respond_accounts(&req, &state, &listed))
}
