//! Timelines. The home timeline is merged at read time from the index on (author, id): see
//! docs/home-timeline.md for the measurements behind that choice.
//!
//! Every timeline answers a `Scanned` page: the rows the viewer may see, and the cursors of the rows the
//! query read, so a page whose rows were all filtered out still links to the next one.

use crate::db::statuses::{self, AuthorFilter, Status};
use crate::db::{accounts, follows, tags, DbConnection, Id};
use crate::domain::paging::{ends, Page};
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};

use Visibility::{Direct, Private, Public, Unlisted};

/// A page of a timeline: what the viewer sees, and the newest and oldest id the query read.
pub struct Scanned {
    pub rows: Vec<Status>,
    pub cursors: Option<(Id, Id)>,
}

impl Scanned {
    fn empty() -> Self {
        Scanned {
            rows: Vec::new(),
            cursors: None,
        }
    }
}

/// Orders what the queries read newest first, keeps the page, notes its cursors, then keeps what `keep`
/// lets through.
fn scan(
    page: &Page,
    rows: Vec<Status>,
    keep: impl FnOnce(Vec<Status>) -> Result<Vec<Status>, ApiError>,
) -> Result<Scanned, ApiError> {
    let mut rows = rows;
    rows.sort_by_key(|s| s.id);
    rows.dedup_by_key(|s| s.id);
    let rows = page.finish(rows, |s| s.id.0);
    let cursors = ends(&rows, |s| s.id);
    Ok(Scanned {
        rows: keep(rows)?,
        cursors,
    })
}

/// The viewer's own posts, the posts and (where the follow allows) reblogs of everyone it follows, and
/// the direct posts that mention it; never anything from a muted or blocked account.
pub fn home(conn: &mut DbConnection, viewer: &Viewer, page: &Page) -> Result<Scanned, ApiError> {
    let followed = follows::targets(conn, viewer.id)?;
    let mut authors: Vec<Id> = followed
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !viewer.silenced(*id))
        .collect();
    authors.push(viewer.id);
    let mut rebloggers: Vec<Id> = followed
        .iter()
        .filter(|(_, show)| *show)
        .map(|(id, _)| *id)
        .collect();
    rebloggers.push(viewer.id);

    let shown = [Public, Unlisted, Private];
    let mut rows = statuses::by_authors(conn, &authors, &shown, Some(&rebloggers), page)?;
    rows.extend(statuses::mentioning(conn, viewer.id, &[Direct], page)?);
    rows.extend(statuses::by_authors(
        conn,
        &[viewer.id],
        &[Direct],
        None,
        page,
    )?);
    scan(page, rows, |rows| shown_to(conn, viewer, rows))
}

/// Public posts of the instance (`local` makes no difference: every account is local).
pub fn public(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    page: &Page,
) -> Result<Scanned, ApiError> {
    let rows = statuses::public(conn, &hidden_authors(viewer), page)?;
    scan(page, rows, |rows| {
        Ok(audience::visible(conn, viewer, rows)?)
    })
}

/// Which tags a tag timeline asks for, by case-folded name.
pub struct TagQuery {
    pub any: Vec<String>,
    pub all: Vec<String>,
    pub none: Vec<String>,
}

/// Public posts carrying any of `any`, all of `all` and none of `none`. Each tag of `any` is read through
/// its own (tag, status) index range, and the ranges are merged.
pub fn tagged(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    query: &TagQuery,
    page: &Page,
) -> Result<Scanned, ApiError> {
    let ids = |conn: &mut DbConnection, keys: &[String]| -> Result<Vec<Id>, ApiError> {
        let mut keys = keys.to_vec();
        keys.sort();
        keys.dedup();
        let found: Vec<Id> = tags::find_by_keys(conn, &keys)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        Ok(found)
    };
    let any = ids(conn, &query.any)?;
    let all = ids(conn, &query.all)?;
    let mut wanted_all = query.all.clone();
    wanted_all.sort();
    wanted_all.dedup();
    if any.is_empty() || all.len() < wanted_all.len() {
        return Ok(Scanned::empty());
    }
    let none = ids(conn, &query.none)?;
    let hidden = hidden_authors(viewer);
    let mut rows = Vec::new();
    for tag in any {
        rows.extend(statuses::tagged(conn, tag, &all, &none, &hidden, page)?);
    }
    scan(page, rows, |rows| {
        Ok(audience::visible(conn, viewer, rows)?)
    })
}

/// One account's posts as the viewer may see them: everything for the account itself, followers-only
/// posts for its followers, public and unlisted for everyone else; nothing across a block.
pub fn account(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    account: Id,
    filter: AuthorFilter,
    tagged: Option<String>,
    page: &Page,
) -> Result<Scanned, ApiError> {
    accounts::find(conn, account)?.ok_or_else(ApiError::not_found)?;
    if viewer.is_some_and(|v| v.blocked.contains(&account)) {
        return Ok(Scanned::empty());
    }
    let shown: &[Visibility] = match viewer {
        Some(v) if v.id == account => &[Public, Unlisted, Private, Direct],
        Some(v) if !follows::followed_among(conn, v.id, &[account])?.is_empty() => {
            &[Public, Unlisted, Private]
        }
        _ => &[Public, Unlisted],
    };
    let tag = match tagged {
        Some(key) => match tags::find_by_keys(conn, &[key])?.pop() {
            Some(tag) => Some(tag.id),
            None => return Ok(Scanned::empty()),
        },
        None => None,
    };
    let rows = statuses::by_account(conn, account, shown, filter, tag, page)?;
    scan(page, rows, |rows| {
        Ok(audience::visible(conn, viewer, rows)?)
    })
}

fn hidden_authors(viewer: Option<&Viewer>) -> Vec<Id> {
    viewer
        .map(|v| v.blocked.iter().chain(v.muted.iter()).copied().collect())
        .unwrap_or_default()
}

/// The visibility rule, plus what a timeline leaves out: posts and reblogs of silenced authors, and
/// reblogs of their posts.
fn shown_to(
    conn: &mut DbConnection,
    viewer: &Viewer,
    rows: Vec<Status>,
) -> Result<Vec<Status>, ApiError> {
    let rows = rows
        .into_iter()
        .filter(|s| !viewer.silenced(s.account_id))
        .collect();
    Ok(audience::visible_except(
        conn,
        Some(viewer),
        rows,
        |original| viewer.silenced(original.account_id),
    )?)
}
