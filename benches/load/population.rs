//! Who the benchmark acts as, and what it acts on. Users are seeded accounts that follow someone (people
//! who read their home timeline), signed in with the seed's documented tokens; each request draws one
//! Zipf-like (rank r with weight 1/r^s), so a few users are very active and most are occasional. Statuses
//! to read, reblog and favourite come from the public timeline, plus what the run itself posts.

use std::sync::Mutex;

use anyhow::{bail, Context};
use futures_util::stream::{self, StreamExt};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::Deserialize;
use weakties::seed::credentials;

pub struct User {
    pub index: usize,
    pub id: String,
    pub token: String,
    pub followers: u64,
}

pub struct Population {
    pub users: Vec<User>,
    zipf: WeightedIndex<f64>,
    statuses: Mutex<Vec<String>>,
}

#[derive(Deserialize)]
struct Me {
    id: String,
    following_count: u64,
    followers_count: u64,
}

#[derive(Deserialize)]
struct Instance {
    stats: Stats,
}

#[derive(Deserialize)]
struct Stats {
    user_count: u64,
}

#[derive(Deserialize)]
struct StatusId {
    id: String,
}

impl Population {
    /// Signs in as up to `want` seeded accounts that follow someone, drawn at random, and collects up to
    /// `statuses` public status ids.
    pub async fn load(
        client: &reqwest::Client,
        base: &str,
        want: usize,
        zipf_exponent: f64,
        seed: u64,
        statuses: usize,
    ) -> anyhow::Result<Self> {
        let instance: Instance = client
            .get(format!("{base}/api/v1/instance"))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let n = instance.stats.user_count as usize;
        if n < 2 {
            bail!("the server has {n} accounts: seed it first (weakties seed)");
        }
        let mut rng = StdRng::seed_from_u64(seed);
        let mut candidates: Vec<usize> = (0..n).collect();
        candidates.shuffle(&mut rng);
        candidates.truncate((want * 4).min(n));
        let checked: Vec<Option<User>> = stream::iter(candidates)
            .map(|index| async move {
                let token = credentials::token(index);
                let response = client
                    .get(format!("{base}/api/v1/accounts/verify_credentials"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .ok()?;
                let me: Me = response.error_for_status().ok()?.json().await.ok()?;
                (me.following_count > 0).then_some(User {
                    index,
                    id: me.id,
                    token,
                    followers: me.followers_count,
                })
            })
            .buffered(8)
            .collect()
            .await;
        let mut users: Vec<User> = checked.into_iter().flatten().collect();
        users.truncate(want);
        if users.len() < 2 {
            bail!("fewer than two seeded accounts answer with their token (bench-token-user{{i}}) and follow someone");
        }
        let weights: Vec<f64> = (1..=users.len())
            .map(|r| 1.0 / (r as f64).powf(zipf_exponent))
            .collect();
        let population = Population {
            zipf: WeightedIndex::new(&weights)?,
            users,
            statuses: Mutex::new(Vec::new()),
        };
        population.collect_statuses(client, base, statuses).await?;
        Ok(population)
    }

    async fn collect_statuses(
        &self,
        client: &reqwest::Client,
        base: &str,
        want: usize,
    ) -> anyhow::Result<()> {
        let mut max_id: Option<String> = None;
        let mut found = Vec::new();
        while found.len() < want {
            let mut url = format!("{base}/api/v1/timelines/public?limit=40");
            if let Some(m) = &max_id {
                url.push_str(&format!("&max_id={m}"));
            }
            let page: Vec<StatusId> = client
                .get(url)
                .send()
                .await?
                .error_for_status()?
                .json()
                .await
                .context("reading the public timeline")?;
            let Some(last) = page.last() else { break };
            max_id = Some(last.id.clone());
            found.extend(page.into_iter().map(|s| s.id));
        }
        if found.is_empty() {
            bail!("the public timeline is empty: seed the database first");
        }
        *self.statuses.lock().expect("not poisoned") = found;
        Ok(())
    }

    pub fn user(&self, rng: &mut impl Rng) -> &User {
        &self.users[self.zipf.sample(rng)]
    }

    /// Another user than `not`, drawn the same way (whose profile is read, who is followed).
    pub fn other(&self, not: &User, rng: &mut impl Rng) -> &User {
        loop {
            let u = self.user(rng);
            if u.index != not.index {
                return u;
            }
        }
    }

    pub fn status(&self, rng: &mut impl Rng) -> String {
        let pool = self.statuses.lock().expect("not poisoned");
        pool[rng.gen_range(0..pool.len())].clone()
    }

    pub fn status_count(&self) -> usize {
        self.statuses.lock().expect("not poisoned").len()
    }

    pub fn add_status(&self, id: String) {
        self.statuses.lock().expect("not poisoned").push(id);
    }
}
