//! Demo jobs: roles written for the invented demo companies, combined with each company's places and
//! currency so every board looks different. Every job, like every company, is fictional.

/// A role a demo company may advertise.
pub struct Role {
    pub title: &'static str,
    pub seniority: &'static str,
    pub sector: &'static str,
    /// The bottom of the yearly range in pounds; other currencies scale it.
    pub base: i64,
    /// What the person will do, as Markdown list items.
    pub duties: &'static [&'static str],
    /// What they bring.
    pub needs: &'static [&'static str],
}

pub const ROLES: &[Role] = &[
    Role {
        title: "Medical Writer",
        seniority: "mid",
        sector: "medical-communications",
        base: 38_000,
        duties: &[
            "Draft manuscripts, abstracts and posters from clinical study reports",
            "Turn reviewer comments into clear, traceable revisions",
            "Check every claim against its reference before it leaves the team",
        ],
        needs: &[
            "A life-science degree; a PhD or clinical background helps",
            "Writing that is accurate first and elegant second",
            "Familiarity with GPP and ICMJE authorship rules",
        ],
    },
    Role {
        title: "Senior Medical Writer",
        seniority: "senior",
        sector: "medical-communications",
        base: 52_000,
        duties: &[
            "Lead the scientific content of two or three client accounts",
            "Mentor writers and review their work with kindness and rigour",
            "Present publication plans to client medical teams",
        ],
        needs: &[
            "Several years of agency or industry medical writing",
            "Confidence running an advisory board or a writing workshop",
            "A portfolio across at least two therapy areas",
        ],
    },
    Role {
        title: "Account Director",
        seniority: "director",
        sector: "marketing",
        base: 62_000,
        duties: &[
            "Own the relationship with a portfolio of pharmaceutical brands",
            "Keep budgets, timelines and approvals honest",
            "Grow accounts by solving the problems clients actually have",
        ],
        needs: &[
            "Experience leading healthcare accounts in an agency",
            "A working knowledge of promotional codes of practice",
            "Calm judgement when deadlines collide",
        ],
    },
    Role {
        title: "Clinical Research Associate",
        seniority: "mid",
        sector: "clinical-research",
        base: 36_000,
        duties: &[
            "Monitor trial sites for protocol compliance and data quality",
            "Resolve queries with site staff before they become findings",
            "Write visit reports that a sponsor can act on",
        ],
        needs: &[
            "ICH GCP training and at least a year of independent monitoring",
            "A full driving licence and willingness to travel",
            "Good humour on early trains",
        ],
    },
    Role {
        title: "Clinical Project Manager",
        seniority: "senior",
        sector: "clinical-research",
        base: 55_000,
        duties: &[
            "Run phase II and III studies from start-up to close-out",
            "Lead a cross-functional team of monitors, data managers and statisticians",
            "Report progress and risks to sponsors plainly and early",
        ],
        needs: &[
            "Experience managing multi-country trials",
            "Comfort with budgets, forecasts and vendor contracts",
            "A habit of writing things down",
        ],
    },
    Role {
        title: "Regulatory Affairs Specialist",
        seniority: "mid",
        sector: "regulatory-affairs",
        base: 42_000,
        duties: &[
            "Prepare variations and renewals for marketed products",
            "Maintain dossiers in eCTD format",
            "Track guidance changes and explain what they mean for the portfolio",
        ],
        needs: &[
            "Two or more years in regulatory affairs",
            "Attention to detail that colleagues rely on",
            "Clear written English; another European language is a plus",
        ],
    },
    Role {
        title: "Head of Regulatory Strategy",
        seniority: "executive",
        sector: "regulatory-affairs",
        base: 95_000,
        duties: &[
            "Set the regulatory strategy for a pipeline of new medicines",
            "Lead scientific advice meetings with agencies",
            "Build and keep a team of experienced specialists",
        ],
        needs: &[
            "Extensive experience of EU and UK submissions",
            "A record of successful approvals",
            "The credibility to say no to a launch plan when it is wrong",
        ],
    },
    Role {
        title: "Market Access Consultant",
        seniority: "mid",
        sector: "market-access",
        base: 45_000,
        duties: &[
            "Build value dossiers and payer objection handlers",
            "Support health technology assessment submissions",
            "Interview payers and turn what they say into strategy",
        ],
        needs: &[
            "A background in health economics, pharmacy or access consulting",
            "Comfort with evidence tables and cost-effectiveness models",
            "Crisp slide writing",
        ],
    },
    Role {
        title: "Health Economist",
        seniority: "senior",
        sector: "market-access",
        base: 58_000,
        duties: &[
            "Design and build cost-effectiveness and budget impact models",
            "Defend models in front of technical review teams",
            "Coach analysts in modelling practice",
        ],
        needs: &[
            "An MSc or PhD in health economics or a related field",
            "Strong Excel and R skills",
            "Experience with HTA submissions",
        ],
    },
    Role {
        title: "Qualitative Research Manager",
        seniority: "mid",
        sector: "market-research",
        base: 40_000,
        duties: &[
            "Design discussion guides and moderate interviews with clinicians",
            "Analyse transcripts and write reports that clients read to the end",
            "Manage fieldwork partners across several countries",
        ],
        needs: &[
            "Healthcare market research experience",
            "Confident moderation, online and in person",
            "MRS membership or willingness to join",
        ],
    },
    Role {
        title: "Data Analyst",
        seniority: "entry",
        sector: "market-research",
        base: 28_000,
        duties: &[
            "Clean, weight and tabulate survey data",
            "Build dashboards for research teams and clients",
            "Automate the checks we still do by hand",
        ],
        needs: &[
            "A numerate degree and curiosity about healthcare",
            "SQL and either Python or R",
            "Patience with messy spreadsheets",
        ],
    },
    Role {
        title: "Digital Product Manager",
        seniority: "senior",
        sector: "digital-health",
        base: 60_000,
        duties: &[
            "Own the roadmap of a patient-facing digital service",
            "Work with clinicians, designers and engineers to ship small, often",
            "Measure outcomes, not just usage",
        ],
        needs: &[
            "Product management experience in a regulated setting",
            "Familiarity with DTAC and clinical safety standards",
            "Good instincts for what to leave out",
        ],
    },
    Role {
        title: "Full-Stack Developer",
        seniority: "mid",
        sector: "digital-health",
        base: 50_000,
        duties: &[
            "Build and maintain web services that clinicians use every day",
            "Write tests that catch the bugs before patients do",
            "Take part in an on-call rota that rarely wakes anyone",
        ],
        needs: &[
            "Professional experience with a typed back-end language",
            "Care for accessibility and performance",
            "Interest in healthcare data standards such as FHIR",
        ],
    },
    Role {
        title: "UX Designer",
        seniority: "mid",
        sector: "digital-health",
        base: 45_000,
        duties: &[
            "Research how patients and staff use our services",
            "Prototype and test designs with real users",
            "Keep the design system consistent and accessible",
        ],
        needs: &[
            "A portfolio that shows research as well as screens",
            "Experience designing for WCAG 2.2 AA",
            "Ease presenting work to clinical teams",
        ],
    },
    Role {
        title: "Medical Science Liaison",
        seniority: "senior",
        sector: "pharmaceuticals",
        base: 62_000,
        duties: &[
            "Build scientific relationships with specialists in your region",
            "Respond to unsolicited medical questions with balanced evidence",
            "Bring insight from the field back to the medical team",
        ],
        needs: &[
            "A PhD, PharmD or medical degree",
            "Experience presenting clinical data to specialists",
            "A driving licence and flexibility to travel",
        ],
    },
    Role {
        title: "Pharmacovigilance Officer",
        seniority: "entry",
        sector: "pharmaceuticals",
        base: 30_000,
        duties: &[
            "Process adverse event reports accurately and on time",
            "Code events in MedDRA and check case quality",
            "Help prepare periodic safety reports",
        ],
        needs: &[
            "A life-science or nursing degree",
            "Meticulous attention to detail",
            "Interest in a long career in drug safety",
        ],
    },
    Role {
        title: "Quality Assurance Manager",
        seniority: "lead",
        sector: "medical-devices",
        base: 57_000,
        duties: &[
            "Run the quality management system to ISO 13485",
            "Lead internal audits and supplier audits",
            "Prepare the company for notified body inspections",
        ],
        needs: &[
            "Quality experience in medical devices",
            "Knowledge of the EU MDR and UKCA marking",
            "The diplomacy to improve processes without slowing people down",
        ],
    },
    Role {
        title: "Biomedical Engineer",
        seniority: "mid",
        sector: "medical-devices",
        base: 43_000,
        duties: &[
            "Design and verify components of diagnostic devices",
            "Write design history file documentation",
            "Work with clinicians on usability studies",
        ],
        needs: &[
            "An engineering degree and some industry experience",
            "CAD and test-rig skills",
            "Interest in how devices are really used in clinics",
        ],
    },
    Role {
        title: "Research Scientist, Cell Biology",
        seniority: "mid",
        sector: "biotechnology",
        base: 41_000,
        duties: &[
            "Design and run cell-based assays for early discovery programmes",
            "Analyse and present results to the project team",
            "Keep an electronic lab notebook others can follow",
        ],
        needs: &[
            "A PhD in cell biology or a related field",
            "Hands-on experience with primary cells and flow cytometry",
            "Enjoyment of careful, repeatable work",
        ],
    },
    Role {
        title: "Healthcare Recruitment Consultant",
        seniority: "entry",
        sector: "recruitment",
        base: 26_000,
        duties: &[
            "Find and speak to candidates for roles in life sciences",
            "Understand clients' teams well enough to say who will fit",
            "Keep candidates informed at every step, including the no",
        ],
        needs: &[
            "Curiosity about people and the sector",
            "Organisation and resilience",
            "No recruitment experience needed: we train you",
        ],
    },
    Role {
        title: "Public Health Programme Lead",
        seniority: "lead",
        sector: "public-sector",
        base: 48_000,
        duties: &[
            "Lead a regional programme to spread a proven innovation",
            "Work with hospital trusts, primary care and patient groups",
            "Report outcomes to the board and funders",
        ],
        needs: &[
            "Programme management experience in health services",
            "Skill in bringing organisations with different priorities together",
            "Experience of evaluation methods",
        ],
    },
    Role {
        title: "Strategy Consultant, Life Sciences",
        seniority: "senior",
        sector: "consultancy",
        base: 65_000,
        duties: &[
            "Lead workstreams on portfolio, launch and commercial strategy",
            "Structure ambiguous questions and test them with data",
            "Write recommendations a board can act on",
        ],
        needs: &[
            "Consulting experience in pharmaceuticals or biotech",
            "Strong analytical and storytelling skills",
            "Comfort presenting to senior clients",
        ],
    },
    Role {
        title: "Graduate Scientific Writer",
        seniority: "entry",
        sector: "medical-communications",
        base: 27_000,
        duties: &[
            "Write slide decks, summaries and training materials with a senior writer",
            "Learn how publications are planned and approved",
            "Check references and data with care",
        ],
        needs: &[
            "A recent life-science degree or PhD",
            "Evidence that you write clearly, such as a thesis or blog",
            "Willingness to take feedback and use it",
        ],
    },
    Role {
        title: "Content Designer, Patient Information",
        seniority: "mid",
        sector: "healthcare",
        base: 39_000,
        duties: &[
            "Write and test patient information in plain language",
            "Work with clinicians to keep content accurate",
            "Measure whether people understood what they read",
        ],
        needs: &[
            "Content design or plain-language writing experience",
            "A feel for readers who are anxious or unwell",
            "Experience of user research",
        ],
    },
];

/// What every posting offers, varied by company and role.
pub const OFFERS: &[&str] = &[
    "25 days' holiday plus public holidays, and your birthday off",
    "A pension with a generous employer contribution",
    "A learning budget you choose how to spend",
    "Flexible hours around a core of the day",
    "Private medical cover for you and your family",
    "A paid volunteering day every quarter",
    "Enhanced parental leave from your first day",
    "A cycle-to-work scheme and a season ticket loan",
];
