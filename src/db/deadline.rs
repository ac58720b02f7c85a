//! A time bound on each request's database work, so one slow query cannot hold a connection (and, on
//! SQLite, the one write lock) for long. PostgreSQL enforces `statement_timeout`, set on every connection.
//! SQLite has no such setting: a progress handler, installed on every SQLite connection this process opens
//! (through `sqlite3_auto_extension`), interrupts the running statement once the deadline of the thread
//! running it has passed. `Pool::run` sets that deadline around each request's work; on SQLite, work outside
//! it (migrations, start-up catch-up, the command line) runs unbounded. On PostgreSQL every pooled
//! connection carries the bound, so migrations lift it while they run (`db::migrations`) and the seed
//! command connects without it; start-up catch-up works in small batches within it.

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_void};
use std::sync::Once;
use std::time::{Duration, Instant};

use libsqlite3_sys as ffi;

/// SQLite virtual-machine steps between two looks at the clock: a few microseconds of work.
const STEPS_BETWEEN_CHECKS: c_int = 1000;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Runs `f` with this thread's database work bounded by `limit`.
pub fn within<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEADLINE.set(self.0);
        }
    }
    let _restore = Restore(DEADLINE.replace(Some(Instant::now() + limit)));
    f()
}

/// Whether this thread's deadline has passed: a database error now is the bound at work.
pub fn expired() -> bool {
    DEADLINE.get().is_some_and(|at| Instant::now() >= at)
}

unsafe extern "C" fn progress(_: *mut c_void) -> c_int {
    c_int::from(expired())
}

unsafe extern "C" fn install(
    db: *mut ffi::sqlite3,
    _: *mut *mut c_char,
    _: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: SQLite calls this with the connection it is opening, which is valid here.
    unsafe {
        ffi::sqlite3_progress_handler(
            db,
            STEPS_BETWEEN_CHECKS,
            Some(progress),
            std::ptr::null_mut(),
        )
    };
    ffi::SQLITE_OK
}

/// Gives SQLite its library-wide settings (`connection::configure_sqlite_library`), then makes every SQLite
/// connection opened from now on honour the deadline. Idempotent.
pub fn install_for_sqlite() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Registering the extension initialises SQLite, which must have its settings by then.
        super::connection::configure_sqlite_library();
        // SAFETY: `install` has the signature SQLite expects of an auto-extension entry point.
        unsafe { ffi::sqlite3_auto_extension(Some(install)) };
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::{Connection, RunQueryDsl, SqliteConnection};

    /// A query that runs for seconds: counts to 10^9 in a recursive CTE.
    const SLOW: &str =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) \
                        SELECT count(*) FROM n";

    #[test]
    fn a_slow_sqlite_statement_is_interrupted_at_the_deadline() {
        install_for_sqlite();
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        let started = Instant::now();
        let result = within(Duration::from_millis(100), || {
            diesel::sql_query(SLOW).execute(&mut conn)
        });
        let err = result.expect_err("interrupted");
        assert!(err.to_string().contains("interrupt"), "{err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        // The deadline ends with `within`: the connection works on, unbounded.
        assert!(!expired());
        diesel::sql_query("SELECT 1").execute(&mut conn).unwrap();
    }
}
