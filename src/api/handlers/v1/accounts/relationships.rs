//! GET /api/v1/accounts/relationships?id[]=: how the signed-in account stands towards each account asked
//! about; unknown ids are left out.

use actix_web::web::{Data, Json};

use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{ReadFollows, UserAuth};
use crate::api::extract::id_list::IdList;
use crate::api::extract::Params;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::relationships;

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadFollows>,
    Params(q): Params<IdList>,
) -> Result<Json<Vec<Relationship>>, ApiError> {
    let ids = q.ids()?;
    let me = auth.account.id;
    let rows = state
        .pool
        .run(move |conn| relationships::towards_existing(conn, me, &ids))
        .await?;
    Ok(Json(rows.iter().map(Relationship::from).collect()))
}
