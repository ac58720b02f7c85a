//! GET /api/v1/follow_requests (who asks to follow the signed-in, locked account) and
//! POST /api/v1/follow_requests/:account_id/{authorize,reject}.

use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse};

use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{ReadFollows, UserAuth, WriteFollows};
use crate::api::extract::PathId;
use crate::api::handlers::v1::accounts::relationship_actions::change;
use crate::api::handlers::v1::blocked_and_muted::list as own_list;
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::{account_lists, follow_requests as answer};

pub async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadFollows>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    own_list(
        state,
        req,
        auth.account.id,
        paging,
        account_lists::requesting,
    )
    .await
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
