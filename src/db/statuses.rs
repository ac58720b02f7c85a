//! The `statuses` table: posts and reblogs (a reblog is a row whose `reblog_of_id` names the original).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::{mentions, statuses};
use super::types::{distinct, Id};
use crate::domain::paging::Page;
use crate::domain::visibility::Visibility;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = statuses)]
pub struct Status {
    pub id: Id,
    pub account_id: Id,
    pub text: String,
    pub content: String,
    pub spoiler_text: String,
    pub visibility: i16,
    pub sensitive: bool,
    pub language: Option<String>,
    pub in_reply_to_id: Option<Id>,
    pub in_reply_to_account_id: Option<Id>,
    pub reblog_of_id: Option<Id>,
    pub replies_count: i64,
    pub reblogs_count: i64,
    pub favourites_count: i64,
    pub created_at: NaiveDateTime,
    /// What job detection found when the post was written (`domain::jobs`): 0 offer, 1 seeking.
    pub job_kind: Option<i16>,
    pub job_score: f32,
    /// JSON array of the signals that fired; `None` until examined.
    pub job_signals: Option<String>,
    /// On a reblog or a reply: the `job_kind` of the post it passes on.
    pub passes_on_job: Option<i16>,
}

impl Status {
    pub fn visibility(&self) -> Visibility {
        Visibility::from_code(self.visibility)
    }
}

/// The counters a status carries, each kept by the use case that changes it.
#[derive(Debug, Clone, Copy)]
pub enum Counter {
    Replies,
    Reblogs,
    Favourites,
}

pub fn insert(conn: &mut DbConnection, status: &Status) -> QueryResult<()> {
    diesel::insert_into(statuses::table)
        .values(status)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: Id) -> QueryResult<Option<Status>> {
    statuses::table
        .find(id)
        .select(Status::as_select())
        .first(conn)
        .optional()
}

/// The statuses among `ids` that exist, in no particular order.
pub fn find_many(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<Vec<Status>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    statuses::table
        .filter(statuses::id.eq_any(ids))
        .select(Status::as_select())
        .load(conn)
}

/// Locks status rows, in id order, against concurrent deletes and new reblogs or replies (which must wait
/// for the lock to check their reference). PostgreSQL only: SQLite's write transactions are serial.
pub fn lock(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<()> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    for id in distinct(ids.iter().copied()) {
        statuses::table
            .find(id)
            .select(statuses::id)
            .for_update()
            .load::<Id>(pg)?;
    }
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: Id) -> QueryResult<bool> {
    diesel::delete(statuses::table.find(id))
        .execute(conn)
        .map(|n| n > 0)
}

/// Adds `delta` to a counter, in SQL so concurrent changes add up.
pub fn bump(conn: &mut DbConnection, id: Id, counter: Counter, delta: i64) -> QueryResult<()> {
    let target = statuses::table.find(id);
    match counter {
        Counter::Replies => diesel::update(target)
            .set(statuses::replies_count.eq(statuses::replies_count + delta))
            .execute(conn),
        Counter::Reblogs => diesel::update(target)
            .set(statuses::reblogs_count.eq(statuses::reblogs_count + delta))
            .execute(conn),
        Counter::Favourites => diesel::update(target)
            .set(statuses::favourites_count.eq(statuses::favourites_count + delta))
            .execute(conn),
    }
    .map(drop)
}

/// `account`'s reblog of `original`, if it made one.
pub fn find_reblog(
    conn: &mut DbConnection,
    account: Id,
    original: Id,
) -> QueryResult<Option<Status>> {
    statuses::table
        .filter(statuses::reblog_of_id.eq(original))
        .filter(statuses::account_id.eq(account))
        .select(Status::as_select())
        .first(conn)
        .optional()
}

/// Which of `originals` `account` has reblogged.
pub fn reblogged_among(
    conn: &mut DbConnection,
    account: Id,
    originals: &[Id],
) -> QueryResult<Vec<Id>> {
    statuses::table
        .filter(statuses::account_id.eq(account))
        .filter(statuses::reblog_of_id.eq_any(originals))
        .select(statuses::reblog_of_id.assume_not_null())
        .load(conn)
}

/// Ids of the reblogs of `original`, for deleting them with it (their authors' counters change).
pub fn reblogs_of(conn: &mut DbConnection, original: Id) -> QueryResult<Vec<(Id, Id)>> {
    statuses::table
        .filter(statuses::reblog_of_id.eq(original))
        .select((statuses::id, statuses::account_id))
        .load(conn)
}

/// At most `limit` replies to any of `parents` (one level), oldest first; the caller filters what the
/// viewer may see.
pub fn replies_to(
    conn: &mut DbConnection,
    parents: &[Id],
    limit: usize,
) -> QueryResult<Vec<Status>> {
    statuses::table
        .filter(statuses::in_reply_to_id.eq_any(parents))
        .order(statuses::id.asc())
        .limit(limit as i64)
        .select(Status::as_select())
        .load(conn)
}

fn codes(shown: &[Visibility]) -> Vec<i16> {
    shown.iter().map(|v| v.code()).collect()
}

/// Posts by any of `authors` (the caller has decided they are all visible to the reader), newest first.
/// `reblogs_from` limits reblogs to those authors (a follow can hide reblogs); `None` lets all through.
pub fn by_authors(
    conn: &mut DbConnection,
    authors: &[Id],
    shown: &[Visibility],
    reblogs_from: Option<&[Id]>,
    page: &Page,
) -> QueryResult<Vec<Status>> {
    let mut q = statuses::table
        .filter(statuses::account_id.eq_any(authors))
        .filter(statuses::visibility.eq_any(codes(shown)))
        .into_boxed();
    if let Some(rebloggers) = reblogs_from {
        q = q.filter(
            statuses::reblog_of_id
                .is_null()
                .or(statuses::account_id.eq_any(rebloggers)),
        );
    }
    keyset!(q, statuses::id, page)
        .select(Status::as_select())
        .load(conn)
}

/// Posts of the `shown` visibilities that mention `account`, newest first. Driven from the mentions index
/// (account, status), whose status ids are the cursors, so a page reads only the rows it returns.
pub fn mentioning(
    conn: &mut DbConnection,
    account: Id,
    shown: &[Visibility],
    page: &Page,
) -> QueryResult<Vec<Status>> {
    let q = mentions::table
        .inner_join(statuses::table)
        .filter(mentions::account_id.eq(account))
        .filter(statuses::visibility.eq_any(codes(shown)))
        .into_boxed();
    keyset!(q, mentions::status_id, page)
        .select(Status::as_select())
        .load(conn)
}

/// Filters for the listing of one account's posts.
#[derive(Debug, Clone, Copy, Default)]
pub struct AuthorFilter {
    pub exclude_replies: bool,
    pub exclude_reblogs: bool,
}

/// One account's posts of the `shown` visibilities, newest first.
pub fn by_account(
    conn: &mut DbConnection,
    account: Id,
    shown: &[Visibility],
    filter: AuthorFilter,
    tagged: Option<Id>,
    page: &Page,
) -> QueryResult<Vec<Status>> {
    use super::schema::status_tags;
    let mut q = statuses::table
        .filter(statuses::account_id.eq(account))
        .filter(statuses::visibility.eq_any(codes(shown)))
        .into_boxed();
    if filter.exclude_replies {
        // Replies to oneself (threads) stay, as in Mastodon.
        q = q.filter(
            statuses::in_reply_to_id
                .is_null()
                .or(statuses::in_reply_to_account_id.eq(account)),
        );
    }
    if filter.exclude_reblogs {
        q = q.filter(statuses::reblog_of_id.is_null());
    }
    if let Some(tag) = tagged {
        q = q.filter(
            statuses::id.eq_any(
                status_tags::table
                    .filter(status_tags::tag_id.eq(tag))
                    .select(status_tags::status_id),
            ),
        );
    }
    keyset!(q, statuses::id, page)
        .select(Status::as_select())
        .load(conn)
}

/// Public posts of everyone (not reblogs), newest first, leaving out `hidden_authors`.
pub fn public(
    conn: &mut DbConnection,
    hidden_authors: &[Id],
    page: &Page,
) -> QueryResult<Vec<Status>> {
    let mut q = statuses::table
        .filter(statuses::visibility.eq(Visibility::Public.code()))
        .filter(statuses::reblog_of_id.is_null())
        .into_boxed();
    if !hidden_authors.is_empty() {
        q = q.filter(statuses::account_id.ne_all(hidden_authors));
    }
    keyset!(q, statuses::id, page)
        .select(Status::as_select())
        .load(conn)
}

/// Public posts carrying `tag`, all of `all` and none of `none` (tag ids), newest first. Driven from the
/// (tag, status) index, whose status ids are the cursors.
pub fn tagged(
    conn: &mut DbConnection,
    tag: Id,
    all: &[Id],
    none: &[Id],
    hidden_authors: &[Id],
    page: &Page,
) -> QueryResult<Vec<Status>> {
    use super::schema::status_tags;
    // `all` and `none` look at the same table again, under another name.
    let other = diesel::alias!(status_tags as other_tags);
    let carrying = |tags: Vec<Id>| {
        other
            .filter(other.field(status_tags::tag_id).eq_any(tags))
            .select(other.field(status_tags::status_id))
    };
    let mut q = status_tags::table
        .inner_join(statuses::table)
        .filter(status_tags::tag_id.eq(tag))
        .filter(statuses::visibility.eq(Visibility::Public.code()))
        .into_boxed();
    for required in all {
        q = q.filter(statuses::id.eq_any(carrying(vec![*required])));
    }
    if !none.is_empty() {
        q = q.filter(diesel::dsl::not(
            statuses::id.eq_any(carrying(none.to_vec())),
        ));
    }
    if !hidden_authors.is_empty() {
        q = q.filter(statuses::account_id.ne_all(hidden_authors));
    }
    keyset!(q, status_tags::status_id, page)
        .select(Status::as_select())
        .load(conn)
}

/// One page of the reblogs of `original`, newest first.
pub fn reblogs_page(
    conn: &mut DbConnection,
    original: Id,
    page: &Page,
) -> QueryResult<Vec<Status>> {
    let q = statuses::table
        .filter(statuses::reblog_of_id.eq(original))
        .into_boxed();
    keyset!(q, statuses::id, page)
        .select(Status::as_select())
        .load(conn)
}

/// (id, author, text) of posts job detection has not examined yet, oldest first (the partial index
/// `statuses_job_unexamined` finds them).
pub fn unexamined(conn: &mut DbConnection, limit: usize) -> QueryResult<Vec<(Id, Id, String)>> {
    statuses::table
        .filter(statuses::job_signals.is_null())
        .order(statuses::id.asc())
        .limit(limit as i64)
        .select((statuses::id, statuses::account_id, statuses::text))
        .load(conn)
}

/// Records what job detection found in post `id`.
pub fn set_job(
    conn: &mut DbConnection,
    id: Id,
    kind: Option<i16>,
    score: f32,
    signals: &str,
) -> QueryResult<()> {
    diesel::update(statuses::table.find(id))
        .set((
            statuses::job_kind.eq(kind),
            statuses::job_score.eq(score),
            statuses::job_signals.eq(Some(signals)),
        ))
        .execute(conn)?;
    // What passed it on passes on a job post now (two statements, one index each).
    diesel::update(statuses::table.filter(statuses::reblog_of_id.eq(id)))
        .set(statuses::passes_on_job.eq(kind))
        .execute(conn)?;
    diesel::update(statuses::table.filter(statuses::in_reply_to_id.eq(id)))
        .set(statuses::passes_on_job.eq(kind))
        .execute(conn)
        .map(drop)
}

/// What the job feed ranks a post by and checks its visibility with: the columns of its two covering
/// indexes (migration 000007), so reading every recent job post into memory reads no table rows.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = statuses)]
pub struct JobRow {
    pub id: Id,
    pub account_id: Id,
    pub visibility: i16,
    pub created_at: NaiveDateTime,
    pub job_kind: Option<i16>,
    pub job_score: f32,
    pub reblog_of_id: Option<Id>,
    pub in_reply_to_id: Option<Id>,
}

impl From<&Status> for JobRow {
    fn from(s: &Status) -> Self {
        JobRow {
            id: s.id,
            account_id: s.account_id,
            visibility: s.visibility,
            created_at: s.created_at,
            job_kind: s.job_kind,
            job_score: s.job_score,
            reblog_of_id: s.reblog_of_id,
            in_reply_to_id: s.in_reply_to_id,
        }
    }
}

/// Every job post (not a reblog), of any kind, made since `since`: what the job feed keeps in memory. Reads the
/// covering index of job posts whole (a condition on `id` would make SQLite walk the table by id instead).
pub fn job_posts_since(conn: &mut DbConnection, since: NaiveDateTime) -> QueryResult<Vec<JobRow>> {
    let first = Id::first_at(since);
    let rows: Vec<JobRow> = statuses::table
        .filter(statuses::job_kind.is_not_null())
        .select(JobRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.reblog_of_id.is_none() && r.id >= first)
        .collect())
}

/// Every reblog and reply made since `since` that passes a job post on, with the kind it passes on (reads the
/// covering index of such posts whole).
pub fn passes_on_since(
    conn: &mut DbConnection,
    since: NaiveDateTime,
) -> QueryResult<Vec<(JobRow, i16)>> {
    let first = Id::first_at(since);
    let rows: Vec<(JobRow, Option<i16>)> = statuses::table
        .filter(statuses::passes_on_job.is_not_null())
        .select((JobRow::as_select(), statuses::passes_on_job))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, kind)| Some((r, kind?)))
        .filter(|(r, _)| r.id >= first)
        .collect())
}
