//! Job detection applied to stored posts: posts written before detection existed (or while its columns were
//! missing) are examined at start-up, in batches, with the rules in force. New posts are examined by
//! `posting` as they are written.

use diesel::QueryResult;

use crate::db::{accounts, statuses, write_transaction, DbConnection};
use crate::domain::jobs::{self, JobRules};

const BATCH: usize = 1000;

/// What a post's job columns hold: the kind's code, the score, the signals as a JSON array.
pub(crate) struct Examined {
    pub kind: Option<i16>,
    pub score: f32,
    pub signals: String,
}

/// Runs detection on a post's text, as `posting` and the catch-up below store it.
pub(crate) fn examine(rules: &JobRules, text: &str, author_hiring: bool) -> Examined {
    let found = jobs::detect(rules, text, author_hiring);
    Examined {
        kind: found.kind.map(|k| k.code()),
        score: found.score,
        // A list of strings always serialises.
        signals: serde_json::to_string(&found.signals).unwrap_or_else(|_| "[]".into()),
    }
}

/// Examines every post not examined yet; returns how many.
pub fn examine_missing(conn: &mut DbConnection, rules: &JobRules) -> QueryResult<usize> {
    let mut examined = 0;
    loop {
        let batch = statuses::unexamined(conn, BATCH)?;
        if batch.is_empty() {
            return Ok(examined);
        }
        let hiring = accounts::by_id(conn, batch.iter().map(|(_, author, _)| *author))?;
        write_transaction(conn, |conn| {
            for (id, author, text) in &batch {
                let flag = hiring.get(author).is_some_and(|a| a.hiring);
                let found = examine(rules, text, flag);
                statuses::set_job(conn, *id, found.kind, found.score, &found.signals)?;
            }
            QueryResult::Ok(())
        })?;
        examined += batch.len();
    }
}
