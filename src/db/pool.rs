//! The r2d2 pool over [`DbConnection`], and the one way handlers reach the database: on a blocking thread.

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
        Ok(Pool {
            inner,
            target,
            work_limit: Duration::from_millis(settings.statement_timeout_ms),
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
        let pool = self.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            super::deadline::within(pool.work_limit, || f(&mut conn))
        })
        .await
        .map_err(ApiError::internal)?
    }
}
