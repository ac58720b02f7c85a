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

mod deadline {
    use diesel::RunQueryDsl;
    use reqwest::StatusCode;
    use weakties::db::Pool;

    use crate::backend_tests;
    use crate::helpers::TestApp;

    backend_tests!(slow_database_work_is_cut_off_with_503);

    /// Seconds of work on either backend.
    fn slow_query(app: &TestApp) -> &'static str {
        match app.backend {
            crate::helpers::Backend::Postgres => "SELECT pg_sleep(5)",
            crate::helpers::Backend::Sqlite => {
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) \
                 SELECT count(*) FROM n"
            }
        }
    }

    async fn slow_database_work_is_cut_off_with_503(app: TestApp) {
        let mut settings = app.settings.clone();
        settings.database.statement_timeout_ms = 200;
        let pool = Pool::connect(&settings.database).unwrap();
        let sql = slow_query(&app);
        let started = std::time::Instant::now();
        let err = pool
            .run(move |conn| Ok(diesel::sql_query(sql).execute(conn)?))
            .await
            .expect_err("the statement is cancelled");
        assert_eq!(
            actix_web::ResponseError::status_code(&err).as_u16(),
            StatusCode::SERVICE_UNAVAILABLE.as_u16()
        );
        assert!(err.message().contains("took too long"), "{}", err.message());
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        // Migrations lift the bound while they run and put it back.
        if app.backend == crate::helpers::Backend::Postgres {
            let target = weakties::db::DbTarget::parse(&settings.database.url);
            let mut conn =
                weakties::db::connection::establish(&target, &settings.database).unwrap();
            weakties::db::migrations::run_pending(&mut conn).unwrap();
            #[derive(diesel::QueryableByName)]
            struct Setting {
                #[diesel(sql_type = diesel::sql_types::Text)]
                value: String,
            }
            let bound = diesel::sql_query("SELECT current_setting('statement_timeout') AS value")
                .get_result::<Setting>(&mut conn)
                .unwrap();
            assert_eq!(bound.value, "200ms");
        }
        // The connection serves the next request normally.
        pool.run(|conn| Ok(diesel::sql_query("SELECT 1").execute(conn)?))
            .await
            .unwrap();
    }
}
