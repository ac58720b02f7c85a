//! The named dataset sizes of `weakties seed --size`.

/// How big a generated instance is. The follow and post counts are exact; everything else follows from the
/// shape constants in `graph` and `activity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Size {
    /// 300 accounts: for CI and unit tests.
    Tiny,
    /// 10K accounts, 200K follows, 100K posts.
    #[value(name = "S", alias = "s")]
    S,
    /// 100K accounts, 5M follows, 2M posts.
    #[value(name = "M", alias = "m")]
    M,
    /// 1M accounts, 50M follows, 20M posts (meant for PostgreSQL).
    #[value(name = "L", alias = "l")]
    L,
}

/// The counts a size stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub accounts: usize,
    pub follows: usize,
    pub posts: usize,
}

impl Size {
    pub fn shape(self) -> Shape {
        let (accounts, follows, posts) = match self {
            Size::Tiny => (300, 3_000, 3_000),
            Size::S => (10_000, 200_000, 100_000),
            Size::M => (100_000, 5_000_000, 2_000_000),
            Size::L => (1_000_000, 50_000_000, 20_000_000),
        };
        Shape {
            accounts,
            follows,
            posts,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::Tiny => "tiny",
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }
}
