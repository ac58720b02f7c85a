//! GET /api/v1/timelines/tag/:hashtag (`any[]`, `all[]`, `none[]` add or remove tags).

use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::{lenient, Params};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::domain::paging::STATUS_LIMITS;
use crate::domain::post_text;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::status_views;
use crate::service::timelines::{self, TagQuery};

/// Most tags one request may name in all.
const MAX_TAGS: usize = 10;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::string_list")]
    any: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    all: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    none: Vec<String>,
    #[serde(flatten)]
    filters: super::public::Query,
}

fn keys(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| post_text::normalize_tag(n.trim_start_matches('#')))
        .collect()
}

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    hashtag: Path<String>,
    Params(q): Params<Query>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    if q.filters.selects_nothing() {
        return Ok(paging.respond_statuses(&req, &state, &Default::default()));
    }
    if q.any.len() + q.all.len() + q.none.len() + 1 > MAX_TAGS {
        return Err(ApiError::unprocessable(format!(
            "Too many tags (at most {MAX_TAGS})"
        )));
    }
    let mut any = keys(&[hashtag.into_inner()]);
    any.extend(keys(&q.any));
    let query = TagQuery {
        any,
        all: keys(&q.all),
        none: keys(&q.none),
    };
    let me = auth.id();
    let page = paging.page(STATUS_LIMITS);
    let views = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let rows = timelines::tagged(conn, viewer.as_ref(), &query, &page)?;
            Ok(status_views::load_page(conn, me, rows)?)
        })
        .await?;
    Ok(paging.respond_statuses(&req, &state, &views))
}
