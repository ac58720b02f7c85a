//! The job feed's pure core: the interaction graph and its maths, the circle of trust, author reputation, the
//! ranking formula with its explanations, and an evaluation on a generated network with planted truth.
//! No database and no HTTP: the caller stores edges, keeps a [`Graph`] current, finds candidate posts, and
//! calls [`rank_job_feed`].
//!
//! Flow: [`Edge`]s (decayed interaction weights) → [`Graph`] → [`circle_of_trust`] per viewer (cached) and
//! [`compute_reputation`] (periodically) → [`rank_job_feed`] over [`Candidate`]s → [`RankedItem`]s with an
//! [`Explanation`] each. [`run_evaluation`] measures the whole against two baselines.

pub mod candidate;
pub mod edges;
pub mod eval;
pub mod explain;
pub mod graph;
pub mod planted;
pub mod rank;
pub mod reputation;
pub mod settings;
pub mod walks;

pub use candidate::{Action, Candidate, JobKind, Touch};
pub use edges::{decayed, Edge, EdgeKind};
pub use eval::{run_evaluation, EvalReport};
pub use explain::Explanation;
pub use graph::{AccountIndex, Graph};
pub use rank::{rank_job_feed, Factors, RankedItem, Viewer};
pub use reputation::{compute_reputation, Reputation};
pub use settings::JobFeedSettings;
pub use walks::{circle_of_trust, exact_ppr, exact_two_hop_ppr, walk_visits, Circle, CircleMember};
