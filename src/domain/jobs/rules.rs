//! Every word list and weight the detector uses, with the built-in defaults. An operator replaces any of
//! them from the `[jobs]` configuration section (see the module documentation for the keys).

use serde::Deserialize;

/// The lists and weights of job detection. Phrases are matched on whole words after case folding, with
/// `-`, `/` and `_` read as spaces and other punctuation ending a phrase, so `"part-time"` also matches
/// "part time" and `"we're hiring"` also matches "We’re HIRING". Hashtags are written without `#` and
/// compared by their key (lower case).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct JobRules {
    /// Hashtags that announce an offer (`#hiring`).
    pub offer_hashtags: Vec<String>,
    /// Hashtags that announce someone looking for work (`#opentowork`).
    pub seeking_hashtags: Vec<String>,
    /// Hashtags about jobs in general, used by offers, seekers and tips alike (`#jobs`, `#jobsearch`):
    /// they add a little to both kinds and never decide alone.
    pub topic_hashtags: Vec<String>,
    /// Phrases that make a post an offer on their own ("we're hiring").
    pub offer_phrases: Vec<String>,
    /// Phrases that point to an offer only together with other evidence ("apply", "part-time", "DM me").
    pub offer_hints: Vec<String>,
    /// Phrases that make a post a seeker's on their own ("open to work", "laid off").
    pub seeking_phrases: Vec<String>,
    /// Phrases that point to a seeker only together with other evidence ("my portfolio", "any leads").
    pub seeking_hints: Vec<String>,
    /// Phrases that use job words for something else ("good job", "hiring a plumber", "apply sunscreen");
    /// each one takes [`negative_weight`](Self::negative_weight) off both kinds.
    pub negative_phrases: Vec<String>,
    /// Careers and applicant-tracking hosts. An entry matches that host and its subdomains
    /// (`greenhouse.io` matches `boards.greenhouse.io`); an entry ending in `.` matches hosts that start
    /// with it (`jobs.` matches `jobs.example.com`). `www.` is ignored.
    pub link_hosts: Vec<String>,
    /// Path segments of careers pages (`/careers`, `/jobs`): an entry matches a link whose path has that
    /// segment, whatever the host.
    pub link_paths: Vec<String>,

    /// What an offer or seeking hashtag adds to its kind.
    pub hashtag_weight: f32,
    /// What a topic hashtag adds to both kinds.
    pub topic_hashtag_weight: f32,
    /// What an offer or seeking phrase adds to its kind.
    pub phrase_weight: f32,
    /// What a hint adds to its kind.
    pub hint_weight: f32,
    /// What an amount of money next to a currency sign or a rate (`€13/h`, `$70k`, `£450`) adds to offers.
    pub pay_weight: f32,
    /// What a link to a careers or applicant-tracking host adds to offers.
    pub link_host_weight: f32,
    /// What a link with a careers path adds to offers.
    pub link_path_weight: f32,
    /// What each negative phrase takes off both kinds.
    pub negative_weight: f32,
    /// What the author's hiring flag adds to offers, counted only when the text holds offer evidence.
    pub author_hiring_weight: f32,
    /// The score (0–1) a kind needs to be reported; score = 1 − e^(−evidence).
    pub threshold: f32,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for JobRules {
    fn default() -> Self {
        JobRules {
            offer_hashtags: strings(&[
                "hiring", "nowhiring", "wearehiring", "werehiring", "hiringnow", "jobopening",
                "jobopenings", "joinourteam", "jobalert", "vacancy", "vacancies", "openrole",
                "fedihire", "vacature", "stellenangebot", "emploi", "internship",
            ]),
            seeking_hashtags: strings(&[
                "opentowork", "lookingforwork", "lookingforajob", "hireme", "openforwork",
                "availableforwork", "seekingwork", "jobseeker", "laidoff", "getfedihired",
            ]),
            topic_hashtags: strings(&[
                "jobs", "job", "jobsearch", "jobhunt", "jobhunting", "careers", "career", "remote",
                "remotejobs", "remotework", "techjobs", "work",
            ]),
            offer_phrases: strings(&[
                "we're hiring", "we are hiring", "we're recruiting", "we are recruiting", "now hiring",
                "is hiring", "are hiring", "i'm hiring", "i am hiring", "still hiring", "hiring for",
                "hiring a", "hiring an", "hiring two", "hiring 2", "hiring!", "join our team",
                "join us", "we're looking for", "we are looking for", "is looking for a",
                "looking to hire", "we need a", "we need an", "needs a", "open role", "open roles",
                "open position", "open positions", "position available", "job opening",
                "new role on my team", "role open", "roles open", "openings for", "opening for",
                "vacancy", "vacancies", "help wanted", "apply here", "apply now", "apply by",
                "apply via", "how to apply", "to apply", "applications close", "send your cv",
                "send me your cv", "send us your cv", "drop your cv", "bring your cv", "referral bonus",
                "happy to refer", "contract role", "paid internship", "paid opportunity",
                "we're taking on", "we are taking on", "we're expanding", "staffing up", "job alert",
                "wir stellen ein", "estamos contratando", "on recrute", "freelance gig",
                "need a freelance", "seeks a", "seeking a freelance", "wanted:",
            ]),
            offer_hints: strings(&[
                "apply", "applications", "dm me", "dms open", "message me", "email us", "in bio",
                "part-time", "full-time", "freelance", "contract", "internship", "wanted", "needed",
                "looking for a", "looking for an", "we need", "salary", "paid", "per hour",
                "hourly", "day rate", "remote ok", "remote", "hybrid", "on-site", "benefits",
                "competitive", "start asap", "experience needed", "no experience", "we train",
                "training provided", "cv", "hiring manager", "recruiting", "hiring", "position",
                "openings", "shifts", "seasonal", "our team", "my team", "start in", "details",
            ]),
            seeking_phrases: strings(&[
                "open to work", "looking for work", "looking for a job", "looking for a new job",
                "looking for my next", "looking for my first", "i'm looking for a", "i am looking for a",
                "looking for a role", "looking for a new role", "looking for roles",
                "looking for part-time work", "looking for full-time", "looking for freelance",
                "laid off", "got laid off", "i got laid off", "lost my job", "job hunting",
                "job hunt", "job seeker", "hire me", "available for hire", "available for work",
                "available for freelance", "available for new projects", "available for contract",
                "open to opportunities", "open to new opportunities", "open for freelance",
                "back on the market", "seeking work", "seeking a role", "seeking my next",
                "in search of a", "searching for a", "searching for roles", "on the hunt",
                "my next role", "my next gig", "my next chapter", "next opportunity",
                "position was eliminated", "unemployed", "any leads", "need a job",
                "anyone hiring", "know anyone hiring", "if anyone's hiring", "if your team needs",
                "if your company is hiring", "actively looking", "still looking", "i'm available",
                "i am available", "taking on new clients", "taking on 2 new clients",
                "seeking entry-level", "seeking remote work", "looking for postdoc",
                "hoping to find", "my first job", "my first position", "job hunting as",
            ]),
            seeking_hints: strings(&[
                "portfolio", "resume", "my cv", "referral", "referrals", "intro", "intros",
                "leads", "relocate", "relocation", "open to", "looking", "available", "i'm a",
                "i am a", "years", "yrs", "boosts", "please share", "please boost", "my dms are open",
                "dms open", "new grad", "graduated", "bootcamp", "applying", "after a layoff",
                "layoff",
            ]),
            negative_phrases: strings(&[
                "hiring a plumber", "for my kitchen", "my kitchen sink",
                "babysitter for", "hiring a dj", "moving company", "for my home", "their home",
                "the job of a parent", "job of a parent", "job done", "inside job", "good job",
                "great job", "nice job", "fantastic job", "did a great job", "did a fantastic job",
                "apply sunscreen", "apply the patch", "apply liberally", "apply for the library card",
                "apply for your passport", "applying for a mortgage", "dm me for the recipe",
                "for the recipe", "just kidding", "hiring freeze", "cron job", "my job keeps",
                "job posting wants", "steve jobs", "jobs report", "got the job", "just got hired",
                "i got hired", "quit my job", "i love my job", "my job today", "looking for a good book",
                "looking for a roommate", "looking for a beta reader", "looking for a new phone",
                "looking for my keys", "looking for a recommendation", "looking for a name",
                "looking for a home", "free sofa", "volunteers", "volunteer", "can't pay",
                "hiring managers", "hiring is broken", "every job posting", "hiring our first",
                "tips for hiring", "hiring tag", "role-playing", "open to suggestions", "cat is open",
                "tip:", "tips:", "tip for", "tips for", "pro tip", "quick tip", "interview tip",
                "reminder:", "a thread on", "thread:", "how to write", "how to prepare", "guide",
                "workshop", "recommendations for", "any recommendations", "recommendation", "spam",
            ]),
            link_hosts: strings(&[
                "greenhouse.io", "lever.co", "workable.com", "ashbyhq.com", "smartrecruiters.com",
                "recruitee.com", "personio.de", "personio.com", "teamtailor.com", "bamboohr.com",
                "myworkdayjobs.com", "jobvite.com", "icims.com", "breezy.hr", "join.com",
                "wellfound.com", "workatastartup.com", "jobs.", "careers.", "career.", "apply.",
                "hiring.", "recruiting.",
            ]),
            link_paths: strings(&[
                "/careers", "/career", "/jobs", "/job", "/vacancies", "/vacancy", "/join-us",
                "/joinus", "/apply", "/openings", "/positions", "/hiring", "/work-with-us",
                "/stellenangebote", "/emplois",
            ]),
            hashtag_weight: 1.2,
            topic_hashtag_weight: 0.3,
            phrase_weight: 1.0,
            hint_weight: 0.35,
            pay_weight: 0.4,
            link_host_weight: 1.0,
            link_path_weight: 0.6,
            negative_weight: 1.2,
            author_hiring_weight: 0.3,
            threshold: 0.55,
        }
    }
}
