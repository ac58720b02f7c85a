//! What never changes about a status once it is posted: whom it mentions and which tags it carries (posts are
//! not edited; a deleted post is never read again, so what is kept of it is never shown). Reading these for a
//! page of 20 posts was two of a job feed page's dozen queries (about a third of the page's time, serial, at
//! dataset M), so the job feed keeps them in memory, one [`StatusParts`] per database.
//!
//! They are held in a [`Kept`] weighted in bytes (a post carries up to 10 tags of up to 139 characters), so
//! the memory stays within about 15 MB however the posts are written.

use std::collections::HashMap;
use std::sync::Arc;

use diesel::QueryResult;

use crate::db::tags::{self, Tag};
use crate::db::{mentions, DbConnection, Id};
use crate::service::kept::Kept;

/// Bytes per generation (see [`Kept`]): two generations hold about 15 MB.
const GENERATION: usize = 7_500_000;
/// What an entry costs beyond its lists: the map slot, the `Arc`'s counts and the allocator's headers.
const ENTRY_OVERHEAD: usize = 96;
/// What a tag's two strings cost beyond their bytes (each is its own allocation of at least 32 bytes).
const TAG_OVERHEAD: usize = 64;

/// A status's mentioned accounts and tags, in no particular order.
#[derive(Debug, Default)]
pub struct Parts {
    pub mentions: Vec<Id>,
    pub tags: Vec<Tag>,
}

impl Parts {
    /// About what an entry holds in memory, in bytes.
    fn bytes(&self) -> usize {
        let tags: usize = self
            .tags
            .iter()
            .map(|t| std::mem::size_of::<Tag>() + TAG_OVERHEAD + t.name.len() + t.name_key.len())
            .sum();
        ENTRY_OVERHEAD
            + std::mem::size_of::<Parts>()
            + std::mem::size_of::<Id>() * self.mentions.len()
            + tags
    }
}

/// Kept parts, for one database.
pub struct StatusParts(Kept<Id, Arc<Parts>>);

impl Default for StatusParts {
    fn default() -> Self {
        StatusParts(Kept::new(GENERATION))
    }
}

/// The parts of `ids` read from the database.
pub fn read(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<HashMap<Id, Arc<Parts>>> {
    let mut found: HashMap<Id, Parts> = ids.iter().map(|id| (*id, Parts::default())).collect();
    for (status, account) in mentions::of_statuses(conn, ids)? {
        if let Some(parts) = found.get_mut(&status) {
            parts.mentions.push(account);
        }
    }
    for (status, tag) in tags::of_statuses(conn, ids)? {
        if let Some(parts) = found.get_mut(&status) {
            parts.tags.push(tag);
        }
    }
    Ok(found
        .into_iter()
        .map(|(id, mut parts)| {
            parts.mentions.shrink_to_fit();
            parts.tags.shrink_to_fit();
            (id, Arc::new(parts))
        })
        .collect())
}

impl StatusParts {
    /// The parts of `ids`, reading only those not kept.
    pub fn of(&self, conn: &mut DbConnection, ids: &[Id]) -> QueryResult<HashMap<Id, Arc<Parts>>> {
        self.0.get_or_read(
            ids.iter().copied(),
            |missing| Ok(read(conn, missing)?.into_iter().collect()),
            |parts| parts.bytes(),
        )
    }
}
