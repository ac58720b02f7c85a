//! GET /api/v1/accounts/circle: the signed-in account's circle of trust, strongest first, with the weight
//! of each member, whether it is one or two steps away (and through whom), and the contacts they share — so
//! a user can see why their job feed looks as it does. This service's extension.

use actix_web::web::{Data, Json};
use serde::Serialize;

use crate::api::entities::account::Account;
use crate::api::extract::auth::{ReadAccounts, UserAuth};
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::job_feed;

#[derive(Serialize)]
pub struct CircleMember {
    account: Account,
    /// Share of the random walks from the viewer that reached this account.
    weight: f64,
    /// 1: the viewer interacts with it; 2: through `via`.
    hops: u8,
    via: Option<Account>,
    mutual_contacts: u32,
}

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadAccounts>,
) -> Result<Json<Vec<CircleMember>>, ApiError> {
    let me = auth.account;
    state.job_graph.ready().await;
    let app = state.clone();
    let entries = state
        .pool
        .run(move |conn| job_feed::circle(conn, &app.job_graph, &app.settings.job_feed, &me))
        .await?;
    Ok(Json(
        entries
            .iter()
            .map(|e| CircleMember {
                account: Account::from_row(&e.account, &state),
                weight: e.weight,
                hops: e.hop,
                via: e.via.as_ref().map(|v| Account::from_row(v, &state)),
                mutual_contacts: e.mutual,
            })
            .collect(),
    ))
}
