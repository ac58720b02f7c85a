//! GET /api/v2/suggestions (`limit`, default 40, at most 80): accounts to follow, best first, each with its
//! `sources` and, in the `explanation` extension, the reason in words.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::suggestion::Suggestion;
use crate::api::extract::auth::{ReadAccounts, UserAuth};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::paging::ACCOUNT_LIMITS;
use crate::error::ApiError;
use crate::service::suggestions::{self, SuggestionItem};

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    limit: Option<u64>,
}

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadAccounts>,
    Params(q): Params<Query>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let items = suggested(&state, auth, q).await?;
    Ok(Json(
        items
            .iter()
            .map(|i| Suggestion::from_item(i, &state))
            .collect(),
    ))
}

/// The suggestions for the token's account (the v1 list shows their accounts alone).
pub async fn suggested(
    state: &Data<AppState>,
    auth: UserAuth<ReadAccounts>,
    q: Query,
) -> Result<Vec<SuggestionItem>, ApiError> {
    let limit = q.limit.map_or(ACCOUNT_LIMITS.default, |l| {
        (l as usize).clamp(1, ACCOUNT_LIMITS.max)
    });
    let me = auth.account;
    state.job_graph.ready().await;
    let app = state.clone();
    state
        .pool
        .run(move |conn| {
            suggestions::suggestions(
                conn,
                &app.job_graph,
                &app.settings.job_feed,
                &app.settings.suggestions,
                &me,
                limit,
            )
        })
        .await
}
