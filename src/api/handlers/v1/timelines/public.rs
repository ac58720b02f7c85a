//! GET /api/v1/timelines/public (`local` and `remote` are accepted; every account here is local).

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::{lenient, Params};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::domain::paging::STATUS_LIMITS;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::{status_views, timelines};

/// Filters that select nothing here: every account is local and there are no media.
#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    remote: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    only_media: Option<bool>,
}

impl Query {
    pub fn selects_nothing(&self) -> bool {
        self.remote == Some(true) || self.only_media == Some(true)
    }
}

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    Params(q): Params<Query>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    if q.selects_nothing() {
        return Ok(paging.respond_statuses(&req, &state, &Default::default()));
    }
    let me = auth.id();
    let page = paging.page(STATUS_LIMITS);
    let views = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let rows = timelines::public(conn, viewer.as_ref(), &page)?;
            Ok(status_views::load_page(conn, me, rows)?)
        })
        .await?;
    Ok(paging.respond_statuses(&req, &state, &views))
}
