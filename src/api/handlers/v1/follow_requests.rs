//! GET /api/v1/follow_requests (who asks to follow the signed-in, locked account) and
//! POST /api/v1/follow_requests/:account_id/{authorize,reject}.

use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse};

use crate::api::entities::account::Account;
use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{ReadFollows, UserAuth, WriteFollows};
use crate::api::extract::PathId;
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::follow_requests;
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::{account_lists, follow_requests as answer};

pub async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadFollows>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let me = auth.account.id;
    let page = paging.page(ACCOUNT_LIMITS);
    let listed = state
        .pool
        .run(move |conn| {
            let links = page.finish(follow_requests::waiting_for(conn, me)?, |l| l.0 .0);
            account_lists::resolve(conn, None, links)
        })
        .await?;
    let accounts: Vec<Account> = listed
        .accounts
        .iter()
        .map(|a| Account::from_row(a, &state))
        .collect();
    Ok(paging.respond(&req, &state, accounts, listed.cursors))
}

pub async fn authorize(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(requester): PathId,
) -> Result<Json<Relationship>, ApiError> {
    let me = auth.account.id;
    let row = state
        .pool
        .run(move |conn| answer::authorize(conn, me, requester))
        .await?;
    Ok(Json(Relationship::from(&row)))
}

pub async fn reject(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(requester): PathId,
) -> Result<Json<Relationship>, ApiError> {
    let me = auth.account.id;
    let row = state
        .pool
        .run(move |conn| answer::reject(conn, me, requester))
        .await?;
    Ok(Json(Relationship::from(&row)))
}
