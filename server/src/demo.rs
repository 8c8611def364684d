//! Demo content for `serve --demo` and `seed-demo`: invented companies with generated logos, so a fresh site
//! looks alive. Loading twice adds nothing new.

use app::server::{
    companies::{self, Status},
    db::Db,
    logos, users,
};
use hubboard::{
    Email,
    company::{CompanyInput, CompanyProfile},
};

use crate::demo_companies::{DEMO_COMPANIES, DemoCompany};

/// The demo account that owns the demo companies.
pub const COMPANY_OWNER: &str = "company@hubboard.test";

fn profile(company: &DemoCompany) -> anyhow::Result<CompanyProfile> {
    CompanyInput {
        name: company.name.to_owned(),
        slug: String::new(),
        tagline: company.tagline.to_owned(),
        description: company.description.to_owned(),
        website: company.website.to_owned(),
        contact_email: company.contact_email.to_owned(),
        city: company.city.to_owned(),
        country: company.country.to_owned(),
        size: company.size.to_owned(),
        sectors: company.sectors.iter().map(|s| (*s).to_owned()).collect(),
        socials: company.socials.join("\n"),
    }
    .parse()
    .map_err(|errors| anyhow::anyhow!("demo company {} is invalid: {errors}", company.name))
}

/// Adds the demo companies that are missing, approved, with logos; every third one verified. Returns how many
/// were added.
pub async fn seed_companies(db: &Db) -> anyhow::Result<usize> {
    let owner = users::credentials_by_email(db, &Email::parse(COMPANY_OWNER)?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo company account is missing"))?
        .user;
    let mut added = 0;
    for (index, company) in DEMO_COMPANIES.iter().enumerate() {
        let profile = profile(company)?;
        if companies::by_slug(db, profile.slug.as_str())
            .await?
            .is_some()
        {
            continue;
        }
        let id = companies::create(db, &profile, owner.id).await?;
        companies::decide(db, id, Status::Approved, None, None).await?;
        let png = logos::generate_demo(company.name);
        let renditions = tokio::task::spawn_blocking(move || logos::process(&png)).await??;
        companies::set_logo(db, id, &renditions).await?;
        if index % 3 == 0 {
            companies::set_verified(db, id, Some(&profile.website.domain())).await?;
        }
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_company_passes_the_checks_every_user_faces() {
        for company in DEMO_COMPANIES {
            let profile = profile(company).unwrap();
            assert!(!profile.slug.as_str().is_empty());
        }
    }
}
