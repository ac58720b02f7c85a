//! The search tables: `account_search_terms` (an account's folded terms) and `status_words` (a post's
//! folded words), and hashtags by key prefix. Terms come folded from `domain::search_terms`; a prefix is
//! the index range `[prefix, prefix_end)` on both backends. Each reading function has a `*_query` twin that
//! builds its statement without sending it (benches/search.rs prints their plans).

use diesel::prelude::*;
use diesel::query_builder::QueryFragment;
use diesel::query_dsl::LoadQuery;

use super::connection::{DbConnection, MultiBackend};
use super::schema::{account_search_terms, status_tags, status_words, statuses, tags};
use super::tags::Tag;
use super::types::Id;
use crate::domain::visibility::Visibility;

/// A search query as it is sent: loads `U` rows through `DbConnection`, and can be walked by a caller that
/// wants its SQL (benches/search.rs prints each one's plan).
pub trait SearchQuery<'a, U>:
    RunQueryDsl<DbConnection> + LoadQuery<'a, DbConnection, U> + QueryFragment<MultiBackend>
{
}

impl<'a, U, Q> SearchQuery<'a, U> for Q where
    Q: RunQueryDsl<DbConnection> + LoadQuery<'a, DbConnection, U> + QueryFragment<MultiBackend>
{
}

/// Replaces the terms `account` is found by.
pub fn replace_account_terms(
    conn: &mut DbConnection,
    account: Id,
    terms: &[String],
) -> QueryResult<()> {
    diesel::delete(
        account_search_terms::table.filter(account_search_terms::account_id.eq(account)),
    )
    .execute(conn)?;
    let rows: Vec<_> = terms
        .iter()
        .map(|t| {
            (
                account_search_terms::term.eq(t.as_str()),
                account_search_terms::account_id.eq(account),
            )
        })
        .collect();
    // One statement per backend: multi-row inserts do not compile through the backend enum.
    match conn {
        DbConnection::Postgres(c) => diesel::insert_into(account_search_terms::table)
            .values(&rows)
            .execute(c),
        DbConnection::Sqlite(c) => diesel::insert_into(account_search_terms::table)
            .values(&rows)
            .execute(c),
    }
    .map(drop)
}

/// Files `status` under each of `words`.
pub fn index_status(conn: &mut DbConnection, status: Id, words: &[String]) -> QueryResult<()> {
    if words.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = words
        .iter()
        .map(|w| {
            (
                status_words::word.eq(w.as_str()),
                status_words::status_id.eq(status),
            )
        })
        .collect();
    match conn {
        DbConnection::Postgres(c) => diesel::insert_into(status_words::table)
            .values(&rows)
            .execute(c),
        DbConnection::Sqlite(c) => diesel::insert_into(status_words::table)
            .values(&rows)
            .execute(c),
    }
    .map(drop)
}

/// (term, account) pairs with a term in `[prefix, end)`, in term order, after the pair `after`.
pub fn accounts_by_prefix(
    conn: &mut DbConnection,
    prefix: &str,
    end: &str,
    after: Option<&(String, Id)>,
    limit: usize,
) -> QueryResult<Vec<(String, Id)>> {
    accounts_by_prefix_query(prefix, end, after, limit).load(conn)
}

pub fn accounts_by_prefix_query<'a>(
    prefix: &'a str,
    end: &'a str,
    after: Option<&'a (String, Id)>,
    limit: usize,
) -> impl SearchQuery<'a, (String, Id)> {
    let mut q = account_search_terms::table
        .filter(account_search_terms::term.ge(prefix))
        .filter(account_search_terms::term.lt(end))
        .select((account_search_terms::term, account_search_terms::account_id))
        .order((
            account_search_terms::term.asc(),
            account_search_terms::account_id.asc(),
        ))
        .limit(limit as i64)
        .into_boxed();
    if let Some((term, account)) = after {
        // The first condition bounds the index range; the second steps past the pair already read.
        q = q
            .filter(account_search_terms::term.ge(term.as_str()))
            .filter(
                account_search_terms::term
                    .gt(term.as_str())
                    .or(account_search_terms::term
                        .eq(term.as_str())
                        .and(account_search_terms::account_id.gt(*account))),
            );
    }
    q
}

/// Hashtags whose key is in `[prefix, end)`, in key order.
pub fn tags_by_prefix(
    conn: &mut DbConnection,
    prefix: &str,
    end: &str,
    offset: usize,
    limit: usize,
) -> QueryResult<Vec<Tag>> {
    tags_by_prefix_query(prefix, end, offset, limit).load(conn)
}

pub fn tags_by_prefix_query<'a>(
    prefix: &'a str,
    end: &'a str,
    offset: usize,
    limit: usize,
) -> impl SearchQuery<'a, Tag> {
    // Only tags with a public post: a tag used only in private or direct posts must not be discoverable.
    let public_use = status_tags::table
        .inner_join(statuses::table)
        .filter(status_tags::tag_id.eq(tags::id))
        .filter(statuses::visibility.eq(Visibility::Public.code()));
    tags::table
        .filter(tags::name_key.ge(prefix))
        .filter(tags::name_key.lt(end))
        .filter(diesel::dsl::exists(public_use))
        .order(tags::name_key.asc())
        .offset(offset as i64)
        .limit(limit as i64)
        .select(Tag::as_select())
}

/// Posts filed under `word`, newest first, older than `before`.
pub fn statuses_with_word(
    conn: &mut DbConnection,
    word: &str,
    before: Option<Id>,
    limit: usize,
) -> QueryResult<Vec<Id>> {
    statuses_with_word_query(word, before, limit).load(conn)
}

pub fn statuses_with_word_query(
    word: &str,
    before: Option<Id>,
    limit: usize,
) -> impl SearchQuery<'_, Id> {
    let mut q = status_words::table
        .filter(status_words::word.eq(word))
        .select(status_words::status_id)
        .order(status_words::status_id.desc())
        .limit(limit as i64)
        .into_boxed();
    if let Some(before) = before {
        q = q.filter(status_words::status_id.lt(before));
    }
    q
}

/// Which of `statuses` are filed under `word`: one probe of the primary key (word, status) per status.
pub fn filed_under(conn: &mut DbConnection, statuses: &[Id], word: &str) -> QueryResult<Vec<Id>> {
    filed_under_query(statuses, word).load(conn)
}

pub fn filed_under_query<'a>(statuses: &'a [Id], word: &'a str) -> impl SearchQuery<'a, Id> {
    status_words::table
        .filter(status_words::word.eq(word))
        .filter(status_words::status_id.eq_any(statuses))
        .select(status_words::status_id)
}

/// Which of `accounts` have search terms.
pub fn accounts_with_terms(conn: &mut DbConnection, accounts: &[Id]) -> QueryResult<Vec<Id>> {
    account_search_terms::table
        .filter(account_search_terms::account_id.eq_any(accounts))
        .select(account_search_terms::account_id)
        .distinct()
        .load(conn)
}

/// Which of `statuses` have words filed.
pub fn statuses_with_words(conn: &mut DbConnection, statuses: &[Id]) -> QueryResult<Vec<Id>> {
    status_words::table
        .filter(status_words::status_id.eq_any(statuses))
        .select(status_words::status_id)
        .distinct()
        .load(conn)
}

/// (id, spoiler, text) of original posts after `after`, in id order: the backfill's batches.
pub fn originals_after(
    conn: &mut DbConnection,
    after: Option<Id>,
    limit: usize,
) -> QueryResult<Vec<(Id, String, String)>> {
    let mut q = statuses::table
        .filter(statuses::reblog_of_id.is_null())
        .select((statuses::id, statuses::spoiler_text, statuses::text))
        .order(statuses::id.asc())
        .limit(limit as i64)
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(statuses::id.gt(after));
    }
    q.load(conn)
}
