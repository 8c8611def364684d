//! The job search index: what searches find first (typos, plurals, synonyms, company names, titles), how soon a
//! change shows on every instance, and an index kept in its folder across restarts.

use std::time::{Duration, Instant};

use crate::common::*;
use app::backend::{
    db::now,
    jobs,
    search::{self, Place, SearchIndex},
};
use hubboard::day::Day;
use reqwest::StatusCode;

/// The ids of the jobs a `/jobs` page lists, in order.
fn listed(page: &str) -> Vec<i64> {
    let start = page
        .find(r#"class="result-count""#)
        .expect("a result count");
    let results = &page[start..];
    let end = results
        .find("</main>")
        .or_else(|| results.find("class=\"pagination\""))
        .unwrap_or(results.len());
    let mut ids = Vec::new();
    for piece in results[..end].split("href=\"/jobs/").skip(1) {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<i64>()
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

/// Where a form posted without JavaScript was sent back to, as a path.
fn sent_back(app: &TestApp, response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .trim_start_matches(&app.url(""))
        .to_owned()
}

async fn second_company(app: &TestApp, moderator: &reqwest::Client, name: &str, slug: &str) -> i64 {
    let owner = app.user(&format!("owner@{slug}.example"), "seeker").await;
    assert_eq!(
        create(app, &owner, &company_form(name)).await.status(),
        StatusCode::OK
    );
    let id = company_id(app, slug).await;
    approve(app, moderator, &id).await;
    id.parse().unwrap()
}

#[tokio::test]
async fn searches_find_what_was_meant_first() {
    let app = TestApp::spawn().await;
    let (_, moderator, acme) = company_with_moderator(&app).await;
    let acme: i64 = acme.parse().unwrap();
    let northwind = second_company(
        &app,
        &moderator,
        "Northwind Biologics",
        "northwind-biologics",
    )
    .await;
    let job = |title: &'static str, description: &'static str| {
        let app = &app;
        async move {
            publish_job(
                app,
                acme,
                &[("form[title]", title), ("form[description]", description)],
                1,
            )
            .await
        }
    };
    let pv = job(
        "Pharmacovigilance Scientist",
        "Assess adverse event reports and keep the safety database in order.",
    )
    .await;
    let cra = job(
        "Clinical Research Associate",
        "Monitor study sites across the north of England and keep trial files inspection-ready.",
    )
    .await;
    let nurse = job(
        "Research Nurse",
        "Care for participants in early-phase studies at our clinical unit.",
    )
    .await;
    let qa = job(
        "Quality Assurance Manager",
        "Lead audits of suppliers and keep the quality system current.",
    )
    .await;
    let writer = job(
        "Medical Writer",
        "Write and review clinical study reports and manuscripts with a small, friendly team.",
    )
    .await;
    let data = publish_job(
        &app,
        northwind,
        &[
            ("form[title]", "Data Manager"),
            (
                "form[description]",
                "Design case report forms and clean study data before each lock.",
            ),
        ],
        1,
    )
    .await;
    let visitor = app.client();
    let cases: [(&str, i64, &str); 11] = [
        ("pharmacovigilence", pv, "one letter off"),
        ("Pharmacovigilance", pv, "a title word"),
        ("pharmaco", pv, "the start of the last word"),
        ("nurses", nurse, "a plural"),
        ("CRA", cra, "a synonym of a phrase"),
        ("clinical research associate", cra, "a title, word for word"),
        ("drug safety", pv, "a phrase with a synonym"),
        ("QA", qa, "a synonym of a short form"),
        ("northwind", data, "the company's name"),
        ("medical writer", writer, "a title"),
        ("audits suppliers", qa, "words of a description"),
    ];
    let mut wrong = Vec::new();
    for (query, first, what) in cases {
        let (status, page) = app
            .page(&visitor, &format!("/jobs?q={}", query.replace(' ', "+")))
            .await;
        assert_eq!(status, 200);
        let found = listed(&page);
        if found.first() != Some(&first) {
            wrong.push(format!(
                "{query:?} ({what}): {found:?}, wanted {first} first"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // A word some job has is taken as written: no typo tolerance stretches "nurse" to every "purse".
    let (_, page) = app.page(&visitor, "/jobs?q=nurses").await;
    assert_eq!(listed(&page), [nurse]);
    // Every word must match, in any field.
    let (_, page) = app.page(&visitor, "/jobs?q=clinical+northwind").await;
    assert_eq!(count_in(&page), "No open jobs match.");
}

/// Polls `path` on `app` until `check` holds, for at most `within`.
async fn shows_within(
    app: &TestApp,
    path: &str,
    within: Duration,
    check: impl Fn(&str) -> bool,
) -> Duration {
    let started = Instant::now();
    let visitor = app.client();
    loop {
        let (_, page) = app.page(&visitor, path).await;
        if check(&page) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "{path} did not change within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn every_instance_finds_a_change_within_a_second_and_they_agree() {
    let a = TestApp::spawn().await;
    let b = TestApp::spawn_on(a.database_url.clone()).await;
    let (owner, moderator, company) = company_with_moderator(&a).await;
    let company_number: i64 = company.parse().unwrap();
    for n in 0..6 {
        publish_job(
            &a,
            company_number,
            &[("form[title]", &format!("Statistical Programmer {n}"))],
            n,
        )
        .await;
    }
    // Each instance answers from an index of its own (on one SQLite file, the second keeps its own in memory).
    for app in [&a, &b] {
        assert_eq!(app.page(&app.client(), "/readyz").await.1, "ready");
    }
    let second = Duration::from_secs(1);
    for app in [&a, &b] {
        shows_within(app, "/jobs?q=programmer", second, |page| {
            count_in(page) == "6 open jobs"
        })
        .await;
    }

    // A job approved through one instance is found on the other.
    let form = job_form(&company, "Biostatistician");
    assert_eq!(
        a.call(&owner, "jobs/create", &pairs(&form)).await.status(),
        StatusCode::OK
    );
    let id = a
        .scalar("select id from jobs where title = 'Biostatistician'", &[])
        .await;
    let id_text = id.to_string();
    assert_eq!(
        a.call(
            &moderator,
            "jobs/decide",
            &[
                ("form[job_id]", id_text.as_str()),
                ("form[decision]", "approve")
            ],
        )
        .await
        .status(),
        StatusCode::OK
    );
    let took = shows_within(&b, "/jobs?q=biostatistician", second, |page| {
        listed(page) == [id]
    })
    .await;
    eprintln!("an approval showed on the other instance after {took:?}");

    // A change made by any write path (here straight in the database) is followed too.
    b.exec(
        "update jobs set title = 'Senior Biostatistician' where id = cast($1 as bigint)",
        &[&id_text],
    )
    .await;
    for app in [&a, &b] {
        shows_within(app, "/jobs?q=senior", second, |page| listed(page) == [id]).await;
    }

    // Closing a job takes it out of every instance's results.
    assert!(
        jobs::close_now(&a.db, id, Day::from_unix(now()))
            .await
            .unwrap()
    );
    for app in [&a, &b] {
        shows_within(app, "/jobs?q=biostatistician", second, |page| {
            count_in(page) == "No open jobs match."
        })
        .await;
    }

    // Both instances count alike, facet by facet.
    let (_, all) = a.page(&a.client(), "/jobs").await;
    assert_eq!(listed(&all).len(), 6);
    for path in [
        "/jobs",
        "/jobs?posted=1",
        "/jobs?q=programmer&posted=7",
        "/jobs?sector=medical-communications&country=United+Kingdom",
    ] {
        let (_, on_a) = a.page(&a.client(), path).await;
        let (_, on_b) = b.page(&b.client(), path).await;
        assert_eq!(count_in(&on_a), count_in(&on_b), "{path}");
        assert_eq!(listed(&on_a), listed(&on_b), "{path}");
        // Every choice of every facet, with its count, as the filter form lists them.
        let facets = |page: &str| -> Vec<String> {
            page.split("</option>")
                .filter_map(|piece| piece.rsplit_once('>').map(|(_, label)| label.to_owned()))
                .collect()
        };
        assert!(!facets(&on_a).is_empty(), "{path} lists its facets");
        assert_eq!(facets(&on_a), facets(&on_b), "{path}");
    }
}

#[tokio::test]
async fn an_index_kept_in_its_folder_is_reopened_and_caught_up_and_rebuilt_when_it_cannot_be() {
    let app = TestApp::spawn().await;
    let (_, _, company) = company_with_moderator(&app).await;
    let company: i64 = company.parse().unwrap();
    for title in ["Formulation Scientist", "Process Engineer"] {
        publish_job(&app, company, &[("form[title]", title)], 2).await;
    }
    let folder = tempfile::tempdir().unwrap();
    let place = Place::Folder(folder.path().join("search"));
    let find = |index: &SearchIndex, words: &str| -> i64 {
        let filter = jobs::Filter {
            text: words.to_owned(),
            ..jobs::Filter::default()
        };
        index
            .search(&filter, jobs::Sort::Relevance, 20, 0, now())
            .unwrap()
            .expect("the index is ready")
            .total
    };

    let index = SearchIndex::new(place.clone());
    let report = index.open(&app.db).await.unwrap();
    assert!(report.rebuilt, "a new folder is built");
    assert_eq!(report.jobs, 2);
    assert_eq!(find(&index, "scientist"), 1);
    drop(index);

    // Changes made while no index followed the log are applied when it is opened again.
    publish_job(&app, company, &[("form[title]", "Analytical Scientist")], 0).await;
    let index = SearchIndex::new(place.clone());
    let report = index.open(&app.db).await.unwrap();
    assert!(!report.rebuilt, "the kept index is reused");
    assert_eq!(find(&index, "scientist"), 2);
    drop(index);

    // A log pruned past what the folder holds means a rebuild, and so does a lost folder.
    publish_job(&app, company, &[("form[title]", "Validation Scientist")], 0).await;
    app::backend::search::prune_log(&app.db, now() + 2 * app::backend::search::LOG_KEPT_SECS)
        .await
        .unwrap();
    let index = SearchIndex::new(place.clone());
    let report = index.open(&app.db).await.unwrap();
    assert!(
        report.rebuilt,
        "the log no longer reaches back to the folder's version"
    );
    assert_eq!(find(&index, "scientist"), 3);
    drop(index);
    std::fs::remove_dir_all(folder.path().join("search")).unwrap();
    let index = SearchIndex::new(place);
    let report = index.open(&app.db).await.unwrap();
    assert!(report.rebuilt);
    assert_eq!((report.jobs, find(&index, "scientist")), (4, 3));
    drop(index);
}

#[tokio::test]
async fn editors_extend_the_synonyms_and_searches_use_them_at_once() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let company_number: i64 = company.parse().unwrap();
    let chemist = publish_job(
        &app,
        company_number,
        &[("form[title]", "Analytical Chemist")],
        1,
    )
    .await;
    let (_, page) = app.page(&moderator, "/admin/search").await;
    assert!(
        page.contains("clinical research associate"),
        "the list in use is shown"
    );
    let (_, before) = app.page(&app.client(), "/jobs?q=lab+scientist").await;
    assert_eq!(count_in(&before), "No open jobs match.");

    // A list that cannot be used is refused next to the field, and nothing changes.
    let refused = app
        .post_form(
            &moderator,
            "moderation/save-synonyms",
            "/admin/search",
            &[(
                "form[synonyms]",
                "lab scientist\nCRA, clinical research associate",
            )],
        )
        .await;
    let back = sent_back(&app, &refused);
    let (_, page) = app.page(&moderator, &back).await;
    assert!(
        page.contains("Line 1: a line needs at least two different phrases"),
        "{back}"
    );
    assert!(page.contains("lab scientist"), "what was typed comes back");
    assert_eq!(
        app.scalar(
            "select count(*) from settings where key = 'search_synonyms'",
            &[]
        )
        .await,
        0
    );

    // Saved, the new group finds the job straight away, with the kept answer set aside.
    let saved = app
        .post_form(
            &moderator,
            "moderation/save-synonyms",
            "/admin/search",
            &[(
                "form[synonyms]",
                "# Our own words\nlab scientist, analytical chemist\nCRA, clinical research associate",
            )],
        )
        .await;
    assert_eq!(
        saved.headers().get("location").unwrap(),
        "/admin/search?notice=synonyms-saved"
    );
    let (_, after) = app.page(&app.client(), "/jobs?q=lab+scientist").await;
    assert_eq!(listed(&after), [chemist]);
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action = 'setting.change' and target_id = 'search_synonyms'",
            &[]
        )
        .await,
        1
    );
    // Only staff keep the list.
    let refused = app
        .call(
            &owner,
            "moderation/save-synonyms",
            &[("form[synonyms]", "a, b")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

/// Every currency but the pound and the dollar at 2 to the pound, for rates typed into the form.
fn rates_with(dollar: &str) -> String {
    let mut lines = format!("USD {dollar}\n");
    for currency in hubboard::job::Currency::ALL {
        if !matches!(currency.as_str(), "GBP" | "USD") {
            lines.push_str(&format!("{} 2\n", currency.as_str()));
        }
    }
    lines
}

#[tokio::test]
async fn salaries_compare_in_pounds_at_the_rates_an_admin_keeps() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let company: i64 = company.parse().unwrap();
    let salary = |amount: &'static str, currency: &'static str, period: &'static str| {
        [
            ("form[salary_kind]", "fixed"),
            ("form[salary_min]", amount),
            ("form[salary_currency]", currency),
            ("form[salary_period]", period),
        ]
    };
    let dollars = publish_job(&app, company, &salary("147000", "USD", "year"), 1).await;
    let euros = publish_job(&app, company, &salary("130000", "EUR", "year"), 1).await;
    let pounds = publish_job(&app, company, &salary("114000", "GBP", "year"), 1).await;
    let day_rate = publish_job(&app, company, &salary("430", "USD", "day"), 1).await;

    // At the default rates (a pound buys 1.32 dollars and 1.16 euros): £114,000 > €130,000 > US$147,000.
    let (_, page) = app.page(&app.client(), "/jobs?sort=salary").await;
    assert_eq!(listed(&page), [pounds, euros, dollars, day_rate]);
    assert!(page.contains("in pounds at approximate exchange rates"));
    let (_, band) = app.page(&app.client(), "/jobs?salary=80k-120k").await;
    assert_eq!(count_in(&band), "3 open jobs");
    let (_, band) = app.page(&app.client(), "/jobs?salary=50k-80k").await;
    assert_eq!(listed(&band), [day_rate]);

    // Moderators see the rates; only an admin changes them.
    let (_, console) = app.page(&moderator, "/admin/search").await;
    assert!(console.contains("EUR 1.16") && console.contains("Only an admin changes the rates."));
    let admin = app.user("admin@example.com", "admin").await;
    let today = Day::from_unix(now()).iso();
    for someone in [&moderator, &owner] {
        let refused = app
            .call(
                someone,
                "moderation/save-rates",
                &[("form[as_of]", &today), ("form[rates]", &rates_with("1"))],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }

    // Rates with a currency left out are refused next to the field, and nothing changes.
    let missing = rates_with("1").replace("JPY 2\n", "");
    let refused = app
        .post_form(
            &admin,
            "moderation/save-rates",
            "/admin/search",
            &[("form[as_of]", &today), ("form[rates]", &missing)],
        )
        .await;
    let back = sent_back(&app, &refused);
    let (_, form) = app.page(&admin, &back).await;
    assert!(
        form.contains("Give a rate for every currency: JPY missing."),
        "{back}"
    );
    assert_eq!(
        app.scalar(
            "select count(*) from settings where key = 'exchange_rates'",
            &[]
        )
        .await,
        0
    );

    // At a dollar to the pound, the dollar jobs lead, and the day rate moves up a band, at once.
    let saved = app
        .post_form(
            &admin,
            "moderation/save-rates",
            "/admin/search",
            &[("form[as_of]", &today), ("form[rates]", &rates_with("1"))],
        )
        .await;
    assert_eq!(
        saved.headers().get("location").unwrap(),
        "/admin/search?notice=rates-saved"
    );
    let (_, page) = app.page(&app.client(), "/jobs?sort=salary").await;
    assert_eq!(listed(&page), [dollars, pounds, day_rate, euros]);
    let (_, band) = app.page(&app.client(), "/jobs?salary=80k-120k").await;
    let mut in_band = listed(&band);
    in_band.sort_unstable();
    assert_eq!(in_band, [pounds, day_rate]);
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action = 'setting.change' and target_id = 'exchange_rates'",
            &[]
        )
        .await,
        1
    );
    // A job saved afterwards is priced at the new rates too.
    let later = publish_job(&app, company, &salary("100000", "USD", "year"), 0).await;
    assert_eq!(
        app.scalar(
            "select salary_yearly from jobs where id = cast($1 as bigint)",
            &[&later.to_string()]
        )
        .await,
        100_000
    );

    // A salary stored before the rates in use (an upgrade, or a repricing cut short) is put in pounds at start.
    app.exec(
        "update jobs set salary_yearly = 294000, salary_band = '120k-plus' where id = cast($1 as bigint)",
        &[&euros.to_string()],
    )
    .await;
    assert_eq!(
        jobs::reprice_if_needed(&app.db).await.unwrap(),
        0,
        "already priced"
    );
    app.exec("delete from settings where key = 'salaries_priced_at'", &[])
        .await;
    assert_eq!(jobs::reprice_if_needed(&app.db).await.unwrap(), 1);
    assert_eq!(
        app.scalar(
            "select salary_yearly from jobs where id = cast($1 as bigint)",
            &[&euros.to_string()]
        )
        .await,
        65_000
    );
}

/// The job ids listed under a job page's similar jobs, in order.
fn similar_on(page: &str) -> Vec<i64> {
    let Some(start) = page.find(r#"id="similar-title""#) else {
        return Vec::new();
    };
    let section = &page[start
        ..page[start..]
            .find("</section>")
            .map_or(page.len(), |end| start + end)];
    let mut ids: Vec<i64> = Vec::new();
    for piece in section.split("href=\"/jobs/").skip(1) {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(id) = digits.parse::<i64>()
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

#[tokio::test]
async fn similar_jobs_share_words_of_the_title_before_they_share_a_sector() {
    let app = TestApp::spawn().await;
    let (_, _, company) = company_with_moderator(&app).await;
    let company: i64 = company.parse().unwrap();
    let job = |title: &'static str, sector: &'static str| {
        [("form[title]", title), ("form[sector]", sector)]
    };
    let engineer = publish_job(
        &app,
        company,
        &job("Senior Biomedical Engineer", "medical-devices"),
        1,
    )
    .await;
    let both_words = publish_job(
        &app,
        company,
        &job("Biomedical Engineer", "medical-devices"),
        3,
    )
    .await;
    let elsewhere = publish_job(&app, company, &job("Clinical Engineer", "healthcare"), 2).await;
    let same_sector = publish_job(&app, company, &job("QA Manager", "medical-devices"), 0).await;
    let lonely = publish_job(&app, company, &job("Phlebotomist", "healthcare"), 0).await;

    let (status, page) = app
        .page(
            &app.client(),
            &format!("/jobs/{engineer}-senior-biomedical-engineer"),
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains(">Similar open jobs</h2>"), "{page}");
    // Two shared words before one; a job in its sector that shares none is not "similar".
    assert_eq!(similar_on(&page), [both_words, elsewhere]);
    assert!(!similar_on(&page).contains(&same_sector));

    // A title no other job shares: the newest in its sector, said as such.
    let (_, page) = app
        .page(&app.client(), &format!("/jobs/{lonely}-phlebotomist"))
        .await;
    assert!(
        page.contains(">More open jobs in Healthcare</h2>"),
        "{page}"
    );
    assert_eq!(similar_on(&page), [elsewhere]);

    // The same from the index and, while an instance's index is being built, from the database's own search; a
    // plural shares its word ("Engineers" is an engineer).
    let plural = publish_job(&app, company, &job("Clinical Engineers", "healthcare"), 4).await;
    let job = jobs::by_id(&app.db, engineer).await.unwrap().unwrap();
    let building = SearchIndex::new(Place::Memory);
    let built = SearchIndex::new(Place::Memory);
    built.open(&app.db).await.unwrap();
    for index in [&built, &building] {
        let (found, shared) = search::similar_open(&app.db, index, &job, 5).await.unwrap();
        let ids: Vec<i64> = found.iter().map(|listing| listing.id).collect();
        assert!(shared);
        assert_eq!(ids[0], both_words, "ready: {}", index.is_ready());
        assert!(
            ids.contains(&elsewhere) && !ids.contains(&same_sector),
            "{ids:?}"
        );
        if index.is_ready() {
            assert!(ids.contains(&plural), "{ids:?}");
        }
    }
}
