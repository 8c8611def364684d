//! The shared taxonomy of sectors: companies, jobs and articles are all filed under these.

use crate::DomainError;

/// One sector of the industry the site covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sector {
    /// The stable key, used in URLs and stored in the database.
    pub slug: &'static str,
    /// What people read.
    pub name: &'static str,
}

/// Every sector, in the order menus list them.
pub const SECTORS: &[Sector] = &[
    Sector {
        slug: "biotechnology",
        name: "Biotechnology",
    },
    Sector {
        slug: "clinical-research",
        name: "Clinical research",
    },
    Sector {
        slug: "consultancy",
        name: "Consultancy",
    },
    Sector {
        slug: "digital-health",
        name: "Digital health",
    },
    Sector {
        slug: "healthcare",
        name: "Healthcare",
    },
    Sector {
        slug: "market-access",
        name: "Market access",
    },
    Sector {
        slug: "market-research",
        name: "Market research",
    },
    Sector {
        slug: "marketing",
        name: "Marketing",
    },
    Sector {
        slug: "medical-communications",
        name: "Medical communications",
    },
    Sector {
        slug: "medical-devices",
        name: "Medical devices",
    },
    Sector {
        slug: "pharmaceuticals",
        name: "Pharmaceuticals",
    },
    Sector {
        slug: "public-sector",
        name: "Public sector",
    },
    Sector {
        slug: "recruitment",
        name: "Recruitment",
    },
    Sector {
        slug: "regulatory-affairs",
        name: "Regulatory affairs",
    },
];

/// At most this many sectors per company or job, so filing under everything is not a way to show up everywhere.
pub const MAX_SECTORS: usize = 5;

impl Sector {
    /// The sector with this slug.
    pub fn find(slug: &str) -> Option<Sector> {
        SECTORS.iter().copied().find(|s| s.slug == slug)
    }

    /// Checks a list of chosen sector slugs for the form field `field`: at least one, at most [`MAX_SECTORS`],
    /// each known. Duplicates are dropped and the order of [`SECTORS`] kept.
    pub fn parse_list(field: &'static str, slugs: &[String]) -> Result<Vec<Sector>, DomainError> {
        if let Some(unknown) = slugs.iter().find(|s| Sector::find(s).is_none()) {
            return Err(DomainError::new(
                field,
                format!(
                    "“{}” is not one of the sectors listed.",
                    unknown.chars().take(40).collect::<String>()
                ),
            ));
        }
        let chosen: Vec<Sector> = SECTORS
            .iter()
            .copied()
            .filter(|s| slugs.iter().any(|c| c == s.slug))
            .collect();
        if chosen.is_empty() {
            return Err(DomainError::new(field, "Choose at least one sector."));
        }
        if chosen.len() > MAX_SECTORS {
            return Err(DomainError::new(
                field,
                format!("Choose at most {MAX_SECTORS} sectors: the ones that describe you best."),
            ));
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_url_safe() {
        for (i, a) in SECTORS.iter().enumerate() {
            assert!(
                a.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                a.slug
            );
            assert!(
                SECTORS[i + 1..].iter().all(|b| b.slug != a.slug),
                "{}",
                a.slug
            );
        }
    }

    #[test]
    fn lists_are_checked_deduplicated_and_ordered() {
        let list = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let chosen =
            Sector::parse_list("sectors", &list(&["marketing", "healthcare", "marketing"]))
                .unwrap();
        assert_eq!(
            chosen.iter().map(|s| s.slug).collect::<Vec<_>>(),
            ["healthcare", "marketing"]
        );
        assert!(Sector::parse_list("sectors", &[]).is_err());
        assert!(Sector::parse_list("sectors", &list(&["knitting"])).is_err());
        let six: Vec<String> = SECTORS[..6].iter().map(|s| s.slug.to_owned()).collect();
        assert!(Sector::parse_list("sectors", &six).is_err());
    }
}
