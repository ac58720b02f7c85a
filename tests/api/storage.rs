//! How connections are set up: SQLite pragmas from the settings, backends chosen by URL.

use diesel::sql_types::BigInt;
use diesel::{QueryableByName, RunQueryDsl};
use weakties::config::{Settings, SqliteSynchronous};
use weakties::db::connection::{establish, DbConnection, DbTarget};

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn pragma(conn: &mut DbConnection, name: &str) -> i64 {
    diesel::sql_query(format!("SELECT (SELECT * FROM pragma_{name}()) AS n"))
        .get_result::<Number>(conn)
        .map(|r| r.n)
        .unwrap_or_else(|e| panic!("pragma {name}: {e}"))
}

#[test]
fn sqlite_connections_use_wal_foreign_keys_and_the_configured_durability() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::defaults().unwrap();
    // A folder that does not exist yet is created on first connection.
    let target = DbTarget::parse(&format!("sqlite://{}/nested/x.db", dir.path().display()));
    for (mode, expected) in [(SqliteSynchronous::Full, 2), (SqliteSynchronous::Normal, 1)] {
        settings.database.sqlite_synchronous = mode;
        let mut conn = establish(&target, &settings.database).unwrap();
        assert!(matches!(conn, DbConnection::Sqlite(_)));
        assert_eq!(pragma(&mut conn, "synchronous"), expected, "{mode:?}");
        assert_eq!(pragma(&mut conn, "foreign_keys"), 1);
        assert_eq!(
            pragma(&mut conn, "busy_timeout"),
            i64::from(settings.database.sqlite_busy_timeout_ms)
        );
        #[derive(QueryableByName)]
        struct Mode {
            #[diesel(sql_type = diesel::sql_types::Text)]
            journal_mode: String,
        }
        let journal = diesel::sql_query("PRAGMA journal_mode")
            .get_result::<Mode>(&mut conn)
            .unwrap();
        assert_eq!(journal.journal_mode, "wal");
    }
}
