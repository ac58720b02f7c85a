//! "Who to follow": accounts to suggest to a viewer, from the job feed's interaction graph and circle of trust,
//! after Twitter's Who to Follow (Gupta et al., WWW 2013). Pure: no database and no HTTP.
//!
//! Flow: the viewer's [`Circle`](crate::domain::job_feed::Circle) (the job feed's, cached) → hubs (the viewer
//! and the circle) and authorities (everyone they have a live edge to) → [`personalized_salsa`] → [`suggest`]
//! (with the tip boost, and what explains each) → the caller reads the best accounts and calls [`rerank`]
//! (complementary job flags) → [`explain`] words it. A viewer the graph knows nothing about gets the cold start:
//! popular accounts ([`crate::domain::job_feed::popular`], computed with reputation) and accounts posting in
//! the tags they use.
//! [`eval::run_suggestion_evaluation`] measures recall of held-out follows against baselines.

pub mod eval;
pub mod explain;
pub mod rank;
pub mod salsa;
pub mod settings;
pub mod tagged;

pub use eval::{run_suggestion_evaluation, SuggestionReport};
pub use explain::Source;
pub use rank::{rerank, suggest, tip_factor, Flags, LinkKind, Suggested};
pub use salsa::{personalized_salsa, Bipartite, Scores};
pub use settings::SuggestionSettings;
