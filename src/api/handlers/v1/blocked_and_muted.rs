//! GET /api/v1/blocks and GET /api/v1/mutes: the accounts the signed-in user blocks or mutes, newest first.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};

use crate::api::extract::auth::{ReadBlocks, ReadMutes, UserAuth};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::{blocks, mutes, DbConnection, Id};
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::account_lists;

pub async fn blocks(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadBlocks>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth.account.id, paging, |conn, me| {
        Ok(blocks::list(conn, me)?)
    })
    .await
}

pub async fn mutes(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadMutes>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    list(state, req, auth.account.id, paging, |conn, me| {
        Ok(mutes::targets(conn, me)?
            .into_iter()
            .map(|m| (m.id, m.target_account_id))
            .collect())
    })
    .await
}

/// `rows` gives every (row id, account) of the list; a person's block or mute list is short, so it is
/// paged here rather than in SQL.
async fn list<F>(
    state: Data<AppState>,
    req: HttpRequest,
    me: Id,
    paging: Paging,
    rows: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut DbConnection, Id) -> Result<Vec<(Id, Id)>, ApiError> + Send + 'static,
{
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state
        .pool
        .run(move |conn| {
            let links = page.finish(rows(conn, me)?, |l| l.0 .0);
            account_lists::resolve(conn, None, links)
        })
        .await?;
    Ok(paging.respond_accounts(&req, &state, &listed))
}
