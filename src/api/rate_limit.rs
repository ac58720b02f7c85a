//! Rate limits, modelled on Mastodon's: requests to `/api/` per access token (with a token) or per client
//! address (without one), sign-in attempts and account creations per client address. Each limit is a
//! `governor` keyed limiter (GCRA: `requests` at once, refilled evenly over `period`), held in memory by the
//! server process. A request whose token turns out not to be valid (401) is charged to its address too, and
//! an address that spends its budget that way is refused with any token until the budget is back: guessing
//! tokens does not buy a fresh budget per guess.
//!
//! Paths are classified as the router sees them (percent-decoded), so `/oauth/%74oken` is a sign-in too.
//!
//! Every answer under `/api/` (and to a sign-in) carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
//! `X-RateLimit-Reset` (when the budget is whole again, ISO 8601) of the tightest limit it passed through;
//! a request over a limit gets 429 `{"error": "Too many requests"}` with `Retry-After` in seconds.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::HttpResponse;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use serde_json::json;

use crate::api::entities::datetime;
use crate::api::state::AppState;
use crate::config::RateLimitSettings;

const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
/// Forgotten keys are swept out of memory once every this many requests.
const SWEEP_EVERY: u64 = 4096;

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// One limit: `requests` per `period` for each key.
struct Limit<K: Hash + Eq + Clone> {
    limiter: Keyed<K>,
    requests: u32,
}

/// How a request stands against one limit.
#[derive(Debug, Clone, Copy)]
struct Standing {
    limit: u32,
    remaining: u32,
    /// Until the budget is whole again (allowed) or the next request may pass (refused).
    wait: Duration,
    allowed: bool,
}

impl<K: Hash + Eq + Clone> Limit<K> {
    fn new(requests: u32, period_secs: u64) -> Self {
        let requests = requests.max(1);
        let burst = NonZeroU32::new(requests).unwrap_or(NonZeroU32::MIN);
        let period = Duration::from_secs(period_secs.max(1));
        let quota = Quota::with_period(period / requests)
            .unwrap_or_else(|| Quota::per_second(burst))
            .allow_burst(burst);
        Limit {
            limiter: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            requests,
        }
    }

    fn check(&self, key: &K) -> Standing {
        match self.limiter.check_key(key) {
            Ok(state) => {
                let remaining = state.remaining_burst_capacity();
                let refill = state.quota().replenish_interval();
                Standing {
                    limit: self.requests,
                    remaining,
                    wait: refill * (self.requests - remaining.min(self.requests)),
                    allowed: true,
                }
            }
            Err(refused) => Standing {
                limit: self.requests,
                remaining: 0,
                wait: refused.wait_time_from(DefaultClock::default().now()),
                allowed: false,
            },
        }
    }

    fn sweep(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Every limit of the service, built from `[rate_limit]`.
pub struct RateLimits {
    api_by_token: Limit<u64>,
    api_by_address: Limit<IpAddr>,
    logins: Limit<IpAddr>,
    sign_ups: Limit<IpAddr>,
    trust_forwarded_for: bool,
    token_hasher: std::collections::hash_map::RandomState,
    seen: AtomicU64,
    /// Addresses that spent their budget on invalid tokens, and until when they are refused.
    guessing: Mutex<HashMap<IpAddr, Instant>>,
}

/// What the middleware learned before the request ran, for charging it afterwards.
struct Pending {
    address: IpAddr,
    with_token: bool,
}

impl RateLimits {
    /// `None` when limits are switched off.
    pub fn from_settings(s: &RateLimitSettings) -> Option<Self> {
        s.enabled.then(|| RateLimits {
            api_by_token: Limit::new(s.api_requests, s.api_period_secs),
            api_by_address: Limit::new(s.api_requests, s.api_period_secs),
            logins: Limit::new(s.login_requests, s.login_period_secs),
            sign_ups: Limit::new(s.sign_up_requests, s.sign_up_period_secs),
            trust_forwarded_for: s.trust_forwarded_for,
            token_hasher: Default::default(),
            seen: AtomicU64::new(0),
            guessing: Mutex::new(HashMap::new()),
        })
    }

    /// Checks `req` against every limit it falls under; `None` if it falls under none.
    fn check(&self, req: &ServiceRequest) -> Option<(Standing, Pending)> {
        let path = req.match_info().as_str();
        let post = req.method() == Method::POST;
        let api = path.starts_with("/api/");
        let login = post && (path == "/oauth/token" || path == "/oauth/authorize");
        if !api && !login {
            return None;
        }
        if self.seen.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        let address = self.client_address(req);
        let token = bearer(req);
        let mut standings = Vec::with_capacity(3);
        if api {
            match token {
                Some(token) => {
                    if let Some(refused) = self.guessing_refusal(address) {
                        standings.push(refused);
                    }
                    // Tokens are keyed by a hash (with a per-process random key): the map never holds one.
                    standings.push(self.api_by_token.check(&self.token_hasher.hash_one(token)));
                }
                None => standings.push(self.api_by_address.check(&address)),
            }
        }
        if post && path == "/api/v1/accounts" {
            standings.push(self.sign_ups.check(&address));
        }
        if login {
            standings.push(self.logins.check(&address));
        }
        // A refusal wins; otherwise the limit closest to refusing is the one to report.
        let standing = standings
            .into_iter()
            .min_by_key(|s| (s.allowed, s.remaining, std::cmp::Reverse(s.wait)))?;
        let pending = Pending {
            address,
            with_token: api && token.is_some(),
        };
        Some((standing, pending))
    }

    /// After the answer: a token that was not valid costs its address one request of its budget.
    fn charge(&self, pending: &Pending, status: StatusCode) {
        if !(pending.with_token && status == StatusCode::UNAUTHORIZED) {
            return;
        }
        let standing = self.api_by_address.check(&pending.address);
        if !standing.allowed {
            if let Ok(mut guessing) = self.guessing.lock() {
                guessing.insert(pending.address, Instant::now() + standing.wait);
            }
        }
    }

    fn guessing_refusal(&self, address: IpAddr) -> Option<Standing> {
        let until = *self.guessing.lock().ok()?.get(&address)?;
        let now = Instant::now();
        (until > now).then(|| Standing {
            limit: self.api_by_address.requests,
            remaining: 0,
            wait: until - now,
            allowed: false,
        })
    }

    /// The peer, or behind a trusted proxy the last `X-Forwarded-For` entry: the one the proxy itself added
    /// (earlier entries, and `Forwarded`, are whatever the client sent).
    fn client_address(&self, req: &ServiceRequest) -> IpAddr {
        let forwarded = self
            .trust_forwarded_for
            .then(|| {
                req.headers()
                    .get_all(X_FORWARDED_FOR)
                    .last()
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.rsplit(',').next())
                    .and_then(parse_address)
            })
            .flatten();
        forwarded
            .or_else(|| req.peer_addr().map(|a| a.ip()))
            .unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    fn sweep(&self) {
        if let Ok(mut guessing) = self.guessing.lock() {
            let now = Instant::now();
            guessing.retain(|_, until| *until > now);
        }
        self.api_by_token.sweep();
        self.api_by_address.sweep();
        self.logins.sweep();
        self.sign_ups.sweep();
    }
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:5678` or `::1`.
fn parse_address(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim();
    raw.parse()
        .ok()
        .or_else(|| raw.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

fn bearer(req: &ServiceRequest) -> Option<&str> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The middleware: refuses what is over a limit and labels every limited answer.
pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req.app_data::<Data<AppState>>().cloned();
    let limits = state.as_ref().and_then(|s| s.rate_limits.as_ref());
    let Some((standing, pending)) = limits.and_then(|l| l.check(&req)) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if !standing.allowed {
        let retry_after = standing.wait.as_secs_f64().ceil().max(1.0) as u64;
        let mut response = HttpResponse::TooManyRequests()
            .insert_header((RETRY_AFTER, retry_after.to_string()))
            .json(json!({ "error": "Too many requests" }));
        label(response.headers_mut(), &standing);
        return Ok(req.into_response(response));
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    if let Some(limits) = limits {
        limits.charge(&pending, res.status());
    }
    label(res.headers_mut(), &standing);
    Ok(res)
}

fn label(headers: &mut actix_web::http::header::HeaderMap, standing: &Standing) {
    let reset = chrono::Utc::now().naive_utc()
        + chrono::Duration::from_std(standing.wait).unwrap_or_default();
    for (name, value) in [
        (LIMIT, standing.limit.to_string()),
        (REMAINING, standing.remaining.to_string()),
        (RESET, datetime(reset)),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_lets_its_budget_through_then_refuses_with_a_wait() {
        let limit = Limit::new(3, 300);
        let seen: Vec<(bool, u32)> = (0..4)
            .map(|_| limit.check(&1u8))
            .map(|s| (s.allowed, s.remaining))
            .collect();
        assert_eq!(seen, [(true, 2), (true, 1), (true, 0), (false, 0)]);
        let refused = limit.check(&1u8);
        // One request comes back every 100 s.
        assert!(refused.wait > Duration::from_secs(90) && refused.wait <= Duration::from_secs(100));
        // Other keys have their own budget.
        assert_eq!(limit.check(&2u8).remaining, 2);
    }

    #[test]
    fn addresses_parse_as_proxies_write_them() {
        for raw in ["10.0.0.1", "10.0.0.1:443", " 10.0.0.1 "] {
            assert_eq!(parse_address(raw), Some(IpAddr::from([10, 0, 0, 1])));
        }
        assert_eq!(parse_address("[::1]:80"), "::1".parse().ok());
        assert_eq!(parse_address("unknown"), None);
    }
}
