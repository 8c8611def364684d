//! The company directory: adding and editing companies, the public directory and profiles, teams, verification
//! and the moderators' decision.

use hubboard::company::CompanyInput;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::backend::{
    self,
    companies::{self as store, MemberRole, Status},
    users::User,
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    moderation::decide,
    policy::{self, Action, Standing},
};
#[cfg(feature = "ssr")]
use hubboard::{
    DomainError, Email, FieldErrors,
    moderation::{Decision, Queue},
};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// Where a company stands, in the words its team and moderators see.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "approved" => "Listed",
        "pending" => "Waiting for review",
        "rejected" => "Not approved",
        "suspended" => "Suspended",
        _ => "Unknown",
    }
}

/// A team's change to a published listing (its company profile or one of its jobs) that waits for review, or
/// that a moderator refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditState {
    /// `pending` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub note: String,
}

/// Companies on one page of the directory.
pub const PAGE_SIZE: u32 = 20;

/// A company as a line of a list: the directory, the dashboard, the sidebar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCard {
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub city: String,
    pub country: String,
    /// Sector slugs; names come from [`hubboard::Sector::find`].
    pub sectors: Vec<String>,
    pub verified: bool,
    /// The address of the 128-pixel logo.
    pub logo: Option<String>,
    /// `pending`, `approved`, `rejected` or `suspended`.
    pub status: String,
    pub decision_reason: Option<String>,
    /// `owner` or `editor` on the dashboard; empty elsewhere.
    pub role: String,
}

/// What the directory was asked for, as in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sector: String,
    /// A country, or `City, Country`.
    #[serde(default)]
    pub location: String,
    /// `A`–`Z` or `#`.
    #[serde(default)]
    pub letter: String,
    /// `1`: only companies with open jobs.
    #[serde(default)]
    pub hiring: String,
    #[serde(default)]
    pub page: u32,
}

/// One choice of the location filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationChoice {
    pub value: String,
    pub label: String,
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub cards: Vec<CompanyCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub letters: Vec<char>,
    pub locations: Vec<LocationChoice>,
}

/// A team member as the team panel shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub email: String,
    pub role: String,
    pub is_you: bool,
}

/// An invitation not yet used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: i64,
    pub email: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A company profile with what the viewer may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub tagline: String,
    /// Sanitised on the server when saved; safe to insert as HTML.
    pub description_html: String,
    /// Plain text of the description's start, for meta tags.
    pub summary: String,
    pub website: String,
    pub website_domain: String,
    pub contact_email: String,
    pub city: String,
    pub country: String,
    pub size: String,
    pub sectors: Vec<String>,
    pub socials: Vec<String>,
    pub verified_domain: Option<String>,
    pub status: String,
    pub decision_reason: Option<String>,
    pub logo: Option<String>,
    pub logo_large: Option<String>,
    pub cover: Option<Cover>,
    /// What the company does, one item each.
    pub services: Vec<String>,
    pub benefits: Vec<String>,
    pub offices: Vec<String>,
    /// The viewer is in the company's team.
    pub can_edit: bool,
    /// The viewer owns the company.
    pub can_manage: bool,
    pub can_moderate: bool,
    /// The profile's absolute address, for search engines and shared links.
    pub page_url: String,
    /// The absolute address of the large logo.
    pub logo_url_absolute: Option<String>,
}

/// The addresses of a company's cover, three times as wide as high.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cover {
    /// 1,200 pixels wide, or the upload's width if less.
    pub wide: String,
    /// 600 pixels wide.
    pub narrow: String,
}

impl Cover {
    pub fn of(company_id: i64, version: i64) -> Self {
        let url = |size: &str| format!("/covers/{company_id}/{version}/{size}");
        Self {
            wide: url("wide"),
            narrow: url("narrow"),
        }
    }
}

/// The answer for a company address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileLookup {
    Found(Box<Profile>),
    /// The company has a new address; the old one redirects there.
    Moved(String),
}

/// Everything the edit page needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditData {
    pub id: i64,
    pub slug: String,
    pub input: CompanyInput,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    /// A new name or description waiting for review, or refused: the form starts from it.
    pub edit: Option<EditState>,
    pub logo: Option<String>,
    pub cover: Option<Cover>,
    pub is_owner: bool,
    pub members: Vec<MemberView>,
    pub invitations: Vec<InvitationView>,
    pub verified_domain: Option<String>,
    pub website_domain: String,
    /// Whether the viewer's own email proves the website's domain (verified and at that domain).
    pub can_verify_by_email: bool,
}

/// A moderator's decision on a company.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DecisionForm {
    pub company_id: i64,
    /// `approve`, `reject`, `changes`, `suspend` or `restore`.
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// An owner's invitation of a new editor.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InviteForm {
    pub company_id: i64,
    pub email: String,
}

/// What an invitation link shows before it is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub company_name: String,
    pub company_slug: String,
    pub email: String,
    /// `open`, `used` or `expired`.
    pub state: String,
}

/// The address of a logo rendition.
pub fn logo_url(company_id: i64, version: i64, size: u32) -> String {
    format!("/logos/{company_id}/{version}/{size}.png")
}

#[cfg(feature = "ssr")]
pub(crate) fn card(listing: store::Listing, role: Option<MemberRole>) -> CompanyCard {
    CompanyCard {
        logo: listing.logo_version.map(|v| logo_url(listing.id, v, 128)),
        slug: listing.slug,
        name: listing.name,
        tagline: listing.tagline,
        city: listing.city,
        country: listing.country,
        sectors: listing.sectors.iter().map(|s| s.slug.to_owned()).collect(),
        verified: listing.verified,
        status: listing.status.as_str().to_owned(),
        decision_reason: listing.decision_reason,
        role: role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
    }
}

/// The directory page asked for by `query`.
#[server(endpoint = "companies/directory")]
pub async fn directory_page(query: DirectoryQuery) -> Result<Directory, AppError> {
    let mut filter = store::Filter {
        text: query.q.chars().take(200).collect(),
        sector: hubboard::Sector::find(&query.sector),
        hiring: query.hiring == "1",
        ..store::Filter::default()
    };
    let location = query.location.trim();
    if !location.is_empty() {
        match location.rsplit_once(", ") {
            Some((city, country)) => {
                filter.city = Some(city.to_owned());
                filter.country = Some(country.to_owned());
            }
            None => filter.country = Some(location.to_owned()),
        }
    }
    filter.initial = query
        .letter
        .chars()
        .next()
        .filter(|c| c.is_ascii_uppercase() || *c == '#');
    let page = query.page.max(1);
    let found = backend::cached(
        |c| &c.directory,
        format!("{filter:?} {page}"),
        |db| async move {
            let offset = i64::from((page - 1).min(10_000) * PAGE_SIZE);
            Ok(store::search(&db, &filter, i64::from(PAGE_SIZE), offset).await?)
        },
    )
    .await?;
    let (listings, total) = (found.0.clone(), found.1);
    let lists = backend::cached(
        |c| &c.filter_lists,
        (),
        |db| async move { Ok(store::filter_lists(&db).await?) },
    )
    .await?;
    let mut locations = Vec::new();
    let mut last_country = String::new();
    for (country, city, _) in lists.locations.iter().cloned() {
        if country != last_country {
            locations.push(LocationChoice {
                value: country.clone(),
                label: country.clone(),
            });
            last_country = country.clone();
        }
        locations.push(LocationChoice {
            value: format!("{city}, {country}"),
            label: format!("— {city}"),
        });
    }
    Ok(Directory {
        cards: listings.into_iter().map(|l| card(l, None)).collect(),
        total,
        page,
        pages: u32::try_from(total.max(0))
            .unwrap_or(u32::MAX)
            .div_ceil(PAGE_SIZE),
        letters: lists.initials.clone(),
        locations,
    })
}

/// The newest approved company, for the sidebar.
#[server(endpoint = "companies/spotlight")]
pub async fn spotlight() -> Result<Option<CompanyCard>, AppError> {
    let company = backend::cached(
        |c| &c.spotlight,
        (),
        |db| async move { Ok(store::spotlight(&db).await?) },
    )
    .await?;
    Ok(company.as_ref().clone().map(|l| card(l, None)))
}

/// The viewer's standing towards a company.
#[cfg(feature = "ssr")]
pub(crate) struct Access {
    pub(crate) user: Option<User>,
    pub(crate) role: Option<MemberRole>,
}

#[cfg(feature = "ssr")]
impl Access {
    pub(crate) async fn of(company_id: i64) -> Result<Self, AppError> {
        let user = backend::current_user().await?;
        let role = match &user {
            Some(user) => store::role_of(&backend::db()?, company_id, user.id).await?,
            None => None,
        };
        Ok(Self { user, role })
    }

    /// What the viewer is to the company's team.
    pub(crate) fn standing(&self) -> Standing {
        self.role.into()
    }

    /// Whether the rules let the viewer do `action` for this company.
    pub(crate) fn allows(&self, action: Action) -> bool {
        policy::allows(self.user.as_ref().map(|u| u.role), self.standing(), action)
    }

    /// The viewer's account, if the rules let it do `action` for this company; else 401 or 403.
    pub(crate) fn may(&self, action: Action) -> Result<&User, AppError> {
        policy::check(self.user.as_ref().map(|u| u.role), self.standing(), action)?;
        self.user.as_ref().ok_or(AppError::Unauthorized)
    }
}

/// A company's public profile. Companies not yet approved are shown only to their team and to moderators.
#[server(endpoint = "companies/profile")]
pub async fn company_profile(slug: String) -> Result<ProfileLookup, AppError> {
    let lookup = backend::cached(
        |c| &c.companies,
        slug.clone(),
        |db| async move { Ok(store::lookup(&db, &slug).await?) },
    )
    .await?;
    let company = match lookup.as_ref() {
        store::Lookup::Found(company) => company.as_ref().clone(),
        store::Lookup::Moved(current) => return Ok(ProfileLookup::Moved(current.clone())),
        store::Lookup::Missing => return Err(AppError::NotFound),
    };
    let access = Access::of(company.id).await?;
    if company.status != Status::Approved && !access.allows(Action::SeeUnlisted) {
        return Err(AppError::NotFound);
    }
    let website_domain = hubboard::company::WebUrl::parse("website", &company.website)
        .map(|u| u.domain())
        .unwrap_or_default();
    let site = backend::state()?.site_url;
    Ok(ProfileLookup::Found(Box::new(Profile {
        page_url: format!("{site}/companies/{}", company.slug),
        logo_url_absolute: company
            .logo_version
            .map(|v| format!("{site}{}", logo_url(company.id, v, 256))),
        id: company.id,
        summary: hubboard::markdown::summary(&company.description, 160),
        logo: company.logo_version.map(|v| logo_url(company.id, v, 128)),
        logo_large: company.logo_version.map(|v| logo_url(company.id, v, 256)),
        cover: company.cover_version.map(|v| Cover::of(company.id, v)),
        services: company.services,
        benefits: company.benefits,
        offices: company.offices,
        slug: company.slug,
        name: company.name,
        tagline: company.tagline,
        description_html: company.description_html,
        website: company.website,
        website_domain,
        contact_email: company.contact_email,
        city: company.city,
        country: company.country,
        size: company.size,
        sectors: company.sectors.iter().map(|s| s.slug.to_owned()).collect(),
        socials: company.socials,
        verified_domain: company.verified_domain,
        status: company.status.as_str().to_owned(),
        decision_reason: company.decision_reason,
        can_edit: access.allows(Action::WorkForCompany),
        can_manage: access.allows(Action::ManageTeam),
        can_moderate: access.allows(Action::Moderate),
    })))
}

#[cfg(feature = "ssr")]
fn write_error(error: store::WriteError) -> AppError {
    match error {
        store::WriteError::NameTaken => DomainError::new(
            "name",
            "A company with this name is already in the directory. If it is yours, ask its owner to invite you.",
        )
        .into(),
        store::WriteError::SlugTaken => DomainError::new(
            "slug",
            "Another company has or had this address. Choose another.",
        )
        .into(),
        store::WriteError::Db(e) => e.into(),
    }
}

#[cfg(feature = "ssr")]
async fn remember_company_form(path: &str, form: &CompanyInput) {
    let mut values: Vec<(String, String)> = vec![
        ("name".into(), form.name.clone()),
        ("slug".into(), form.slug.clone()),
        ("tagline".into(), form.tagline.clone()),
        ("description".into(), form.description.clone()),
        ("website".into(), form.website.clone()),
        ("contact_email".into(), form.contact_email.clone()),
        ("city".into(), form.city.clone()),
        ("country".into(), form.country.clone()),
        ("size".into(), form.size.clone()),
        ("socials".into(), form.socials.clone()),
        ("services".into(), form.services.clone()),
        ("benefits".into(), form.benefits.clone()),
        ("offices".into(), form.offices.clone()),
    ];
    values.extend(
        form.sectors
            .iter()
            .map(|s| ("sectors".to_owned(), s.clone())),
    );
    let refs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    backend::remember_form(path, &refs).await;
}

/// Adds a company to the directory, pending a moderator's approval, with the signed-in user as its owner. A form
/// sent again (`once`, see `backend::once`) is answered as the first time and adds nothing new.
#[server(endpoint = "companies/create")]
pub async fn create_company(form: CompanyInput, once: Option<String>) -> Result<(), AppError> {
    let result = async {
        let user = backend::require_user().await?;
        let db = backend::db()?;
        backend::once::once(&db, user.id, once.as_deref(), || async {
            let profile = form.parse().map_err(AppError::Invalid)?;
            backend::limit(&[(
                backend::rate_limit::COMPANIES_PER_ACCOUNT,
                &user.id.to_string(),
            )])
            .await?;
            let id = store::create(&db, &profile, user.id)
                .await
                .map_err(write_error)?;
            tracing::info!(user.id = user.id, company.id = id, "company added");
            Ok(format!(
                "/companies/{}/edit?notice=company-added",
                profile.slug
            ))
        })
        .await
    }
    .await;
    match result {
        Ok(place) => {
            leptos_axum::redirect(&place);
            Ok(())
        }
        Err(error) => {
            remember_company_form(CreateCompany::PATH, &form).await;
            Err(error)
        }
    }
}

/// The profile as its team edits it, with the team itself.
#[server(endpoint = "companies/edit-data")]
pub async fn company_for_edit(slug: String) -> Result<EditData, AppError> {
    let db = backend::db()?;
    let company = store::by_slug(&db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = Access::of(company.id).await?;
    let user = access.may(Action::WorkForCompany)?;
    let website_domain = hubboard::company::WebUrl::parse("website", &company.website)
        .map(|u| u.domain())
        .unwrap_or_default();
    let is_owner = access.allows(Action::ManageTeam);
    let members = store::members(&db, company.id).await?;
    let invitations = if is_owner {
        store::pending_invitations(&db, company.id).await?
    } else {
        Vec::new()
    };
    let revision = store::revision(&db, company.id).await?;
    let (name, slug, description) = match &revision {
        Some(r) => (r.name.clone(), r.slug.clone(), r.description.clone()),
        None => (
            company.name.clone(),
            company.slug.clone(),
            company.description.clone(),
        ),
    };
    Ok(EditData {
        id: company.id,
        logo: company.logo_version.map(|v| logo_url(company.id, v, 128)),
        cover: company.cover_version.map(|v| Cover::of(company.id, v)),
        edit: revision.map(|r| EditState {
            status: r.status,
            reason: r.decision_reason,
            note: r.decision_note,
        }),
        decision_note: company.decision_note.clone(),
        input: CompanyInput {
            name,
            slug,
            tagline: company.tagline,
            description,
            website: company.website,
            contact_email: company.contact_email,
            city: company.city,
            country: company.country,
            size: company.size,
            sectors: company.sectors.iter().map(|s| s.slug.to_owned()).collect(),
            socials: company.socials.join("\n"),
            services: company.services.join("\n"),
            benefits: company.benefits.join("\n"),
            offices: company.offices.join("\n"),
        },
        slug: company.slug,
        status: company.status.as_str().to_owned(),
        decision_reason: company.decision_reason,
        is_owner,
        members: members
            .into_iter()
            .map(|m| MemberView {
                is_you: m.user_id == user.id,
                user_id: m.user_id,
                email: m.email,
                role: m.role.as_str().to_owned(),
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationView {
                id: i.id,
                email: i.email,
                expires_at: i.expires_at,
            })
            .collect(),
        can_verify_by_email: proves_domain(user, &website_domain),
        verified_domain: company.verified_domain,
        website_domain,
    })
}

/// Whether `user`'s verified email address is at `domain` or one of its subdomains, and `domain` is one a company
/// may be verified for.
#[cfg(feature = "ssr")]
fn proves_domain(user: &User, domain: &str) -> bool {
    let email_domain = user.email.domain();
    user.email_verified_at.is_some()
        && !domain.is_empty()
        && backend::domains::refusal(domain).is_none()
        && (email_domain == domain || email_domain.ends_with(&format!(".{domain}")))
}

/// Saves a team member's changes to the profile.
#[server(endpoint = "companies/update")]
pub async fn update_company(company_id: i64, form: CompanyInput) -> Result<(), AppError> {
    let result = async {
        let access = Access::of(company_id).await?;
        let user = access.may(Action::WorkForCompany)?;
        let db = backend::db()?;
        let before = store::by_id(&db, company_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let profile = form.parse().map_err(AppError::Invalid)?;
        let saved = store::update(&db, &before, &profile, Some(user.id))
            .await
            .map_err(write_error)?;
        // A badge proves a domain: a new website domain must be proven again.
        let new_domain = profile.website.domain();
        if before
            .verified_domain
            .as_deref()
            .is_some_and(|d| d != new_domain)
        {
            store::set_verified(&db, company_id, None).await?;
        }
        tracing::info!(
            user.id = user.id,
            company.id = company_id,
            "company profile updated"
        );
        Ok(match saved {
            store::Saved::InPlace => {
                format!("/companies/{}/edit?notice=company-saved", profile.slug)
            }
            store::Saved::InReview => format!(
                "/companies/{}/edit?notice=company-edit-in-review",
                before.slug
            ),
        })
    }
    .await;
    match result {
        Ok(href) => {
            leptos_axum::redirect(&href);
            Ok(())
        }
        Err(error) => {
            remember_company_form(UpdateCompany::PATH, &form).await;
            Err(error)
        }
    }
}

/// Approves, rejects (with a reason), suspends or restores a company from its page. Moderators only.
#[server(endpoint = "companies/decide")]
pub async fn decide_company(form: DecisionForm) -> Result<(), AppError> {
    let user = policy::signed_in_for(Action::Moderate).await?;
    let decision = Decision::parse(&form.decision, &form.reason, &form.note)?;
    let decided = decide::item(&user, Queue::Companies, form.company_id, &decision).await?;
    tracing::info!(
        user.id = user.id,
        company.id = form.company_id,
        decision = decided.status,
        "company decided"
    );
    leptos_axum::redirect(&format!(
        "{}?notice=company-{}",
        decided.href, decided.status
    ));
    Ok(())
}

/// The companies of the signed-in user, for the dashboard.
#[server(endpoint = "companies/mine")]
pub async fn my_companies() -> Result<Vec<CompanyCard>, AppError> {
    let user = backend::require_user().await?;
    let db = backend::db()?;
    Ok(store::of_member(&db, user.id)
        .await?
        .into_iter()
        .map(|(listing, role)| card(listing, Some(role)))
        .collect())
}

/// Invites someone by email to edit the company: the link is mailed to them, and answered so that the owner can
/// also pass it on another way.
#[server(endpoint = "companies/invite")]
pub async fn invite_member(form: InviteForm) -> Result<String, AppError> {
    let access = Access::of(form.company_id).await?;
    let user = access.may(Action::ManageTeam)?;
    let db = backend::db()?;
    let email = Email::parse(&form.email).map_err(|e| AppError::Invalid(FieldErrors::from(e)));
    let email = match email {
        Ok(email) => email,
        Err(error) => {
            backend::remember_form(InviteMember::PATH, &[("email", &form.email)]).await;
            return Err(error);
        }
    };
    if store::members(&db, form.company_id)
        .await?
        .iter()
        .any(|m| m.email == email.as_str())
    {
        backend::remember_form(InviteMember::PATH, &[("email", &form.email)]).await;
        return Err(DomainError::new("email", "This person is already in the team.").into());
    }
    let company = store::by_id(&db, form.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // An invitation carries the company's name to any address: only a company a moderator has approved, from an
    // owner whose own address is proven, and never many to one person or from one person.
    if user.email_verified_at.is_none() {
        return Err(AppError::Refused(
            "Confirm your email address first: we sent you a link when you registered.".into(),
        ));
    }
    if company.status != store::Status::Approved {
        return Err(AppError::Refused(
            "You can invite your team once a moderator has approved the company.".into(),
        ));
    }
    backend::limit(&[
        (backend::rate_limit::INVITES_PER_OWNER, &user.id.to_string()),
        (backend::rate_limit::INVITES_PER_RECIPIENT, email.as_str()),
    ])
    .await?;
    let token = backend::passwords::random_token();
    let site = backend::state()?.site_url;
    let link = format!("{site}/invitations/{token}");
    let message = backend::mail::invitation(
        &site,
        email.as_str(),
        &company.name,
        user.email.as_str(),
        &link,
    );
    store::invite(
        &db,
        form.company_id,
        email.as_str(),
        &token,
        user.id,
        &message,
    )
    .await?;
    tracing::info!(
        user.id = user.id,
        company.id = form.company_id,
        "editor invited"
    );
    backend::remember_form(
        InviteMember::PATH,
        &[("link", &link), ("invited", email.as_str())],
    )
    .await;
    leptos_axum::redirect(&format!("/companies/{}/edit#team", company.slug));
    Ok(link)
}

/// Withdraws an invitation that has not been used.
#[server(endpoint = "companies/withdraw-invitation")]
pub async fn withdraw_invitation(company_id: i64, invitation_id: i64) -> Result<(), AppError> {
    Access::of(company_id).await?.may(Action::ManageTeam)?;
    let db = backend::db()?;
    if !store::withdraw_invitation(&db, company_id, invitation_id).await? {
        return Err(AppError::NotFound);
    }
    redirect_to_team(&db, company_id).await
}

#[cfg(feature = "ssr")]
async fn redirect_to_team(db: &backend::db::Db, company_id: i64) -> Result<(), AppError> {
    let company = store::by_id(db, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/companies/{}/edit#team", company.slug));
    Ok(())
}

/// Removes an editor from the team. Owners only; an owner hands over ownership before leaving.
#[server(endpoint = "companies/remove-member")]
pub async fn remove_member(company_id: i64, user_id: i64) -> Result<(), AppError> {
    let owner = Access::of(company_id).await?.may(Action::ManageTeam)?.id;
    if owner == user_id {
        return Err(AppError::Refused(
            "You own this company. Make another member the owner before you leave.".into(),
        ));
    }
    let db = backend::db()?;
    if !store::remove_editor(&db, company_id, user_id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(
        user.id = owner,
        company.id = company_id,
        member = user_id,
        "member removed"
    );
    redirect_to_team(&db, company_id).await
}

/// Makes an editor the owner; the current owner stays on as an editor.
#[server(endpoint = "companies/transfer")]
pub async fn transfer_ownership(company_id: i64, user_id: i64) -> Result<(), AppError> {
    let owner = Access::of(company_id).await?.may(Action::ManageTeam)?.id;
    let db = backend::db()?;
    if owner == user_id || !store::transfer_ownership(&db, company_id, owner, user_id).await? {
        return Err(AppError::Refused(
            "Only an editor of this company can become its owner.".into(),
        ));
    }
    tracing::info!(
        user.id = owner,
        company.id = company_id,
        new_owner = user_id,
        "ownership transferred"
    );
    redirect_to_team(&db, company_id).await
}

/// What an invitation link is about.
#[server(endpoint = "invitations/info")]
pub async fn invitation_details(token: String) -> Result<InvitationInfo, AppError> {
    let db = backend::db()?;
    let invitation = store::invitation(&db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let company = store::by_id(&db, invitation.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = if invitation.accepted_at.is_some() {
        "used"
    } else if invitation.expires_at <= backend::db::now() {
        "expired"
    } else {
        "open"
    };
    Ok(InvitationInfo {
        company_name: company.name,
        company_slug: company.slug,
        email: invitation.email,
        state: state.to_owned(),
    })
}

/// Joins the team an invitation is for. The signed-in account must have the invited address.
#[server(endpoint = "invitations/accept")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    let user = backend::require_user().await?;
    let db = backend::db()?;
    let invitation = store::invitation(&db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    if invitation.email != user.email.as_str() {
        return Err(AppError::Refused(format!(
            "This invitation is for {}. Sign in with that address to accept it.",
            invitation.email
        )));
    }
    if !store::accept_invitation(&db, invitation.id, user.id).await? {
        return Err(AppError::Refused(
            "This invitation has expired or was already used. Ask the company's owner for a new one.".into(),
        ));
    }
    let company = store::by_id(&db, invitation.company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(
        user.id = user.id,
        company.id = company.id,
        "invitation accepted"
    );
    leptos_axum::redirect(&format!("/companies/{}/edit?notice=joined", company.slug));
    Ok(())
}

/// Gives the company its verified badge: by a member's verified email at the website's domain, or by a
/// moderator who checked it another way.
#[server(endpoint = "companies/verify")]
pub async fn verify_company(company_id: i64) -> Result<(), AppError> {
    let access = Access::of(company_id).await?;
    let user = access.user.clone().ok_or(AppError::Unauthorized)?;
    let db = backend::db()?;
    let company = store::by_id(&db, company_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let domain = hubboard::company::WebUrl::parse("website", &company.website)
        .map(|u| u.domain())
        .map_err(|_| AppError::BadRequest)?;
    access.may(Action::VerifyCompany)?;
    // Not even a moderator can vouch for a domain anyone may have an address at.
    if let Some(refusal) = backend::domains::refusal(&domain) {
        return Err(AppError::Refused(refusal.to_owned()));
    }
    // Staff vouch for it; a member proves it with a confirmed address there.
    let by_member = access.allows(Action::WorkForCompany) && proves_domain(&user, &domain);
    if !by_member && !access.allows(Action::Moderate) {
        return Err(AppError::Refused(format!(
            "To verify {domain}, a member of the team needs a confirmed email address at {domain}."
        )));
    }
    store::set_verified(&db, company_id, Some(&domain)).await?;
    tracing::info!(
        user.id = user.id,
        company.id = company_id,
        domain,
        "company verified"
    );
    leptos_axum::redirect(&format!(
        "/companies/{}?notice=company-verified",
        company.slug
    ));
    Ok(())
}
