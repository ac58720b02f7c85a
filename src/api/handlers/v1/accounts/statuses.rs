//! GET /api/v1/accounts/:id/statuses: one account's posts as the viewer may see them.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::api::extract::auth::{MaybeUser, ReadStatuses};
use crate::api::extract::{lenient, Params, PathId};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::statuses::AuthorFilter;
use crate::domain::paging::STATUS_LIMITS;
use crate::domain::post_text;
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::status_views::{self, ViewPage};
use crate::service::timelines;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    exclude_replies: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    exclude_reblogs: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    tagged: Option<String>,
    /// There are no pinned posts and no media, so these filters match nothing.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pinned: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    only_media: Option<bool>,
}

pub async fn handle(
    state: Data<AppState>,
    req: HttpRequest,
    auth: MaybeUser<ReadStatuses>,
    PathId(id): PathId,
    Params(q): Params<Query>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let me = auth.id();
    let page = paging.page(STATUS_LIMITS);
    let filter = AuthorFilter {
        exclude_replies: q.exclude_replies.unwrap_or(false),
        exclude_reblogs: q.exclude_reblogs.unwrap_or(false),
    };
    let nothing = q.pinned == Some(true) || q.only_media == Some(true);
    let tagged = match q.tagged.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(
            post_text::normalize_tag(t.trim_start_matches('#'))
                .ok_or_else(|| ApiError::unprocessable(format!("Not a hashtag: {t}")))?,
        ),
        None => None,
    };
    let views = state
        .pool
        .run(move |conn| {
            let viewer = Viewer::load_optional(conn, me)?;
            let rows = timelines::account(conn, viewer.as_ref(), id, filter, tagged, &page)?;
            if nothing {
                // Asked only after the account is known to exist, so an unknown id is still a 404.
                return Ok(ViewPage::default());
            }
            Ok(status_views::load_page(conn, me, rows)?)
        })
        .await?;
    Ok(paging.respond_statuses(&req, &state, &views))
}
