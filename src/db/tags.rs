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
