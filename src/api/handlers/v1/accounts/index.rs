//! GET /api/v1/accounts?id[]=: several accounts at once; ids that match nothing are left out.

use actix_web::web::{Data, Json};

use crate::api::entities::account::Account;
use crate::api::extract::id_list::IdList;
use crate::api::extract::Params;
use crate::api::state::AppState;
use crate::db::accounts;
use crate::error::ApiError;

pub async fn handle(
    state: Data<AppState>,
    Params(q): Params<IdList>,
) -> Result<Json<Vec<Account>>, ApiError> {
    let ids = q.ids()?;
    let rows = state
        .pool
        .run(move |conn| Ok(accounts::find_many(conn, &ids)?))
        .await?;
    Ok(Json(
        rows.iter().map(|r| Account::from_row(r, &state)).collect(),
    ))
}
