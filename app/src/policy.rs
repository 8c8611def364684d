//! Who may do what. Every rule of access is one line of [`allows`], read top to bottom: the server functions, the
//! upload and download handlers and the authorisation test all ask it, so a rule changes in one place.
//!
//! A rule looks at two things: the account's role on the site (none for a visitor) and its standing towards the
//! listing in question (a member or the owner of its company's team, or the writer of a company's story). Which
//! listing, and so which standing, is for the caller to find out; what that standing allows is decided here.

use hubboard::Role;

use crate::error::AppError;

/// What an account is to the listing an action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Nothing in particular: someone outside the company's team, or an action about no listing.
    Outsider,
    /// A member of the company's team (for a job, of its company's; for writing stories, of any approved company's).
    Member,
    /// The owner of the company's team.
    Owner,
    /// The account that wrote a company's story.
    Writer,
}

impl Standing {
    fn on_team(self) -> bool {
        matches!(self, Standing::Member | Standing::Owner)
    }
}

/// The standing of someone with this place on a company's team (none: not on it).
#[cfg(feature = "ssr")]
impl From<Option<crate::backend::companies::MemberRole>> for Standing {
    fn from(role: Option<crate::backend::companies::MemberRole>) -> Self {
        match role {
            Some(crate::backend::companies::MemberRole::Owner) => Standing::Owner,
            Some(_) => Standing::Member,
            None => Standing::Outsider,
        }
    }
}

/// Everything that not everyone may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Whatever an account does for itself: add a company, save jobs, see its dashboard, change its password.
    UseAccount,
    /// See a company or job that is not listed (waiting for review, refused, suspended, closed).
    SeeUnlisted,
    /// Edit a company's profile and logo, post and manage its jobs, verify its domain.
    WorkForCompany,
    /// Invite and remove members, hand the company to another member.
    ManageTeam,
    /// Vouch for a company's website domain: its team (with an address there) or the staff.
    VerifyCompany,
    /// Write stories for the news desk.
    WriteStories,
    /// See and change a story that is not public.
    EditStory,
    /// Publish, schedule, refuse or take back a story; feature jobs.
    Edit,
    /// Work the moderation queues: decide on listings and edits, answer reports, read the audit log, refuse
    /// domains, keep the search synonyms.
    Moderate,
    /// Accounts and roles, suspensions, the site's settings and exchange rates.
    Administer,
}

/// The rules: whether an account with `role` (none: a visitor) and `standing` may do `action`.
pub fn allows(role: Option<Role>, standing: Standing, action: Action) -> bool {
    // Nothing here is for visitors: everything they may do needs no rule.
    let Some(role) = role else {
        return false;
    };
    let staff = role.can_moderate();
    match action {
        Action::UseAccount => true,
        Action::SeeUnlisted => standing.on_team() || staff,
        Action::WorkForCompany => standing.on_team(),
        Action::ManageTeam => standing == Standing::Owner,
        Action::VerifyCompany => standing.on_team() || staff,
        Action::WriteStories => standing.on_team() || staff,
        Action::EditStory => standing == Standing::Writer || staff,
        Action::Edit | Action::Moderate => staff,
        Action::Administer => role == Role::Admin,
    }
}

/// [`allows`] as an answer: let through, or turned away with 401 (not signed in) or 403 (signed in, not allowed).
pub fn check(role: Option<Role>, standing: Standing, action: Action) -> Result<(), AppError> {
    match role {
        None => Err(AppError::Unauthorized),
        Some(_) if allows(role, standing, action) => Ok(()),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// [`allows`] for something whose very existence is private: what may not be seen is not found.
pub fn reveal(role: Option<Role>, standing: Standing, action: Action) -> Result<(), AppError> {
    if allows(role, standing, action) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The signed-in account, if the rules let it do `action`, which is about no listing in particular; else 401 or 403.
#[cfg(feature = "ssr")]
pub async fn signed_in_for(action: Action) -> Result<crate::backend::users::User, AppError> {
    let user = crate::backend::current_user().await?;
    check(user.as_ref().map(|u| u.role), Standing::Outsider, action)?;
    user.ok_or(AppError::Unauthorized)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [Option<Role>; 4] = [
        None,
        Some(Role::Seeker),
        Some(Role::Moderator),
        Some(Role::Admin),
    ];

    #[test]
    fn visitors_may_do_nothing_that_needs_a_rule_and_admins_all_that_staff_may() {
        let actions = [
            Action::UseAccount,
            Action::SeeUnlisted,
            Action::WorkForCompany,
            Action::ManageTeam,
            Action::VerifyCompany,
            Action::WriteStories,
            Action::EditStory,
            Action::Edit,
            Action::Moderate,
            Action::Administer,
        ];
        let standings = [
            Standing::Outsider,
            Standing::Member,
            Standing::Owner,
            Standing::Writer,
        ];
        for action in actions {
            for standing in standings {
                assert!(!allows(None, standing, action), "{action:?}");
                assert_eq!(check(None, standing, action), Err(AppError::Unauthorized));
                if allows(Some(Role::Moderator), standing, action) {
                    assert!(allows(Some(Role::Admin), standing, action), "{action:?}");
                }
                // A standing only ever adds: an owner may all a member may.
                if allows(Some(Role::Seeker), Standing::Member, action) {
                    assert!(allows(Some(Role::Seeker), Standing::Owner, action));
                }
            }
        }
    }

    #[test]
    fn the_team_works_for_its_company_and_the_staff_watch_over_it() {
        let seeker = Some(Role::Seeker);
        assert!(allows(seeker, Standing::Member, Action::WorkForCompany));
        assert!(!allows(seeker, Standing::Member, Action::ManageTeam));
        assert!(allows(seeker, Standing::Owner, Action::ManageTeam));
        // Staff see what waits for them but do not act for the company.
        for role in ROLES.into_iter().skip(2) {
            assert!(allows(role, Standing::Outsider, Action::SeeUnlisted));
            assert!(!allows(role, Standing::Outsider, Action::WorkForCompany));
        }
        assert!(!allows(seeker, Standing::Outsider, Action::SeeUnlisted));
        assert_eq!(
            reveal(seeker, Standing::Outsider, Action::SeeUnlisted),
            Err(AppError::NotFound)
        );
        assert_eq!(
            check(seeker, Standing::Writer, Action::Edit),
            Err(AppError::Forbidden)
        );
        assert!(allows(seeker, Standing::Writer, Action::EditStory));
        assert!(!allows(
            Some(Role::Moderator),
            Standing::Outsider,
            Action::Administer
        ));
    }
}
