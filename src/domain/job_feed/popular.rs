//! The most popular accounts, for who to follow's cold start (`domain::suggestions`): widely followed and much
//! talked to (mentioned, replied to, reposted) in the last weeks, for a viewer the graph knows nothing about
//! yet. Spam-like accounts (they address many, few address them back: reputation's rule) are left out however
//! popular they look. Global, like reputation, and computed with it, on its thread and schedule.

/// How many of the most popular accounts are kept: enough to fill Mastodon's largest page (80) after the
/// viewer's own follows, blocks and dismissals are taken out.
pub const POPULAR_KEPT: usize = 200;

/// One popular account.
#[derive(Debug, Clone, PartialEq)]
pub struct Popular {
    pub account: u32,
    /// Accounts that follow it.
    pub followers: u32,
    /// Σ of the decayed weights of its incoming edges that hold a conversation (a mention, reply or repost):
    /// about how many times it was mentioned, replied to or reposted lately, the older the less (favourites on
    /// those edges count too, at their half weight).
    pub heard: f64,
    pub score: f64,
}

impl Popular {
    /// Whether its followers count for more of its score than what it heard lately.
    pub fn mostly_followed(&self) -> bool {
        f64::from(self.followers).ln_1p() >= self.heard.ln_1p()
    }
}

/// The `kept` accounts with the highest ln(1 + followers) + ln(1 + heard), best first (ties by index), none that
/// `spam_like` names and none with neither followers nor anything heard. Logarithms, so that neither a large
/// following nor one busy week owns the list.
pub fn most_popular(
    followers: &[u32],
    heard: &[f64],
    spam_like: impl Fn(u32) -> bool,
    kept: usize,
) -> Vec<Popular> {
    let mut all: Vec<Popular> = followers
        .iter()
        .zip(heard)
        .enumerate()
        .filter_map(|(i, (&followers, &heard))| {
            let account = u32::try_from(i).ok()?;
            let score = f64::from(followers).ln_1p() + heard.ln_1p();
            (score > 0.0 && !spam_like(account)).then_some(Popular {
                account,
                followers,
                heard,
                score,
            })
        })
        .collect();
    let by_score =
        |a: &Popular, b: &Popular| b.score.total_cmp(&a.score).then(a.account.cmp(&b.account));
    if all.len() > kept {
        all.select_nth_unstable_by(kept, by_score);
        all.truncate(kept);
    }
    all.sort_by(by_score);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followers_and_recent_talk_both_count_and_spam_is_left_out() {
        // 0: 9 followers; 1: heard 9; 2: 3 followers and heard 3 (ln 4 + ln 4 = ln 16 > ln 10); 3: nothing;
        // 4: the most of both, but spam-like.
        let followers = [9, 0, 3, 0, 50];
        let heard = [0.0, 9.0, 3.0, 0.0, 80.0];
        let top = most_popular(&followers, &heard, |a| a == 4, 10);
        let order: Vec<u32> = top.iter().map(|p| p.account).collect();
        assert_eq!(order, [2, 0, 1], "ties by index; nobody with nothing");
        assert!((top[0].score - 16f64.ln()).abs() < 1e-12);
        assert!(top[1].mostly_followed() && !top[2].mostly_followed());
        assert_eq!(
            most_popular(&followers, &heard, |_| false, 2)
                .iter()
                .map(|p| p.account)
                .collect::<Vec<_>>(),
            [4, 2]
        );
    }
}
