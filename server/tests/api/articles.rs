//! News articles over HTTP against a real database: writing and bad input, scheduling, companies' submissions and
//! their review, typed links on both sides, sanitising, pictures, feeds and the sitemap, and who may do what.

use crate::common::{
    TestApp, approve, article_form, company_form, company_id, company_with_moderator, create,
    draft_article, field_errors, pairs, publish_article, with,
};
use app::backend::db::now;
use reqwest::{Client, StatusCode, multipart};

fn slug_of(title: &str) -> String {
    hubboard::article::slug_of_title(title)
}

/// The moment `seconds` from now as a `datetime-local` value.
fn moment_in(seconds: i64) -> String {
    hubboard::article::format_moment(now() + seconds)
}

#[tokio::test]
async fn bad_input_is_reported_next_to_each_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@example.com", "moderator").await;

    let form = with(
        &article_form("x"),
        "form[source_url]",
        "javascript:alert(1)",
    );
    let form = with(&form, "form[kind]", "infographic");
    let form = with(&form, "form[about]", "No Such Company Ltd");
    let response = app.call(&editor, "articles/create", &pairs(&form)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = field_errors(response).await;
    for field in ["title", "source_url", "data_text"] {
        assert!(
            errors.iter().any(|(f, _)| f == field),
            "{field}: {errors:?}"
        );
    }
    // Links are checked once the form itself is valid.
    let form = with(
        &article_form("A story with a missing company"),
        "form[about]",
        "No Such Company Ltd",
    );
    let errors = field_errors(app.call(&editor, "articles/create", &pairs(&form)).await).await;
    assert!(
        errors
            .iter()
            .any(|(f, m)| f == "about" && m.contains("No Such Company Ltd")),
        "{errors:?}"
    );
    let form = with(
        &article_form("A story with a missing job"),
        "form[jobs]",
        "/jobs/999-nothing",
    );
    let errors = field_errors(app.call(&editor, "articles/create", &pairs(&form)).await).await;
    assert!(errors.iter().any(|(f, _)| f == "jobs"), "{errors:?}");
    assert_eq!(app.scalar("select count(*) from articles", &[]).await, 0);
    assert_eq!(app.scalar("select count(*) from tags", &[]).await, 0);

    // The same address twice is refused on the address.
    draft_article(&app, &editor, &article_form("Agencies hire more writers")).await;
    let form = with(
        &article_form("Another story"),
        "form[slug]",
        &slug_of("Agencies hire more writers"),
    );
    let errors = field_errors(app.call(&editor, "articles/create", &pairs(&form)).await).await;
    assert!(errors.iter().any(|(f, _)| f == "slug"), "{errors:?}");

    // Without JavaScript the form comes back with what was typed and the message.
    let bad = with(
        &article_form("Kept title"),
        "form[source_url]",
        "ftp://files.example.org/report",
    );
    let response = app
        .post_form(&editor, "articles/create", "/news/new", &pairs(&bad))
        .await;
    assert!(response.status().is_redirection());
    let (_, page) = app.page(&editor, "/news/new").await;
    assert!(page.contains("Kept title"));
    assert!(page.contains("starting with https://"));
}

#[tokio::test]
async fn scheduled_articles_appear_on_time_and_unpublished_ones_go() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@example.com", "moderator").await;
    let reader = app.client();
    let title = "Trial sponsors must publish lay summaries";
    let id = draft_article(&app, &editor, &article_form(title)).await;
    let path = format!("/news/{}", slug_of(title));

    // A draft is the editors' only.
    assert_eq!(app.page(&reader, &path).await.0, 404);
    assert_eq!(app.page(&editor, &path).await.0, 200);

    // Scheduled an hour ahead: still 404 to the public, and in no list or feed.
    assert_eq!(
        publish_article(&app, &editor, &id, &moment_in(3600))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(app.page(&reader, &path).await.0, 404);
    let (_, news) = app.page(&reader, "/news").await;
    assert!(!news.contains(title));
    let feed = reader
        .get(app.url("/feeds/news.rss"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!feed.contains(title));
    let (_, edit) = app.page(&editor, &format!("{path}/edit")).await;
    assert!(edit.contains("Scheduled"));

    // When its time comes (moved into the past here) it appears everywhere, with no other write.
    app.exec(
        "update articles set publish_at = cast($1 as bigint) where id = cast($2 as bigint)",
        &[&(now() - 5).to_string(), &id],
    )
    .await;
    assert_eq!(app.page(&reader, &path).await.0, 200);
    let (_, news) = app.page(&reader, "/news").await;
    assert!(news.contains(title));
    let (_, hub) = app.page(&reader, "/tags/hiring").await;
    assert!(hub.contains(title), "the tag's page lists it");
    let (_, home) = app.page(&reader, "/").await;
    assert!(home.contains(title), "the front page leads with it");
    let (_, directory) = app.page(&reader, "/companies").await;
    assert!(
        directory.contains("Latest intelligence") && directory.contains(title),
        "the sidebar lists it"
    );

    // Unpublished, it is gone again; a bad time is an error next to the field.
    let response = app
        .call(&editor, "articles/unpublish", &[("article_id", &id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.page(&reader, &path).await.0, 404);
    for list in ["/news", "/categories/marketing", "/"] {
        let (_, page) = app.page(&reader, list).await;
        assert!(!page.contains(title), "{list} no longer lists it");
    }
    assert_eq!(
        app.page(&reader, "/tags/hiring").await.0,
        404,
        "the tag has no public article left"
    );
    let errors = field_errors(publish_article(&app, &editor, &id, "next tuesday").await).await;
    assert!(errors.iter().any(|(f, _)| f == "publish_at"), "{errors:?}");
}

#[tokio::test]
async fn companies_submit_stories_that_editors_review() {
    let app = TestApp::spawn().await;
    let (owner, editor, company) = company_with_moderator(&app).await;
    let reader = app.client();
    let title = "Acme Health opens a Leeds studio";
    let mut form = article_form(title);
    form.push(("company_id".into(), company.clone()));
    let id = draft_article(&app, &owner, &form).await;
    let path = format!("/news/{}", slug_of(title));
    // The company is what the story is about.
    assert_eq!(
        app.scalar("select count(*) from article_companies where article_id = cast($1 as bigint) and relation = 'about'", &[&id])
            .await,
        1
    );

    // Nobody else may change it, and nobody may write for a company they are not in.
    let stranger = app.user("stranger@example.com", "seeker").await;
    let update = |client: &Client| {
        let form = with(
            &article_form(title),
            "form[standfirst]",
            "Changed by someone else entirely, which must fail.",
        );
        let mut form = form;
        form.push(("article_id".into(), id.clone()));
        let client = client.clone();
        let app = &app;
        async move {
            app.call(&client, "articles/update", &pairs(&form))
                .await
                .status()
        }
    };
    assert_eq!(update(&stranger).await, StatusCode::FORBIDDEN);
    let mut other = article_form("Not my company");
    other.push(("company_id".into(), company.clone()));
    assert_eq!(
        app.call(&stranger, "articles/create", &pairs(&other))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            &stranger,
            "articles/create",
            &pairs(&article_form("No company at all"))
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    // A company member cannot publish their own story.
    assert_eq!(
        publish_article(&app, &owner, &id, "").await.status(),
        StatusCode::FORBIDDEN
    );

    // Submitted, it waits on the editors' desk; a rejection needs a reason.
    assert_eq!(
        app.call(&owner, "articles/submit", &[("article_id", &id)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(app.page(&reader, &path).await.0, 404);
    let (_, desk) = app.page(&editor, "/news/desk").await;
    assert!(desk.contains(title) && desk.contains("Waiting for review"));
    let errors = field_errors(
        app.call(
            &editor,
            "articles/reject",
            &[("article_id", &id), ("reason", "")],
        )
        .await,
    )
    .await;
    assert!(errors.iter().any(|(f, _)| f == "reason"), "{errors:?}");
    let rejected = app
        .call(
            &editor,
            "articles/reject",
            &[("article_id", &id), ("reason", "incomplete")],
        )
        .await;
    assert_eq!(rejected.status(), StatusCode::OK);
    // Deciding twice is refused clearly.
    let again = app
        .call(
            &editor,
            "articles/reject",
            &[("article_id", &id), ("reason", "spam")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, mine) = app.page(&owner, &format!("{path}/edit")).await;
    assert!(
        mine.contains("Not accepted") && mine.contains("Incomplete: important details are missing")
    );

    // Corrected and resubmitted, the editor publishes it; then only editors may change it.
    assert_eq!(update(&owner).await, StatusCode::OK);
    assert_eq!(
        app.call(&owner, "articles/submit", &[("article_id", &id)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        publish_article(&app, &editor, &id, "").await.status(),
        StatusCode::OK
    );
    assert_eq!(app.page(&reader, &path).await.0, 200);
    assert_eq!(update(&owner).await, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn typed_links_show_on_both_sides_and_in_the_hubs() {
    let app = TestApp::spawn().await;
    let (owner, editor, company) = company_with_moderator(&app).await;
    let other = app.user("owner@bright.example", "seeker").await;
    let bright = with(
        &company_form("Bright Data Labs"),
        "form[website]",
        "https://bright.example",
    );
    assert_eq!(create(&app, &other, &bright).await.status(), StatusCode::OK);
    approve(&app, &editor, &company_id(&app, "bright-data-labs").await).await;
    // An open job at Acme.
    app.exec(
        "insert into jobs (company_id, slug, title, description, description_html, description_text, company_name, \
         company_listed, employment_type, seniority, sector, workplace, remote_eligibility, salary_kind, closes_on, \
         apply, status, published_at, created_at, updated_at, salary_band) \
         select id, 'medical-writer', 'Medical Writer', 'd', 'd', 'd', name, 1, 'full-time', 'mid', 'marketing', \
         'on-site', '', 'hidden', 30000, 'https://acme.example/apply', 'published', 1, 1, 1, 'undisclosed' \
         from companies where slug = 'acme-health'",
        &[],
    )
    .await;
    let job = app
        .scalar("select id from jobs where title = 'Medical Writer'", &[])
        .await
        .to_string();
    app.exec(
        "insert into job_locations (job_id, position, city, region, country) values (cast($1 as bigint), 0, 'Leeds', '', 'United Kingdom')",
        &[&job],
    )
    .await;

    let title = "Acme and Bright team up on patient leaflets";
    let form = with(&article_form(title), "form[about]", "Acme Health");
    let form = with(&form, "form[mentions]", "/companies/bright-data-labs");
    let form = with(&form, "form[jobs]", &format!("/jobs/{job}-medical-writer"));
    let id = draft_article(&app, &editor, &form).await;
    assert_eq!(
        publish_article(&app, &editor, &id, "").await.status(),
        StatusCode::OK
    );
    let reader = app.client();

    let (status, page) = app
        .page(&reader, &format!("/news/{}", slug_of(title)))
        .await;
    assert_eq!(status, 200);
    for expected in [
        "Companies in this story",
        "Acme Health",
        "Bright Data Labs",
        "Jobs in this story",
        "Medical Writer",
        "From: ",
        "/tags/remote-work",
        "application/ld+json",
        "\"about\":[{\"@id\":\"http://127.0.0.1:3999/companies/acme-health#organization\"",
        "companies/bright-data-labs#organization",
        "og:title",
        "twitter:card",
    ] {
        assert!(page.contains(expected), "the article page shows {expected}");
    }
    let (_, profile) = app.page(&reader, "/companies/acme-health").await;
    assert!(profile.contains("In the news") && profile.contains(title));
    assert!(
        profile.contains("acme-health#organization"),
        "the profile's Organization has the id the article names"
    );
    let (_, mentioned) = app.page(&reader, "/companies/bright-data-labs").await;
    assert!(mentioned.contains(title));
    let (status, hub) = app.page(&reader, "/tags/remote-work").await;
    assert_eq!(status, 200);
    assert!(hub.contains(title) && hub.contains("Acme Health") && hub.contains("Medical Writer"));
    let (_, category) = app.page(&reader, "/categories/marketing").await;
    assert!(category.contains(title) && category.contains("Medical Writer"));
    assert_eq!(app.page(&reader, "/tags/no-such-tag").await.0, 404);
    assert_eq!(
        app.page(&reader, "/categories/no-such-category").await.0,
        404
    );
    drop(owner);
    let _ = company;
}

#[tokio::test]
async fn markdown_renders_inert() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@example.com", "moderator").await;
    let body = "Safe text here for the article body, which is long enough.\n\n\
        <script>alert('x')</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n\
        [click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and \
        <img src=x onerror=alert(2)> and [fine](https://www.example.org/)";
    let title = "A story that tries to run scripts";
    let form = with(&article_form(title), "form[body]", body);
    let id = draft_article(&app, &editor, &form).await;
    assert_eq!(
        publish_article(&app, &editor, &id, "").await.status(),
        StatusCode::OK
    );
    let (_, page) = app
        .page(&app.client(), &format!("/news/{}", slug_of(title)))
        .await;
    let article = &page[page.find("id=\"article-title\"").unwrap()..];
    for bad in [
        "<script>alert",
        "<iframe",
        "javascript:",
        "data:text/html",
        "onerror",
    ] {
        assert!(!article.contains(bad), "{bad} was rendered");
    }
    assert!(article.contains("href=\"https://www.example.org/\""));
}

#[tokio::test]
async fn pictures_need_their_text_alternative_and_infographics_need_a_picture() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@example.com", "moderator").await;
    let title = "Vacancies by month";
    let form = with(&article_form(title), "form[kind]", "infographic");
    let form = with(
        &form,
        "form[data_text]",
        "January 120 vacancies, February 150, March 180.",
    );
    let id = draft_article(&app, &editor, &form).await;
    let edit = format!("/news/{}/edit", slug_of(title));

    // No picture yet: the infographic cannot be published.
    let errors = field_errors(publish_article(&app, &editor, &id, "").await).await;
    assert!(
        errors
            .iter()
            .any(|(f, m)| f == "publish_at" && m.contains("image")),
        "{errors:?}"
    );

    let png = server::demo_art::generate_chart(
        "Sites opened by region",
        &[("North", 120), ("Midlands", 150), ("South", 180)],
        "",
    );
    let upload = |alt: &str| {
        multipart::Form::new()
            .text("article_id", id.clone())
            .text("image_alt", alt.to_owned())
            .part(
                "image",
                multipart::Part::bytes(png.clone())
                    .file_name("chart.png")
                    .mime_str("image/png")
                    .unwrap(),
            )
    };
    let send = |form: multipart::Form| {
        editor
            .post(app.url("/uploads/article-image"))
            .header("sec-fetch-site", "same-origin")
            .multipart(form)
            .send()
    };
    let refused = send(upload("")).await.unwrap();
    assert!(refused.status().is_redirection());
    let (_, page) = app.page(&editor, &edit).await;
    assert!(
        page.contains("a description of the image"),
        "the missing alternative is named next to its field"
    );
    assert_eq!(
        app.scalar("select count(*) from article_images", &[]).await,
        0
    );

    let accepted = send(upload(
        "Bar chart of vacancies rising from January to March",
    ))
    .await
    .unwrap();
    assert!(accepted.status().is_redirection());
    assert_eq!(
        app.scalar("select count(*) from article_images", &[]).await,
        2
    );
    // Not public yet: the picture is the editors' only.
    let picture = format!("/article-images/{id}/1/wide");
    assert_eq!(
        app.client()
            .get(app.url(&picture))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        publish_article(&app, &editor, &id, "").await.status(),
        StatusCode::OK
    );
    let response = app.client().get(app.url(&picture)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let (_, gallery) = app.page(&app.client(), "/infographics").await;
    assert!(gallery.contains(title));
    let (_, page) = app
        .page(&app.client(), &format!("/news/{}", slug_of(title)))
        .await;
    assert!(page.contains("The data in words") && page.contains("February 150"));
    assert!(page.contains("alt=\"Bar chart of vacancies rising from January to March\""));
}

/// The titles of a feed's entries, parsed with a feed-reading library.
async fn feed_titles(app: &TestApp, path: &str) -> Vec<String> {
    let response = app.client().get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let bytes = response.bytes().await.unwrap();
    let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{path} parses: {e}"));
    feed.entries
        .into_iter()
        .map(|e| e.title.map(|t| t.content).unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn feeds_and_the_sitemap_hold_exactly_the_public_items() {
    let app = TestApp::spawn().await;
    let (owner, editor, company) = company_with_moderator(&app).await;
    let published = "Published story about hiring";
    let scheduled = "Scheduled story about hiring";
    let drafted = "Draft story about hiring";
    let submitted = "Submitted story about hiring";
    let id = draft_article(&app, &editor, &article_form(published)).await;
    publish_article(&app, &editor, &id, "").await;
    let id = draft_article(&app, &editor, &article_form(scheduled)).await;
    publish_article(&app, &editor, &id, &moment_in(86_400)).await;
    draft_article(&app, &editor, &article_form(drafted)).await;
    let mut form = article_form(submitted);
    form.push(("company_id".into(), company));
    let id = draft_article(&app, &owner, &form).await;
    app.call(&owner, "articles/submit", &[("article_id", &id)])
        .await;

    for path in [
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/tags/hiring.rss",
        "/feeds/tags/remote-work.atom",
        "/feeds/categories/marketing.atom",
    ] {
        assert_eq!(
            feed_titles(&app, path).await,
            vec![published.to_owned()],
            "{path}"
        );
    }
    assert!(
        feed_titles(&app, "/feeds/categories/healthcare.rss")
            .await
            .is_empty()
    );
    let missing = app
        .client()
        .get(app.url("/feeds/tags/nothing.rss"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // Jobs feeds: any search, and a company's jobs.
    app.exec(
        "insert into jobs (company_id, slug, title, description, description_html, description_text, company_name, \
         company_listed, employment_type, seniority, sector, workplace, remote_eligibility, salary_kind, closes_on, \
         apply, status, published_at, closed_at, created_at, updated_at, salary_band) \
         select id, replace(lower(t.title), ' ', '-'), t.title, 'd', 'd', 'd', name, 1, 'full-time', 'mid', 'marketing', 'on-site', '', \
         'hidden', 30000, 'https://acme.example/apply', t.status, 1, t.closed, 1, 1, 'undisclosed' from companies, \
         (select 'Open Writer' as title, 'published' as status, null as closed \
          union all select 'Filled Writer', 'filled', 1) t where slug = 'acme-health'",
        &[],
    )
    .await;
    assert_eq!(
        feed_titles(&app, "/feeds/companies/acme-health.atom").await,
        vec!["Open Writer at Acme Health".to_owned()]
    );
    assert_eq!(
        feed_titles(&app, "/feeds/jobs.rss?sector=marketing").await,
        vec!["Open Writer at Acme Health".to_owned()]
    );
    assert!(
        feed_titles(&app, "/feeds/jobs.rss?sector=healthcare")
            .await
            .is_empty()
    );

    // The sitemap index names every sitemap; together they list only public pages.
    let client = app.client();
    let index = client
        .get(app.url("/sitemap.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut all = String::new();
    for loc in index.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap();
        let path = url.trim_start_matches("http://127.0.0.1:3999");
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        all.push_str(&response.text().await.unwrap());
    }
    assert!(all.contains(&format!("/news/{}<", slug_of(published))));
    for hidden in [scheduled, drafted, submitted] {
        assert!(!all.contains(&slug_of(hidden)), "{hidden} is not listed");
    }
    assert!(all.contains("/companies/acme-health<"));
    assert!(all.contains("-open-writer<") && !all.contains("-filled-writer<"));
    assert!(all.contains("/tags/hiring<") && all.contains("/categories/marketing<"));
    let robots = client
        .get(app.url("/robots.txt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(robots.contains("Sitemap: http://127.0.0.1:3999/sitemap.xml"));
}

#[tokio::test]
async fn writing_functions_refuse_strangers() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@example.com", "moderator").await;
    let id = draft_article(
        &app,
        &editor,
        &article_form("A draft nobody else may touch"),
    )
    .await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    let anonymous = app.client();
    let article = [("article_id", id.as_str())];
    let form = {
        let mut form = article_form("A draft nobody else may touch");
        form.push(("article_id".into(), id.clone()));
        form
    };
    let sneaky = article_form("Sneaky");
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("articles/create", pairs(&sneaky)),
        ("articles/update", pairs(&form)),
        (
            "articles/publish",
            vec![("article_id", &id), ("publish_at", "")],
        ),
        ("articles/unpublish", article.to_vec()),
        ("articles/submit", article.to_vec()),
        (
            "articles/reject",
            vec![("article_id", &id), ("reason", "spam")],
        ),
        (
            "articles/edit-data",
            vec![("slug", "a-draft-nobody-else-may-touch")],
        ),
        ("articles/desk", vec![]),
        ("articles/writer", vec![]),
        ("articles/link-targets", vec![("q", "acme")]),
    ];
    for (endpoint, args) in &calls {
        let status = app.call(&anonymous, endpoint, args).await.status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint} as anonymous");
        let status = app.call(&seeker, endpoint, args).await.status();
        assert!(
            status == StatusCode::FORBIDDEN
                || (*endpoint == "articles/desk" && status == StatusCode::OK),
            "{endpoint} as a seeker: {status}"
        );
    }
    // A seeker's desk is their own: empty.
    let desk = app
        .call(&seeker, "articles/desk", &[])
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(desk, "[]");
    assert_eq!(
        app.scalar("select count(*) from articles where status = 'draft'", &[])
            .await,
        1
    );
}

/// The writer's links above the news list depend on who is signed in, which the page loads at the same time: they
/// must be there for a writer on every render, whichever of the two loads first.
#[tokio::test]
async fn an_editor_always_gets_the_writer_links_on_the_news_page() {
    let app = TestApp::spawn().await;
    let editor = app.user("editor@hubboard.example", "moderator").await;
    for round in 0..30 {
        let (status, page) = app.page(&editor, &format!("/news?round={round}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Write an article"), "round {round}");
    }
    let (_, visitor) = app.page(&app.client(), "/news").await;
    assert!(!visitor.contains("Write an article"));
}
