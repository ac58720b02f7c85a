//! The `weakties` command: serve (default), migrate, create-account, seed, eval-jobs, eval-suggestions.

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use weakties::config::Settings;
use weakties::db::{migrations, Pool};
use weakties::domain::{job_feed, jobs, suggestions};
use weakties::seed::{self, Size};
use weakties::service::accounts::{sign_up, SignUp};
use weakties::startup::Application;
use weakties::telemetry;

/// A Mastodon-compatible microblog for job seekers.
///
/// Settings come from config/default.toml (built in), then config/<WEAKTIES_ENV>.toml in the working
/// directory, then WEAKTIES__SECTION__KEY environment variables (e.g. WEAKTIES__DATABASE__URL).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (the default): applies pending migrations, then listens on server.bind.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a local account. The password is read from standard input, or prompted for on a terminal.
    /// Works even when open registrations are off.
    CreateAccount {
        /// Username: letters, digits and _, with . or - between them, at most 30 characters.
        #[arg(long)]
        username: String,
        /// E-mail address, used to sign in.
        #[arg(long)]
        email: String,
    },
    /// Fill a fresh database with a deterministic synthetic instance for benchmarks. Account i is @user{i}
    /// with bearer token bench-token-user{i} and password bench-password-1 (see src/seed/credentials.rs).
    Seed {
        /// tiny = 300 accounts; S = 10K accounts, 200K follows, 100K posts; M = 100K / 5M / 2M;
        /// L = 1M / 50M / 20M.
        #[arg(long, value_enum)]
        size: Size,
        /// The same seed gives the same instance.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Evaluate the job feed: job detection's precision and recall on the labeled posts it ships with, and
    /// the feed's P@10 and NDCG@10 on a generated network with planted leads, beside two baselines.
    EvalJobs {
        /// The generated network's seed (the defaults were tuned on 7; try others).
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// How many job seekers to evaluate.
        #[arg(long, default_value_t = 300)]
        viewers: usize,
    },
    /// Evaluate who to follow: on the job feed's generated network, hold out 20 % of each job seeker's follows
    /// and print recall@20 of the suggestions beside a popularity baseline and a friends-of-friends count.
    EvalSuggestions {
        /// The generated network's seed (the defaults were chosen on 7; 11–14 were held out).
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// How many job seekers to evaluate.
        #[arg(long, default_value_t = 300)]
        viewers: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    weakties::memory::return_large_blocks_to_the_system();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    telemetry::init(&settings.log);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await?
        }
        Command::Migrate => {
            let pool = Pool::connect(&settings.database)?;
            let applied = tokio::task::spawn_blocking(move || {
                let mut conn = pool.get().map_err(|e| anyhow::anyhow!("{e}"))?;
                migrations::run_pending(&mut conn)
            })
            .await??;
            println!("{} migration(s) applied", applied.len());
            for version in applied {
                println!("  {version}");
            }
        }
        Command::CreateAccount { username, email } => {
            let password = read_password()?;
            let pool = Pool::connect(&settings.database)?;
            {
                let mut conn = pool.get().map_err(|e| anyhow::anyhow!("{e}"))?;
                migrations::run_pending(&mut conn)?;
            }
            let form = SignUp {
                username,
                email,
                password,
                agreement: None,
                locale: None,
            };
            match sign_up(&pool, form, None).await {
                Ok((account, _)) => println!("created @{} ({})", account.username, account.id),
                Err(e) => bail!("{}", e.message()),
            }
        }
        Command::Seed { size, seed } => {
            tokio::task::spawn_blocking(move || seed::run(&settings, size, seed)).await??
        }
        Command::EvalJobs { seed, viewers } => {
            let posts = jobs::labeled::labeled_posts();
            println!(
                "Job detection on the labeled posts (settings from the configuration; the model trains on \
                 every part but `test`, so only the `test` rows are held out):\n"
            );
            println!("{}", jobs::eval::evaluate(&settings.jobs, &posts));
            println!("Job feed on a generated network (seed {seed}, {viewers} viewers):\n");
            let report =
                tokio::task::spawn_blocking(move || job_feed::run_evaluation(seed, viewers))
                    .await?;
            println!("{report}");
        }
        Command::EvalSuggestions { seed, viewers } => {
            let [some, all] = tokio::task::spawn_blocking(move || {
                suggestions::run_suggestion_evaluation(seed, viewers)
            })
            .await?;
            println!("Who to follow on a generated network:\n\n{some}\n{all}");
        }
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Repeat password: ")?;
        if first != second {
            bail!("the passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
