//! Layered settings: the compiled-in `config/default.toml`, then `config/<environment>.toml` from the working
//! directory (environment = `WEAKTIES_ENV`, default `development`), then `WEAKTIES__SECTION__KEY` variables.

use std::net::SocketAddr;

use anyhow::{bail, Context};
use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;
use url::Url;

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub rate_limit: RateLimitSettings,
    pub instance: InstanceSettings,
    pub log: LogSettings,
    /// Job detection's rules and word lists (`domain::jobs`); built in, each key replaceable.
    #[serde(default)]
    pub jobs: crate::domain::jobs::JobRules,
    /// The job feed's graph, walks and ranking (`domain::job_feed`); the defaults built in.
    #[serde(default)]
    pub job_feed: crate::domain::job_feed::JobFeedSettings,
    /// Who to follow (`domain::suggestions`); its graph and circle are the job feed's.
    #[serde(default)]
    pub suggestions: crate::domain::suggestions::SuggestionSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: String,
    pub base_url: String,
    pub max_body_bytes: usize,
    pub workers: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub connect_timeout_secs: u64,
    pub sqlite_synchronous: SqliteSynchronous,
    pub sqlite_busy_timeout_ms: u32,
    pub statement_timeout_ms: u64,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    Off,
    Normal,
    Full,
    Extra,
}

impl SqliteSynchronous {
    pub fn pragma_value(self) -> &'static str {
        match self {
            Self::Off => "OFF",
            Self::Normal => "NORMAL",
            Self::Full => "FULL",
            Self::Extra => "EXTRA",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    pub enabled: bool,
    pub trust_forwarded_for: bool,
    pub api_requests: u32,
    pub api_period_secs: u64,
    pub login_requests: u32,
    pub login_period_secs: u64,
    pub sign_up_requests: u32,
    pub sign_up_period_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceSettings {
    pub title: String,
    pub description: String,
    pub contact_email: String,
    pub open_registrations: bool,
    pub source_url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub level: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Settings {
    /// Loads the three layers from the process environment and the working directory.
    pub fn load() -> anyhow::Result<Self> {
        let environment = std::env::var("WEAKTIES_ENV").unwrap_or_else(|_| "development".into());
        let overlay = format!("config/{environment}.toml");
        Self::from_builder(
            Config::builder()
                .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
                .add_source(File::with_name(&overlay).required(false))
                .add_source(
                    Environment::with_prefix("WEAKTIES")
                        .prefix_separator("__")
                        .separator("__")
                        .try_parsing(true),
                ),
        )
    }

    /// The compiled-in defaults alone (tests start from these and change what they need).
    pub fn defaults() -> anyhow::Result<Self> {
        Self::from_builder(Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml)))
    }

    fn from_builder(
        builder: config::ConfigBuilder<config::builder::DefaultState>,
    ) -> anyhow::Result<Self> {
        let settings: Settings = builder
            .build()
            .context("reading configuration")?
            .try_deserialize()
            .context("invalid configuration")?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks that serde's types cannot express; each message names the setting.
    pub fn validate(&self) -> anyhow::Result<()> {
        self.server.bind.parse::<SocketAddr>().with_context(|| {
            format!("server.bind: `{}` is not an address:port", self.server.bind)
        })?;
        self.base_url()?;
        if self.database.url.trim().is_empty() {
            bail!("database.url: must not be empty");
        }
        if self.database.pool_size == 0 {
            bail!("database.pool_size: must be at least 1");
        }
        if self.server.max_body_bytes < 1024 {
            bail!("server.max_body_bytes: must be at least 1024");
        }
        if self.database.statement_timeout_ms == 0 {
            bail!("database.statement_timeout_ms: must be at least 1");
        }
        if let Some(name) = self.jobs.not_finite() {
            bail!("jobs.{name}: must be a finite number");
        }
        if let Some((name, must)) = self.suggestions.invalid() {
            bail!("suggestions.{name}: must be {must}");
        }
        let r = &self.rate_limit;
        for (name, requests, period) in [
            ("api", r.api_requests, r.api_period_secs),
            ("login", r.login_requests, r.login_period_secs),
            ("sign_up", r.sign_up_requests, r.sign_up_period_secs),
        ] {
            if requests == 0 || period == 0 {
                bail!("rate_limit.{name}_requests and rate_limit.{name}_period_secs: must be at least 1");
            }
        }
        Ok(())
    }

    /// The public base URL without a trailing slash, checked to be http(s) with a host.
    pub fn base_url(&self) -> anyhow::Result<Url> {
        let raw = &self.server.base_url;
        let url =
            Url::parse(raw).with_context(|| format!("server.base_url: `{raw}` is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            bail!("server.base_url: `{raw}` must be an http or https URL with a host");
        }
        if url.path() != "/" || url.query().is_some() {
            bail!("server.base_url: `{raw}` must not have a path or query");
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(key: &str, value: &str) -> anyhow::Result<Settings> {
        Settings::from_builder(
            Config::builder()
                .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
                .set_override(key, value)
                .unwrap(),
        )
    }

    #[test]
    fn defaults_serve_on_localhost_8080_with_sqlite() {
        let s = Settings::defaults().unwrap();
        assert_eq!(s.server.bind, "127.0.0.1:8080");
        assert!(s.database.url.starts_with("sqlite://"));
        assert_eq!(s.database.sqlite_synchronous, SqliteSynchronous::Full);
    }

    #[test]
    fn bad_values_name_the_setting() {
        let err = format!("{:#}", with("server.bind", "nowhere").unwrap_err());
        assert!(err.contains("server.bind"), "{err}");
        let err = format!("{:#}", with("server.base_url", "ftp://x").unwrap_err());
        assert!(err.contains("server.base_url"), "{err}");
        let err = format!(
            "{:#}",
            with("database.sqlite_synchronous", "sometimes").unwrap_err()
        );
        assert!(err.contains("sqlite_synchronous"), "{err}");
        let err = format!("{:#}", with("database.pool_size", "0").unwrap_err());
        assert!(err.contains("database.pool_size"), "{err}");
        let err = format!("{:#}", with("rate_limit.login_requests", "0").unwrap_err());
        assert!(err.contains("rate_limit.login_requests"), "{err}");
        let err = format!("{:#}", with("rate_limit.enabled", "maybe").unwrap_err());
        assert!(err.contains("enabled"), "{err}");
    }

    #[test]
    fn job_rules_can_be_changed_from_config() {
        let s = with("jobs.threshold", "0.9").unwrap();
        assert_eq!(s.jobs.threshold, 0.9);
        assert_eq!(
            s.jobs.offer_hashtags,
            crate::domain::jobs::JobRules::default().offer_hashtags
        );
        let err = format!("{:#}", with("jobs.thresold", "0.9").unwrap_err());
        assert!(err.contains("thresold"), "{err}");
        let err = format!("{:#}", with("jobs.model_threshold", "NaN").unwrap_err());
        assert!(err.contains("jobs.model_threshold"), "{err}");
    }

    #[test]
    fn unknown_settings_are_refused() {
        let err = format!("{:#}", with("server.bnd", "x").unwrap_err());
        assert!(err.contains("bnd"), "{err}");
    }
}
