//! What every handler can reach: the pool, the settings, and the instance's public address.

use url::Url;

use crate::api::rate_limit::RateLimits;
use crate::config::Settings;
use crate::db::Pool;
use crate::service::job_graph::JobGraph;

pub struct AppState {
    pub pool: Pool,
    pub settings: Settings,
    /// `None` when `rate_limit.enabled` is off.
    pub rate_limits: Option<RateLimits>,
    /// The job feed's in-memory interaction graph.
    pub job_graph: JobGraph,
    base_url: String,
    domain: String,
}

impl AppState {
    pub fn new(settings: Settings, pool: Pool) -> anyhow::Result<Self> {
        let url: Url = settings.base_url()?;
        let base_url = url.as_str().trim_end_matches('/').to_owned();
        let host = url.host_str().unwrap_or("localhost");
        let domain = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        Ok(AppState {
            pool,
            rate_limits: RateLimits::from_settings(&settings.rate_limit),
            job_graph: JobGraph::default(),
            settings,
            base_url,
            domain,
        })
    }

    /// An absolute URL on this instance; `path` starts with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The instance's domain as Mastodon reports it (host, with the port when it is not the default).
    pub fn domain(&self) -> &str {
        &self.domain
    }
}
