//! POST /api/v1/statuses/:id/{reblog,unreblog,favourite,unfavourite}. Each answers with the status as the
//! viewer now sees it: the reblog wrapper after a reblog, the original otherwise.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::status::Status;
use crate::api::extract::auth::{UserAuth, WriteFavourites, WriteStatuses};
use crate::api::extract::{lenient, Params, PathId};
use crate::api::state::AppState;
use crate::db::{DbConnection, Id};
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::recent_jobs::Change;
use crate::service::{interactions, status_views};

#[derive(Deserialize)]
pub struct ReblogForm {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    visibility: Option<String>,
}

pub async fn reblog(
    state: Data<AppState>,
    auth: UserAuth<WriteStatuses>,
    PathId(id): PathId,
    Params(form): Params<ReblogForm>,
) -> Result<Json<Status>, ApiError> {
    let visibility = match form.visibility.as_deref().filter(|v| !v.is_empty()) {
        None => Visibility::Public,
        Some(v) => Visibility::parse(v)
            .ok_or_else(|| ApiError::unprocessable(format!("Unknown visibility: {v}")))?,
    };
    let graph = state.settings.job_feed.clone();
    act(state, auth.account.id, Passes::On, move |conn, me| {
        interactions::reblog(conn, &graph, me, id, visibility)
    })
    .await
}

pub async fn unreblog(
    state: Data<AppState>,
    auth: UserAuth<WriteStatuses>,
    PathId(id): PathId,
) -> Result<Json<Status>, ApiError> {
    act(
        state,
        auth.account.id,
        Passes::Withdrawn,
        move |conn, me| interactions::unreblog(conn, me, id),
    )
    .await
}

pub async fn favourite(
    state: Data<AppState>,
    auth: UserAuth<WriteFavourites>,
    PathId(id): PathId,
) -> Result<Json<Status>, ApiError> {
    let graph = state.settings.job_feed.clone();
    act(state, auth.account.id, Passes::Nothing, move |conn, me| {
        interactions::favourite(conn, &graph, me, id)
    })
    .await
}

pub async fn unfavourite(
    state: Data<AppState>,
    auth: UserAuth<WriteFavourites>,
    PathId(id): PathId,
) -> Result<Json<Status>, ApiError> {
    act(state, auth.account.id, Passes::Nothing, move |conn, me| {
        interactions::unfavourite(conn, me, id)
    })
    .await
}

/// What an interaction does to job feeds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Passes {
    /// A repost passes the post on.
    On,
    /// An unrepost withdraws that.
    Withdrawn,
    /// A favourite does nothing to them.
    Nothing,
}

/// Runs one interaction and shows the status it names, telling the job feeds what it did.
async fn act<F>(
    state: Data<AppState>,
    me: Id,
    passes: Passes,
    f: F,
) -> Result<Json<Status>, ApiError>
where
    F: FnOnce(&mut DbConnection, Id) -> Result<Id, ApiError> + Send + 'static,
{
    let graph = state.job_graph.clone();
    let view = state
        .pool
        .run(move |conn| {
            let shown = f(conn, me)?;
            // Before the status is shown: an unrepost counts even when the viewer may not see the post any more.
            if passes == Passes::Withdrawn {
                graph.unreblogged(me, shown);
            }
            let view = status_views::load_visible(conn, Some(me), shown)?;
            // A repost shows the viewer's own reblog, which they always see.
            if passes == Passes::On {
                graph.acted_on(me, &view.status, Change::Written);
            }
            Ok(view)
        })
        .await?;
    Ok(Json(Status::from_view(&view, &state)))
}
