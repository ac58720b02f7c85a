//! Words the generated posts are made of. Invented companies; the example.com job links are reserved names.

/// Hashtags, by index: the first two mark job posts (offers and seekers), the rest are topics.
pub const TAGS: &[&str] = &[
    "hiring",
    "opentowork",
    "remote",
    "career",
    "jobsearch",
    "interviewtips",
    "resume",
    "rustlang",
    "python",
    "design",
    "dataScience",
    "nursing",
    "teaching",
    "startups",
    "networking",
    "internship",
    "careerchange",
    "salary",
    "layoffs",
    "mentoring",
];
pub const HIRING: u16 = 0;
pub const OPEN_TO_WORK: u16 = 1;
/// First topic tag that fits a job post as its second tag (remote … internship).
pub const JOB_TOPICS: std::ops::Range<u16> = 2..16;

pub const ROLES: &[&str] = &[
    "backend engineer",
    "frontend developer",
    "data analyst",
    "product designer",
    "nurse",
    "maths teacher",
    "site reliability engineer",
    "product manager",
    "QA engineer",
    "copywriter",
    "payroll accountant",
    "support lead",
    "mobile developer",
    "recruiter",
    "data engineer",
    "UX researcher",
];

pub const COMPANIES: &[&str] = &[
    "Northwind",
    "Brightloop",
    "Kestrel Labs",
    "Oakfield",
    "Tidewater",
    "Quillstone",
    "Larkspur",
    "Fernhill Health",
    "Copperleaf",
    "Bluewren",
];

pub const CITIES: &[&str] = &[
    "Berlin", "Lisbon", "Leeds", "Lyon", "Toronto", "Austin", "Nairobi", "Pune", "Utrecht", "Oslo",
];

pub const FIRST_NAMES: &[&str] = &[
    "Ada", "Sam", "Priya", "Tomás", "Mei", "Jonas", "Amara", "Lena", "Omar", "Zoe", "Kenji",
    "Ines", "Malik", "Sofia", "Noah", "Aroha",
];

pub const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Silva",
    "Novak",
    "Haddad",
    "Kowalski",
    "Byrne",
    "Mensah",
    "Rossi",
    "Iyer",
];

/// Everyday posts; `{role}`, `{company}`, `{city}` and `{n}` are filled in.
pub const PLAIN: &[&str] = &[
    "Tip: tailor the first two lines of your CV to the role. Recruiters read those and little else.",
    "Third interview at {company} this week. Fingers crossed!",
    "Anyone else find take-home tasks longer than the {n} hours they promise?",
    "Finished my portfolio site today. Feedback welcome.",
    "Practising system design questions every morning before coffee.",
    "Small win: got a reply from {company} after {n} applications.",
    "Reminder that a rejection is about the fit, not about you.",
    "What do you ask at the end of an interview? I always ask about the team's last hard week.",
    "Moving to {city} next month, curious what the {role} scene is like there.",
    "Week {n} of the job hunt. Still learning something every day.",
    "Informational interviews beat cold applications for me, every time.",
    "If a job ad lists {n} must-haves, apply when you have most of them.",
    "Salary bands in ads save everyone time. More of this please.",
    "Rewrote my cover letter from scratch. Shorter and much better.",
    "Mock interview tonight with a friend who is a {role}. Nervous!",
    "Learning SQL properly this month. Window functions are a joy.",
];

/// Posts that name people (`{m}`: the mentions, joined).
pub const WITH_MENTIONS: &[&str] = &[
    "Thanks {m} for the referral, the first call went well!",
    "{m} thank you for the mock interview yesterday, it really helped.",
    "Grateful to {m} for introducing me to the team at {company}.",
    "{m} you might know someone hiring a {role} in {city}?",
    "Had coffee with {m} and got great advice on negotiating an offer.",
    "Shout-out to {m} for reviewing my CV line by line.",
    "{m} would love your take on this {role} opening.",
    "Met {m} at the {city} meetup, great chat about careers in tech.",
];

/// Replies; the mentions go in front, as clients write them.
pub const REPLIES: &[&str] = &[
    "Congratulations, well deserved!",
    "Good luck, you've got this.",
    "Same here, it took me {n} weeks.",
    "Thanks for sharing, saving this one.",
    "Happy to refer you, send me your CV.",
    "Great tip, I will try it.",
    "Agreed. Also ask about on-call.",
    "Let's talk next week?",
];

pub const OFFERS: &[&str] = &[
    "We're hiring a {role} at {company} in {city}. Apply: https://jobs.example.com/{n}",
    "{company} is hiring a {role}, remote friendly. DM me or see https://jobs.example.com/{n}",
    "Open role on my team: {role} in {city}. Referrals welcome!",
    "We're hiring a {role}. Small team, kind people, {city} or remote.",
];

/// Seekers' posts; `#opentowork` is put in front.
pub const SEEKERS: &[&str] = &[
    "looking for my next role as a {role}, {city} or remote. Referrals welcome!",
    "{role} with {n} years of experience, available now. Boosts appreciated.",
    "after {n} good years at {company}, I'm looking for a {role} job.",
    "looking for my next role. {role}, happy to relocate to {city}.",
];
