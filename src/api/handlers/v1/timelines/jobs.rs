//! GET /api/v1/timelines/jobs (`limit`, `offset`): the viewer's job feed, ranked, each Status's `job` object
//! holding the `explanation` of how it reached them. Paged by offset, with `Link` next/prev.

use actix_web::http::header::LINK;
use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::api::entities::status::Status;
use crate::api::extract::auth::{ReadStatuses, UserAuth};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::paging::STATUS_LIMITS;
use crate::error::ApiError;
use crate::service::job_feed;

/// Deepest offset served: the feed ranks what the circle touched in the last weeks, never thousands.
const MAX_OFFSET: u64 = 1_000;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    limit: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    offset: Option<u64>,
}

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadStatuses>,
    Params(q): Params<Query>,
) -> Result<HttpResponse, ApiError> {
    let limit = q.limit.map_or(STATUS_LIMITS.default, |l| {
        (l as usize).clamp(1, STATUS_LIMITS.max)
    });
    let offset = q.offset.unwrap_or(0).min(MAX_OFFSET) as usize;
    let me = auth.account;
    state.job_graph.ready().await;
    let app = state.clone();
    let page = state
        .pool
        .run(move |conn| {
            job_feed::feed(
                conn,
                &app.job_graph,
                &app.settings.job_feed,
                &me,
                offset,
                limit,
            )
        })
        .await?;
    let link = |at: usize, rel: &str| {
        format!(
            "<{}?limit={limit}&offset={at}>; rel=\"{rel}\"",
            state.url(req.path())
        )
    };
    let mut links = Vec::new();
    if page.more && (offset + limit) as u64 <= MAX_OFFSET {
        links.push(link(offset + limit, "next"));
    }
    if offset > 0 {
        links.push(link(offset.saturating_sub(limit), "prev"));
    }
    let mut response = HttpResponse::Ok();
    if !links.is_empty() {
        response.insert_header((LINK, links.join(", ")));
    }
    let body: Vec<Status> = page
        .items
        .iter()
        .map(|i| Status::from_feed_item(i, &state))
        .collect();
    Ok(response.json(body))
}
