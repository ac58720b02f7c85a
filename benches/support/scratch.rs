//! What the benchmarks share: the two backends, a scratch database per run (a SQLite file in a temporary
//! directory, or a PostgreSQL database made on `WEAKTIES_BENCH_POSTGRES` and dropped afterwards), and small
//! readers of single values. Included by each bench with `#[path]`; each uses a part of it.
#![allow(dead_code)]

use anyhow::Context;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use weakties::config::Settings;
use weakties::db::connection::establish;
use weakties::db::{DbConnection, DbTarget};

/// A count flag's value; `_` may group digits (`--posts 1_000_000`).
pub fn count_arg(flag: &str, value: Option<String>) -> anyhow::Result<u64> {
    let v = value.ok_or_else(|| anyhow::anyhow!("{flag} needs a value"))?;
    v.replace('_', "")
        .parse()
        .with_context(|| format!("{flag}: `{v}` is not a number"))
}

/// `--backend sqlite|postgres|both`.
pub fn backends_arg(value: Option<&str>) -> anyhow::Result<Vec<Backend>> {
    Ok(match value {
        Some("sqlite") => vec![Backend::Sqlite],
        Some("postgres") => vec![Backend::Postgres],
        Some("both") => vec![Backend::Sqlite, Backend::Postgres],
        other => anyhow::bail!("--backend takes sqlite, postgres or both, not {other:?}"),
    })
}

pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A PostgreSQL database made for one run, dropped with this value.
pub struct PgDatabase {
    pub server: String,
    pub name: String,
    pub keep: bool,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if self.keep {
            eprintln!("kept database {}", self.name);
            return;
        }
        match PgConnection::establish(&self.server) {
            Ok(mut c) => {
                let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
                if let Err(e) = diesel::sql_query(sql).execute(&mut c) {
                    eprintln!("could not drop {}: {e}", self.name);
                }
            }
            Err(e) => eprintln!("could not drop {}: {e}", self.name),
        }
    }
}

pub enum Scratch {
    Sqlite(#[allow(dead_code)] Option<tempfile::TempDir>),
    Postgres(#[allow(dead_code)] PgDatabase),
}

pub fn open(backend: Backend, keep: bool) -> anyhow::Result<(DbConnection, Scratch, String)> {
    let settings = Settings::defaults()?;
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir()?;
            let path = dir.path().join("bench.db");
            let where_ = path.display().to_string();
            let conn = establish(&DbTarget::Sqlite(path), &settings.database)?;
            let dir = if keep {
                let _ = dir.keep();
                None
            } else {
                Some(dir)
            };
            Ok((conn, Scratch::Sqlite(dir), where_))
        }
        Backend::Postgres => {
            let server = std::env::var("WEAKTIES_BENCH_POSTGRES")
                .unwrap_or_else(|_| DEFAULT_POSTGRES.into());
            let name = format!("weakties_bench_{:016x}", rand::random::<u64>());
            let mut admin = PgConnection::establish(&server)
                .with_context(|| format!("connecting to {server} (set WEAKTIES_BENCH_POSTGRES)"))?;
            diesel::sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin)?;
            let guard = PgDatabase {
                server: server.clone(),
                name: name.clone(),
                keep,
            };
            let mut url = url::Url::parse(&server)?;
            url.set_path(&format!("/{name}"));
            let conn = establish(&DbTarget::Postgres(url.to_string()), &settings.database)?;
            Ok((conn, Scratch::Postgres(guard), format!("database {name}")))
        }
    }
}

#[derive(QueryableByName)]
pub struct Number {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

#[derive(QueryableByName)]
pub struct Line {
    #[diesel(sql_type = Text)]
    pub v: String,
}

pub fn number(conn: &mut DbConnection, sql: &str) -> anyhow::Result<i64> {
    let row: Number = diesel::sql_query(sql)
        .get_result(conn)
        .with_context(|| sql.to_owned())?;
    Ok(row.n)
}

pub fn lines(conn: &mut DbConnection, sql: &str) -> anyhow::Result<Vec<String>> {
    let rows: Vec<Line> = diesel::sql_query(sql)
        .load(conn)
        .with_context(|| sql.chars().take(200).collect::<String>())?;
    Ok(rows.into_iter().map(|l| l.v).collect())
}

pub fn version(conn: &mut DbConnection, backend: Backend) -> anyhow::Result<String> {
    let sql = match backend {
        Backend::Sqlite => "SELECT sqlite_version() AS v",
        Backend::Postgres => "SELECT current_setting('server_version') AS v",
    };
    Ok(format!("{} {}", backend.name(), lines(conn, sql)?.join("")))
}

/// Bytes of a table with its indexes.
pub fn table_bytes(conn: &mut DbConnection, backend: Backend, table: &str) -> anyhow::Result<i64> {
    let sql = match backend {
        Backend::Sqlite => format!(
            "SELECT COALESCE(SUM(d.pgsize), 0) AS n FROM dbstat d JOIN sqlite_schema s ON s.name = d.name \
             WHERE s.tbl_name = '{table}'"
        ),
        Backend::Postgres => format!("SELECT pg_total_relation_size('{table}') AS n"),
    };
    number(conn, &sql)
}
