//! GET /api/v2/search (`q`, `type`, `limit`, `offset`, `following`, `account_id`; `resolve` has nothing to
//! fetch here). Its parameters serve GET /api/v1/accounts/search too.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::search::Search;
use crate::api::extract::auth::{MaybeUser, ReadSearch};
use crate::api::extract::id_list::optional_id;
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::paging::{Limits, STATUS_LIMITS};
use crate::error::ApiError;
use crate::service::search::{self, Kinds, Query};

/// Longest query accepted, in bytes.
const MAX_QUERY_BYTES: usize = 500;

#[derive(Deserialize)]
pub struct SearchParams {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    q: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    limit: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    offset: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    following: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    account_id: Option<String>,
}

impl SearchParams {
    pub(crate) fn query(self, limits: Limits) -> Result<Query, ApiError> {
        let q = self.q.unwrap_or_default();
        if q.len() > MAX_QUERY_BYTES {
            return Err(ApiError::unprocessable(format!(
                "Search query is too long (at most {MAX_QUERY_BYTES} bytes)"
            )));
        }
        let kinds = match self.kind.as_deref().filter(|k| !k.is_empty()) {
            None => Kinds {
                accounts: true,
                hashtags: true,
                statuses: true,
            },
            Some(k @ ("accounts" | "hashtags" | "statuses")) => Kinds {
                accounts: k == "accounts",
                hashtags: k == "hashtags",
                statuses: k == "statuses",
            },
            // As Mastodon: a type it does not know finds nothing.
            Some(_) => Kinds {
                accounts: false,
                hashtags: false,
                statuses: false,
            },
        };
        let account_id = optional_id("account_id", self.account_id.as_deref())?;
        Ok(Query {
            q,
            kinds,
            offset: usize::try_from(self.offset.unwrap_or(0)).unwrap_or(usize::MAX),
            limit: self
                .limit
                .map_or(limits.default, |l| (l as usize).clamp(1, limits.max)),
            following: self.following.unwrap_or(false),
            account_id,
        })
    }
}

pub async fn v2(
    state: Data<AppState>,
    auth: MaybeUser<ReadSearch>,
    Params(params): Params<SearchParams>,
) -> Result<Json<Search>, ApiError> {
    let query = params.query(STATUS_LIMITS)?;
    let me = auth.id();
    let domain = state.domain().to_owned();
    let results = state
        .pool
        .run(move |conn| search::search(conn, &domain, me, &query))
        .await?;
    Ok(Json(Search::from_results(&results, &state)))
}
