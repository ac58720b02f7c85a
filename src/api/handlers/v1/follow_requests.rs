//! GET /api/v1/follow_requests (who asks to follow the signed-in, locked account) and
//! POST /api/v1/follow_requests/:account_id/{authorize,reject}.

use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse};

use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{ReadFollows, UserAuth, WriteFollows};
use crate::api::extract::PathId;
use crate::api::handlers::v1::accounts::relationship_actions::change;
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
    Ok(paging.respond_accounts(&req, &state, &listed))
}

pub async fn authorize(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(requester): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        answer::authorize(conn, me, requester)
    })
    .await
}

pub async fn reject(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(requester): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        answer::reject(conn, me, requester)
    })
    .await
}
