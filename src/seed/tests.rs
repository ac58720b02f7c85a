//! The seed end to end: generated twice it is the same; written to a database, its counters agree with
//! its rows, every post passes the server's 140 rule with the mentions and tags its rows say, and the
//! documented token and password sign in.

use std::collections::HashMap;

use diesel::prelude::*;

use super::activity::Kind;
use super::credentials;
use super::dataset::Dataset;
use super::size::Size;
use super::writer::{self, text_of};
use crate::auth::{password, secret};
use crate::config::Settings;
use crate::db::connection::establish;
use crate::db::schema::{
    accounts, favourites, follows, mentions, status_tags, statuses, tags, users,
};
use crate::db::{migrations, tokens, DbConnection, DbTarget, Id};
use crate::domain::post_text;

/// The day the generated month of posts ends, for tests.
const DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 10, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

#[test]
fn same_seed_same_instance() {
    let a = Dataset::generate(3, Size::Tiny.shape(), DAY);
    let b = Dataset::generate(3, Size::Tiny.shape(), DAY);
    assert_eq!(a.graph.follows, b.graph.follows);
    assert_eq!(a.activity, b.activity);
    assert_eq!(a.post_id(17), b.post_id(17));
    assert_eq!(text_of(&a, 17), text_of(&b, 17));
    let c = Dataset::generate(4, Size::Tiny.shape(), DAY);
    assert_ne!(a.activity, c.activity);
}

#[test]
fn tiny_instance_has_the_asked_for_mix() {
    let d = Dataset::generate(42, Size::Tiny.shape(), DAY);
    let posts = &d.activity.posts;
    assert_eq!(posts.len(), Size::Tiny.shape().posts);
    let written: Vec<_> = posts
        .iter()
        .filter(|p| !matches!(p.kind, Kind::Reblog { .. }))
        .collect();
    let share = |f: &dyn Fn(&&super::activity::Post) -> bool| {
        written.iter().filter(|p| f(p)).count() as f64 / written.len() as f64
    };
    let mentioning = share(&|p| p.mentions.1 > 0);
    assert!((0.24..0.36).contains(&mentioning), "mentions {mentioning}");
    let jobs = share(&|p| p.job != super::activity::Job::No);
    assert!((0.015..0.07).contains(&jobs), "jobs {jobs}");
    let reblogs = posts.len() - written.len();
    assert!(reblogs > posts.len() / 20, "reblogs {reblogs}");
    assert!(!d.activity.favourites.is_empty());
}

fn sqlite_conn(dir: &tempfile::TempDir) -> DbConnection {
    let settings = Settings::defaults().unwrap();
    establish(
        &DbTarget::Sqlite(dir.path().join("seed.db")),
        &settings.database,
    )
    .unwrap()
}

fn seed_into(conn: &mut DbConnection, seed: u64) -> Dataset {
    migrations::run_pending(conn).unwrap();
    writer::ensure_empty(conn).unwrap();
    let data = Dataset::generate(seed, Size::Tiny.shape(), DAY);
    // A cheap hash: this test checks that the stored one is what verifies, not Argon2's cost.
    let hash = password::hash(credentials::PASSWORD).unwrap();
    writer::write(
        conn,
        &data,
        "http://localhost:8080",
        &hash,
        &crate::domain::jobs::JobRules::default(),
        &crate::domain::job_feed::JobFeedSettings::default(),
    )
    .unwrap();
    assert!(
        writer::ensure_empty(conn).is_err(),
        "a second seed is refused"
    );
    data
}

/// Recounts every counter from the rows as stored and compares.
fn check_database(conn: &mut DbConnection, data: &Dataset) {
    // Search and job detection find nothing left to catch up on: the seed wrote what the server would.
    assert_eq!(crate::service::search::index_missing(conn).unwrap(), (0, 0));
    assert_eq!(
        crate::service::job_signals::examine_missing(
            conn,
            &crate::domain::jobs::JobRules::default()
        )
        .unwrap(),
        0
    );
    let job_posts: i64 = statuses::table
        .filter(statuses::job_kind.is_not_null())
        .count()
        .get_result(conn)
        .unwrap();
    assert!(job_posts > 0, "some seeded posts are job posts");
    // The job feed's graph: every follow is an edge's follow flag, and some edges carry talk too.
    use crate::db::schema::interaction_edges;
    let followed: i64 = interaction_edges::table
        .filter(interaction_edges::follows.eq(true))
        .count()
        .get_result(conn)
        .unwrap();
    assert_eq!(followed as usize, data.shape.follows);
    let talking: i64 = interaction_edges::table
        .filter(interaction_edges::mentions.gt(0.0))
        .count()
        .get_result(conn)
        .unwrap();
    assert!(talking > 0, "seeded mentions make edges");
    let n = data.shape.accounts;
    let account_rows: Vec<(Id, String, i64, i64, i64)> = accounts::table
        .select((
            accounts::id,
            accounts::username,
            accounts::followers_count,
            accounts::following_count,
            accounts::statuses_count,
        ))
        .load(conn)
        .unwrap();
    assert_eq!(account_rows.len(), n);
    let follow_rows: Vec<(Id, Id)> = follows::table
        .select((follows::account_id, follows::target_account_id))
        .load(conn)
        .unwrap();
    assert_eq!(follow_rows.len(), data.shape.follows);
    type StatusRow = (Id, Id, String, i16, Option<Id>, Option<Id>, i64, i64, i64);
    let status_rows: Vec<StatusRow> = statuses::table
        .select((
            statuses::id,
            statuses::account_id,
            statuses::text,
            statuses::visibility,
            statuses::in_reply_to_id,
            statuses::reblog_of_id,
            statuses::replies_count,
            statuses::reblogs_count,
            statuses::favourites_count,
        ))
        .load(conn)
        .unwrap();
    assert_eq!(status_rows.len(), data.shape.posts);
    let fav_rows: Vec<Id> = favourites::table
        .select(favourites::status_id)
        .load(conn)
        .unwrap();
    let mention_rows: Vec<(Id, Id)> = mentions::table
        .select((mentions::status_id, mentions::account_id))
        .load(conn)
        .unwrap();
    let tag_rows: Vec<(Id, String)> = status_tags::table
        .inner_join(tags::table)
        .select((status_tags::status_id, tags::name_key))
        .load(conn)
        .unwrap();

    let mut followers: HashMap<Id, i64> = HashMap::new();
    let mut following: HashMap<Id, i64> = HashMap::new();
    for (a, t) in &follow_rows {
        *following.entry(*a).or_default() += 1;
        *followers.entry(*t).or_default() += 1;
    }
    let mut posted: HashMap<Id, i64> = HashMap::new();
    let mut replies: HashMap<Id, i64> = HashMap::new();
    let mut reblogs: HashMap<Id, i64> = HashMap::new();
    let mut favs: HashMap<Id, i64> = HashMap::new();
    for s in &status_rows {
        if s.3 != 3 {
            *posted.entry(s.1).or_default() += 1;
        }
        if let (Some(parent), true) = (s.4, s.3 <= 1) {
            *replies.entry(parent).or_default() += 1;
        }
        if let Some(of) = s.5 {
            *reblogs.entry(of).or_default() += 1;
        }
    }
    for f in &fav_rows {
        *favs.entry(*f).or_default() += 1;
    }
    for (id, _, fers, fing, sts) in &account_rows {
        assert_eq!(
            *fers,
            followers.get(id).copied().unwrap_or(0),
            "followers_count"
        );
        assert_eq!(
            *fing,
            following.get(id).copied().unwrap_or(0),
            "following_count"
        );
        assert_eq!(*sts, posted.get(id).copied().unwrap_or(0), "statuses_count");
    }
    let mut mentioned: HashMap<Id, Vec<Id>> = HashMap::new();
    for (s, a) in &mention_rows {
        mentioned.entry(*s).or_default().push(*a);
    }
    let mut tagged: HashMap<Id, Vec<String>> = HashMap::new();
    for (s, t) in tag_rows {
        tagged.entry(s).or_default().push(t);
    }
    let username: HashMap<Id, &str> = account_rows.iter().map(|a| (a.0, a.1.as_str())).collect();
    for s in &status_rows {
        assert_eq!(
            s.6,
            replies.get(&s.0).copied().unwrap_or(0),
            "replies_count"
        );
        assert_eq!(
            s.7,
            reblogs.get(&s.0).copied().unwrap_or(0),
            "reblogs_count"
        );
        assert_eq!(
            s.8,
            favs.get(&s.0).copied().unwrap_or(0),
            "favourites_count"
        );
        if s.5.is_some() {
            assert!(s.2.is_empty());
            continue;
        }
        assert!(
            post_text::validate("", &s.2).is_ok(),
            "invalid post {:?}",
            s.2
        );
        let parsed = post_text::parse(&s.2);
        let mut want: Vec<String> = parsed.mentions.iter().map(|m| m.username.clone()).collect();
        let mut got: Vec<String> = mentioned
            .get(&s.0)
            .map(|v| v.iter().map(|a| username[a].to_owned()).collect())
            .unwrap_or_default();
        want.sort();
        got.sort();
        assert_eq!(got, want, "mentions of {:?}", s.2);
        let mut want: Vec<String> = parsed.tags.iter().map(|t| t.key()).collect();
        let mut got = tagged.get(&s.0).cloned().unwrap_or_default();
        want.sort();
        got.sort();
        assert_eq!(got, want, "tags of {:?}", s.2);
    }

    // The documented credentials work.
    let five = data.account_id(5);
    let (token, account) =
        tokens::find_active_with_account(conn, &secret::digest(&credentials::token(5)))
            .unwrap()
            .expect("user5's token is stored");
    assert_eq!(token.account_id, Some(five));
    assert_eq!(account.map(|a| a.id), Some(five));
    assert_eq!(token.scopes, credentials::SCOPES);
    let hash: String = users::table
        .find(five)
        .select(users::password_hash)
        .first(conn)
        .unwrap();
    assert!(password::verify(credentials::PASSWORD, Some(&hash)));
}

#[test]
fn seeded_sqlite_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = sqlite_conn(&dir);
    let data = seed_into(&mut conn, 11);
    check_database(&mut conn, &data);
    #[derive(QueryableByName)]
    struct Broken {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table: String,
    }
    let broken: Vec<Broken> = diesel::sql_query("PRAGMA foreign_key_check")
        .load(&mut conn)
        .unwrap();
    assert!(
        broken.is_empty(),
        "foreign keys broken in {:?}",
        broken.first().map(|b| &b.table)
    );
}

#[test]
fn seeded_postgres_is_consistent() {
    let Ok(server) = std::env::var("WEAKTIES_TEST_POSTGRES") else {
        eprintln!("skipped: WEAKTIES_TEST_POSTGRES is not set");
        return;
    };
    let name = format!("weakties_seed_{:016x}", rand::random::<u64>());
    let mut admin = PgConnection::establish(&server).unwrap();
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .unwrap();
    let mut url = url::Url::parse(&server).unwrap();
    url.set_path(&format!("/{name}"));
    let result = std::panic::catch_unwind(|| {
        let settings = Settings::defaults().unwrap();
        let mut conn = establish(&DbTarget::Postgres(url.to_string()), &settings.database).unwrap();
        let data = seed_into(&mut conn, 12);
        check_database(&mut conn, &data);
    });
    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
