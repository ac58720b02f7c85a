//! What never changes about a status once it is posted: whom it mentions and which tags it carries (posts are
//! not edited; a deleted post is never read again, so what is kept of it is never shown). Reading these for a
//! page of 20 posts was two of a job feed page's dozen queries (about a third of the page's time, serial, at
//! dataset M), so the job feed keeps them in memory, one [`StatusParts`] per database.
//!
//! The memory is bounded by two generations: lookups fill the current one, and when it holds
//! [`GENERATION`] statuses it becomes the previous one and the one before is dropped. A status asked for again
//! is moved into the current generation, so what pages keep showing stays.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use diesel::QueryResult;

use crate::db::tags::{self, Tag};
use crate::db::{mentions, DbConnection, Id};

/// Statuses per generation: at most twice this many are kept (about 200 bytes each).
const GENERATION: usize = 20_000;

/// A status's mentioned accounts and tags, in no particular order.
#[derive(Debug, Default)]
pub struct Parts {
    pub mentions: Vec<Id>,
    pub tags: Vec<Tag>,
}

/// Kept parts, for one database.
#[derive(Default)]
pub struct StatusParts {
    kept: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
    current: HashMap<Id, Arc<Parts>>,
    previous: HashMap<Id, Arc<Parts>>,
}

impl Generations {
    fn get(&mut self, id: Id) -> Option<Arc<Parts>> {
        if let Some(parts) = self.current.get(&id) {
            return Some(parts.clone());
        }
        let parts = self.previous.remove(&id)?;
        self.insert(id, parts.clone());
        Some(parts)
    }

    fn insert(&mut self, id: Id, parts: Arc<Parts>) {
        if self.current.len() >= GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(id, parts);
    }
}

/// The parts of `ids` read from the database.
pub fn read(conn: &mut DbConnection, ids: &[Id]) -> QueryResult<HashMap<Id, Parts>> {
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
    Ok(found)
}

impl StatusParts {
    fn kept(&self) -> std::sync::MutexGuard<'_, Generations> {
        // A cache of values that never change: after a panic elsewhere, what is there is still right.
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The parts of `ids`, reading only those not kept.
    pub fn of(&self, conn: &mut DbConnection, ids: &[Id]) -> QueryResult<HashMap<Id, Arc<Parts>>> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        {
            let mut kept = self.kept();
            for id in ids {
                match kept.get(*id) {
                    Some(parts) => {
                        found.insert(*id, parts);
                    }
                    None => missing.push(*id),
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let read = read(conn, &missing)?;
        let mut kept = self.kept();
        for (id, parts) in read {
            let parts = Arc::new(parts);
            kept.insert(id, parts.clone());
            found.insert(id, parts);
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_generations_bound_what_is_kept_and_keep_what_is_asked_for_again() {
        let mut g = Generations::default();
        let first = Id::new();
        g.insert(first, Arc::default());
        for _ in 1..GENERATION {
            g.insert(Id::new(), Arc::default());
        }
        // The next insert starts a new generation; `first` is in the previous one, and asking moves it back.
        g.insert(Id::new(), Arc::default());
        assert_eq!((g.current.len(), g.previous.len()), (1, GENERATION));
        assert!(g.get(first).is_some());
        assert!(g.current.contains_key(&first) && !g.previous.contains_key(&first));
        // Another full generation drops the previous one, but not `first`.
        for _ in 0..GENERATION {
            g.insert(Id::new(), Arc::default());
        }
        assert!(g.current.len() + g.previous.len() <= 2 * GENERATION);
        assert!(g.get(first).is_some());
        assert!(g.get(Id::new()).is_none());
    }
}
