//! Visibility lag: the time from a post's 200 until it shows in a follower's home timeline. An author
//! posts; one of its followers (a seeded account, so its token is known) reads its home timeline every
//! `POLL` until the post is on the first page. The lag is taken when that page arrived, so it is an upper
//! bound that includes one read; the poll interval is the resolution.

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::Deserialize;
use weakties::seed::credentials;
use weakties::seed::text::{compose, Plan, Voice};

use crate::population::Population;

const POLL: Duration = Duration::from_millis(5);
const GIVE_UP: Duration = Duration::from_secs(10);

#[derive(Deserialize)]
struct Item {
    id: String,
}

#[derive(Deserialize)]
struct Account {
    username: String,
}

pub struct Lags {
    pub seen: Vec<Duration>,
    pub missed: usize,
}

pub async fn probe(
    client: &reqwest::Client,
    base: &str,
    population: &Population,
    probes: usize,
    seed: u64,
) -> anyhow::Result<Lags> {
    let mut rng = StdRng::seed_from_u64(seed);
    let authors: Vec<_> = population
        .users
        .iter()
        .filter(|u| u.followers > 0)
        .collect();
    let mut lags = Lags {
        seen: Vec::new(),
        missed: 0,
    };
    if authors.is_empty() {
        return Ok(lags);
    }
    for k in 0..probes {
        let author = authors.choose(&mut rng).expect("not empty");
        let followers: Vec<Account> = client
            .get(format!(
                "{base}/api/v1/accounts/{}/followers?limit=40",
                author.id
            ))
            .bearer_auth(&author.token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let Some(follower) = followers
            .iter()
            .filter_map(|a| a.username.strip_prefix("user")?.parse::<usize>().ok())
            .collect::<Vec<_>>()
            .choose(&mut rng)
            .copied()
        else {
            continue;
        };
        let text = compose(
            k as u64,
            1_000_000 + k as u64,
            &Plan {
                voice: Voice::Plain,
                mentions: &[],
                tags: &[],
            },
        );
        let posted: Item = client
            .post(format!("{base}/api/v1/statuses"))
            .bearer_auth(&author.token)
            .form(&[("status", text.as_str()), ("visibility", "public")])
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let ok_at = Instant::now();
        let token = credentials::token(follower);
        loop {
            let page: Vec<Item> = client
                .get(format!("{base}/api/v1/timelines/home?limit=20"))
                .bearer_auth(&token)
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            if page.iter().any(|s| s.id == posted.id) {
                lags.seen.push(ok_at.elapsed());
                break;
            }
            if ok_at.elapsed() > GIVE_UP {
                lags.missed += 1;
                break;
            }
            tokio::time::sleep(POLL).await;
        }
    }
    Ok(lags)
}
