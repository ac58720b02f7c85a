//! Both migration folders, embedded; the two hold migrations of the same names (the drift test checks it).

use diesel::migration::MigrationVersion;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use diesel::connection::SimpleConnection;
use diesel::{QueryableByName, RunQueryDsl};

use super::connection::DbConnection;

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

fn source(conn: &DbConnection) -> EmbeddedMigrations {
    match conn {
        DbConnection::Postgres(_) => POSTGRES,
        DbConnection::Sqlite(_) => SQLITE,
    }
}

/// Applies every pending migration; returns the versions applied.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let migrations = source(conn);
    let applied = match conn {
        DbConnection::Postgres(c) => {
            // A migration may take long on a big database: lift this connection's statement bound for it,
            // then put it back for the requests the connection serves next.
            let bound = diesel::sql_query("SELECT current_setting('statement_timeout') AS value")
                .get_result::<Setting>(c)?
                .value;
            c.batch_execute("SET statement_timeout = 0")?;
            let applied = c.run_pending_migrations(migrations).map(versions);
            c.batch_execute(&format!(
                "SET statement_timeout = '{}'",
                bound.replace('\'', "")
            ))?;
            applied
        }
        DbConnection::Sqlite(c) => c.run_pending_migrations(migrations).map(versions),
    };
    applied.map_err(|e| anyhow::anyhow!("running migrations: {e}"))
}

/// Reverts every migration (used by the drift test to prove each `down.sql` works).
pub fn revert_all(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let migrations = source(conn);
    let reverted = match conn {
        DbConnection::Postgres(c) => c.revert_all_migrations(migrations),
        DbConnection::Sqlite(c) => c.revert_all_migrations(migrations),
    }
    .map_err(|e| anyhow::anyhow!("reverting migrations: {e}"))?;
    Ok(versions(reverted))
}

/// The names of the embedded migrations of each backend, in order.
pub fn names() -> (Vec<String>, Vec<String>) {
    use diesel::migration::MigrationSource;
    let list = |m: EmbeddedMigrations| -> Vec<String> {
        MigrationSource::<diesel::sqlite::Sqlite>::migrations(&m)
            .expect("embedded migrations are readable")
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    };
    (list(SQLITE), list(POSTGRES))
}

fn versions(list: Vec<MigrationVersion<'_>>) -> Vec<String> {
    list.into_iter().map(|v| v.to_string()).collect()
}
