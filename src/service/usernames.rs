//! Usernames kept in memory once read. A username is chosen at sign-up and never changes (`ProfileChanges`
//! has no username), and accounts are never deleted, so a kept one is never stale: the job feed names the
//! accounts of its explanations from here instead of reading a hundred account rows for every ranking
//! (1.5–5 ms of a 10 ms ranking at dataset M).

use std::collections::HashMap;
use std::sync::Arc;

use diesel::QueryResult;

use crate::db::{accounts, DbConnection, Id};
use crate::service::kept::Kept;

/// Usernames per generation (see [`Kept`]): at most twice this many, about 100 bytes each.
const GENERATION: usize = 50_000;

pub struct Usernames(Kept<Id, Arc<str>>);

impl Default for Usernames {
    fn default() -> Self {
        Usernames(Kept::new(GENERATION))
    }
}

impl Usernames {
    /// The usernames of those of `ids` that exist, reading only the ones not kept.
    pub fn of(
        &self,
        conn: &mut DbConnection,
        ids: impl IntoIterator<Item = Id>,
    ) -> QueryResult<HashMap<Id, Arc<str>>> {
        self.0.get_or_read(
            ids,
            |missing| {
                Ok(accounts::usernames(conn, missing)?
                    .into_iter()
                    .map(|(id, name)| (id, Arc::from(name)))
                    .collect())
            },
            |_| 1,
        )
    }
}
