//! Search at size: 100,000 accounts and 1,000,000 posts on SQLite and on PostgreSQL, generated from a seed
//! and indexed by the project's own folding (`domain::search_terms`), so the rows are those the server would
//! write. Findings and the machine they were taken on: docs/search.md.
//!
//! Run:
//!
//!     cargo bench --bench search -- [--backend sqlite|postgres|both] [--accounts N] [--statuses N]
//!         [--tags N] [--seed N] [--calls N] [--keep]
//!
//! Defaults: 100_000 accounts, 1_000_000 statuses, 3_000 tags, seed 42, 300 calls per mix, both backends.
//! PostgreSQL is the server at `WEAKTIES_BENCH_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`): the bench creates a database `weakties_bench_<random>`
//! there and drops it when done. SQLite is a file in a temporary directory opened by
//! `db::connection::establish` with the default settings. `--keep` leaves both databases behind.
//!
//! Per backend it prints:
//! - the plan of every statement `db::search` sends (built by its `*_query` functions, with the arguments
//!   the service passes): `EXPLAIN QUERY PLAN` on SQLite (before and after `ANALYZE`, since the server never
//!   runs it), `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL (after `VACUUM ANALYZE`);
//! - latency of `service::search::search` and `service::search::accounts` over mixes of queries, anonymous
//!   and signed in.
//!
//! It fails if a plan scans `account_search_terms`, `status_words` or `tags` whole, or if the two backends
//! return different results for the same call.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Text, Untyped};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use unicode_normalization::UnicodeNormalization;

use weakties::config::Settings;
use weakties::db::connection::MultiBackend;
use weakties::db::schema::{
    account_search_terms, accounts, blocks, follows, mentions, status_words, statuses, tags,
};
use weakties::db::search as index;
use weakties::db::{migrations, DbConnection, Id};
use weakties::domain::post_text::normalize_tag;
use weakties::domain::search_terms::{self, prefix_end};
use weakties::service::audience::Viewer;
use weakties::service::search::{self, Kinds, Query as SearchQuery, Results};

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{backends_arg, count_arg, number, open, table_bytes, version, Backend};

/// The instance's domain, for `@name@domain` queries.
const DOMAIN: &str = "weakties.example";
/// Index rows per round trip, as in `service::search` (private there).
const BATCH: usize = 200;

// Shape of the generated instance.
/// Zipf exponent of word frequency over the vocabulary's rank.
const WORD_EXPONENT: f64 = 1.0;
/// Size of the vocabulary: the listed words, then made-up ones.
const VOCABULARY: usize = 5_000;
/// Zipf exponent of how often a name is picked, and of how much an account posts.
const NAME_EXPONENT: f64 = 0.7;
const ACTIVITY_EXPONENT: f64 = 0.8;
/// Words per post, inclusive.
const POST_WORDS: (usize, usize) = (4, 26);
/// Visibility shares: public, unlisted, private; the rest are direct.
const VISIBILITY_SHARES: (f64, f64, f64) = (0.85, 0.10, 0.03);
/// Share of posts with a content warning, a hashtag, a number, and a one-off reference token.
const CW_SHARE: f64 = 0.03;
const TAG_SHARE: f64 = 0.15;
const NUMBER_SHARE: f64 = 0.05;
const REF_SHARE: f64 = 0.01;
/// Signed-in searchers: how many, whom they follow, how many they block.
const SEARCHERS: usize = 50;
const SEARCHER_FOLLOWS: (usize, usize) = (50, 400);
const SEARCHER_BLOCKS: usize = 3;

/// Rows per INSERT statement: under SQLite's 32,766 and PostgreSQL's 65,535 bind parameters.
const MAX_BINDS: usize = 30_000;
/// Posts per loading transaction.
const LOAD_TRANSACTION: usize = 100_000;

const PUBLIC: i16 = 0;
const UNLISTED: i16 = 1;
const PRIVATE: i16 = 2;
const DIRECT: i16 = 3;

/// Function words: the head of the frequency ranking.
const COMMON: &[&str] = &[
    "the", "to", "and", "a", "of", "in", "is", "for", "i", "you", "it", "on", "with", "we", "this",
    "that", "be", "at", "are", "our", "have", "from", "my", "your", "or", "an", "as", "but", "not",
    "can", "will", "just", "all", "so", "about", "out", "more", "new", "if", "they", "what", "who",
    "me", "up", "do", "one", "time", "get", "like", "now", "here", "there", "some", "would",
    "been", "has", "was", "were", "any", "also", "very", "still", "next", "week", "today", "good",
    "great", "thanks", "please", "anyone", "know", "looking", "work", "team", "people", "year",
    "day", "want", "need", "help", "make", "going", "really", "think", "back", "first", "last",
    "other", "much", "many", "how", "when", "why", "where", "which", "their", "them",
];

/// Words of a job board, ranked just below the function words: the long ones are the usual drivers of a
/// multi-word search.
const JOB_WORDS: &[&str] = &[
    "hiring",
    "job",
    "remote",
    "role",
    "experience",
    "engineer",
    "rust",
    "developer",
    "jobs",
    "opportunity",
    "apply",
    "senior",
    "designer",
    "team",
    "backend",
    "position",
    "interview",
    "company",
    "engineering",
    "python",
    "salary",
    "product",
    "open",
    "frontend",
    "startup",
    "manager",
    "contract",
    "junior",
    "freelance",
    "data",
    "application",
    "career",
    "design",
    "fullstack",
    "typescript",
    "golang",
    "kotlin",
    "react",
    "devops",
    "infrastructure",
    "security",
    "scientist",
    "research",
    "machine",
    "learning",
    "ux",
    "ui",
    "recruiter",
    "hybrid",
    "onsite",
    "berlin",
    "paris",
    "london",
    "tokyo",
    "lisbon",
    "amsterdam",
    "source",
    "resume",
    "portfolio",
    "referral",
    "intern",
    "internship",
    "graduate",
    "lead",
    "staff",
    "principal",
    "cto",
    "founder",
    "equity",
    "visa",
    "relocation",
    "benefits",
    "parttime",
    "fulltime",
    "europe",
    "timezone",
    "async",
    "mentor",
    "mentoring",
    "linux",
    "kubernetes",
    "postgres",
    "sqlite",
    "databases",
    "compilers",
    "embedded",
    "mobile",
    "android",
    "ios",
    "accessibility",
    "writer",
    "technical",
    "documentation",
    "support",
    "sales",
    "marketing",
    "community",
    "nonprofit",
    "climate",
    "fintech",
    "healthcare",
    "education",
    "gaming",
    "laid",
    "off",
    "layoffs",
    "unemployed",
    "network",
    "weak",
    "ties",
    "boost",
    "boosts",
    "appreciated",
    "dm",
    "dms",
    "open_to_work",
    "opportunities",
    "applications",
    "qualifications",
    "requirements",
    "responsibilities",
    "compensation",
    "negotiation",
    "onboarding",
];

/// Words with accents or in other scripts, ranked among the job words.
const NON_ASCII_WORDS: &[&str] = &[
    "café",
    "über",
    "naïve",
    "résumé",
    "entwickler",
    "développeur",
    "ingénieur",
    "empleo",
    "trabajo",
    "求人",
    "仕事",
    "エンジニア",
    "採用",
    "東京",
    "개발자",
    "채용",
    "zürich",
    "münchen",
    "kraków",
    "são",
    "paulo",
    "málaga",
    "göteborg",
    "københavn",
    "łódź",
    "istanbul",
    "straße",
    "façade",
    "señor",
    "ñandú",
    "рабoта",
    "вакансия",
    "разработчик",
    "μηχανικός",
    "מפתח",
    "مطور",
    "डेवलपर",
    "프론트엔드",
    "バックエンド",
    "デザイナー",
    "リモート",
];

/// Given names: (as written, as an ASCII username would spell it).
const FIRST_NAMES: &[(&str, &str)] = &[
    ("Maria", "maria"),
    ("Anna", "anna"),
    ("Sam", "sam"),
    ("Alex", "alex"),
    ("David", "david"),
    ("Marie", "marie"),
    ("Émile", "emile"),
    ("José", "jose"),
    ("Zoë", "zoe"),
    ("Søren", "soren"),
    ("Łukasz", "lukasz"),
    ("François", "francois"),
    ("Chloé", "chloe"),
    ("Aurélie", "aurelie"),
    ("Björn", "bjorn"),
    ("Inès", "ines"),
    ("Mário", "mario"),
    ("Mariana", "mariana"),
    ("Samira", "samira"),
    ("Alexandra", "alexandra"),
    ("Aiko", "aiko"),
    ("Ngọc", "ngoc"),
    ("Thảo", "thao"),
    ("Çağla", "cagla"),
    ("Jürgen", "jurgen"),
    ("Ömer", "omer"),
    ("Zsófia", "zsofia"),
    ("Renée", "renee"),
    ("Daniel", "daniel"),
    ("Sarah", "sarah"),
    ("Michael", "michael"),
    ("Priya", "priya"),
    ("Wei", "wei"),
    ("Kenji", "kenji"),
    ("Olamide", "olamide"),
    ("Fatima", "fatima"),
    ("Ahmed", "ahmed"),
    ("Lucía", "lucia"),
    ("Andrés", "andres"),
    ("Noémie", "noemie"),
    ("Håkon", "hakon"),
    ("Agnieszka", "agnieszka"),
    ("Dmitri", "dmitri"),
    ("Олег", "oleg"),
    ("Анна", "anna"),
    ("Jean", "jean"),
    ("Jeanne", "jeanne"),
    ("Karim", "karim"),
    ("Kateřina", "katerina"),
    ("Mateus", "mateus"),
    ("Nikolaos", "nikolaos"),
    ("Yasmin", "yasmin"),
    ("Oğuz", "oguz"),
    ("Tomás", "tomas"),
    ("Ana", "ana"),
    ("Lea", "lea"),
    ("Léa", "lea"),
    ("Jonas", "jonas"),
    ("Emma", "emma"),
    ("Liam", "liam"),
];

const LAST_NAMES: &[(&str, &str)] = &[
    ("Smith", "smith"),
    ("García", "garcia"),
    ("Müller", "muller"),
    ("Martin", "martin"),
    ("Durand", "durand"),
    ("Ødegaard", "odegaard"),
    ("Nowak", "nowak"),
    ("Johnson", "johnson"),
    ("Martínez", "martinez"),
    ("Nguyễn", "nguyen"),
    ("Trần", "tran"),
    ("Yılmaz", "yilmaz"),
    ("Kowalski", "kowalski"),
    ("Dubois", "dubois"),
    ("Lefèvre", "lefevre"),
    ("Schäfer", "schafer"),
    ("Andersson", "andersson"),
    ("Rossi", "rossi"),
    ("Silva", "silva"),
    ("Gonçalves", "goncalves"),
    ("Novák", "novak"),
    ("Papadopoulos", "papadopoulos"),
    ("Kim", "kim"),
    ("Tanaka", "tanaka"),
    ("Sato", "sato"),
    ("Okafor", "okafor"),
    ("Haddad", "haddad"),
    ("Patel", "patel"),
    ("Singh", "singh"),
    ("O'Brien", "obrien"),
    ("Brown", "brown"),
    ("Ivanova", "ivanova"),
    ("Иванов", "ivanov"),
    ("Fernández", "fernandez"),
    ("Kovačević", "kovacevic"),
    ("Jørgensen", "jorgensen"),
    ("Weiß", "weiss"),
    ("Costa", "costa"),
    ("Moreau", "moreau"),
    ("Lambert", "lambert"),
];

/// Names written in Chinese, Japanese or Korean: (as written, romanised for the username).
const CJK_NAMES: &[(&str, &str)] = &[
    ("王伟", "wangwei"),
    ("李娜", "lina"),
    ("张伟", "zhangwei"),
    ("田中 太郎", "tanakataro"),
    ("佐藤 花子", "satohanako"),
    ("鈴木 一郎", "suzukiichiro"),
    ("김민준", "kimminjun"),
    ("이서연", "leeseoyeon"),
    ("陳美玲", "chenmeiling"),
    ("山本 さくら", "yamamotosakura"),
    ("田中 美咲", "tanakamisaki"),
    ("박지훈", "parkjihoon"),
    ("刘洋", "liuyang"),
    ("高橋 健", "takahashiken"),
];

const ORGS: &[(&str, &str)] = &[
    ("Acme", "acme"),
    ("Zaibatsu", "zaibatsu"),
    ("Nordlicht", "nordlicht"),
    ("Café Crème", "cafecreme"),
    ("株式会社テック", "techkk"),
    ("Ferrous Labs", "ferrous"),
    ("Brücke", "brucke"),
    ("Tessellate", "tessellate"),
    ("Øresund Data", "oresund"),
    ("Hive Co-op", "hivecoop"),
];
const ORG_SUFFIXES: &[(&str, &str)] = &[
    ("Jobs", "_jobs"),
    ("Careers", "careers"),
    ("Hiring", "_hiring"),
    ("Talent", "talent"),
];

const BASE_TAGS: &[&str] = &[
    "Hiring",
    "RustJobs",
    "RemoteWork",
    "GetFediHired",
    "FediHire",
    "Jobs",
    "JobSearch",
    "Design",
    "UXDesign",
    "DevOps",
    "Python",
    "Golang",
    "TypeScript",
    "OpenSource",
    "Café",
    "Développeur",
    "求人",
    "エンジニア",
    "採用",
    "개발자",
    "Zürich",
    "München",
    "Berlin",
    "Tokyo",
    "Remote",
    "Freelance",
    "Internship",
    "Rust",
    "Rustlang",
    "RustConf",
    "Ruby",
    "RubyOnRails",
    "Runbook",
    "Recruiting",
    "TechJobs",
    "Layoffs",
    "CareerAdvice",
    "Mentoring",
    "Accessibility",
    "Fintech",
];

// ---------------------------------------------------------------------------------------------------------
// Arguments

#[derive(Debug, Clone)]
struct Args {
    backends: Vec<Backend>,
    accounts: usize,
    statuses: usize,
    tags: usize,
    seed: u64,
    calls: usize,
    keep: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        backends: vec![Backend::Sqlite, Backend::Postgres],
        accounts: 100_000,
        statuses: 1_000_000,
        tags: 3_000,
        seed: 42,
        calls: 300,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--backend" => args.backends = backends_arg(it.next().as_deref())?,
            "--accounts" => args.accounts = count_arg(&arg, it.next())? as usize,
            "--statuses" => args.statuses = count_arg(&arg, it.next())? as usize,
            "--tags" => args.tags = count_arg(&arg, it.next())? as usize,
            "--seed" => args.seed = count_arg(&arg, it.next())?,
            "--calls" => args.calls = count_arg(&arg, it.next())? as usize,
            "--keep" => args.keep = true,
            // cargo bench passes --bench to harness = false targets
            "--bench" => {}
            other if other.starts_with('-') => bail!("unknown option {other}"),
            _ => {}
        }
    }
    if args.accounts < 1_000 || args.statuses < 10_000 {
        bail!("--accounts must be at least 1000 and --statuses at least 10000");
    }
    Ok(args)
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let started = Instant::now();
    let data = Dataset::generate(&args)?;
    println!(
        "generated in {:.1}s (seed {}): {}",
        started.elapsed().as_secs_f64(),
        args.seed,
        data.describe()
    );
    let mixes = mixes(&data);
    let mut reference: Option<(Backend, Vec<Outcome>)> = None;
    let mut failures = Vec::new();
    for &backend in &args.backends {
        let (outcomes, mut failed) = run_backend(backend, &args, &data, &mixes)?;
        failures.append(&mut failed);
        match &reference {
            None => reference = Some((backend, outcomes)),
            Some((first, expected)) => {
                let differ = compare(expected, &outcomes);
                println!(
                    "\n{} of {} calls returned the same results on {} and {}",
                    expected.len() - differ.len(),
                    expected.len(),
                    first.name(),
                    backend.name()
                );
                for d in differ.iter().take(10) {
                    println!("  DIFFERENT {d}");
                }
                if !differ.is_empty() {
                    failures.push(format!(
                        "{} calls returned different results on {} and {}",
                        differ.len(),
                        first.name(),
                        backend.name()
                    ));
                }
            }
        }
    }
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("FAILED: {f}");
        }
        bail!("{} check(s) failed", failures.len());
    }
    println!("\nall checks passed");
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// The data set

struct AccountRow {
    id: Id,
    username: String,
    display_name: String,
    at: NaiveDateTime,
}

struct Post {
    id: Id,
    author: usize,
    visibility: i16,
    spoiler: &'static str,
    text: String,
    at: NaiveDateTime,
    mentioned: Option<usize>,
}

struct Dataset {
    accounts: Vec<AccountRow>,
    posts: Vec<Post>,
    tags: Vec<(Id, String, String, NaiveDateTime)>,
    vocabulary: Vec<String>,
    /// Signed-in searchers, whom each follows, whom each blocks.
    searchers: Vec<usize>,
    follows: Vec<(Id, usize, usize, NaiveDateTime)>,
    blocks: Vec<(Id, usize, usize, NaiveDateTime)>,
    /// One-off words (`ref12345`) that some post holds.
    refs: Vec<String>,
}

fn ms_at(y: i32, m: u32, d: u32) -> u64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date")
        .and_utc()
        .timestamp_millis() as u64
}

fn timestamp(ms: u64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(ms as i64)
        .expect("a time in range")
        .naive_utc()
}

fn uuid_v7(ms: u64, rng: &mut StdRng) -> Id {
    let mut bytes = [0u8; 10];
    rng.fill(&mut bytes);
    Id(uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid())
}

/// `count` increasing times in [start, start + span), evenly stepped with jitter inside each step.
fn times(count: usize, start: u64, span: u64, rng: &mut StdRng) -> Vec<u64> {
    let step = (span / count.max(1) as u64).max(1);
    (0..count as u64)
        .map(|i| start + i * step + rng.gen_range(0..step))
        .collect()
}

fn zipf(n: usize, exponent: f64) -> Vec<f64> {
    (0..n)
        .map(|r| 1.0 / ((r + 1) as f64).powf(exponent))
        .collect()
}

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A made-up word of two to four syllables.
fn made_up_word(rng: &mut StdRng) -> String {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st",
        "tr", "pl", "gr",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "y", "ai", "ou"];
    let syllables = rng.gen_range(2..=4);
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS.choose(rng).expect("onsets"));
        w.push_str(VOWELS.choose(rng).expect("vowels"));
    }
    if rng.gen_bool(0.4) {
        w.push(*['n', 'r', 's', 'l', 'x'].choose(rng).expect("codas"));
    }
    w
}

impl Dataset {
    fn generate(args: &Args) -> anyhow::Result<Self> {
        let mut rng = StdRng::seed_from_u64(args.seed);

        // Vocabulary, in rank order: function words, then the job words with the accented and foreign ones
        // spread among them, then made-up words.
        let mut vocabulary: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let mut middle: Vec<&str> = JOB_WORDS.to_vec();
        for (i, w) in NON_ASCII_WORDS.iter().enumerate() {
            middle.insert((i * 3 + 5).min(middle.len()), w);
        }
        let mut known: HashSet<String> = HashSet::new();
        for w in middle {
            if !vocabulary.iter().any(|v| v == w) {
                vocabulary.push(w.to_string());
            }
        }
        known.extend(vocabulary.iter().cloned());
        while vocabulary.len() < VOCABULARY {
            let w = made_up_word(&mut rng);
            if known.insert(w.clone()) {
                vocabulary.push(w);
            }
        }
        let pick_word = WeightedIndex::new(zipf(vocabulary.len(), WORD_EXPONENT))?;

        // Accounts.
        let n = args.accounts;
        let account_times = times(n, ms_at(2025, 6, 1), 180 * 86_400_000, &mut rng);
        let pick_first = WeightedIndex::new(zipf(FIRST_NAMES.len(), NAME_EXPONENT))?;
        let pick_last = WeightedIndex::new(zipf(LAST_NAMES.len(), NAME_EXPONENT))?;
        let mut taken: HashSet<String> = HashSet::new();
        let mut accounts = Vec::with_capacity(n);
        for &t in &account_times {
            let roll: f64 = rng.gen();
            let (display, base) = if roll < 0.06 {
                let (org, org_ascii) = ORGS.choose(&mut rng).expect("orgs");
                let (suffix, suffix_ascii) = ORG_SUFFIXES.choose(&mut rng).expect("suffixes");
                (
                    format!("{org} {suffix}"),
                    format!("{org_ascii}{suffix_ascii}"),
                )
            } else if roll < 0.16 {
                let (name, ascii) = CJK_NAMES.choose(&mut rng).expect("names");
                (name.to_string(), ascii.to_string())
            } else {
                let (first, first_ascii) = FIRST_NAMES[pick_first.sample(&mut rng)];
                let (last, last_ascii) = LAST_NAMES[pick_last.sample(&mut rng)];
                let display = match rng.gen_range(0..100) {
                    0..=59 => format!("{first} {last}"),
                    60..=69 => first.to_string(),
                    70..=72 => format!("{first} {last}").nfd().collect(), // decomposed accents
                    73..=74 => format!("{first} {last}").to_uppercase(),
                    75..=77 => format!("{first} 🦀 {last}"),
                    78..=81 => format!("{first} {last} (she/her)"),
                    82..=84 => format!("{first} {last} — open to work"),
                    _ => String::new(),
                };
                let base = match rng.gen_range(0..4) {
                    0 => format!("{first_ascii}{last_ascii}"),
                    1 => format!("{first_ascii}_{last_ascii}"),
                    2 => format!("{}{last_ascii}", &first_ascii[..1]),
                    _ => first_ascii.to_string(),
                };
                (display, base)
            };
            let mut base: String = base.chars().take(24).collect();
            if rng.gen_bool(0.1) {
                base = capitalize(&base);
            }
            let mut username = base.clone();
            while !taken.insert(username.to_lowercase()) {
                username = format!("{base}{}", rng.gen_range(1..100_000));
            }
            accounts.push(AccountRow {
                id: uuid_v7(t, &mut rng),
                username,
                display_name: display,
                at: timestamp(t),
            });
        }

        // Tags: the usual ones, then pairs of words.
        let mut tags = Vec::with_capacity(args.tags);
        let mut keys = HashSet::new();
        let tag_times = times(args.tags, ms_at(2025, 6, 1), 300 * 86_400_000, &mut rng);
        let mut names: Vec<String> = BASE_TAGS.iter().map(|t| t.to_string()).collect();
        while names.len() < args.tags * 2 {
            let a = &vocabulary[rng.gen_range(100..1_500)];
            let b = &vocabulary[rng.gen_range(100..3_000)];
            names.push(format!("{}{}", capitalize(a), capitalize(b)));
        }
        for name in names {
            if tags.len() == args.tags {
                break;
            }
            let Some(key) = normalize_tag(&name) else {
                continue;
            };
            if keys.insert(key.clone()) {
                let t = tag_times[tags.len()];
                tags.push((uuid_v7(t, &mut rng), name, key, timestamp(t)));
            }
        }
        let tag_names: Vec<String> = tags.iter().take(200).map(|t| t.1.clone()).collect();

        // Posts: authors by a Zipf law over a random ranking, words by the vocabulary's.
        let mut ranking: Vec<usize> = (0..n).collect();
        ranking.shuffle(&mut rng);
        let mut activity = vec![0f64; n];
        for (rank, &a) in ranking.iter().enumerate() {
            activity[a] = 1.0 / ((rank + 1) as f64).powf(ACTIVITY_EXPONENT);
        }
        let pick_author = WeightedIndex::new(&activity)?;
        let searchers: Vec<usize> = rand::seq::index::sample(&mut rng, n, SEARCHERS).into_vec();
        let post_times = times(
            args.statuses,
            ms_at(2025, 12, 1),
            365 * 86_400_000,
            &mut rng,
        );
        let mut posts = Vec::with_capacity(args.statuses);
        let mut refs = Vec::new();
        let (public, unlisted, private) = VISIBILITY_SHARES;
        for t in post_times {
            let author = pick_author.sample(&mut rng);
            let len = rng.gen_range(POST_WORDS.0..=POST_WORDS.1);
            let mut text = String::new();
            for i in 0..len {
                let w = &vocabulary[pick_word.sample(&mut rng)];
                if i == 0 {
                    text.push_str(&capitalize(w));
                } else {
                    text.push(if rng.gen_bool(0.08) { ',' } else { ' ' });
                    if text.ends_with(',') {
                        text.push(' ');
                    }
                    text.push_str(w);
                }
            }
            text.push(*['.', '!', '?', '.'].choose(&mut rng).expect("stops"));
            if rng.gen_bool(NUMBER_SHARE) {
                let _ = write!(text, " {}k", rng.gen_range(40..250));
            }
            if rng.gen_bool(REF_SHARE) {
                let r = format!("ref{}", rng.gen_range(0..1_000_000));
                let _ = write!(text, " Ref: {r}");
                refs.push(r);
            }
            if rng.gen_bool(TAG_SHARE) {
                let _ = write!(text, " #{}", tag_names.choose(&mut rng).expect("tags"));
            }
            let roll: f64 = rng.gen();
            let visibility = if roll < public {
                PUBLIC
            } else if roll < public + unlisted {
                UNLISTED
            } else if roll < public + unlisted + private {
                PRIVATE
            } else {
                DIRECT
            };
            let mentioned = matches!(visibility, PRIVATE | DIRECT).then(|| {
                if rng.gen_bool(0.2) {
                    searchers[rng.gen_range(0..searchers.len())]
                } else {
                    rng.gen_range(0..n)
                }
            });
            let spoiler = if rng.gen_bool(CW_SHARE) {
                *["Job post", "long post, job search", "Layoffs"]
                    .choose(&mut rng)
                    .expect("warnings")
            } else {
                ""
            };
            posts.push(Post {
                id: uuid_v7(t, &mut rng),
                author,
                visibility,
                spoiler,
                text,
                at: timestamp(t),
                mentioned,
            });
        }

        // The searchers' follows (leaning toward those who post) and blocks (one of the busiest authors).
        let end = ms_at(2026, 12, 1);
        let mut follows = Vec::new();
        let mut blocks = Vec::new();
        for &s in &searchers {
            let k = rng.gen_range(SEARCHER_FOLLOWS.0..=SEARCHER_FOLLOWS.1);
            let mut chosen = HashSet::new();
            while chosen.len() < k {
                let t = pick_author.sample(&mut rng);
                if t != s && chosen.insert(t) {
                    follows.push((uuid_v7(end, &mut rng), s, t, timestamp(end)));
                }
            }
            let mut blocked = HashSet::new();
            for i in 0..SEARCHER_BLOCKS {
                let t = if i == 0 {
                    ranking[rng.gen_range(0..20)]
                } else {
                    rng.gen_range(0..n)
                };
                if t != s && !chosen.contains(&t) && blocked.insert(t) {
                    blocks.push((uuid_v7(end, &mut rng), s, t, timestamp(end)));
                }
            }
        }

        Ok(Dataset {
            accounts,
            posts,
            tags,
            vocabulary,
            searchers,
            follows,
            blocks,
            refs,
        })
    }

    fn describe(&self) -> String {
        let terms: usize = self
            .accounts
            .iter()
            .map(|a| search_terms::account_terms(&a.username, &a.display_name).len())
            .sum();
        let non_ascii = self
            .accounts
            .iter()
            .filter(|a| !a.display_name.is_ascii())
            .count();
        format!(
            "{} accounts ({} with a non-ASCII display name, {} search terms), {} statuses, {} tags, \
             vocabulary {} words, {} searchers following {} and blocking {}",
            self.accounts.len(),
            non_ascii,
            terms,
            self.posts.len(),
            self.tags.len(),
            self.vocabulary.len(),
            self.searchers.len(),
            self.follows.len(),
            self.blocks.len()
        )
    }

    fn id(&self, account: usize) -> Id {
        self.accounts[account].id
    }
}

// ---------------------------------------------------------------------------------------------------------
// Databases

/// One multi-row INSERT per backend: multi-row inserts do not compile through the backend enum.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

/// Inserts `rows` in statements of at most `MAX_BINDS` parameters, `columns` per row.
macro_rules! insert_chunked {
    ($conn:expr, $table:expr, $columns:expr, $rows:expr) => {{
        let rows = $rows;
        for chunk in rows.chunks(MAX_BINDS / $columns) {
            insert_rows!(&mut *$conn, $table, chunk)?;
        }
    }};
}

fn load(conn: &mut DbConnection, data: &Dataset) -> anyhow::Result<()> {
    let d = data;
    conn.transaction(|conn| -> anyhow::Result<()> {
        let rows: Vec<_> = d
            .accounts
            .iter()
            .map(|a| {
                (
                    accounts::id.eq(a.id),
                    accounts::username.eq(a.username.as_str()),
                    accounts::username_key.eq(a.username.to_lowercase()),
                    accounts::display_name.eq(a.display_name.as_str()),
                    accounts::created_at.eq(a.at),
                    accounts::updated_at.eq(a.at),
                )
            })
            .collect();
        insert_chunked!(conn, accounts::table, 6, rows);
        let rows: Vec<_> = d
            .accounts
            .iter()
            .flat_map(|a| {
                search_terms::account_terms(&a.username, &a.display_name)
                    .into_iter()
                    .map(move |t| {
                        (
                            account_search_terms::term.eq(t),
                            account_search_terms::account_id.eq(a.id),
                        )
                    })
            })
            .collect();
        insert_chunked!(conn, account_search_terms::table, 2, rows);
        let rows: Vec<_> = d
            .tags
            .iter()
            .map(|(id, name, key, at)| {
                (
                    tags::id.eq(*id),
                    tags::name.eq(name.as_str()),
                    tags::name_key.eq(key.as_str()),
                    tags::created_at.eq(*at),
                )
            })
            .collect();
        insert_chunked!(conn, tags::table, 4, rows);
        let rows: Vec<_> = d
            .follows
            .iter()
            .map(|&(id, a, t, at)| {
                (
                    follows::id.eq(id),
                    follows::account_id.eq(d.id(a)),
                    follows::target_account_id.eq(d.id(t)),
                    follows::show_reblogs.eq(true),
                    follows::created_at.eq(at),
                )
            })
            .collect();
        insert_chunked!(conn, follows::table, 5, rows);
        let rows: Vec<_> = d
            .blocks
            .iter()
            .map(|&(id, a, t, at)| {
                (
                    blocks::id.eq(id),
                    blocks::account_id.eq(d.id(a)),
                    blocks::target_account_id.eq(d.id(t)),
                    blocks::created_at.eq(at),
                )
            })
            .collect();
        insert_chunked!(conn, blocks::table, 4, rows);
        Ok(())
    })?;
    for posts in d.posts.chunks(LOAD_TRANSACTION) {
        conn.transaction(|conn| -> anyhow::Result<()> {
            let content: Vec<String> = posts.iter().map(|p| format!("<p>{}</p>", p.text)).collect();
            let rows: Vec<_> = posts
                .iter()
                .zip(&content)
                .map(|(p, html)| {
                    (
                        statuses::id.eq(p.id),
                        statuses::account_id.eq(d.id(p.author)),
                        statuses::text.eq(p.text.as_str()),
                        statuses::content.eq(html.as_str()),
                        statuses::spoiler_text.eq(p.spoiler),
                        statuses::visibility.eq(p.visibility),
                        statuses::language.eq("en"),
                        statuses::created_at.eq(p.at),
                    )
                })
                .collect();
            insert_chunked!(conn, statuses::table, 8, rows);
            let rows: Vec<_> = posts
                .iter()
                .filter_map(|p| {
                    p.mentioned.map(|m| {
                        (
                            mentions::status_id.eq(p.id),
                            mentions::account_id.eq(d.id(m)),
                        )
                    })
                })
                .collect();
            insert_chunked!(conn, mentions::table, 2, rows);
            let rows: Vec<_> = posts
                .iter()
                .flat_map(|p| {
                    search_terms::status_words(p.spoiler, &p.text)
                        .into_iter()
                        .map(move |w| (status_words::word.eq(w), status_words::status_id.eq(p.id)))
                })
                .collect();
            insert_chunked!(conn, status_words::table, 2, rows);
            Ok(())
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Plans

/// `EXPLAIN` in front of a statement of `db::search`, sent with the statement's own binds.
struct Explain<'q> {
    prefix: &'static str,
    query: &'q dyn QueryFragment<MultiBackend>,
}

impl QueryFragment<MultiBackend> for Explain<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        out.push_sql(self.prefix);
        self.query.walk_ast(out.reborrow())
    }
}

impl QueryId for Explain<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Explain<'_> {
    type SqlType = Untyped;
}

impl RunQueryDsl<DbConnection> for Explain<'_> {}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PostgresPlan {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// Remembers the SQL of the last statement sent (with its binds), as diesel's instrumentation shows it.
fn record_statements(conn: &mut DbConnection) -> Arc<Mutex<String>> {
    let last = Arc::new(Mutex::new(String::new()));
    let sink = last.clone();
    let instrumentation = move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            *sink.lock().expect("not poisoned") = query.to_string();
        }
    };
    conn.set_instrumentation(instrumentation);
    last
}

fn no_instrumentation() -> impl Instrumentation {
    |_: InstrumentationEvent<'_>| {}
}

struct Plan {
    label: String,
    sql: String,
    lines: Vec<String>,
}

fn explain(
    conn: &mut DbConnection,
    last_sql: &Mutex<String>,
    label: &str,
    query: &dyn QueryFragment<MultiBackend>,
) -> anyhow::Result<Plan> {
    let lines: Vec<String> = match conn {
        DbConnection::Sqlite(_) => {
            let rows: Vec<SqlitePlan> = Explain {
                prefix: "EXPLAIN QUERY PLAN ",
                query,
            }
            .load(conn)?;
            rows.into_iter().map(|r| r.detail).collect()
        }
        DbConnection::Postgres(_) => {
            let rows: Vec<PostgresPlan> = Explain {
                prefix: "EXPLAIN (ANALYZE, BUFFERS) ",
                query,
            }
            .load(conn)?;
            rows.into_iter().map(|r| r.line).collect()
        }
    };
    let sql = last_sql.lock().expect("not poisoned").clone();
    let sql = sql
        .split_once(' ')
        .map(|(_, rest)| rest)
        .unwrap_or(&sql)
        .trim_start_matches("QUERY PLAN ")
        .trim_start_matches("(ANALYZE, BUFFERS) ")
        .to_owned();
    Ok(Plan {
        label: label.to_owned(),
        sql: elide(&sql),
        lines: lines.iter().map(|l| elide(l)).collect(),
    })
}

/// A line with its long lists (binds, arrays, placeholders) cut down to their length.
fn elide(line: &str) -> String {
    let line = elide_placeholders(line);
    let mut out = String::new();
    let mut rest = line.as_str();
    loop {
        let next = ["'{", "["]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((start, open)) = next else { break };
        let close = if open == "'{" { "}'" } else { "]" };
        let Some(len) = rest[start..].find(close) else {
            break;
        };
        let inner = &rest[start + open.len()..start + len];
        let items = inner.split(',').count();
        out.push_str(&rest[..start]);
        if items > 4 {
            let first: Vec<&str> = inner.split(',').take(3).collect();
            let _ = write!(
                out,
                "{open}{}, ..{} more{close}",
                first.join(","),
                items - 3
            );
        } else {
            out.push_str(&rest[start..start + len + close.len()]);
        }
        rest = &rest[start + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// `(?, ?, ?, ?, ?, ?)` as `(?, ?, ?, ..3 more)`.
fn elide_placeholders(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("(?, ") {
        out.push_str(&rest[..at + 1]);
        rest = &rest[at + 1..];
        let mut n = 0;
        while let Some(r) = rest.strip_prefix("?, ") {
            rest = r;
            n += 1;
        }
        if n > 4 {
            let _ = write!(out, "?, ?, ?, ..{} more, ", n - 3);
        } else {
            out.push_str(&"?, ".repeat(n));
        }
    }
    out.push_str(rest);
    out
}

const SEARCH_TABLES: [&str; 3] = ["account_search_terms", "status_words", "tags"];

/// What is wrong with a plan: a whole search table read (fails the bench), or a sort (reported).
fn plan_problems(backend: Backend, plan: &Plan) -> (Vec<String>, Vec<String>) {
    let mut scans = Vec::new();
    let mut sorts = Vec::new();
    for line in &plan.lines {
        let t = line.trim_start_matches([' ', '-', '>']);
        let names_table = |prefix: &str| {
            SEARCH_TABLES.iter().any(|table| {
                t.starts_with(&format!("{prefix}{table} ")) || t == format!("{prefix}{table}")
            })
        };
        match backend {
            Backend::Sqlite => {
                // A SCAN reads the whole table, or with USING the whole of an index: both fail here.
                if names_table("SCAN ") {
                    scans.push(line.clone());
                }
                if t.starts_with("USE TEMP B-TREE") {
                    sorts.push(line.clone());
                }
            }
            Backend::Postgres => {
                if names_table("Seq Scan on ") {
                    scans.push(line.clone());
                }
                if t.starts_with("Sort  (") || t.starts_with("Incremental Sort  (") {
                    sorts.push(line.clone());
                }
            }
        }
    }
    (scans, sorts)
}

/// The plan of every statement `db::search` sends, with the arguments `service::search` passes.
fn plans(conn: &mut DbConnection, data: &Dataset) -> anyhow::Result<Vec<Plan>> {
    let last = record_statements(conn);
    let mut out = Vec::new();
    let a_end = prefix_end("a");
    let first = index::accounts_by_prefix(conn, "a", &a_end, None, BATCH)?;
    out.push(explain(
        conn,
        &last,
        "account prefix 'a', first batch",
        &index::accounts_by_prefix_query("a", &a_end, None, BATCH),
    )?);
    let after = first.last().cloned();
    out.push(explain(
        conn,
        &last,
        "account prefix 'a', next batch (after the 200th)",
        &index::accounts_by_prefix_query("a", &a_end, after.as_ref(), BATCH),
    )?);
    for prefix in ["mari", "田中"] {
        let end = prefix_end(prefix);
        out.push(explain(
            conn,
            &last,
            &format!("account prefix '{prefix}'"),
            &index::accounts_by_prefix_query(prefix, &end, None, BATCH),
        )?);
    }
    let end = prefix_end("ru");
    out.push(explain(
        conn,
        &last,
        "tag prefix 'ru', limit 20",
        &index::tags_by_prefix_query("ru", &end, 0, 20),
    )?);
    let common = "hiring";
    let ids = index::statuses_with_word(conn, common, None, BATCH)?;
    out.push(explain(
        conn,
        &last,
        &format!("status word '{common}' (common), first batch"),
        &index::statuses_with_word_query(common, None, BATCH),
    )?);
    out.push(explain(
        conn,
        &last,
        &format!("status word '{common}', next batch (before the 200th)"),
        &index::statuses_with_word_query(common, ids.last().copied(), BATCH),
    )?);
    let rare = rare_word(data);
    out.push(explain(
        conn,
        &last,
        &format!("status word '{rare}' (rare)"),
        &index::statuses_with_word_query(&rare, None, BATCH),
    )?);
    // "senior rust designer": the longest word drives, the other two are checked per batch.
    let driver = index::statuses_with_word(conn, "designer", None, BATCH)?;
    out.push(explain(
        conn,
        &last,
        "three words 'senior rust designer': driver 'designer'",
        &index::statuses_with_word_query("designer", None, BATCH),
    )?);
    out.push(explain(
        conn,
        &last,
        "three words: 'senior' among the driver's 200 (then 'rust' among those left)",
        &index::filed_under_query(&driver, "senior"),
    )?);
    conn.set_instrumentation(no_instrumentation());
    Ok(out)
}

fn print_plans(backend: Backend, title: &str, plans: &[Plan]) -> Vec<String> {
    let mut failures = Vec::new();
    println!("\n  plans, {title}:");
    for plan in plans {
        println!("  - {}", plan.label);
        println!("      sql: {}", plan.sql);
        for line in &plan.lines {
            println!("      {line}");
        }
        let (scans, sorts) = plan_problems(backend, plan);
        for s in &scans {
            println!("      ^^^ FULL SCAN: {}", s.trim());
            failures.push(format!(
                "{} ({title}): full scan `{}`",
                plan.label,
                s.trim()
            ));
        }
        for s in &sorts {
            println!(
                "      ^^^ note: sorts instead of reading in index order: {}",
                s.trim()
            );
        }
    }
    failures
}

/// A word of the vocabulary's tail: a few hundred posts hold it.
fn rare_word(data: &Dataset) -> String {
    data.vocabulary[VOCABULARY - 10].clone()
}

// ---------------------------------------------------------------------------------------------------------
// Latency

#[derive(Default)]
struct Sample(Vec<Duration>);

impl Sample {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort_unstable();
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1].as_secs_f64() * 1e3
    }

    fn row(&self, label: &str, found: f64) -> String {
        if self.0.is_empty() {
            return format!("  {label:<58} (no samples)");
        }
        let mean = self.0.iter().map(Duration::as_secs_f64).sum::<f64>() / self.0.len() as f64;
        format!(
            "  {label:<58} {:>5} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7.1}",
            self.0.len(),
            mean * 1e3,
            self.pct(50.0),
            self.pct(99.0),
            self.pct(100.0),
            found
        )
    }
}

fn header() -> String {
    format!(
        "  {:<58} {:>5} {:>8} {:>8} {:>8} {:>8} {:>7}",
        "mix", "n", "mean ms", "p50 ms", "p99 ms", "max ms", "found"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    /// `service::search::search` with these kinds.
    Search(bool, bool, bool),
    /// `service::search::accounts`, as GET /api/v1/accounts/search calls it.
    Accounts,
}

struct Mix {
    label: String,
    call: Call,
    signed_in: bool,
    queries: Vec<String>,
    offset: usize,
    limit: usize,
}

/// The mixes timed on each backend; queries come from the data so that they find something.
fn mixes(data: &Dataset) -> Vec<Mix> {
    let mut rng = StdRng::seed_from_u64(0x5ea7c4);
    let some_usernames: Vec<String> = (0..10)
        .map(|_| {
            data.accounts[rng.gen_range(0..data.accounts.len())]
                .username
                .clone()
        })
        .collect();
    let mut account_queries: Vec<String> = [
        "a", "m", "s", "é", "ma", "sa", "jea", "mari", "émi", "ZOË", "zoe", "ødeg", "nguyễn",
        "Müller", "王", "田中", "김", "acme", "café", "@sam", "qqzx",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    account_queries.extend(some_usernames.iter().cloned());
    account_queries.push(format!("@{}@{DOMAIN}", some_usernames[0]));
    account_queries.push(format!("{}@elsewhere.social", some_usernames[1]));

    let tag_queries: Vec<String> = ["ru", "hir", "#remote", "求", "c", "ent", "zz", "#GetFedi"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let common: Vec<String> = [
        "hiring", "remote", "rust", "designer", "the", "café", "求人",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rare: Vec<String> = (0..5)
        .map(|i| data.vocabulary[VOCABULARY - 1 - 7 * i].clone())
        .collect();
    rare.extend(data.refs.iter().take(3).cloned());
    rare.push("nowhereword".into());
    let three: Vec<String> = [
        "senior rust designer",
        "hiring remote engineer",
        "rust backend remote",
        "python data scientist",
        "looking for work",
        "café développeur paris",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The longest word is common, the others are tail words seldom seen together with it: the walk reads
    // the driver's rows up to the examined cap and finds (almost) nothing.
    let worst: Vec<String> = (0..6)
        .map(|i| {
            format!(
                "experience {} {}",
                short_tail_word(data, 2 * i),
                short_tail_word(data, 2 * i + 1)
            )
        })
        .collect();
    let everything: Vec<String> = account_queries
        .iter()
        .take(12)
        .chain(&tag_queries)
        .chain(&common)
        .chain(&three)
        .cloned()
        .collect();

    let search = |statuses: bool| Call::Search(!statuses, !statuses, statuses);
    let mix = |label: &str, call, signed_in, queries: &Vec<String>, offset, limit| Mix {
        label: label.to_owned(),
        call,
        signed_in,
        queries: queries.clone(),
        offset,
        limit,
    };
    vec![
        mix(
            "accounts::accounts, signed in, limit 40",
            Call::Accounts,
            true,
            &account_queries,
            0,
            40,
        ),
        mix(
            "search accounts only, anonymous",
            Call::Search(true, false, false),
            false,
            &account_queries,
            0,
            20,
        ),
        mix(
            "search hashtags only, anonymous",
            Call::Search(false, true, false),
            false,
            &tag_queries,
            0,
            20,
        ),
        mix(
            "search all kinds, anonymous",
            Call::Search(true, true, true),
            false,
            &everything,
            0,
            20,
        ),
        mix(
            "search all kinds, signed in",
            Call::Search(true, true, true),
            true,
            &everything,
            0,
            20,
        ),
        mix(
            "statuses: one common word, anonymous",
            search(true),
            false,
            &common,
            0,
            20,
        ),
        mix(
            "statuses: one common word, signed in",
            search(true),
            true,
            &common,
            0,
            20,
        ),
        mix(
            "statuses: one rare word, anonymous",
            search(true),
            false,
            &rare,
            0,
            20,
        ),
        mix(
            "statuses: three words, anonymous",
            search(true),
            false,
            &three,
            0,
            20,
        ),
        mix(
            "statuses: three words, signed in",
            search(true),
            true,
            &three,
            0,
            20,
        ),
        mix(
            "statuses: rare combination of common words (worst)",
            search(true),
            false,
            &worst,
            0,
            20,
        ),
        mix(
            "statuses: one common word, offset 100",
            search(true),
            false,
            &common,
            100,
            20,
        ),
    ]
}

/// A tail word of at most six letters (shorter than "experience"), the `i`-th from the end.
fn short_tail_word(data: &Dataset, i: usize) -> String {
    data.vocabulary
        .iter()
        .rev()
        .filter(|w| w.chars().count() <= 6)
        .nth(i)
        .expect("short tail words")
        .clone()
}

/// What one call returned, for the comparison between backends.
struct Outcome {
    key: String,
    found: String,
}

fn compare(expected: &[Outcome], got: &[Outcome]) -> Vec<String> {
    let got: HashMap<&str, &str> = got
        .iter()
        .map(|o| (o.key.as_str(), o.found.as_str()))
        .collect();
    expected
        .iter()
        .filter(|o| got.get(o.key.as_str()) != Some(&o.found.as_str()))
        .map(|o| {
            format!(
                "{}:\n      first: {}\n      then:  {}",
                o.key,
                o.found,
                got.get(o.key.as_str()).unwrap_or(&"(missing)")
            )
        })
        .collect()
}

fn describe_results(r: &Results) -> (usize, String) {
    let ids = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(",");
    let n = r.accounts.len() + r.hashtags.len() + r.statuses.len();
    (
        n,
        format!(
            "accounts [{}] tags [{}] statuses [{}]",
            ids(&mut r.accounts.iter().map(|a| a.id.to_string())),
            ids(&mut r.hashtags.iter().map(|t| t.name_key.clone())),
            ids(&mut r.statuses.iter().map(|s| s.status.id.to_string())),
        ),
    )
}

fn run_mix(
    conn: &mut DbConnection,
    data: &Dataset,
    mix: &Mix,
    calls: usize,
    outcomes: &mut Vec<Outcome>,
) -> anyhow::Result<(Sample, f64)> {
    let query = |i: usize| {
        let (accounts, hashtags, statuses) = match mix.call {
            Call::Search(a, h, s) => (a, h, s),
            Call::Accounts => (true, false, false),
        };
        let searcher = mix
            .signed_in
            .then(|| data.id(data.searchers[(i / mix.queries.len()) % data.searchers.len()]));
        (
            searcher,
            SearchQuery {
                q: mix.queries[i % mix.queries.len()].clone(),
                kinds: Kinds {
                    accounts,
                    hashtags,
                    statuses,
                },
                offset: mix.offset,
                limit: mix.limit,
                following: false,
                account_id: None,
            },
        )
    };
    let one = |conn: &mut DbConnection, i: usize| -> anyhow::Result<(Duration, Results)> {
        let (searcher, q) = query(i);
        let start = Instant::now();
        let results = match mix.call {
            Call::Search(..) => search::search(conn, DOMAIN, searcher, &q),
            Call::Accounts => {
                let viewer = Viewer::load_optional(conn, searcher)?;
                search::accounts(conn, DOMAIN, viewer.as_ref(), &q).map(|accounts| Results {
                    accounts,
                    ..Results::default()
                })
            }
        }
        .map_err(|e| anyhow!("{}: {e:?}", mix.label))?;
        Ok((start.elapsed(), results))
    };
    // Warm up: each query once.
    for i in 0..mix.queries.len() {
        one(conn, i)?;
    }
    let mut sample = Sample::default();
    let mut found = 0;
    for i in 0..calls {
        let (took, results) = one(conn, i)?;
        sample.0.push(took);
        let (n, digest) = describe_results(&results);
        found += n;
        let (searcher, q) = query(i);
        outcomes.push(Outcome {
            key: format!(
                "{} #{i} q={:?} as {}",
                mix.label,
                q.q,
                searcher.map_or("anonymous".into(), |s| s.to_string())
            ),
            found: digest,
        });
    }
    Ok((sample, found as f64 / calls.max(1) as f64))
}

// ---------------------------------------------------------------------------------------------------------

fn run_backend(
    backend: Backend,
    args: &Args,
    data: &Dataset,
    mixes: &[Mix],
) -> anyhow::Result<(Vec<Outcome>, Vec<String>)> {
    let (mut conn, _scratch, location) = open(backend, args.keep)?;
    let conn = &mut conn;
    migrations::run_pending(conn)?;
    let version = version(conn, backend)?;
    println!("\n=== {version} ({location}) ===");

    // Loading: foreign keys are not checked (the rows are consistent by construction), SQLite gets a big
    // page cache and PostgreSQL statements are not bounded in time; all are restored before measuring.
    match backend {
        // A page cache that holds the growing indexes' frontiers (the default is 2 MiB).
        Backend::Sqlite => {
            conn.batch_execute("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576")?
        }
        Backend::Postgres => conn.batch_execute(
            "SET statement_timeout = 0; SET session_replication_role = replica; \
             SET synchronous_commit = off",
        )?,
    }
    let started = Instant::now();
    load(conn, data)?;
    let loaded = started.elapsed();
    let mut failures = Vec::new();
    let mut unanalyzed = None;
    let analyzing = Instant::now();
    match backend {
        Backend::Sqlite => {
            conn.batch_execute("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000")?;
            conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
            print_sizes(conn, backend, loaded)?;
            // The server never runs ANALYZE on SQLite: plans and latency as it runs, then with statistics.
            let before = plans(conn, data)?;
            failures.extend(print_plans(
                backend,
                "without ANALYZE (as the server runs)",
                &before,
            ));
            println!("\n  latency without ANALYZE (as the server runs; found = results per call)");
            let outcomes = run_mixes(conn, data, mixes, args.calls)?;
            unanalyzed = Some((before, outcomes));
            let analyzing = Instant::now();
            conn.batch_execute("ANALYZE")?;
            println!("\n  ANALYZE in {:.1}s", analyzing.elapsed().as_secs_f64());
        }
        Backend::Postgres => {
            conn.batch_execute("SET session_replication_role = origin")?;
            conn.batch_execute("SET synchronous_commit = on")?;
            conn.batch_execute("VACUUM ANALYZE")?;
            let settings = Settings::defaults()?;
            conn.batch_execute(&format!(
                "SET statement_timeout = {}",
                settings.database.statement_timeout_ms
            ))?;
            print_sizes(conn, backend, loaded)?;
            println!(
                "  VACUUM ANALYZE in {:.1}s",
                analyzing.elapsed().as_secs_f64()
            );
        }
    }
    let after = plans(conn, data)?;
    let title = match backend {
        Backend::Sqlite => "after ANALYZE",
        Backend::Postgres => "after VACUUM ANALYZE, EXPLAIN (ANALYZE, BUFFERS)",
    };
    failures.extend(print_plans(backend, title, &after));
    println!("\n  latency, {title} (found = results per call)");
    let outcomes = run_mixes(conn, data, mixes, args.calls)?;
    if let Some((before, unanalyzed_outcomes)) = &unanalyzed {
        for (b, a) in before.iter().zip(&after) {
            if b.lines != a.lines {
                println!("  note: ANALYZE changed the plan of {}", a.label);
            }
        }
        let differ = compare(unanalyzed_outcomes, &outcomes);
        if !differ.is_empty() {
            for d in differ.iter().take(10) {
                println!("  DIFFERENT {d}");
            }
            failures.push(format!(
                "{} calls returned different results before and after ANALYZE",
                differ.len()
            ));
        }
    }
    Ok((outcomes, failures))
}

fn print_sizes(conn: &mut DbConnection, backend: Backend, loaded: Duration) -> anyhow::Result<()> {
    let mut sizes = String::new();
    for table in [
        "accounts",
        "account_search_terms",
        "statuses",
        "status_words",
        "tags",
    ] {
        let rows = number(conn, &format!("SELECT count(*) AS n FROM {table}"))?;
        let bytes = table_bytes(conn, backend, table)?;
        let _ = write!(
            sizes,
            "\n  {table:<22} {rows:>10} rows {:>8.1} MiB with indexes",
            bytes as f64 / (1024.0 * 1024.0)
        );
    }
    println!("loaded in {:.1}s{sizes}", loaded.as_secs_f64());
    Ok(())
}

fn run_mixes(
    conn: &mut DbConnection,
    data: &Dataset,
    mixes: &[Mix],
    calls: usize,
) -> anyhow::Result<Vec<Outcome>> {
    println!("{}", header());
    let mut outcomes = Vec::new();
    for mix in mixes {
        let (sample, found) = run_mix(conn, data, mix, calls, &mut outcomes)?;
        println!("{}", sample.row(&mix.label, found));
    }
    Ok(outcomes)
}
