//! The `tags` and `status_tags` tables: hashtags by case-folded name, and which statuses carry them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::{status_tags, tags};
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tags)]
pub struct Tag {
    pub id: Id,
    pub name: String,
    pub name_key: String,
    pub created_at: NaiveDateTime,
}

pub fn find_by_keys(conn: &mut DbConnection, keys: &[String]) -> QueryResult<Vec<Tag>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    tags::table
        .filter(tags::name_key.eq_any(keys))
        .select(Tag::as_select())
        .load(conn)
}

pub fn insert(conn: &mut DbConnection, tag: &Tag) -> QueryResult<()> {
    diesel::insert_into(tags::table)
        .values(tag)
        .execute(conn)
        .map(drop)
}

pub fn attach(conn: &mut DbConnection, status: Id, tag_ids: &[Id]) -> QueryResult<()> {
    // One row at a time: multi-row inserts do not compile through the backend enum, and a post holds few.
    for t in tag_ids {
        diesel::insert_into(status_tags::table)
            .values((
                status_tags::status_id.eq(status),
                status_tags::tag_id.eq(*t),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// (status, tag) pairs for `statuses`.
pub fn of_statuses(conn: &mut DbConnection, statuses: &[Id]) -> QueryResult<Vec<(Id, Tag)>> {
    status_tags::table
        .inner_join(tags::table)
        .filter(status_tags::status_id.eq_any(statuses))
        .select((status_tags::status_id, Tag::as_select()))
        .load(conn)
}

/// The tags of `account`'s latest tagged posts: one row per post and tag, `recent` rows at most, newest post
/// first (its reblogs carry none). Walks the account's posts newest first, so its cost is bounded by how many
/// untagged posts it meets first.
pub fn used_by(
    conn: &mut DbConnection,
    account: Id,
    recent: i64,
) -> QueryResult<Vec<(Id, String)>> {
    use super::schema::statuses;
    status_tags::table
        .inner_join(statuses::table)
        .inner_join(tags::table)
        .filter(statuses::account_id.eq(account))
        .order(statuses::id.desc())
        .limit(recent)
        .select((tags::id, tags::name))
        .load(conn)
}

/// (tag, author) of the latest public posts carrying any of `tags` since `since` (a status id), at most
/// `limit` per tag, newest first. Driven from the (tag, status) index.
pub fn recent_authors(
    conn: &mut DbConnection,
    tags: &[Id],
    since: Id,
    limit: i64,
) -> QueryResult<Vec<(Id, Id)>> {
    use super::schema::statuses;
    use crate::domain::visibility::Visibility;
    let mut out = Vec::new();
    for tag in tags {
        out.extend(
            status_tags::table
                .inner_join(statuses::table)
                .filter(status_tags::tag_id.eq(*tag))
                .filter(status_tags::status_id.ge(since))
                .filter(statuses::visibility.eq(Visibility::Public.code()))
                .order(status_tags::status_id.desc())
                .limit(limit)
                .select((status_tags::tag_id, statuses::account_id))
                .load::<(Id, Id)>(conn)?,
        );
    }
    Ok(out)
}
