//! Demo articles: news, features and infographics about the invented demo companies. Every name, person, figure and
//! event is fictional.

/// One bar of a demo infographic's chart.
pub struct Bar {
    /// What the bar stands for, written under it; the article's data in words names it too.
    pub label: &'static str,
    pub value: u32,
}

/// One invented article, as the demo loader creates it.
pub struct DemoArticle {
    pub title: &'static str,
    /// "news", "feature" or "infographic".
    pub kind: &'static str,
    /// One or two sentences, at most 280 characters: the summary under the title.
    pub standfirst: &'static str,
    /// Markdown body.
    pub body: &'static str,
    pub author: &'static str,
    /// 1 to 3 category slugs from: biotechnology, clinical-research, consultancy, digital-health, healthcare, market-access, market-research, marketing, medical-communications, medical-devices, pharmaceuticals, public-sector, recruitment, regulatory-affairs.
    pub categories: &'static [&'static str],
    /// 2 to 4 tags, lower case words or short phrases, e.g. "hiring", "remote work", "ai", "funding".
    pub tags: &'static [&'static str],
    /// Exact names of demo companies the story is about (0 to 2).
    pub about: &'static [&'static str],
    /// Exact names of demo companies the story mentions in passing (0 to 3).
    pub mentions: &'static [&'static str],
    /// Jobs the story links to, as (exact company name, exact role title) from the list of existing jobs below; 0 to 3.
    pub jobs: &'static [(&'static str, &'static str)],
    /// Where to "read in full": an https URL on a `.example` domain (e.g. "https://www.gov-health.example/guidance/..."), or "" for none. About a third of the articles have one.
    pub source: &'static str,
    /// How many days ago it was published, 0 to 60; all different-ish, spread out.
    pub days_ago: u32,
    /// For infographics only (empty otherwise): the chart's bars, 3 to 7 of them.
    pub bars: &'static [Bar],
    /// For infographics only (empty otherwise): a text alternative giving ALL the chart's data in sentences, for people who cannot see the image.
    pub data_text: &'static str,
    /// For infographics only (empty otherwise): a one-sentence description of the image, used as its alt text.
    pub image_alt: &'static str,
}

/// Thirty articles across the sector.
pub const DEMO_ARTICLES: &[DemoArticle] = &[
    // ---------------------------------------------------------------- News
    DemoArticle {
        title: "Regulator consults on disclosing AI use in submission documents",
        kind: "news",
        standfirst: "Draft guidance would ask applicants to say where generative AI tools helped prepare clinical and regulatory documents, and to name a person accountable for checking the result.",
        body: r#"The Medicines and Devices Standards Agency has opened a twelve-week consultation on draft guidance about the use of generative AI in preparing regulatory submissions.

Under the proposals, applicants would state in their cover letter whether AI tools were used to draft or summarise any part of a submission, such as a clinical overview or a summary of product characteristics. A named person would be accountable for verifying the content, and companies would be expected to keep records of how outputs were checked.

The draft does not restrict the use of AI tools. It says responsibility for accuracy sits with the applicant however a document was produced.

Consultants broadly welcomed the clarity. "Most of our clients are already asking what they are allowed to do, so a written answer helps," said Judith Harbottle, co-founder of Kittiwake Regulatory. "The record-keeping will be the real work for smaller companies without a quality team."

Agencies that write both publications and regulatory documents expect the approach to spread. Fernbank Medical Communications said it already asks clients to agree AI use in writing at the start of each project, and logs it against every deliverable.

Responses can be submitted through the [consultation page](https://www.gov-health.example/consultations/ai-in-submissions) until the closing date."#,
        author: "Tomasz Brennan",
        categories: &["regulatory-affairs", "medical-communications"],
        tags: &["ai", "regulation"],
        about: &["Kittiwake Regulatory"],
        mentions: &["Fernbank Medical Communications"],
        jobs: &[],
        source: "https://www.gov-health.example/consultations/ai-in-submissions",
        days_ago: 0,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Fernbank opens twelve-place graduate scheme for scientific writers",
        kind: "news",
        standfirst: "The Clerkenwell agency will take its largest graduate intake yet this autumn, with a six-month training programme and the starting salary published in the advert.",
        body: r#"Fernbank Medical Communications has opened applications for its graduate scientific writer scheme, with twelve places in the autumn intake. That is double last year's number and the largest cohort in the agency's history.

Graduates will spend their first six months on a structured programme covering publication planning, good publication practice, referencing and the ABPI Code, before joining one of Fernbank's oncology, respiratory or rare disease teams. Each is paired with a senior writer who reviews their work weekly.

The starting salary is £31,500, and the advert says so. "We kept hearing from graduates that they had no idea what agencies paid until the final interview," said Priya Olawale, Fernbank's head of scientific services. "Putting the number in the advert costs us nothing and saves everyone time."

Applicants need a life-science degree; a PhD is welcome but not required. Instead of sifting on CVs alone, the agency will assess a short writing task and offer feedback to everyone who completes it.

Applications close at the end of next month. Fernbank is also recruiting experienced senior medical writers to support the larger cohort."#,
        author: "Helen Marchetti",
        categories: &["medical-communications", "recruitment"],
        tags: &["graduates", "hiring"],
        about: &["Fernbank Medical Communications"],
        mentions: &[],
        jobs: &[
            (
                "Fernbank Medical Communications",
                "Graduate Scientific Writer",
            ),
            ("Fernbank Medical Communications", "Senior Medical Writer"),
        ],
        source: "",
        days_ago: 10,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Bramblegate Biosciences raises £48m to prepare kidney drug for phase III",
        kind: "news",
        standfirst: "The Cambridge antisense specialist will use its Series B to finish the phase II study of BGB-201, scale up manufacturing and grow from around forty staff to sixty.",
        body: r#"Bramblegate Biosciences has closed a £48 million Series B round led by specialist life-sciences investors, with the charitable foundation that backed its earlier rounds also taking part.

The money will carry the company's lead programme, BGB-201, through the rest of its phase II study in adults with an inherited form of progressive kidney disease, and pay for the manufacturing scale-up and regulatory work needed before a pivotal trial. Topline phase II data are expected in the second half of next year.

Dr Eleanor Achterberg, Bramblegate's chief executive, said the round gave the company "enough runway to do phase III preparation properly rather than in a hurry". Patient organisations will again help design the next study, building on the home-based blood testing used in the current trial.

The company plans to grow from around forty staff to sixty over eighteen months, with most new roles in cell biology, clinical operations and manufacturing. It will also appoint a contract research organisation for the next stage. Glenmora Clinical, which supports several of the current trial's Irish sites, is understood to be among those invited to tender.

Hiring has already begun, with research scientist and clinical research roles open now."#,
        author: "Martin Oduya",
        categories: &["biotechnology", "pharmaceuticals"],
        tags: &["funding", "hiring", "clinical trials"],
        about: &["Bramblegate Biosciences"],
        mentions: &["Glenmora Clinical"],
        jobs: &[
            (
                "Bramblegate Biosciences",
                "Research Scientist, Cell Biology",
            ),
            ("Bramblegate Biosciences", "Clinical Research Associate"),
        ],
        source: "https://www.bramblegatebio.example/news/series-b-financing",
        days_ago: 5,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Quaystep Health to expand COPD monitoring into the South West",
        kind: "news",
        standfirst: "Severnmouth Health Innovation Network will fund a twelve-month rollout across three community respiratory services, the Edinburgh start-up's first work south of Yorkshire.",
        body: r#"Quaystep Health's remote monitoring service for people with chronic obstructive pulmonary disease is to be offered by three community respiratory teams in the South West, in a twelve-month programme funded by Severnmouth Health Innovation Network.

Up to 900 patients are expected to take part. They will receive a connected pulse oximeter and record their symptoms in Quaystep's app each morning, while clinicians review a daily summary highlighting people whose readings suggest an exacerbation may be on the way.

Severnmouth will pay for licences and staff training in the first year and commission an independent evaluation of admissions, bed days and patient experience. If the results hold up, participating services will be expected to fund the service from their own budgets afterwards.

"The evidence from Scotland is encouraging, but we need to see whether it travels," said Gareth Pennock, Severnmouth's director of adoption. "Our job is to find out quickly and honestly, and to make sure the people who benefit include those in our most deprived neighbourhoods."

For Quaystep, it is the largest contract so far. Co-founder Morven Leckie said the company would add engineers and product staff to support the rollout, and that two implementation leads would be based in Bristol."#,
        author: "Dev Ramaswamy",
        categories: &["digital-health", "public-sector"],
        tags: &["nhs", "funding", "hiring"],
        about: &["Quaystep Health", "Severnmouth Health Innovation Network"],
        mentions: &[],
        jobs: &[
            ("Quaystep Health", "Full-Stack Developer"),
            ("Quaystep Health", "Digital Product Manager"),
        ],
        source: "",
        days_ago: 8,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Kittiwake Regulatory to hire ten consultants as UK licensing work grows",
        kind: "news",
        standfirst: "The Newcastle consultancy says demand for help with UK-specific licensing routes has doubled in two years. All the new roles will be home-based, with quarterly meet-ups on Tyneside.",
        body: r#"Kittiwake Regulatory plans to add ten consultants over the next year, taking its headcount to around forty-five. The firm says work on UK-specific licensing routes, including reliance procedures that build on decisions by other regulators, now accounts for roughly 40% of its fee income, up from a fifth two years ago.

Most of that demand comes from small biotech and medtech companies making a first submission without an in-house regulatory team. "Clients want someone who will sit inside their project and explain the reasoning, not just hand over a dossier," said co-founder Judith Harbottle, a former agency assessor. "That takes experienced people, and there aren't enough of them."

All ten roles will be home-based anywhere in the UK or Ireland. Kittiwake brings its whole team together in Newcastle once a quarter and pays travel and accommodation for those meetings.

The firm is recruiting at two levels: regulatory affairs specialists with at least two years of submission experience, and a head of regulatory strategy to lead its growing device practice. Harbottle said it would also consider strong candidates from pharmacovigilance or medical writing who want to move into regulatory work, with training provided."#,
        author: "Tomasz Brennan",
        categories: &["regulatory-affairs", "consultancy"],
        tags: &["hiring", "remote work", "regulation"],
        about: &["Kittiwake Regulatory"],
        mentions: &[],
        jobs: &[
            ("Kittiwake Regulatory", "Regulatory Affairs Specialist"),
            ("Kittiwake Regulatory", "Head of Regulatory Strategy"),
        ],
        source: "",
        days_ago: 11,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Tarnwell Medical gains UKCA marking for its smallest infusion pump",
        kind: "news",
        standfirst: "The Boston manufacturer's new ambulatory pump, designed for home parenteral nutrition, can now be sold in Great Britain. A Manchester team will support hospital engineers and nurses.",
        body: r#"Tarnwell Medical has received UKCA marking for the Tarnwell Mira, a lightweight ambulatory infusion pump designed for people receiving parenteral nutrition at home. CE marking for the EU and Northern Ireland is expected later in the year.

The Mira weighs 290 grams with a full battery and runs for up to 36 hours between charges. Tarnwell says the design came out of more than 400 hours of observation in patients' homes, where its human-factors team found that alarms and tubing were the most common causes of disturbed sleep. The pump has a quieter, graduated alarm and a shorter administration set.

As with previous products, the company will publish a summary of its usability testing on its website.

To support hospitals adopting the device, Tarnwell is expanding its European office in Manchester with a service and training team. It will offer on-site training for hospital biomedical engineering departments and a UK-based line for technical queries, alongside the existing 24-hour service.

"Nurses told us they didn't want another pump that needed a specialist to set up," said Anjali Crewe, Tarnwell's director of European operations. "We've tried to build something a home-care nurse can teach in a single visit.""#,
        author: "Martin Oduya",
        categories: &["medical-devices", "regulatory-affairs"],
        tags: &["medtech", "regulation", "hiring"],
        about: &["Tarnwell Medical"],
        mentions: &[],
        jobs: &[
            ("Tarnwell Medical", "Biomedical Engineer"),
            ("Tarnwell Medical", "Quality Assurance Manager"),
        ],
        source: "https://www.tarnwellmedical.example/news/mira-ukca-marking",
        days_ago: 15,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Glenmora Clinical sets targets for under-represented trial participants",
        kind: "news",
        standfirst: "The Dublin CRO will report recruitment by age, ethnicity and deprivation on every study it runs from next year, and is widening its community outreach to Cork and Belfast.",
        body: r#"Glenmora Clinical will set recruitment targets for under-represented groups on every study it manages from January, and report progress against them to sponsors each quarter.

Targets will be set study by study, based on the population affected by the condition rather than a single company-wide figure. Glenmora will track participants' age, sex, ethnicity and an area-based deprivation score, and participants can decline to answer any of the questions.

The CRO is also extending its community outreach team, which works with GP practices, pharmacies and patient groups, to Cork and Belfast. Until now the team has worked mostly around Dublin.

"Sponsors are increasingly asked by regulators and payers whether trial populations reflect the people who will use the medicine," said Niamh Darragh, Glenmora's head of patient engagement. "We'd rather answer that with data than with good intentions."

Glenmora says its work in Dublin showed that three changes made the largest difference to who took part:

- evening clinic appointments
- travel costs paid in advance rather than reimbursed
- participant information written and tested in plain language

The company is recruiting clinical project managers to lead studies under the new approach."#,
        author: "Aisling Kerrigan",
        categories: &["clinical-research"],
        tags: &["clinical trials", "diversity"],
        about: &["Glenmora Clinical"],
        mentions: &[],
        jobs: &[("Glenmora Clinical", "Clinical Project Manager")],
        source: "",
        days_ago: 17,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Aldermoor Pharma appoints Larkspur for women's health brief",
        kind: "news",
        standfirst: "The Manchester agency beat three others to a two-year brief covering an endometriosis awareness campaign, materials for primary care teams and refreshed patient information.",
        body: r#"Aldermoor Pharma's UK affiliate has appointed Larkspur Health Creative to a two-year brief supporting its women's health portfolio, after a competitive pitch against three other agencies.

The work includes a disease-awareness campaign on endometriosis symptoms, materials for GPs and practice nurses, and a refresh of patient information for an existing treatment. The awareness campaign will not name any medicine, in line with the rules on promoting prescription-only products to the public.

Larkspur will test all patient-facing materials with people living with endometriosis before launch, using its existing reader panel and a new group recruited with a national patient charity.

"The pitch that won was the one that started with how long it takes women to get a diagnosis, not with our brand," said Clare Whitlow, head of marketing at Aldermoor UK. "That's the right order."

Larkspur's managing director, Sanjay Booth, said the agency would add an account director and a UX designer to the team, and that the work would be run from Manchester.

The appointment follows a review of Aldermoor's UK agency roster earlier in the year."#,
        author: "Martin Oduya",
        categories: &["pharmaceuticals", "marketing"],
        tags: &["patient information", "hiring"],
        about: &["Aldermoor Pharma", "Larkspur Health Creative"],
        mentions: &[],
        jobs: &[
            ("Larkspur Health Creative", "Account Director"),
            ("Larkspur Health Creative", "UX Designer"),
        ],
        source: "",
        days_ago: 20,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Zilverberg Insights adds Polish and Portuguese fieldwork",
        kind: "news",
        standfirst: "The Amsterdam healthcare research agency now covers thirteen European markets with native-speaking moderators, and is recruiting researchers and analysts, several of them home-based.",
        body: r#"Zilverberg Insights has added Poland and Portugal to its fieldwork network, taking the number of European markets it covers with native-speaking moderators from eleven to thirteen.

The agency said clients had asked for the two countries mainly for payer research and for patient studies in rare diseases, where recruiting in the larger markets alone is often too slow.

Each new market will have two home-based moderators who know the local health system, supported by Zilverberg's project teams in Amsterdam. "Local knowledge is the whole point," said Joris Wetering, the agency's research director. "A moderator who doesn't know how a hospital formulary committee works in Lisbon won't think to ask the second question."

Zilverberg is also recruiting a qualitative research manager and a data analyst to work across its mixed-method projects, in which a survey of specialists is followed by in-depth interviews to explain the findings. Wetering said both roles could be largely remote for candidates elsewhere in the Netherlands.

All new moderators complete the agency's training on adverse event reporting and data protection before running any interviews."#,
        author: "Sofia Lindqvist",
        categories: &["market-research"],
        tags: &["hiring", "remote work"],
        about: &["Zilverberg Insights"],
        mentions: &[],
        jobs: &[
            ("Zilverberg Insights", "Qualitative Research Manager"),
            ("Zilverberg Insights", "Data Analyst"),
        ],
        source: "",
        days_ago: 23,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Start joint clinical assessment planning earlier, Meridale tells sponsors",
        kind: "news",
        standfirst: "A briefing from the London market access consultancy says companies are underestimating how early EU-level assessment will shape the design of their phase III trials.",
        body: r#"Companies preparing medicines for EU-level joint clinical assessment should start planning at least 18 months before they expect to file, according to a briefing published by Meridale Access Partners.

The consultancy says many sponsors treat joint assessment as a dossier-writing exercise that can begin once pivotal data arrive. In practice, it argues, the comparators and outcomes that member states ask to see are often fixed by decisions taken when the phase III trial is designed.

The briefing sets out three steps:

- map the likely comparators in each major market before the protocol is finalised
- agree which outcomes, including patient-reported measures, will be analysed and how
- budget for indirect comparisons where a head-to-head trial is not possible

"The companies that struggle are the ones who discover the questions after they've run the trial," said Tobias Fairclough, a partner at Meridale. "By then the answers are whatever data you happen to have."

Meridale says smaller biotechs are most exposed, because they rarely have market access staff in-house when trial design decisions are made. The consultancy has recently advised several early-stage companies, including Bramblegate Biosciences, on evidence planning."#,
        author: "Callum Ainsley",
        categories: &["market-access", "regulatory-affairs"],
        tags: &["hta", "regulation", "clinical trials"],
        about: &["Meridale Access Partners"],
        mentions: &["Bramblegate Biosciences"],
        jobs: &[("Meridale Access Partners", "Health Economist")],
        source: "https://www.meridaleaccess.example/insights/joint-clinical-assessment-briefing",
        days_ago: 26,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Freelance medical writing day rates rise for a second year",
        kind: "news",
        standfirst: "Figures from Wrenfield Talent put the median day rate for experienced freelance writers up 6%, with the strongest demand in oncology publications and regulatory writing.",
        body: r#"Median day rates for experienced freelance medical writers rose by 6% over the past twelve months, according to Wrenfield Talent, the second consecutive annual rise.

The Leeds-based recruiter, which places freelancers with agencies and pharmaceutical teams across the UK, said the median rate for writers with five or more years' experience reached £475 a day. Writers with regulatory experience, such as clinical study reports and submission documents, commanded around £540.

Demand was strongest for oncology publications and for short-notice cover on congress projects. Bookings are also getting longer: the average freelance engagement lasted eleven weeks, up from eight a year earlier.

"Agencies are using freelancers less as emergency cover and more as part of how they staff big accounts," said Marcus Tennant, Wrenfield's director. "That's good for freelancers, but it means clients expect them to know the account as well as a permanent writer would."

Rates for less experienced freelancers were flat. Tennant said writers with under two years' experience generally did better in permanent roles, where training and review are built in.

Wrenfield is hiring a healthcare recruitment consultant to run its growing freelance desk."#,
        author: "Ruth Okafor",
        categories: &["recruitment", "medical-communications"],
        tags: &["freelance", "salaries"],
        about: &["Wrenfield Talent"],
        mentions: &[],
        jobs: &[("Wrenfield Talent", "Healthcare Recruitment Consultant")],
        source: "",
        days_ago: 29,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Severnmouth network funds earlier heart failure detection in 40 GP practices",
        kind: "news",
        standfirst: "A £1.2m programme will help practices in the South West test people with breathlessness and ankle swelling sooner, concentrating on areas where diagnosis tends to come late.",
        body: r#"Severnmouth Health Innovation Network is funding a programme to detect heart failure earlier in 40 general practices across the South West, concentrating on areas where people are most often diagnosed only after an emergency admission.

The £1.2 million programme will pay for staff training, searches of practice records to find people whose symptoms may point to heart failure, and faster access to a blood test that helps rule the condition in or out. Each practice will also have support from a community cardiology nurse for the first six months.

Severnmouth says around eight in ten heart failure diagnoses in the region are made in hospital, and that patients diagnosed that way tend to have worse outcomes than those picked up in primary care.

"This isn't a new technology. It's using tests that already exist in a more organised way," said Dr Hannah Coyle, the network's clinical lead for cardiovascular disease. "The hard part is making it routine in a busy practice."

The network is recruiting a data analyst to track referrals and outcomes, and a strategy consultant to work with industry partners interested in supporting later phases. An interim report is due within a year."#,
        author: "Callum Ainsley",
        categories: &["public-sector", "healthcare"],
        tags: &["nhs", "funding"],
        about: &["Severnmouth Health Innovation Network"],
        mentions: &[],
        jobs: &[
            ("Severnmouth Health Innovation Network", "Data Analyst"),
            (
                "Severnmouth Health Innovation Network",
                "Strategy Consultant, Life Sciences",
            ),
        ],
        source: "https://www.severnmouthhin.example/programmes/heart-failure-detection",
        days_ago: 32,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Aldermoor Pharma builds UK field medical team ahead of respiratory launch",
        kind: "news",
        standfirst: "The family-owned company is recruiting eight medical science liaisons for a new inhaled asthma treatment, in home-based roles covering the UK and Ireland.",
        body: r#"Aldermoor Pharma is building a field medical team in the UK and Ireland ahead of the expected launch of a new inhaled treatment for severe asthma, its first new respiratory medicine in almost a decade.

The Reading-based affiliate plans to hire eight medical science liaisons, each covering a region and working from home, with a monthly team day in Reading. The liaisons will support scientific exchange with respiratory physicians and specialist nurses, and bring back insight to inform the company's evidence plans.

Aldermoor is also expanding its UK pharmacovigilance team to handle the extra safety reporting that comes with a launch, including reports received through patient support services.

"We want a small team that knows the clinicians in its region properly, not a large one that visits everyone once," said Dr Felix Amsel, Aldermoor UK's medical director. "A family company can afford to be patient about that."

Candidates for the liaison roles need a life-science or clinical background and experience in respiratory medicine. Aldermoor says it will consider experienced respiratory nurses and pharmacists as well as PhD scientists.

The company has not said when it expects a licensing decision."#,
        author: "Martin Oduya",
        categories: &["pharmaceuticals", "healthcare"],
        tags: &["hiring", "remote work"],
        about: &["Aldermoor Pharma"],
        mentions: &[],
        jobs: &[
            ("Aldermoor Pharma", "Medical Science Liaison"),
            ("Aldermoor Pharma", "Pharmacovigilance Officer"),
        ],
        source: "",
        days_ago: 37,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Larkspur and Kittiwake launch shared reader panel for patient materials",
        kind: "news",
        standfirst: "The creative agency and the regulatory consultancy will recruit 300 paid members of the public to test medicine leaflets and campaigns, with a focus on people who are usually missed by user testing.",
        body: r#"Larkspur Health Creative and Kittiwake Regulatory are setting up a joint panel of 300 members of the public to test patient leaflets, instructions for use and health campaign materials before they are published.

The panel will be recruited across the North of England and is designed to include people often missed by user testing: those with lower literacy, people who speak English as an additional language, older people and people with visual impairment. Members will be paid for each session.

Kittiwake will use the panel for the readability testing required for package leaflets in licence applications. Larkspur will use it to test awareness campaigns and patient support materials for its clients.

"Formal readability testing tells you whether people can find information. It doesn't always tell you whether they understood it," said Owen Gatenby, Kittiwake's labelling lead. "A bigger, more varied panel lets us test both."

Both firms say they will publish what they learn about methods, though not client material. Kittiwake is recruiting a content designer to work on patient information across both businesses."#,
        author: "Tomasz Brennan",
        categories: &["regulatory-affairs", "marketing"],
        tags: &["patient information", "diversity"],
        about: &["Larkspur Health Creative", "Kittiwake Regulatory"],
        mentions: &[],
        jobs: &[(
            "Kittiwake Regulatory",
            "Content Designer, Patient Information",
        )],
        source: "https://www.kittiwakeregulatory.example/news/shared-reader-panel",
        days_ago: 41,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Glenmora Clinical brings data and writing teams together in Gothenburg",
        kind: "news",
        standfirst: "The CRO's Swedish office will become the base for biostatistics, data management and clinical study report writing, with 25 new roles over two years.",
        body: r#"Glenmora Clinical is making its Gothenburg office the centre of its data management, biostatistics and medical writing work, and will add 25 roles there over the next two years.

The Dublin-headquartered CRO opened in Gothenburg three years ago as a site-management base for Nordic studies. The office will now also host the teams that clean trial data, run the statistical analyses and write clinical study reports, which until now have been spread across Dublin, Cork and remote staff.

Chief operating officer Ciarán Mulvey said putting the three groups together would shorten the time between database lock and a final study report. "Most delays at the end of a study come from hand-offs between statisticians and writers," he said. "If they sit in the same room, they resolve a question in an afternoon rather than a fortnight."

Existing remote staff will not be asked to relocate. New roles in Gothenburg include data analysts and medical writers, and some positions are open to candidates elsewhere in Europe on a hybrid basis.

The move follows growth in sponsors from Scandinavia and the Baltic states, which now account for about a quarter of Glenmora's new business."#,
        author: "Aisling Kerrigan",
        categories: &["clinical-research"],
        tags: &["clinical trials", "hiring"],
        about: &["Glenmora Clinical"],
        mentions: &[],
        jobs: &[
            ("Glenmora Clinical", "Data Analyst"),
            ("Glenmora Clinical", "Medical Writer"),
        ],
        source: "",
        days_ago: 47,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Fernbank formalises hybrid working with two anchor days",
        kind: "news",
        standfirst: "Staff at the Clerkenwell agency will be in the office on Tuesdays and Thursdays and can work remotely the rest of the week, under a policy agreed after a staff consultation.",
        body: r#"Fernbank Medical Communications has formalised its hybrid working arrangements after a three-month staff consultation. From next month, teams will be in the Clerkenwell office on Tuesdays and Thursdays and can work remotely for the rest of the week.

The consultation found strong support for keeping remote work, but also a clear preference, especially among writers in their first two years, for predictable days when senior colleagues would be around to review work in person.

Staff who live more than two hours from London can apply for a remote contract with one office visit a month. Around one in eight Fernbank employees already work this way.

"People told us the problem wasn't being in the office; it was coming in and finding nobody there," said Tom Eversley, Fernbank's managing director. "Anchor days fix that without taking away the flexibility people value."

Wrenfield Talent, which recruits for medical communications agencies, said hybrid patterns with two or three fixed days were now the most common arrangement among the roles it fills.

Fernbank is recruiting account directors and senior medical writers under the new policy."#,
        author: "Helen Marchetti",
        categories: &["medical-communications"],
        tags: &["remote work", "hiring"],
        about: &["Fernbank Medical Communications"],
        mentions: &["Wrenfield Talent"],
        jobs: &[
            ("Fernbank Medical Communications", "Account Director"),
            ("Fernbank Medical Communications", "Senior Medical Writer"),
        ],
        source: "",
        days_ago: 50,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Independent evaluation finds fewer COPD admissions with Quaystep",
        kind: "news",
        standfirst: "A study of 1,400 patients in Scotland found emergency admissions fell by a fifth among people who used the remote monitoring service for six months or more.",
        body: r#"An independent evaluation of Quaystep Health's remote monitoring service has found a 21% reduction in emergency hospital admissions among people with COPD who used it for at least six months, compared with a matched group receiving usual care.

The evaluation, carried out by a university health economics unit, followed 1,400 patients across four community respiratory services in Scotland over two years. Bed days fell by a similar proportion. There was no significant difference in GP appointments.

The authors caution that people who keep using a monitoring app for six months may differ from those who stop, and that a matched design cannot fully account for that. About a third of patients offered the service stopped using it within eight weeks.

"We'd rather publish the drop-off figure alongside the headline than have someone else find it," said Morven Leckie, Quaystep's co-founder. The company is now studying why people stop; early findings point to difficulties with setup and anxiety about daily readings.

Severnmouth Health Innovation Network, which is considering funding a rollout in the South West, said it would look closely at the drop-off findings.

Quaystep is recruiting a content designer to improve how new patients are introduced to the service."#,
        author: "Dev Ramaswamy",
        categories: &["digital-health", "healthcare"],
        tags: &["nhs", "medtech"],
        about: &["Quaystep Health"],
        mentions: &["Severnmouth Health Innovation Network"],
        jobs: &[("Quaystep Health", "Content Designer, Patient Information")],
        source: "",
        days_ago: 57,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    // ------------------------------------------------------------- Features
    DemoArticle {
        title: "Breaking into medical communications: a guide to graduate routes",
        kind: "feature",
        standfirst: "Graduate schemes, associate writer roles and moves from the lab: how people land their first job in med comms, what it pays, and what employers actually look for.",
        body: r#"Medical communications has long recruited from laboratories and universities, but the routes in have become more varied. Here is what recruiters and agencies told us about getting a first role.

## Structured graduate schemes

A growing number of agencies run formal schemes with a training period and a cohort of peers. Fernbank Medical Communications is taking twelve graduates this year, and Larkspur Health Creative recruits graduate writers each summer, many of them from universities in the North West.

Schemes usually start between £29,000 and £33,000 in London and slightly less elsewhere, according to Wrenfield Talent. The best offer a named reviewer for every piece of work and a clear timetable for promotion to medical writer, typically after 12 to 18 months.

## Associate roles without a scheme

Smaller agencies more often hire one or two associate writers at a time and train them on the job. The pay is similar; the experience depends heavily on the team. Ask at interview who will review your work, and how often.

## Do you need a PhD?

No, though many writers have one. "A PhD shows you can read a paper critically and survive peer review, which is most of the job," said Ruth Eyre, a consultant at Wrenfield. "But we place plenty of people with a master's or a good first degree and a strong writing sample."

## What employers look for

- A writing test done carefully rather than quickly: accuracy matters more than style
- Evidence that you can explain science to different audiences
- Curiosity about the commercial side, such as why a client needs a particular piece
- Care with references; a single misquoted figure can sink an application

## Other ways in

Some people join from neighbouring roles, such as trial coordinators, pharmacists and research nurses, and move into writing after a year in an agency's editorial or project team. Others start in patient information writing, or assisting an established freelancer.

Whichever route you choose, Eyre's advice is to apply to more than one type of agency. "Advertising agencies and publications agencies hire very different writers. Find out which work you enjoy.""#,
        author: "Ruth Okafor",
        categories: &["medical-communications", "recruitment"],
        tags: &["graduates", "salaries"],
        about: &["Wrenfield Talent"],
        mentions: &[
            "Fernbank Medical Communications",
            "Larkspur Health Creative",
        ],
        jobs: &[
            (
                "Fernbank Medical Communications",
                "Graduate Scientific Writer",
            ),
            ("Larkspur Health Creative", "Graduate Scientific Writer"),
        ],
        source: "",
        days_ago: 2,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "What AI is actually doing in medical writing teams",
        kind: "feature",
        standfirst: "Generative tools have moved from pilot to daily use in many agencies, but mostly in the unglamorous parts of the job. Writers, managers and a regulatory consultant describe what has changed.",
        body: r#"Two years ago most medical communications agencies had a policy on generative AI and very little practice. Today the picture has reversed: the tools are in daily use, and the policies are catching up.

## Where the tools earn their keep

The writers we spoke to were consistent about where AI helps. Literature screening, first-pass summaries of long study reports and checking that a draft's numbers match its source tables came up again and again. Few were using it to write prose a client would read.

"It's a very fast, slightly unreliable research assistant," said Dr Laila Farrant, a senior medical writer at Fernbank Medical Communications. "I'd never let it near a discussion section, but it can save me an afternoon working out which of forty papers actually report the endpoint I need."

Fernbank asks every client to agree in writing, at kick-off, which tasks AI may be used for, and logs its use against each deliverable.

## What has not changed

Nobody reported a reduction in review time. If anything, senior writers said they now check references more carefully, because a plausible but wrong citation is the tools' characteristic failure. Publication guidelines still place accountability on named authors, and journals increasingly ask for a statement about AI use.

Judith Harbottle of Kittiwake Regulatory said the same principle applies to regulatory documents. "A regulator doesn't care which tool drafted a paragraph. It cares that someone competent checked it and can show they did."

## What it means for careers

Junior writers most often asked whether the tasks they used to learn on, such as summarising papers and building reference packs, are disappearing. Managers said a different risk worried them more: new writers who can produce a fluent draft but have not learned to interrogate the data underneath it.

Marcus Tennant of Wrenfield Talent said agencies now ask candidates about AI at interview. "The good answer isn't 'never' or 'all the time'. It's a specific example of where the tool got something wrong and how you caught it."

## Practical advice

- Be able to describe exactly which tasks you use AI for, and which you don't
- Keep your own record of what a tool produced and what you changed
- Never cite a source you have not opened and read yourself

For most teams the tools have made the work faster at the edges, not different at its core."#,
        author: "Helen Marchetti",
        categories: &["medical-communications"],
        tags: &["ai", "hiring"],
        about: &["Fernbank Medical Communications"],
        mentions: &["Kittiwake Regulatory", "Wrenfield Talent"],
        jobs: &[("Fernbank Medical Communications", "Senior Medical Writer")],
        source: "",
        days_ago: 3,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Remote monitoring meets the ward: three years of Quaystep",
        kind: "feature",
        standfirst: "The COPD monitoring start-up grew out of a hackathon in Edinburgh. Its founders talk about what clinicians actually used, what patients ignored, and why the words turned out to matter as much as the code.",
        body: r#"Quaystep Health began with a respiratory physiotherapist, Morven Leckie, and a software engineer, Ravi Anand, who met at a hackathon in Edinburgh. Three years on, their COPD monitoring service is used by community teams in Scotland and the north of England, and is about to start in the South West.

## Clinicians wanted less, not more

The first version showed clinicians every reading from every patient. "Nobody had time to look at it," Leckie said. "A nurse with sixty patients doesn't want a dashboard. She wants to know which three to ring this morning."

The current daily summary lists only patients whose oxygen saturation, heart rate or symptom scores have moved in a worrying direction, with a short reason for each flag. Clinicians can adjust the thresholds for individual patients.

## Patients stopped for ordinary reasons

Around a third of patients stop using the app within two months. Quaystep's interviews found the reasons were rarely technical. Some found that daily readings made them anxious; others were unsure what a number meant and stopped rather than ask.

That has made patient information a product priority. The company is rewriting its onboarding with people who have COPD, testing each screen for clarity and tone. "We had underestimated how much of a medical device is words," Anand said.

## Evidence and the NHS

Registering the app as a medical device and meeting NHS digital technology standards took more than a year of the company's early life. Leckie says it was worth it, because commissioners would not have talked to them otherwise.

The independent evaluation published earlier this year helped persuade Severnmouth Health Innovation Network to fund a South West rollout. Gareth Pennock, Severnmouth's director of adoption, said the company's openness about drop-off rates counted in its favour. "Everyone has a good headline. Fewer people show you the bit that didn't work."

## What comes next

Quaystep is hiring in content design and engineering, and is exploring whether the same approach could help people with heart failure. Anand is cautious. "COPD took us three years to get roughly right. We're not going to pretend the next condition is copy and paste.""#,
        author: "Dev Ramaswamy",
        categories: &["digital-health", "healthcare"],
        tags: &["nhs", "patient information"],
        about: &["Quaystep Health"],
        mentions: &["Severnmouth Health Innovation Network"],
        jobs: &[
            ("Quaystep Health", "Content Designer, Patient Information"),
            ("Quaystep Health", "Full-Stack Developer"),
        ],
        source: "",
        days_ago: 7,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Who gets into trials? Inside a CRO's outreach work",
        kind: "feature",
        standfirst: "Trial participants still look too little like the patients who will use the medicines being tested. Glenmora Clinical's outreach team describes what has made a measurable difference, and what has not.",
        body: r#"Ask anyone who runs clinical trials whether participants reflect the wider patient population and most will say no. Older people, people from minority ethnic groups and people living in deprived areas are consistently under-represented, which makes it harder to know how well a medicine works for them.

Glenmora Clinical, the Dublin-based CRO, set up a community outreach team four years ago to tackle this, and has since collected data on which changes affected who took part.

## What worked

Niamh Darragh, who leads patient engagement at Glenmora, lists the changes that made the biggest difference:

- Evening and Saturday appointments, for people who cannot take time off work
- Travel costs paid in advance rather than reimbursed weeks later
- Participant information rewritten in plain language and tested with community groups
- Recruitment through GP practices and pharmacies in areas with few research-active hospitals

"None of it is clever," Darragh said. "It's removing the reasons people couldn't say yes."

## What didn't

Social media advertising produced plenty of enquiries but few eligible participants, and skewed younger and more affluent. Translated leaflets without a translated conversation did little. "A leaflet in someone's language doesn't help if every phone call after it is in English," she said.

## Designing trials around people's lives

Some of the most effective changes happen before recruitment begins. Bramblegate Biosciences, whose kidney disease trial Glenmora supports at Irish sites, used home-based blood tests to cut the number of clinic visits. Darragh says design choices like that widen participation more than any outreach campaign.

## Measuring it

From next year Glenmora will report recruitment by age, sex, ethnicity and deprivation on every study, against targets set for each condition. Darragh accepts that this will sometimes produce uncomfortable numbers. "If we can't hit a target, sponsors should know early, while there's still time to add sites."

## The people doing the work

All of this depends on project managers who treat participant diversity as part of the study plan rather than an add-on. Glenmora says it now asks about it at interview for every clinical project manager role, and expects candidates to come with examples."#,
        author: "Aisling Kerrigan",
        categories: &["clinical-research", "healthcare"],
        tags: &["diversity", "clinical trials"],
        about: &["Glenmora Clinical"],
        mentions: &["Bramblegate Biosciences"],
        jobs: &[("Glenmora Clinical", "Clinical Project Manager")],
        source: "",
        days_ago: 13,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "The payer's eye view: building a value story before phase III",
        kind: "feature",
        standfirst: "Small biotechs often meet health technology assessment for the first time when pivotal data arrive. Meridale's partners explain what it costs to leave it that late, and what to do instead.",
        body: r#"For a small biotech with a single lead programme, the temptation is to treat market access as a problem for later. The trial comes first; pricing and reimbursement can be handled once there is something to price. Meridale Access Partners, which advises companies at that stage, argues that later is often too late.

## Decisions that cannot be undone

"Most of what an appraisal committee will ask is decided by the protocol," said Tobias Fairclough, a partner at the consultancy. The choice of comparator, the length of follow-up and whether quality of life is measured in a way that can feed an economic model are all fixed when a trial starts. Once pivotal data are in, the only tools left are indirect comparisons and assumptions, which committees treat with caution.

Meridale's advice to early-stage companies:

- Run a short piece of payer research before finalising the phase III protocol
- Include a validated quality-of-life measure, even in small rare disease studies
- Sketch the economic model early, so the trial collects the inputs it needs
- Ask patient organisations which outcomes matter most to them

## Rare disease adds its own problems

In rare conditions, small trials and short follow-up make long-term benefit hard to show. Fairclough points to inherited kidney disease, where the outcome patients care most about, avoiding dialysis, may take a decade to observe. "You need an agreed surrogate endpoint, and you need to start that conversation years before you file."

Companies such as Bramblegate Biosciences, whose lead programme is in phase II, are now beginning that work, and Meridale has advised the company on its evidence planning.

## Research with payers

Understanding how payers think is a research task in itself. Zilverberg Insights, the Amsterdam healthcare research agency, runs payer interviews across European markets, and Fairclough says the findings often surprise clients. "Companies expect payers to object to the price. Very often they object to the uncertainty."

## The cost of getting it right

None of this is expensive compared with a phase III trial: a payer advisory board and an early model cost a fraction of a single study site's budget. The cost of getting it wrong, Fairclough said, is measured in years of delay and in patients who wait longer for a medicine that works."#,
        author: "Callum Ainsley",
        categories: &["market-access", "biotechnology"],
        tags: &["hta", "clinical trials"],
        about: &["Meridale Access Partners"],
        mentions: &["Bramblegate Biosciences", "Zilverberg Insights"],
        jobs: &[
            ("Meridale Access Partners", "Market Access Consultant"),
            ("Meridale Access Partners", "Health Economist"),
        ],
        source: "https://www.meridaleaccess.example/insights/value-before-phase-three",
        days_ago: 21,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Freelancing in medical communications: rates, contracts and the quiet months",
        kind: "feature",
        standfirst: "More experienced writers are going freelance, and agencies are booking them for longer. What it pays, how contracts work, and what freelancers wish they had known before leaving a permanent job.",
        body: r#"Freelancing has always been part of medical communications, but recruiters say the pattern has shifted. Agencies now book freelancers for whole projects rather than a few days of cover, and more writers are choosing to go independent mid-career.

## What it pays

Wrenfield Talent puts the median day rate for a writer with five or more years' experience at £475, with regulatory writers earning around £540. Rates for less experienced freelancers have been flat.

Those numbers need context. A freelancer pays for their own pension, equipment, insurance, training and accountant, and is not paid for holidays, sick days or the weeks between projects. Marcus Tennant, Wrenfield's director, suggests planning on around 180 billable days a year. "If your budget only works at 230 days, you've planned for a year that won't happen."

## Contracts and status

Most freelancers work through their own limited company. Read contracts carefully for clauses on intellectual property, liability and payment terms: 30 days is standard, but 60-day terms are not unusual with larger clients. Rules on employment status mean some clients now prefer to engage freelancers for clearly defined deliverables rather than open-ended time.

## Remote, and often alone

Almost all freelance work is now remote. The freelancers we spoke to valued the flexibility but missed review. "In an agency someone reads your work before the client does," said one writer with twelve years' experience. "On your own you have to build that in, even if it means paying a colleague to check things."

## The quiet months

Work tends to dip in August and late December and to spike before major congresses. Experienced freelancers keep several months of income in reserve and maintain relationships with three or four agencies, so that losing one client is not a crisis.

## Is it for you?

Tennant's view is that freelancing suits writers who already have a strong network and a specialism. "Agencies book freelancers to solve a problem quickly. If you can walk into an oncology publications account and be useful on day one, you'll be busy."

Fernbank Medical Communications is among the agencies that have increased freelance bookings this year to cover growth in publications work."#,
        author: "Ruth Okafor",
        categories: &["medical-communications", "recruitment"],
        tags: &["freelance", "salaries", "remote work"],
        about: &["Wrenfield Talent"],
        mentions: &["Fernbank Medical Communications"],
        jobs: &[],
        source: "",
        days_ago: 27,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Plain language is a safety issue: inside patient leaflet testing",
        kind: "feature",
        standfirst: "Readability testing is a legal requirement for medicine leaflets, but passing the test is not the same as being understood. Regulatory and creative teams explain how they write for the people who actually read them.",
        body: r#"Every medicine sold in the UK comes with a package leaflet, and every leaflet must be tested with real readers before a licence is granted. The people who write leaflets say the formal test is only the start.

## What the test checks

In a typical readability test, a small group of participants is asked to find and explain key pieces of information, such as how much to take and what to do if a side effect occurs. The leaflet passes if most participants can find and understand most of the answers.

"It's a good test of whether information is findable," said Owen Gatenby, labelling lead at Kittiwake Regulatory. "It's a weaker test of whether someone at home, anxious and in a hurry, will act on it correctly."

## Writing for the reader, not the reviewer

Leaflets are shaped by several audiences at once: regulators, medical reviewers, lawyers and, last of all, patients. Gatenby's team now starts with a list of the three or four decisions a patient may need to make, and checks that each is answered in plain words near the top of the relevant section.

Practical techniques include:

- Giving numbers, such as 1 in 10 people, wherever the frequency of a side effect is known
- Putting instructions in the order someone will follow them
- Testing with people who have lower literacy or read English as an additional language
- Checking the layout at its printed size, not on a screen

## Lessons from campaigns

Creative agencies bring different skills. Larkspur Health Creative tests its campaign materials with a standing reader panel and has begun sharing methods with Kittiwake. Its planners say the biggest improvements usually come from cutting rather than rewriting.

Aldermoor Pharma, which is reviewing the patient information for one of its women's health medicines, said it now involves patient organisations before drafting begins rather than at review.

## Why it matters

Misunderstood instructions lead to missed doses, double doses and avoidable harm. Gatenby puts it bluntly: "A leaflet that passes the test but confuses people is a compliant document and a safety problem.""#,
        author: "Tomasz Brennan",
        categories: &["regulatory-affairs", "healthcare"],
        tags: &["patient information", "regulation"],
        about: &["Kittiwake Regulatory"],
        mentions: &["Larkspur Health Creative", "Aldermoor Pharma"],
        jobs: &[
            (
                "Kittiwake Regulatory",
                "Content Designer, Patient Information",
            ),
            ("Kittiwake Regulatory", "Regulatory Affairs Specialist"),
        ],
        source: "",
        days_ago: 34,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    DemoArticle {
        title: "Selling to the NHS: what an innovation network wishes companies knew",
        kind: "feature",
        standfirst: "Severnmouth Health Innovation Network's industry team talks to hundreds of companies a year. Its advice: know your buyer, bring local evidence and budget for implementation, not just the product.",
        body: r#"Severnmouth Health Innovation Network offers companies a free, confidential conversation about their product and the evidence the NHS in the South West is likely to need. Its industry team holds several hundred of those conversations a year. We asked what the most common mistakes are.

## Who is the buyer?

"Companies often tell us the NHS is their customer. There's no such thing as a single NHS customer," said Imogen Hart, who leads the network's industry team. A device used in hospitals may be bought by a trust's procurement team on a clinician's recommendation, while a community service may be commissioned by an integrated care board. Each has different budgets, timelines and questions.

## Evidence that travels

National guidance and published trials matter, but local decision-makers also want to know whether a product will work in their setting, with their staff and their patients. Hart encourages companies to plan a small, well-measured local evaluation rather than relying on results from a different health system.

## Implementation is part of the product

The network often cites Tarnwell Medical, the infusion pump manufacturer, as an example of getting this right: its UK launch included on-site training for hospital biomedical engineers and clinical education for nurses, budgeted from the start. Many digital products, by contrast, stall because nobody planned for the staff time needed to use them.

Quaystep Health, whose COPD monitoring service is used by respiratory teams in Scotland and the north of England, spent its first year meeting NHS digital technology standards before making a sale. "It felt slow," co-founder Morven Leckie has said, "but without it we wouldn't have got through the door."

## A checklist

Before approaching an NHS organisation, Hart suggests, a company should be able to answer:

- Which budget pays for this, and who holds it?
- What problem does it solve that the organisation already measures?
- What will adoption cost in staff time and training?
- What will be measured in the first six months, and by whom?

## Getting help

The network's [industry support pages](https://www.severnmouthhin.example/industry) explain how to book a conversation. Hart's final advice is simple: "Come early. The worst meetings are the ones where a company has already built the wrong thing.""#,
        author: "Dev Ramaswamy",
        categories: &["public-sector", "medical-devices", "digital-health"],
        tags: &["nhs", "medtech"],
        about: &["Severnmouth Health Innovation Network"],
        mentions: &["Tarnwell Medical", "Quaystep Health"],
        jobs: &[(
            "Severnmouth Health Innovation Network",
            "Digital Product Manager",
        )],
        source: "https://www.severnmouthhin.example/industry/selling-to-the-nhs",
        days_ago: 39,
        bars: &[],
        data_text: "",
        image_alt: "",
    },
    // ---------------------------------------------------------- Infographics
    DemoArticle {
        title: "Medical communications salaries: median base pay by role",
        kind: "infographic",
        standfirst: "Wrenfield Talent's annual survey of 640 people in UK medical communications shows how base pay climbs from graduate writer to medical director.",
        body: r#"Wrenfield Talent's annual salary survey collected responses from 640 people in permanent roles at UK medical communications agencies. The chart shows the median base salary for six common roles, in thousands of pounds, excluding bonuses and benefits.

The biggest single step is from medical writer to senior medical writer, a rise of about £13,000 at the median. Client services roles pay slightly more than writing roles of similar seniority, and the gap widens at director level.

London salaries were about 12% above the national median for the same role. "The range within each role is wide, so treat the median as the start of a conversation, not a ceiling," said Marcus Tennant, Wrenfield's director.

The full survey, with regional breakdowns, is [available from Wrenfield](https://www.wrenfieldtalent.example/salary-survey)."#,
        author: "Sofia Lindqvist",
        categories: &["medical-communications", "recruitment"],
        tags: &["salaries", "surveys", "hiring"],
        about: &["Wrenfield Talent"],
        mentions: &[],
        jobs: &[
            ("Fernbank Medical Communications", "Senior Medical Writer"),
            ("Larkspur Health Creative", "Account Director"),
        ],
        source: "https://www.wrenfieldtalent.example/salary-survey",
        days_ago: 6,
        bars: &[
            Bar {
                label: "Graduate writer",
                value: 31,
            },
            Bar {
                label: "Medical writer",
                value: 41,
            },
            Bar {
                label: "Senior medical writer",
                value: 54,
            },
            Bar {
                label: "Account manager",
                value: 45,
            },
            Bar {
                label: "Account director",
                value: 66,
            },
            Bar {
                label: "Medical director",
                value: 89,
            },
        ],
        data_text: "Median base salary by role in UK medical communications, in thousands of pounds: graduate writer 31; medical writer 41; senior medical writer 54; account manager 45; account director 66; medical director 89. Based on 640 responses to Wrenfield Talent's annual survey.",
        image_alt: "Bar chart of median base salaries in UK medical communications, rising from £31k for a graduate writer to £89k for a medical director.",
    },
    DemoArticle {
        title: "How medical writers say they use AI tools",
        kind: "infographic",
        standfirst: "In a Zilverberg Insights survey of 310 medical writers across Europe, literature screening was the most common use of generative AI, and more than a quarter said they did not use it at all.",
        body: r#"Zilverberg Insights asked 310 medical writers in agencies and pharmaceutical companies across nine European countries how they use generative AI at work. Respondents could choose more than one task, so the figures add up to more than 100%.

Most use is concentrated in research and preparation. Only 12% said they used AI to draft text that a client or journal would read, and most of those said every sentence was rewritten before it was sent.

Use was higher in agencies than in pharmaceutical companies, where several respondents said internal policies did not yet allow it. "The striking thing is how cautious writers are being," said Joris Wetering, Zilverberg's research director. "They use it where a mistake is easy to catch.""#,
        author: "Sofia Lindqvist",
        categories: &["medical-communications", "market-research"],
        tags: &["ai", "surveys"],
        about: &["Zilverberg Insights"],
        mentions: &[],
        jobs: &[],
        source: "https://www.zilverberg.example/reports/ai-in-medical-writing",
        days_ago: 12,
        bars: &[
            Bar {
                label: "Literature screening",
                value: 58,
            },
            Bar {
                label: "Summarising source documents",
                value: 47,
            },
            Bar {
                label: "Plain-language drafts",
                value: 31,
            },
            Bar {
                label: "Checking data against tables",
                value: 26,
            },
            Bar {
                label: "Drafting client-facing text",
                value: 12,
            },
            Bar {
                label: "Do not use AI",
                value: 27,
            },
        ],
        data_text: "Share of 310 surveyed medical writers using generative AI for each task, with more than one answer allowed: literature screening 58%; summarising source documents 47%; plain-language drafts 31%; checking data against tables 26%; drafting client-facing text 12%. A further 27% said they do not use AI at work.",
        image_alt: "Bar chart showing literature screening as the most common use of AI among medical writers, at 58%, and drafting client-facing text as the least common, at 12%.",
    },
    DemoArticle {
        title: "Hybrid is now the norm in sector job placements",
        kind: "infographic",
        standfirst: "Six in ten roles placed by Wrenfield Talent in the past year were hybrid, while fully remote roles were concentrated in regulatory writing and health economics.",
        body: r#"Wrenfield Talent analysed the working arrangements of 412 permanent roles it filled over the past twelve months in medical communications, healthcare advertising and market access.

Hybrid roles made up 61% of placements. Most set fixed office days, usually two a week; the rest left attendance to the individual and their team. Fully remote roles accounted for 23% and were most common in regulatory writing and health economics, where teams already work across several countries. Only 16% of roles were fully office-based, mostly in creative agencies.

Wrenfield said the share of remote roles was broadly unchanged on the previous year, but employers were more likely to state office days in the advert. Kittiwake Regulatory, which hires only home-based consultants, was among the employers in the sample."#,
        author: "Sofia Lindqvist",
        categories: &["recruitment", "medical-communications"],
        tags: &["remote work", "hiring", "surveys"],
        about: &["Wrenfield Talent"],
        mentions: &["Kittiwake Regulatory"],
        jobs: &[
            ("Kittiwake Regulatory", "Regulatory Affairs Specialist"),
            ("Meridale Access Partners", "Health Economist"),
        ],
        source: "",
        days_ago: 24,
        bars: &[
            Bar {
                label: "Hybrid, fixed office days",
                value: 44,
            },
            Bar {
                label: "Hybrid, flexible attendance",
                value: 17,
            },
            Bar {
                label: "Fully remote",
                value: 23,
            },
            Bar {
                label: "Office-based",
                value: 16,
            },
        ],
        data_text: "Working arrangements of 412 permanent roles placed by Wrenfield Talent in the past year: hybrid with fixed office days 44%; hybrid with flexible attendance 17%; fully remote 23%; office-based 16%.",
        image_alt: "Bar chart showing hybrid roles with fixed office days as the most common working arrangement, at 44% of placements, and office-based roles the least common, at 16%.",
    },
    DemoArticle {
        title: "How long HTA decisions take, by submission type",
        kind: "infographic",
        standfirst: "Meridale Access Partners tracked 58 submissions it supported over five years. Full appraisals took almost a year from submission to decision; fast-track routes took about half that.",
        body: r#"Meridale Access Partners looked back at 58 health technology assessment submissions it supported in the UK and Ireland over the past five years, and measured the median time from submission to final decision for each type.

Full appraisals took a median of 47 weeks, while fast-track routes for medicines with clearer evidence took 26. Rare disease submissions took longest, at 52 weeks, largely because of extra rounds of questions about long-term benefit.

"Timelines are driven by uncertainty more than by process," said Tobias Fairclough, a partner at Meridale. "Every open question about the evidence adds a clarification round, and each round costs weeks."

The consultancy advises companies to plan launch budgets around the median rather than the fastest case. The figures cover only Meridale's own clients."#,
        author: "Callum Ainsley",
        categories: &["market-access", "consultancy"],
        tags: &["hta", "regulation"],
        about: &["Meridale Access Partners"],
        mentions: &[],
        jobs: &[("Meridale Access Partners", "Market Access Consultant")],
        source: "",
        days_ago: 31,
        bars: &[
            Bar {
                label: "Full appraisal",
                value: 47,
            },
            Bar {
                label: "Fast-track appraisal",
                value: 26,
            },
            Bar {
                label: "Resubmission after negative decision",
                value: 35,
            },
            Bar {
                label: "Medical device assessment",
                value: 39,
            },
            Bar {
                label: "Rare disease pathway",
                value: 52,
            },
        ],
        data_text: "Median weeks from submission to decision for 58 submissions supported by Meridale Access Partners: full appraisal 47 weeks; fast-track appraisal 26 weeks; resubmission after a negative decision 35 weeks; medical device assessment 39 weeks; rare disease pathway 52 weeks.",
        image_alt: "Bar chart of median HTA decision times, ranging from 26 weeks for fast-track appraisals to 52 weeks for rare disease submissions.",
    },
    DemoArticle {
        title: "Where trial participants come from",
        kind: "infographic",
        standfirst: "Referral sources for 2,150 participants enrolled in Glenmora Clinical's studies last year show GP practices overtaking hospital clinics for the first time.",
        body: r#"Glenmora Clinical analysed how 2,150 participants enrolled in its studies last year first heard about the trial they joined. GP practices were the largest single source, at 34%, overtaking hospital clinics, at 29%, for the first time.

The CRO links the change to its outreach work with primary care, which reaches people who are not already under a hospital specialist. Patient organisations accounted for 14% of participants, community outreach events for 12% and an online research registry for 11%.

Participants recruited through GP practices and community events were more likely to live in deprived areas than those recruited in hospital clinics, Glenmora said. Registry volunteers were the least varied group by age and postcode."#,
        author: "Aisling Kerrigan",
        categories: &["clinical-research"],
        tags: &["clinical trials", "diversity"],
        about: &["Glenmora Clinical"],
        mentions: &[],
        jobs: &[("Glenmora Clinical", "Data Analyst")],
        source: "",
        days_ago: 44,
        bars: &[
            Bar {
                label: "GP practices",
                value: 34,
            },
            Bar {
                label: "Hospital clinics",
                value: 29,
            },
            Bar {
                label: "Patient organisations",
                value: 14,
            },
            Bar {
                label: "Community outreach events",
                value: 12,
            },
            Bar {
                label: "Online research registry",
                value: 11,
            },
        ],
        data_text: "How 2,150 participants in Glenmora Clinical's studies last year first heard about their trial: GP practices 34%; hospital clinics 29%; patient organisations 14%; community outreach events 12%; online research registry 11%.",
        image_alt: "Bar chart showing GP practices as the largest source of trial participants, at 34%, ahead of hospital clinics at 29%.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_has_all_its_figures_in_words() {
        for article in DEMO_ARTICLES.iter().filter(|a| a.kind == "infographic") {
            assert!(!article.bars.is_empty(), "{}", article.title);
            assert!(!article.image_alt.is_empty(), "{}", article.title);
            for bar in article.bars {
                assert!(
                    article.data_text.contains(&bar.value.to_string()),
                    "{}: {} ({}) is missing from the data in words",
                    article.title,
                    bar.label,
                    bar.value
                );
            }
        }
    }
}
