//! Which web domains a company may be verified for: a domain that belongs to one organisation, not a public suffix
//! (`co.uk`, `github.io`) and not a provider that gives anyone an address (`gmail.com`).

/// Providers that give anyone an address, one registrable domain a line.
const FREE_MAIL: &str = include_str!("free_mail_domains.txt");

/// Why a domain cannot carry a company's verified badge, in words for the company's team; `None` if it can.
pub fn refusal(domain: &str) -> Option<&'static str> {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    // The part of the name one registrant controls, by the Public Suffix List: none for a suffix itself.
    let Some(registrable) = psl::domain_str(&domain) else {
        return Some(
            "This address is a public suffix shared by many sites, so it cannot be verified.",
        );
    };
    if is_free_mail(registrable) {
        return Some(
            "Addresses at this domain are open to anyone, so they cannot verify a company.",
        );
    }
    None
}

/// Whether `domain` (a registrable domain) is a provider that gives anyone an address.
pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|line| line.trim() == domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_mail_and_public_suffixes_cannot_be_verified() {
        for domain in [
            "gmail.com",
            "mail.gmail.com",
            "outlook.com",
            "yahoo.co.uk",
            "proton.me",
            "co.uk",
            "com",
            "github.io",
            "blogspot.com",
        ] {
            assert!(refusal(domain).is_some(), "{domain}");
        }
    }

    #[test]
    fn a_companys_own_domain_can_be_verified() {
        for domain in [
            "acme-health.example.com",
            "acme.co.uk",
            "www.acme.co.uk",
            "acme.github.io",
        ] {
            assert_eq!(refusal(domain), None, "{domain}");
        }
    }

    #[test]
    fn the_free_mail_list_is_sorted_and_lower_case() {
        let entries: Vec<&str> = FREE_MAIL.lines().filter(|l| !l.starts_with('#')).collect();
        let mut sorted = entries.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(entries, sorted);
        assert!(
            entries
                .iter()
                .all(|e| *e == e.to_ascii_lowercase() && e.contains('.'))
        );
    }
}
