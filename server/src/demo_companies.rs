//! Demo companies: invented organisations that make a fresh site look alive. Every name, person and fact is fictional.

/// One invented company, as the demo loader creates it.
pub struct DemoCompany {
    pub name: &'static str,
    /// One line, at most 120 characters.
    pub tagline: &'static str,
    /// Markdown, 80–220 words: a couple of paragraphs, and in some of them a short bullet list or a `##` heading.
    pub description: &'static str,
    /// https URL on a domain under the reserved `.example` TLD, e.g. "https://www.tidewaterhealth.example".
    pub website: &'static str,
    /// An address at the same domain, e.g. "hello@tidewaterhealth.example".
    pub contact_email: &'static str,
    pub city: &'static str,
    pub country: &'static str,
    /// One of: "1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+".
    pub size: &'static str,
    /// 1 to 3 slugs from this exact list: biotechnology, clinical-research, consultancy, digital-health, healthcare, market-access, market-research, marketing, medical-communications, medical-devices, pharmaceuticals, public-sector, recruitment, regulatory-affairs.
    pub sectors: &'static [&'static str],
    /// Social profile URLs (https, on `.example` domains, e.g. "https://social.example/tidewaterhealth"); 0 to 2.
    pub socials: &'static [&'static str],
    /// What the company does, for its profile's list: 2 to 6 short items.
    pub services: &'static [&'static str],
    /// What it offers its people: 2 to 6 short items.
    pub benefits: &'static [&'static str],
    /// Its offices as "City, Country", the headquarters first.
    pub offices: &'static [&'static str],
}

/// Twelve companies across several sectors and countries.
pub const DEMO_COMPANIES: &[DemoCompany] = &[
    // Medical communications agency.
    DemoCompany {
        name: "Fernbank Medical Communications",
        tagline: "Independent medical communications agency turning complex evidence into clear, compliant stories.",
        description: r#"Fernbank is an independent medical communications agency based in Clerkenwell. We work with pharmaceutical and biotech teams on publication planning, medical education and scientific platforms, mostly in oncology, respiratory and rare disease.

Our writers are scientists first: most hold a PhD or have worked in a lab or clinic, and every project has a named medical lead from kick-off to final sign-off. We would rather tell a client early that a claim will not survive review than find out at the last round.

## What we do

- Publication planning and manuscript development
- Advisory boards and congress symposia
- Scientific narrative and lexicon workshops
- Medical education for healthcare professionals

We keep teams small and stable, so the people who pitch the work are the people who deliver it. Founded in 2011, Fernbank remains privately owned and has never been acquired."#,
        website: "https://www.fernbankmedcomms.example",
        contact_email: "hello@fernbankmedcomms.example",
        city: "London",
        country: "United Kingdom",
        size: "51-200",
        sectors: &["medical-communications", "pharmaceuticals"],
        services: &[
            "Publication planning and manuscripts",
            "Advisory boards and congress symposia",
            "Scientific narrative workshops",
            "Medical education for healthcare professionals",
        ],
        benefits: &[
            "Named medical lead on every account",
            "Ten study days a year for writers",
            "Hybrid working: two office days a week",
            "Private medical cover",
            "25 days' holiday plus your birthday",
        ],
        offices: &["London, United Kingdom", "Macclesfield, United Kingdom"],
        socials: &[
            "https://social.example/fernbankmedcomms",
            "https://video.example/@fernbank",
        ],
    },
    // Healthcare advertising agency.
    DemoCompany {
        name: "Larkspur Health Creative",
        tagline: "Healthcare advertising from Manchester: brand, campaigns and patient communications that people actually read.",
        description: r#"Larkspur is a full-service healthcare advertising agency in Manchester's Northern Quarter. We build brands and campaigns for prescription medicines, consumer health products and NHS services, with the same team of strategists, writers, designers and developers working side by side.

We care a great deal about plain language. Patient materials are tested with real readers before launch, and professional campaigns go through our in-house **ABPI Code** review so that nothing reaches a client's approval system half-finished.

Recent work includes a launch campaign for a new asthma inhaler, a bowel-screening awareness drive with a regional cancer alliance, and a redesign of a vaccine-uptake programme aimed at young parents.

We are proud to be a northern agency and to hire locally: around a third of our team joined us straight from universities in the North West. Visit [our website](https://www.larkspurcreative.example) to see the portfolio."#,
        website: "https://www.larkspurcreative.example",
        contact_email: "newbusiness@larkspurcreative.example",
        city: "Manchester",
        country: "United Kingdom",
        size: "51-200",
        sectors: &["marketing", "healthcare"],
        services: &[
            "Brand strategy for medicines and services",
            "Campaigns for healthcare professionals",
            "Patient leaflets and websites tested with readers",
            "Film and animation",
        ],
        benefits: &[
            "Four-day summer weeks in July and August",
            "Annual creative trip",
            "Cycle-to-work scheme",
            "Enhanced parental leave",
        ],
        offices: &["Manchester, United Kingdom"],
        socials: &["https://social.example/larkspurcreative"],
    },
    // Market-access consultancy.
    DemoCompany {
        name: "Meridale Access Partners",
        tagline: "Market access and HTA consultancy helping new medicines reach the patients who need them.",
        description: r#"Meridale Access Partners is a specialist market access consultancy. We help pharmaceutical and medtech companies prepare for health technology assessment, build value propositions that payers find credible, and plan pricing and reimbursement across the UK and Europe.

The team combines health economists, former NHS commissioners and pharmacists, and people who have sat on both sides of an appraisal committee. That mix means we can tell you not only what a submission needs to contain, but how it is likely to be read.

## Services

- Global value dossiers and payer objection handling
- Cost-effectiveness and budget impact modelling
- Submissions to UK and European HTA bodies
- Payer advisory boards and early scientific advice

We are deliberately small. Each engagement is led by a partner, and we turn down work when we cannot staff it properly."#,
        website: "https://www.meridaleaccess.example",
        contact_email: "enquiries@meridaleaccess.example",
        city: "London",
        country: "United Kingdom",
        size: "11-50",
        sectors: &["market-access", "consultancy"],
        services: &[
            "Value dossiers and HTA submissions",
            "Health economic models",
            "Payer research and advisory boards",
            "Launch readiness reviews",
        ],
        benefits: &[
            "Mentoring from a partner from your first week",
            "Funded health economics courses",
            "Profit share for every employee",
            "Flexible hours around school days",
        ],
        offices: &["London, United Kingdom", "Berlin, Germany"],
        socials: &["https://social.example/meridaleaccess"],
    },
    // Contract research organisation.
    DemoCompany {
        name: "Glenmora Clinical",
        tagline: "Mid-sized CRO running phase I–III trials across Ireland, the UK and northern Europe.",
        description: r#"Glenmora Clinical is a contract research organisation headquartered in Dublin, with site-management teams in Cork, Belfast and Gothenburg. We run phase I to III studies for small and mid-sized sponsors, with particular depth in cardiometabolic disease, dermatology and paediatrics.

Sponsors tell us they come to Glenmora for the continuity. A study's project manager stays with it from feasibility to database lock, and our monitors cover a fixed group of sites so that they know the investigators and research nurses by name.

What we offer:

- Feasibility, site selection and start-up
- Clinical monitoring and project management
- Data management, biostatistics and medical writing
- Pharmacovigilance and safety reporting

We are also serious about patient diversity in trials. Our community outreach team works with GP practices and patient groups to reach people who are usually under-represented in research."#,
        website: "https://www.glenmoraclinical.example",
        contact_email: "studies@glenmoraclinical.example",
        city: "Dublin",
        country: "Ireland",
        size: "201-1000",
        sectors: &["clinical-research"],
        services: &[
            "Phase I unit with 48 beds",
            "Phase II and III trial management",
            "Site selection and monitoring",
            "Pharmacovigilance and medical monitoring",
        ],
        benefits: &[
            "Pension with 8% employer contribution",
            "Clear career ladder for CRAs",
            "Paid study towards clinical research qualifications",
            "Employee assistance programme",
        ],
        offices: &[
            "Dublin, Ireland",
            "Belfast, United Kingdom",
            "Aarhus, Denmark",
        ],
        socials: &[
            "https://social.example/glenmoraclinical",
            "https://video.example/@glenmoraclinical",
        ],
    },
    // Medtech manufacturer.
    DemoCompany {
        name: "Tarnwell Medical",
        tagline: "Designing and manufacturing low-profile infusion pumps for hospital and home care.",
        description: r#"Tarnwell Medical designs and manufactures ambulatory infusion pumps and the disposable sets that go with them. Our devices are used in oncology day units, home parenteral nutrition and palliative care, in hospitals across North America and, since 2022, in the UK and Ireland.

Everything starts with the nurse and the patient. Our human-factors team spends weeks on wards and in patients' homes before a single drawing is made, and we publish the usability findings behind every product.

## Manufacturing and quality

All pumps are assembled at our plant outside Boston, under an ISO 13485 quality system. We hold clearance with the US regulator and UKCA and CE marking for our current range, and we support hospital biomedical engineering teams with on-site training and a 24-hour service line.

Our European office in Manchester looks after customers, distributors and clinical education on this side of the Atlantic."#,
        website: "https://www.tarnwellmedical.example",
        contact_email: "info@tarnwellmedical.example",
        city: "Boston",
        country: "United States",
        size: "201-1000",
        sectors: &["medical-devices", "healthcare"],
        services: &[
            "Ambulatory infusion pumps",
            "Pump software and connectivity",
            "Clinical training for nurses",
            "Repair and servicing",
        ],
        benefits: &[
            "Medical, dental and vision cover",
            "401(k) with matching",
            "On-site gym",
            "Tuition assistance",
        ],
        offices: &["Boston, United States", "Galway, Ireland"],
        socials: &["https://social.example/tarnwellmedical"],
    },
    // Digital-health start-up.
    DemoCompany {
        name: "Quaystep Health",
        tagline: "Remote monitoring for people living with COPD, built with the clinicians who look after them.",
        description: r#"Quaystep Health is a digital-health start-up that helps respiratory teams look after people with chronic obstructive pulmonary disease at home. Patients use a simple app and a connected pulse oximeter; clinicians see a short daily summary that flags who might be heading for an exacerbation.

We began as a project between a respiratory physiotherapist and a software engineer who met at a hackathon in Edinburgh. Three years on, Quaystep is used by community respiratory services in Scotland and the north of England, and an independent evaluation found fewer emergency admissions among patients who used it for six months or more.

We are a team of about thirty. Our product is a registered medical device, meets the NHS digital technology standards and keeps all patient data in UK data centres. We are hiring engineers and clinical implementation leads — *we especially welcome applicants with frontline NHS experience*."#,
        website: "https://www.quaystep.example",
        contact_email: "team@quaystep.example",
        city: "Edinburgh",
        country: "United Kingdom",
        size: "11-50",
        sectors: &["digital-health", "healthcare"],
        services: &[
            "Home monitoring app for COPD",
            "Clinician dashboard with daily summaries",
            "Set-up and training for respiratory teams",
        ],
        benefits: &[
            "Share options for everyone",
            "Remote-first with a monthly team day in Edinburgh",
            "Home office budget",
            "Learning budget of £1,000 a year",
        ],
        offices: &["Edinburgh, United Kingdom"],
        socials: &[
            "https://social.example/quaystephealth",
            "https://video.example/@quaystep",
        ],
    },
    // Specialist recruiter.
    DemoCompany {
        name: "Wrenfield Talent",
        tagline: "Specialist recruiter for medical communications, healthcare advertising and market access roles.",
        description: r#"Wrenfield Talent is a small recruitment consultancy that places people in medical communications, healthcare advertising and market access. We fill permanent and freelance roles, from first-job associate medical writers to client services directors.

Between us, our consultants have spent more than forty years working in agencies before moving into recruitment, so we understand what an account director actually does all day and what a good medical writer's portfolio looks like.

How we work:

- We meet every candidate, by video or in person, before putting them forward
- We tell candidates the salary range up front, every time
- We give honest feedback, including when the answer is no

Clients appreciate shortlists that are short. Candidates appreciate being told what is happening. We are based in Leeds and work with agencies and pharma teams across the UK."#,
        website: "https://www.wrenfieldtalent.example",
        contact_email: "jobs@wrenfieldtalent.example",
        city: "Leeds",
        country: "United Kingdom",
        size: "1-10",
        sectors: &["recruitment", "medical-communications"],
        services: &[
            "Permanent recruitment in medical communications",
            "Contract writers and editors",
            "Market access and HEOR searches",
            "Salary benchmarking for clients",
        ],
        benefits: &[
            "Uncapped commission",
            "Early finish on Fridays",
            "Team lunch every month",
        ],
        offices: &["Leeds, United Kingdom"],
        socials: &["https://social.example/wrenfieldtalent"],
    },
    // Market-research firm.
    DemoCompany {
        name: "Zilverberg Insights",
        tagline: "Healthcare market research across Europe, from physician interviews to patient diaries.",
        description: r#"Zilverberg Insights is an Amsterdam-based market research agency working only in healthcare. We help pharmaceutical, medtech and consumer health companies understand how physicians prescribe, how patients live with their conditions and how payers make decisions.

Our fieldwork covers eleven European markets, run by native-speaking moderators who know their local health systems. We combine qualitative and quantitative methods rather than treating them as separate products, so a survey is often followed by a handful of in-depth interviews to explain what the numbers mean.

## Typical projects

- Brand tracking and message testing with specialists
- Patient journey mapping and diary studies
- Pricing research and payer interviews
- Rapid-turnaround congress surveys

We take adverse event reporting and data protection seriously, and all our researchers are trained to industry codes of conduct. Results are delivered as clear, short reports, with a workshop to decide what to do next."#,
        website: "https://www.zilverberg.example",
        contact_email: "research@zilverberg.example",
        city: "Amsterdam",
        country: "Netherlands",
        size: "11-50",
        sectors: &["market-research"],
        services: &[
            "Physician interviews and surveys",
            "Patient diaries and ethnography",
            "Conjoint and pricing research",
            "Fieldwork in 14 European countries",
        ],
        benefits: &[
            "32 days' holiday",
            "Language lessons paid by the company",
            "Commuting costs covered",
            "Sabbatical after five years",
        ],
        offices: &["Amsterdam, Netherlands", "Barcelona, Spain"],
        socials: &[],
    },
    // Biotech.
    DemoCompany {
        name: "Bramblegate Biosciences",
        tagline: "Cambridge biotech developing antisense therapies for inherited kidney disease.",
        description: r#"Bramblegate Biosciences is a clinical-stage biotech company developing antisense oligonucleotide therapies for rare inherited kidney diseases. The company was spun out of university research in 2019 and is based on the Cambridge Biomedical Campus.

Our lead programme, BGB-201, is in a phase II study in adults with an inherited form of progressive kidney disease, for which there is currently no disease-modifying treatment. A second programme is in preclinical development.

We work closely with patient organisations, who helped shape the design of our current trial, including home-based blood tests to reduce the number of clinic visits.

Bramblegate is backed by a group of specialist life-sciences investors and a charitable foundation. We are a team of around forty scientists, clinicians and operations staff, and we value curiosity, candour and careful work."#,
        website: "https://www.bramblegatebio.example",
        contact_email: "contact@bramblegatebio.example",
        city: "Cambridge",
        country: "United Kingdom",
        size: "11-50",
        sectors: &["biotechnology", "pharmaceuticals"],
        services: &[
            "Antisense oligonucleotide discovery",
            "Kidney disease models",
            "Early clinical development",
        ],
        benefits: &[
            "Share options",
            "Lab and desk in the Cambridge science park",
            "Private medical cover for your family",
            "Conference budget for every scientist",
        ],
        offices: &["Cambridge, United Kingdom"],
        socials: &["https://social.example/bramblegatebio"],
    },
    // Regulatory consultancy.
    DemoCompany {
        name: "Kittiwake Regulatory",
        tagline: "Regulatory affairs consultancy for medicines and devices, from first submission to lifecycle.",
        description: r#"Kittiwake Regulatory is a consultancy that helps companies get medicines and medical devices approved, and keep them on the market. We support marketing authorisation applications, variations and renewals in the UK and EU, as well as device classification, technical files and clinical evaluation reports.

Many of our clients are small biotech and medtech companies preparing their first submission without a large in-house team. We act as an extension of that team, and we explain our reasoning so that the knowledge stays with the client once the project ends.

## Areas of focus

- Regulatory strategy and scientific advice meetings
- Dossier writing, publishing and submission
- Post-Brexit UK licensing routes
- Labelling, patient leaflets and readability testing

The consultancy was founded in Newcastle in 2015 by two former agency assessors. We now have consultants working remotely across the UK and Ireland."#,
        website: "https://www.kittiwakeregulatory.example",
        contact_email: "advice@kittiwakeregulatory.example",
        city: "Newcastle upon Tyne",
        country: "United Kingdom",
        size: "11-50",
        sectors: &["regulatory-affairs", "consultancy"],
        services: &[
            "Marketing authorisation applications",
            "Scientific advice meetings",
            "Medical device technical files",
            "Lifecycle maintenance and variations",
        ],
        benefits: &[
            "Paid membership of TOPRA",
            "Hybrid working",
            "Buy up to five extra days' holiday",
            "Mental health first aiders",
        ],
        offices: &["Newcastle upon Tyne, United Kingdom", "Dublin, Ireland"],
        socials: &["https://social.example/kittiwakereg"],
    },
    // NHS-style public body.
    DemoCompany {
        name: "Severnmouth Health Innovation Network",
        tagline: "Helping the NHS in the South West adopt proven innovations faster and more fairly.",
        description: r#"Severnmouth Health Innovation Network is a publicly funded organisation that connects the NHS, local government, universities and industry across the South West of England. Our job is to help proven innovations — new medicines, devices, digital tools and ways of working — reach patients sooner, and to make sure the benefits are shared fairly between communities.

We do this through practical programmes rather than reports. Our teams work alongside hospital trusts, GP practices and community services to plan adoption, train staff and measure what happens.

Current priorities include:

- Earlier detection of heart failure in primary care
- Better medicines use for people with several long-term conditions
- Support for innovators navigating NHS procurement

Companies are welcome to contact our industry team for a free, confidential conversation about their product and the evidence the local NHS is likely to need. Learn more at [our website](https://www.severnmouthhin.example)."#,
        website: "https://www.severnmouthhin.example",
        contact_email: "info@severnmouthhin.example",
        city: "Bristol",
        country: "United Kingdom",
        size: "51-200",
        sectors: &["public-sector", "healthcare"],
        services: &[
            "Spreading proven innovations across NHS trusts",
            "Evaluation of new services",
            "Support for small companies working with the NHS",
            "Patient and public involvement",
        ],
        benefits: &[
            "NHS pension",
            "27 days' holiday rising with service",
            "Flexible and part-time working",
            "Secondments into NHS organisations",
        ],
        offices: &["Bristol, United Kingdom", "Exeter, United Kingdom"],
        socials: &["https://social.example/severnmouthhin"],
    },
    // Pharmaceutical company.
    DemoCompany {
        name: "Aldermoor Pharma",
        tagline: "Family-owned pharmaceutical company focused on respiratory and women's health medicines.",
        description: r#"Aldermoor Pharma is a family-owned pharmaceutical company with its headquarters in Basel and affiliates in eight European countries, including the United Kingdom and Ireland. We develop, manufacture and market medicines in respiratory disease and women's health, and we have been doing so for more than sixty years.

Our portfolio combines established inhaled medicines with newer treatments for endometriosis and menopause symptoms, and our own plant in north-west Switzerland supplies most of what we sell.

Being family-owned lets us take a long view. We invest steadily in research, keep our prices sustainable for health systems, and work with patient organisations as partners rather than audiences.

## Working with us

Aldermoor's UK affiliate is based in Reading and works with agencies, market access specialists and NHS partners. We are always keen to hear from organisations that share our commitment to careful, honest communication about medicines."#,
        website: "https://www.aldermoorpharma.example",
        contact_email: "contact@aldermoorpharma.example",
        city: "Basel",
        country: "Switzerland",
        size: "1001-5000",
        sectors: &["pharmaceuticals"],
        services: &[
            "Inhaled medicines for asthma and COPD",
            "Women's health medicines",
            "Manufacturing in Switzerland and Poland",
            "Medical information service",
        ],
        benefits: &[
            "Family-owned with a long-term view",
            "Relocation support",
            "Company pension",
            "Childcare allowance",
        ],
        offices: &[
            "Basel, Switzerland",
            "Kraków, Poland",
            "Cambridge, United Kingdom",
        ],
        socials: &[
            "https://social.example/aldermoorpharma",
            "https://video.example/@aldermoorpharma",
        ],
    },
];
