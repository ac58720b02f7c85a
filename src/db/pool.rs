//! The r2d2 pool over [`DbConnection`], and the one way handlers reach the database: on a blocking thread.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::r2d2::{self, ManageConnection};
use diesel::{ConnectionError, RunQueryDsl};

use super::connection::{establish, DbConnection, DbTarget};
use crate::config::DatabaseSettings;
use crate::error::ApiError;

pub type PooledConnection = r2d2::PooledConnection<Manager>;

#[derive(Clone)]
pub struct Pool {
    inner: r2d2::Pool<Manager>,
    target: DbTarget,
    /// The bound on each request's database work (`db::deadline`).
    work_limit: Duration,
    admission: Arc<Admission>,
}

/// Requests waiting for a database connection, per pooled connection, before more are turned away at once.
const WAITING_PER_CONNECTION: usize = 32;

/// Admission to the database: as many requests at work as the pool has connections, a bounded number waiting
/// (as async tasks, not blocked threads), the rest answered 503 at once. Without the bound an overloaded
/// server queued every request on a thread of its own until it timed out, its memory grew with the queue
/// (750 MiB at dataset M), and the backlog outlived the overload.
struct Admission {
    at_work: tokio::sync::Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
}

impl Admission {
    fn new(connections: usize, max_waiting: usize, max_wait: Duration) -> Self {
        Admission {
            at_work: tokio::sync::Semaphore::new(connections.max(1)),
            waiting: AtomicUsize::new(0),
            max_waiting,
            max_wait,
        }
    }

    async fn enter(&self) -> Result<tokio::sync::SemaphorePermit<'_>, ApiError> {
        if let Ok(permit) = self.at_work.try_acquire() {
            return Ok(permit);
        }
        // Counted out on every path, also when the request is dropped while it waits.
        struct Waiting<'a>(&'a AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::AcqRel);
            }
        }
        let before = self.waiting.fetch_add(1, Ordering::AcqRel);
        let _waiting = Waiting(&self.waiting);
        if before >= self.max_waiting {
            return Err(ApiError::unavailable(anyhow::anyhow!(
                "too many requests are waiting for the database"
            )));
        }
        let permit = tokio::time::timeout(self.max_wait, self.at_work.acquire()).await;
        match permit {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(closed)) => Err(ApiError::internal(closed)),
            Err(_) => Err(ApiError::unavailable(anyhow::anyhow!(
                "timed out waiting for a database connection"
            ))),
        }
    }
}

#[derive(Debug)]
pub struct Manager {
    target: DbTarget,
    settings: DatabaseSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum ManagerError {
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ManagerError;

    fn connect(&self) -> Result<DbConnection, ManagerError> {
        Ok(establish(&self.target, &self.settings)?)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ManagerError> {
        diesel::sql_query("SELECT 1").execute(conn)?;
        Ok(())
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

impl Pool {
    /// Connects once up front so a wrong URL or an unreachable server is reported as itself, not as a pool
    /// time-out.
    pub fn connect(settings: &DatabaseSettings) -> anyhow::Result<Self> {
        let target = DbTarget::parse(&settings.url);
        let manager = Manager {
            target: target.clone(),
            settings: settings.clone(),
        };
        let first = manager.connect().map_err(|e| {
            anyhow::anyhow!(
                "database.url: cannot connect to {}: {e}",
                target.backend_name()
            )
        })?;
        let inner = r2d2::Pool::builder()
            .max_size(settings.pool_size)
            .connection_timeout(Duration::from_secs(settings.connect_timeout_secs.max(1)))
            .build_unchecked(manager);
        drop(first);
        let connections = settings.pool_size as usize;
        Ok(Pool {
            inner,
            target,
            work_limit: Duration::from_millis(settings.statement_timeout_ms),
            admission: Arc::new(Admission::new(
                connections,
                connections * WAITING_PER_CONNECTION,
                Duration::from_secs(settings.connect_timeout_secs.max(1)),
            )),
        })
    }

    pub fn target(&self) -> &DbTarget {
        &self.target
    }

    pub fn get(&self) -> Result<PooledConnection, ApiError> {
        self.inner.get().map_err(ApiError::unavailable)
    }

    /// Runs blocking database work off the async workers, bounded in time (`db::deadline`).
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let _turn = self.admission.enter().await?;
        let pool = self.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            super::deadline::within(pool.work_limit, || f(&mut conn))
        })
        .await
        .map_err(ApiError::internal)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_waiting_bound_requests_are_turned_away_at_once() {
        let admission = Admission::new(1, 1, Duration::from_millis(200));
        let first = admission.enter().await.expect("a free connection");
        // One may wait; while it does, the next is refused without waiting.
        let (waited, refused) = tokio::join!(admission.enter(), async {
            tokio::task::yield_now().await;
            let started = std::time::Instant::now();
            let refused = admission.enter().await;
            (refused.map(drop), started.elapsed())
        });
        let (refused, took) = refused;
        let refused = refused.expect_err("over the bound");
        use actix_web::ResponseError;
        assert_eq!(
            refused.status_code(),
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE
        );
        assert!(
            took < Duration::from_millis(100),
            "refused at once, not after {took:?}"
        );
        // The one that waited got its turn only when the time ran out (the first still holds the connection).
        assert!(waited.is_err());
        drop(first);
        assert!(
            admission.enter().await.is_ok(),
            "a freed connection admits again"
        );
    }

    #[tokio::test]
    async fn a_request_dropped_while_waiting_leaves_its_place() {
        let admission = Admission::new(1, 1, Duration::from_secs(5));
        let _first = admission.enter().await.expect("a free connection");
        // A waiter whose client went away after 10 ms.
        assert!(
            tokio::time::timeout(Duration::from_millis(10), admission.enter())
                .await
                .is_err()
        );
        // Its place is free again: the next one waits (until the test gives up) instead of being refused.
        let waited = tokio::time::timeout(Duration::from_millis(50), admission.enter()).await;
        assert!(waited.is_err(), "it waited rather than being refused");
    }
}
