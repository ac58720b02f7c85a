//! `Application::build(settings)`: connect, migrate, bind; used by `main` and by the tests (port 0).

use std::net::TcpListener;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, NormalizePath, TrailingSlash};
use actix_web::web::{self, Data};
use actix_web::{App, HttpServer};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::api::state::AppState;
use crate::api::{middleware, rate_limit, routes};
use crate::config::Settings;
use crate::db::{migrations, Pool};
use crate::error::ApiError;

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let pool = Pool::connect(&settings.database)?;
        let migrate_pool = pool.clone();
        let catch_up_rules = settings.jobs.clone();
        let (applied, indexed) = tokio::task::spawn_blocking(move || {
            let mut conn = migrate_pool.get().map_err(|e| anyhow::anyhow!("{e}"))?;
            let applied = migrations::run_pending(&mut conn)?;
            let indexed = crate::service::search::index_missing(&mut conn)?;
            let examined =
                crate::service::job_signals::examine_missing(&mut conn, &catch_up_rules)?;
            if examined > 0 {
                tracing::info!(
                    statuses = examined,
                    "examined for job signals what predates them"
                );
            }
            anyhow::Ok((applied, indexed))
        })
        .await??;
        if indexed != (0, 0) {
            tracing::info!(
                accounts = indexed.0,
                statuses = indexed.1,
                "indexed for search what predates it"
            );
        }
        tokio::task::spawn_blocking(crate::auth::password::warm_up).await?;
        if !applied.is_empty() {
            tracing::info!(migrations = ?applied, "applied migrations");
        }

        let listener = TcpListener::bind(&settings.server.bind)
            .with_context(|| format!("server.bind: cannot listen on {}", settings.server.bind))?;
        let port = listener.local_addr()?.port();
        let workers = match settings.server.workers {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        let state = Data::new(AppState::new(settings, pool)?);
        warm_up_job_graph(&state);
        let server = HttpServer::new(move || {
            // Browser clients call the API from their own origins. Only bearer tokens authenticate (no
            // cookies), so allowing any origin exposes nothing a page could not already send.
            let cors = Cors::default()
                .allow_any_origin()
                .allow_any_method()
                .allow_any_header()
                .expose_headers([
                    "Link",
                    "X-Request-Id",
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining",
                    "X-RateLimit-Reset",
                    "Retry-After",
                ])
                .max_age(3600);
            App::new()
                .wrap(from_fn(middleware::json_errors))
                .wrap(from_fn(rate_limit::limit))
                .wrap(NormalizePath::new(TrailingSlash::Trim))
                .wrap(from_fn(middleware::request_id_header))
                .wrap(cors)
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(
                    web::PathConfig::default().error_handler(|_, _| ApiError::not_found().into()),
                )
                .configure(routes::configure)
                .default_service(web::to(not_found))
        })
        .workers(workers)
        .listen(listener)?
        .run();
        tracing::info!(port, "listening");
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Trains job detection's model, then reads the job feed's graph and the recent job posts, on another thread
/// while the server starts answering (a post that comes first waits for the model, about 1.5 s in a release
/// build; a job feed request for the graph, without a database connection). Then it reads the job posts
/// again every `job_graph::JOBS_RELOAD_EVERY` (another server's posts) and the graph every
/// `job_graph::RECONCILE_EVERY` (rows that committed late).
fn warm_up_job_graph(state: &AppState) {
    use crate::service::job_graph;
    let rules = state.settings.jobs.clone();
    let graph = state.job_graph.clone();
    let pool = state.pool.clone();
    let s = state.settings.job_feed.clone();
    let spawned = std::thread::Builder::new()
        .name("job-graph".into())
        .spawn(move || {
            crate::domain::jobs::warm_up(&rules);
            let started = std::time::Instant::now();
            let loaded = match pool.get() {
                Ok(mut conn) => graph.warm_up(&mut conn, &s).map_err(|e| e.to_string()),
                Err(e) => {
                    graph.warm_up_ended();
                    Err(e.to_string())
                }
            };
            match loaded {
                Ok(()) => {
                    let (job_posts, passed_on) = graph.jobs().len();
                    tracing::info!(
                        edges = graph.view().graph().edge_count(),
                        job_posts,
                        passed_on,
                        ms = started.elapsed().as_millis() as u64,
                        "job feed graph loaded"
                    )
                }
                // The first job feed request tries again.
                Err(e) => tracing::warn!(error = %e, "job feed graph not loaded at start-up"),
            }
            let every =
                job_graph::RECONCILE_EVERY.as_secs() / job_graph::JOBS_RELOAD_EVERY.as_secs();
            for round in 1.. {
                std::thread::sleep(job_graph::JOBS_RELOAD_EVERY);
                let read = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
                    graph
                        .reload_jobs(&mut conn, &s)
                        .map_err(|e| e.to_string())?;
                    if round % every.max(1) == 0 {
                        graph.reconcile(&mut conn, &s).map_err(|e| e.to_string())?;
                    }
                    Ok(())
                });
                if let Err(e) = read {
                    tracing::warn!(error = %e, "job feed graph or job posts not read again");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "job feed graph warm-up not started");
        state.job_graph.warm_up_ended();
    }
}

async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::not_found())
}
