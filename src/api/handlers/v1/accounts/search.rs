//! GET /api/v1/accounts/search (`q`, `limit`, `offset`, `following`): accounts only, signed in.

use actix_web::web::{Data, Json};

use crate::api::entities::account::Account;
use crate::api::extract::auth::{ReadAccounts, UserAuth};
use crate::api::extract::Params;
use crate::api::handlers::v2::search::SearchParams;
use crate::api::state::AppState;
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::search;

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadAccounts>,
    Params(params): Params<SearchParams>,
) -> Result<Json<Vec<Account>>, ApiError> {
    let query = params.query(ACCOUNT_LIMITS)?;
    let me = auth.account.id;
    let domain = state.domain().to_owned();
    let found = state
        .pool
        .run(move |conn| search::accounts_for(conn, &domain, me, &query))
        .await?;
    Ok(Json(
        found.iter().map(|a| Account::from_row(a, &state)).collect(),
    ))
}
