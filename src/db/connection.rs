//! One connection type over both backends; the backend is chosen from the URL, never by trial.

use std::path::{Path, PathBuf};

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::{ConnectionError, PgConnection, SqliteConnection};

use crate::config::DatabaseSettings;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Where the data lives, parsed from `database.url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Postgres(String),
    Sqlite(PathBuf),
}

impl DbTarget {
    /// `postgres://` and `postgresql://` URLs are PostgreSQL; `sqlite://path`, `sqlite:path` or a bare path is
    /// a SQLite file.
    pub fn parse(url: &str) -> Self {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return DbTarget::Postgres(url.to_owned());
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        DbTarget::Sqlite(PathBuf::from(path))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DbTarget::Postgres(_) => "postgres",
            DbTarget::Sqlite(_) => "sqlite",
        }
    }
}

/// Opens one connection of the right kind and prepares it for use.
pub fn establish(
    target: &DbTarget,
    settings: &DatabaseSettings,
) -> Result<DbConnection, ConnectionError> {
    match target {
        DbTarget::Postgres(url) => {
            let mut conn = PgConnection::establish(url)?;
            // Each statement is bounded (see `db::deadline`); 0 leaves it unbounded (the seed command).
            if settings.statement_timeout_ms > 0 {
                conn.batch_execute(&format!(
                    "SET statement_timeout = {}",
                    settings.statement_timeout_ms
                ))
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
            }
            Ok(DbConnection::Postgres(conn))
        }
        DbTarget::Sqlite(path) => {
            create_parent_dir(path)?;
            super::deadline::install_for_sqlite();
            let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
            // The busy timeout makes writers queue instead of failing at once, so it comes first: switching
            // to WAL takes a lock too, which another process opening the file may hold. WAL lets readers run
            // beside the one writer; foreign keys are off by default in SQLite.
            conn.batch_execute(&format!(
                "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {}; \
                 PRAGMA foreign_keys = ON;",
                settings.sqlite_busy_timeout_ms,
                settings.sqlite_synchronous.pragma_value()
            ))
            .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConnection::Sqlite(conn))
        }
    }
}

fn create_parent_dir(path: &Path) -> Result<(), ConnectionError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => std::fs::create_dir_all(dir)
            .map_err(|e| {
                ConnectionError::BadConnection(format!("cannot create {}: {e}", dir.display()))
            }),
        _ => Ok(()),
    }
}

/// Runs `f` in a transaction that may read then write. On SQLite it begins IMMEDIATE, taking the write lock
/// up front, so two such transactions queue on the busy timeout instead of failing to upgrade a read lock.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let DbConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    let result = f(conn);
    let DbConnection::Sqlite(sqlite) = conn else {
        unreachable!("a connection does not change backend")
    };
    match result {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(sqlite)?;
            Ok(value)
        }
        Err(err) => {
            AnsiTransactionManager::rollback_transaction(sqlite)?;
            Err(err)
        }
    }
}

/// Runs `insert` inside a savepoint and reports whether it went in: a unique violation (the row exists, or a
/// concurrent transaction just wrote it) rolls back only the savepoint and answers `false`, so callers can
/// keep counters true without check-then-insert races. On PostgreSQL the insert waits for the other writer.
pub fn insert_once<F>(conn: &mut DbConnection, insert: F) -> QueryResult<bool>
where
    F: FnOnce(&mut DbConnection) -> QueryResult<()>,
{
    match conn.transaction(insert) {
        Ok(()) => Ok(true),
        Err(diesel::result::Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// Library-wide SQLite settings, given before SQLite initialises: `deadline::install_for_sqlite` calls this
/// first, as its auto-extension initialises SQLite, and every SQLite connection is opened after it. A pooled
/// connection is used by one thread at a time, so SQLite's per-connection mutexes are not needed (multi-thread
/// mode), nor is its global count of memory in use, whose mutex every allocation took. Were SQLite initialised
/// before, it would keep its defaults, which are correct, only slower (and a warning says so).
pub(super) fn configure_sqlite_library() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use libsqlite3_sys as ffi;
        // SAFETY: called once, before this process opens a SQLite connection; sqlite3_config refuses
        // (SQLITE_MISUSE) rather than misbehaves once SQLite is initialised.
        let refused = unsafe {
            [
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD),
                ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int),
            ]
        }
        .into_iter()
        .any(|rc| rc != ffi::SQLITE_OK);
        if refused {
            tracing::warn!(
                "SQLite was initialised before its settings: it keeps its slower defaults"
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_comes_from_the_scheme() {
        assert_eq!(
            DbTarget::parse("postgres://u@h/db"),
            DbTarget::Postgres("postgres://u@h/db".into())
        );
        assert_eq!(
            DbTarget::parse("postgresql://h/db").backend_name(),
            "postgres"
        );
        assert_eq!(
            DbTarget::parse("sqlite://data/x.db"),
            DbTarget::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DbTarget::parse("sqlite:/tmp/x.db"),
            DbTarget::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(DbTarget::parse("x.db"), DbTarget::Sqlite("x.db".into()));
    }

    #[test]
    fn opening_a_sqlite_file_waits_out_another_connections_lock() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("locked.db");
        let settings = DatabaseSettings {
            url: path.to_string_lossy().into_owned(),
            pool_size: 1,
            connect_timeout_secs: 5,
            sqlite_synchronous: crate::config::SqliteSynchronous::Normal,
            sqlite_busy_timeout_ms: 300,
            statement_timeout_ms: 0,
        };
        // Another process, as it were, holds the file's lock for longer than the busy timeout while this one
        // opens it (and switches it to WAL): the opener waits the timeout out before it gives up.
        super::super::deadline::install_for_sqlite();
        let mut holder = SqliteConnection::establish(&settings.url).expect("a first connection");
        holder
            .batch_execute("BEGIN EXCLUSIVE; CREATE TABLE t (x INTEGER);")
            .expect("an exclusive lock");
        let started = std::time::Instant::now();
        let opened = establish(&DbTarget::Sqlite(path), &settings);
        let waited = started.elapsed();
        assert!(opened.is_err(), "the lock is still held");
        assert!(
            waited >= std::time::Duration::from_millis(250),
            "gave up after {waited:?} instead of waiting for the lock"
        );
    }
}
