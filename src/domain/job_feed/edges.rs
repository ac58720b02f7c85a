//! One directed edge of the interaction graph: who addressed whom, how much, how recently.
//!
//! Times are `i64` seconds since the Unix epoch (UTC) throughout the job feed: the database's timestamps convert
//! with `.and_utc().timestamp()`, and plain integers keep the arithmetic obvious.
//!
//! Per interaction kind the edge keeps a *decayed count*: the number of such events, each worth
//! 2^(−age / half-life), valued at `last_at`. The kind's weight from the settings multiplies it only when the total
//! is read, so an operator can change weights without rewriting edges. A follow is a flag with a constant weight.

use chrono::{DateTime, Datelike};

use super::settings::JobFeedSettings;

/// What one account did to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    Mention,
    Reply,
    Reblog,
    Favourite,
    Follow,
}

impl EdgeKind {
    /// The kinds that decay, in the order of [`Edge::decayed`] and [`Edge::month_counts`].
    pub const DECAYED: [EdgeKind; 4] = [
        EdgeKind::Mention,
        EdgeKind::Reply,
        EdgeKind::Reblog,
        EdgeKind::Favourite,
    ];

    fn slot(self) -> Option<usize> {
        Self::DECAYED.iter().position(|k| *k == self)
    }

    /// Whether the event is a conversation: a mention, a reply or a reblog (a follow or a favourite alone is
    /// not). Reputation's spam check and the evaluation's truth count conversations.
    pub fn is_conversation(self) -> bool {
        matches!(self, EdgeKind::Mention | EdgeKind::Reply | EdgeKind::Reblog)
    }

    pub fn weight(self, s: &JobFeedSettings) -> f64 {
        match self {
            EdgeKind::Mention => s.mention_weight,
            EdgeKind::Reply => s.reply_weight,
            EdgeKind::Reblog => s.reblog_weight,
            EdgeKind::Favourite => s.favourite_weight,
            EdgeKind::Follow => s.follow_weight,
        }
    }
}

/// `weight` measured at `last_at`, seen at `now`: halved every `half_life_secs`. Never grows (an event from the
/// future counts as now).
pub fn decayed(weight: f64, last_at: i64, now: i64, half_life_secs: f64) -> f64 {
    let age = (now - last_at).max(0) as f64;
    weight * (-age / half_life_secs).exp2()
}

/// Months since year 0, so "this month" is one integer comparison.
pub fn month_of(at: i64) -> i32 {
    let d = DateTime::from_timestamp(at, 0).unwrap_or_default();
    d.year() * 12 + d.month0() as i32
}

/// The directed edge `from → to` between dense account indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: u32,
    pub to: u32,
    /// Decayed counts of mentions, replies, reblogs, favourites (see [`EdgeKind::DECAYED`]), valued at `last_at`.
    pub decayed: [f32; 4],
    /// Whether `from` follows `to`.
    pub follows: bool,
    /// The latest decayed interaction (not the follow).
    pub last_at: i64,
    /// The calendar month (see [`month_of`]) that `month_counts` count.
    pub month: i32,
    /// Plain counts of each decayed kind in `month`, for explanations ("3 times this month").
    pub month_counts: [u16; 4],
}

impl Edge {
    /// An edge with nothing on it yet.
    pub fn new(from: u32, to: u32) -> Self {
        Self {
            from,
            to,
            decayed: [0.0; 4],
            follows: false,
            last_at: i64::MIN / 2,
            month: 0,
            month_counts: [0; 4],
        }
    }

    /// Record one event of `kind` at `at`: the decayed counts are brought to the later of `at` and `last_at`, and
    /// the event is added at its own age (an event that arrives late is worth what it would have been).
    pub fn record(&mut self, kind: EdgeKind, at: i64, s: &JobFeedSettings) {
        let Some(slot) = kind.slot() else {
            self.follows = true;
            return;
        };
        let h = s.edge_half_life_secs();
        if at >= self.last_at {
            for c in &mut self.decayed {
                *c = decayed(f64::from(*c), self.last_at, at, h) as f32;
            }
            self.decayed[slot] += 1.0;
            self.last_at = at;
        } else {
            self.decayed[slot] += decayed(1.0, at, self.last_at, h) as f32;
        }
        let month = month_of(at);
        if month > self.month {
            self.month = month;
            self.month_counts = [0; 4];
        }
        if month == self.month {
            self.month_counts[slot] = self.month_counts[slot].saturating_add(1);
        }
    }

    /// An unfollow; the decayed part stays.
    pub fn unfollow(&mut self) {
        self.follows = false;
    }

    /// Whether the decayed part has gone quiet: no interaction for the idle cut-off.
    pub fn interactions_idle(&self, now: i64, s: &JobFeedSettings) -> bool {
        (now - self.last_at) as f64 > s.idle_cutoff_secs()
    }

    /// Whether the edge drops out of the graph: idle and not a follow.
    pub fn is_idle(&self, now: i64, s: &JobFeedSettings) -> bool {
        !self.follows && self.interactions_idle(now, s)
    }

    /// Decayed count of one kind at `now` (0 once idle; for a follow, 1 or 0).
    pub fn count_at(&self, kind: EdgeKind, now: i64, s: &JobFeedSettings) -> f64 {
        match kind.slot() {
            None => f64::from(u8::from(self.follows)),
            Some(_) if self.interactions_idle(now, s) => 0.0,
            Some(i) => decayed(
                f64::from(self.decayed[i]),
                self.last_at,
                now,
                s.edge_half_life_secs(),
            ),
        }
    }

    /// Σ kind weight × decayed count, plus the follow weight: what the walks follow.
    pub fn weight_at(&self, now: i64, s: &JobFeedSettings) -> f64 {
        EdgeKind::DECAYED
            .iter()
            .chain(std::iter::once(&EdgeKind::Follow))
            .map(|k| k.weight(s) * self.count_at(*k, now, s))
            .sum()
    }

    /// How many events of `kind` fell in the calendar month of `now` (0 in a later month).
    pub fn this_month(&self, kind: EdgeKind, now: i64) -> u16 {
        match kind.slot() {
            Some(i) if self.month == month_of(now) => self.month_counts[i],
            _ => 0,
        }
    }

    /// Whether `from` has mentioned, replied to or reposted `to` (a follow or a favourite alone is not a
    /// conversation).
    pub fn has_talked(&self, now: i64, s: &JobFeedSettings) -> bool {
        EdgeKind::DECAYED
            .iter()
            .filter(|k| k.is_conversation())
            .any(|k| self.count_at(*k, now, s) > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    // 2026-01-10T00:00:00Z
    const T0: i64 = 1_768_003_200;

    #[test]
    fn a_weight_halves_every_half_life() {
        assert!((decayed(1.0, 0, 14 * DAY, 14.0 * 86_400.0) - 0.5).abs() < 1e-12);
        assert!((decayed(8.0, 0, 42 * DAY, 14.0 * 86_400.0) - 1.0).abs() < 1e-12);
        assert_eq!(decayed(1.0, 10, 0, 100.0), 1.0, "no growth before last_at");
    }

    #[test]
    fn three_mentions_a_week_apart_decay_to_the_sum_of_their_ages() {
        let s = JobFeedSettings::default();
        let mut e = Edge::new(0, 1);
        for d in [0, 7, 14] {
            e.record(EdgeKind::Mention, T0 + d * DAY, &s);
        }
        // Seen on day 28: ages 28, 21, 14 days → 2^-2 + 2^-1.5 + 2^-1.
        let want = 0.25 + 2f64.powf(-1.5) + 0.5;
        let got = e.weight_at(T0 + 28 * DAY, &s);
        assert!((got - want).abs() < 1e-5, "{got} vs {want}");
        // A favourite weighs half and a follow a constant 0.3, undecayed.
        e.record(EdgeKind::Favourite, T0 + 28 * DAY, &s);
        e.record(EdgeKind::Follow, T0, &s);
        let got = e.weight_at(T0 + 28 * DAY, &s);
        assert!((got - (want + 0.5 + 0.3)).abs() < 1e-5);
    }

    #[test]
    fn a_late_event_counts_at_its_own_age() {
        let s = JobFeedSettings::default();
        let mut a = Edge::new(0, 1);
        a.record(EdgeKind::Reply, T0 + 14 * DAY, &s);
        a.record(EdgeKind::Reply, T0, &s);
        let mut b = Edge::new(0, 1);
        b.record(EdgeKind::Reply, T0, &s);
        b.record(EdgeKind::Reply, T0 + 14 * DAY, &s);
        let now = T0 + 20 * DAY;
        assert!((a.weight_at(now, &s) - b.weight_at(now, &s)).abs() < 1e-5);
        assert_eq!(a.last_at, T0 + 14 * DAY);
    }

    #[test]
    fn an_edge_idle_for_sixty_days_drops_out_unless_followed() {
        let s = JobFeedSettings::default();
        let mut e = Edge::new(0, 1);
        e.record(EdgeKind::Mention, T0, &s);
        assert!(!e.is_idle(T0 + 60 * DAY, &s));
        assert!(e.weight_at(T0 + 60 * DAY, &s) > 0.0);
        assert!(e.is_idle(T0 + 61 * DAY, &s));
        assert_eq!(e.weight_at(T0 + 61 * DAY, &s), 0.0);
        e.record(EdgeKind::Follow, T0, &s);
        assert!(!e.is_idle(T0 + 61 * DAY, &s));
        assert!((e.weight_at(T0 + 61 * DAY, &s) - 0.3).abs() < 1e-12);
        e.unfollow();
        assert!(e.is_idle(T0 + 61 * DAY, &s));
    }

    #[test]
    fn month_counts_reset_with_the_calendar_month() {
        let s = JobFeedSettings::default();
        let mut e = Edge::new(0, 1);
        // T0 is 10 January; 25 days later is 4 February.
        e.record(EdgeKind::Mention, T0, &s);
        e.record(EdgeKind::Mention, T0 + DAY, &s);
        assert_eq!(e.this_month(EdgeKind::Mention, T0 + 2 * DAY), 2);
        assert_eq!(e.this_month(EdgeKind::Mention, T0 + 25 * DAY), 0);
        e.record(EdgeKind::Mention, T0 + 25 * DAY, &s);
        assert_eq!(e.this_month(EdgeKind::Mention, T0 + 25 * DAY), 1);
        // A late event from January no longer counts in February.
        e.record(EdgeKind::Mention, T0 + 3 * DAY, &s);
        assert_eq!(e.this_month(EdgeKind::Mention, T0 + 25 * DAY), 1);
    }
}
