//! The facts searches filter, count and sort by, for every open job, in memory: one pass over a search's
//! matches (or over every open job) counts each facet and orders the hits.

use std::collections::HashMap;

use hubboard::{
    SECTORS,
    job::{EmploymentType, SALARY_BANDS, WorkplaceKind},
};
use tantivy::Score;

use super::{Filter, Found, Sort};
use crate::server::jobs::{Facets, POSTED_WITHIN_DAYS};

/// Countries listed in the country facet at most.
const COUNTRIES_SHOWN: usize = 60;

const FRESHNESS_HALF_LIFE_DAYS: f32 = 14.0;

/// The newest jobs score up to this much more, halving every [`FRESHNESS_HALF_LIFE_DAYS`].
const FRESHNESS_BOOST: f32 = 0.5;

/// What a search filters, counts and sorts an open job by.
#[derive(Clone, Debug)]
pub(super) struct Facts {
    pub(super) id: i64,
    pub(super) company_id: i64,
    pub(super) published_at: i64,
    pub(super) featured: Option<(i64, i64)>,
    pub(super) salary_yearly: Option<i64>,
    pub(super) sector: u8,
    pub(super) employment_type: u8,
    pub(super) workplace: u8,
    /// An index into [`SALARY_BANDS`], or [`NONE`].
    pub(super) salary_band: u8,
    /// Indexes into [`Table::countries`], each once: the first `country_count` (a job has at most five places).
    pub(super) countries: [u16; 5],
    pub(super) country_count: u8,
}

pub(super) const NONE: u8 = u8::MAX;

impl Facts {
    fn countries(&self) -> &[u16] {
        &self.countries[..usize::from(self.country_count)]
    }
}

/// Every open job's facts, in no order, with the orders searches without words page through.
#[derive(Default)]
pub(super) struct Table {
    rows: Vec<Facts>,
    /// Each job's place in `rows`, by job id ([`NO_SLOT`]: not open). Ids are dense, so a vector beats a map.
    slots: Vec<u32>,
    countries: Vec<String>,
    country_ids: HashMap<String, u16>,
    /// `rows` newest first, and by salary: rebuilt after each change, when `ordered` is false.
    newest: Vec<u32>,
    by_salary: Vec<u32>,
    ordered: bool,
}

const NO_SLOT: u32 = u32::MAX;

/// One match of a search, with what orders it: kept small and free of pointers, since a search over a common
/// word sorts tens of thousands of them.
#[derive(Clone, Copy)]
struct Hit {
    /// Descending: the score (scaled) for relevance, the yearly salary for salary (none: lowest), 0 otherwise.
    key: i64,
    published_at: i64,
    id: i64,
}

impl Hit {
    pub(super) fn order(a: &Hit, b: &Hit) -> std::cmp::Ordering {
        b.key
            .cmp(&a.key)
            .then(b.published_at.cmp(&a.published_at))
            .then(b.id.cmp(&a.id))
    }
}

/// The `offset`th to `offset + limit`th of `hits` in order, moving them about: linear in the number of hits
/// however deep the page.
fn page_of(hits: &mut [Hit], offset: usize, limit: usize) -> Vec<i64> {
    if offset >= hits.len() {
        return Vec::new();
    }
    let rest = if offset > 0 {
        hits.select_nth_unstable_by(offset, Hit::order).2.len() + 1
    } else {
        hits.len()
    };
    let start = hits.len() - rest;
    let tail = &mut hits[start..];
    let take = limit.min(tail.len());
    if take < tail.len() {
        tail.select_nth_unstable_by(take, Hit::order);
    }
    let page = &mut tail[..take];
    page.sort_unstable_by(Hit::order);
    page.iter().map(|hit| hit.id).collect()
}

/// The filters of a search that a job can miss while still counting for a facet: bit `i` is facet `i`.
const SECTOR: u8 = 1 << 0;
const TYPE: u8 = 1 << 1;
const WORKPLACE: u8 = 1 << 2;
const COUNTRY: u8 = 1 << 3;
const BAND: u8 = 1 << 4;
const POSTED: u8 = 1 << 5;

/// A filter in the table's terms. `None` in a field: not filtered; `Some(NONE)`: nothing can match.
struct Wanted {
    sector: Option<u8>,
    employment_type: Option<u8>,
    workplace: Option<u8>,
    country: Option<u16>,
    no_such_country: bool,
    salary_band: Option<u8>,
    posted_since: Option<i64>,
    featured_at: Option<i64>,
    company_id: Option<i64>,
}

impl Wanted {
    /// Whether every open job passes.
    fn is_everything(&self) -> bool {
        !self.no_such_country
            && self.sector.is_none()
            && self.employment_type.is_none()
            && self.workplace.is_none()
            && self.country.is_none()
            && self.salary_band.is_none()
            && self.posted_since.is_none()
            && self.featured_at.is_none()
            && self.company_id.is_none()
    }

    /// The facets' bits of the filters `facts` misses, or `None` when it misses one no facet counts without.
    fn misses(&self, facts: &Facts) -> Option<u8> {
        if self.company_id.is_some_and(|id| id != facts.company_id) {
            return None;
        }
        if let Some(at) = self.featured_at
            && !facts
                .featured
                .is_some_and(|(from, until)| from <= at && at < until)
        {
            return None;
        }
        let mut missed = 0;
        if self.sector.is_some_and(|s| s != facts.sector) {
            missed |= SECTOR;
        }
        if self
            .employment_type
            .is_some_and(|t| t != facts.employment_type)
        {
            missed |= TYPE;
        }
        if self.workplace.is_some_and(|w| w != facts.workplace) {
            missed |= WORKPLACE;
        }
        if self.no_such_country
            || self
                .country
                .is_some_and(|c| !facts.countries().contains(&c))
        {
            missed |= COUNTRY;
        }
        if self.salary_band.is_some_and(|b| b != facts.salary_band) {
            missed |= BAND;
        }
        if self
            .posted_since
            .is_some_and(|since| facts.published_at < since)
        {
            missed |= POSTED;
        }
        Some(missed)
    }
}

pub(super) fn position<T: PartialEq>(all: &[T], wanted: &T) -> u8 {
    all.iter()
        .position(|item| item == wanted)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(NONE)
}

impl Table {
    /// How many open jobs it holds.
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the orders are up to date with every change.
    pub(super) fn is_ordered(&self) -> bool {
        self.ordered
    }

    pub(super) fn upsert(&mut self, mut facts: Facts, countries: Vec<String>) {
        let mut ids: Vec<u16> = Vec::with_capacity(countries.len());
        for country in countries {
            let id = match self.country_ids.get(&country) {
                Some(id) => *id,
                None => {
                    let Ok(id) = u16::try_from(self.countries.len()) else {
                        continue;
                    };
                    self.countries.push(country.clone());
                    self.country_ids.insert(country, id);
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids.truncate(facts.countries.len());
        facts.countries[..ids.len()].copy_from_slice(&ids);
        facts.country_count = ids.len() as u8;
        let Ok(at) = usize::try_from(facts.id) else {
            return;
        };
        if self.slots.len() <= at {
            self.slots.resize(at + 1, NO_SLOT);
        }
        match self.slot(facts.id) {
            Some(slot) => self.rows[slot] = facts,
            None => {
                self.slots[at] = u32::try_from(self.rows.len()).unwrap_or(NO_SLOT);
                self.rows.push(facts);
            }
        }
        self.ordered = false;
    }

    fn slot(&self, id: i64) -> Option<usize> {
        let slot = *self.slots.get(usize::try_from(id).ok()?)?;
        (slot != NO_SLOT).then_some(slot as usize)
    }

    pub(super) fn remove(&mut self, id: i64) {
        let Some(slot) = self.slot(id) else {
            return;
        };
        if let Some(entry) = usize::try_from(id)
            .ok()
            .and_then(|at| self.slots.get_mut(at))
        {
            *entry = NO_SLOT;
        }
        self.rows.swap_remove(slot);
        if let Some(moved) = self.rows.get(slot).map(|facts| facts.id)
            && let Some(entry) = usize::try_from(moved)
                .ok()
                .and_then(|at| self.slots.get_mut(at))
        {
            *entry = slot as u32;
        }
        self.ordered = false;
    }

    /// Rebuilds the orders searches without words page through, if anything changed since.
    pub(super) fn order(&mut self) {
        if self.ordered {
            return;
        }
        let hit = |slot: usize, key: i64| Hit {
            key,
            published_at: self.rows[slot].published_at,
            id: self.rows[slot].id,
        };
        let mut newest: Vec<Hit> = (0..self.rows.len()).map(|slot| hit(slot, 0)).collect();
        newest.sort_unstable_by(Hit::order);
        let mut by_salary: Vec<Hit> = (0..self.rows.len())
            .map(|slot| hit(slot, self.rows[slot].salary_yearly.unwrap_or(i64::MIN)))
            .collect();
        by_salary.sort_unstable_by(Hit::order);
        let slots = |hits: Vec<Hit>| -> Vec<u32> {
            hits.iter()
                .filter_map(|hit| self.slot(hit.id))
                .map(|slot| slot as u32)
                .collect()
        };
        let (newest, by_salary) = (slots(newest), slots(by_salary));
        self.newest = newest;
        self.by_salary = by_salary;
        self.ordered = true;
    }

    fn wanted(&self, filter: &Filter) -> Wanted {
        let country = filter
            .country
            .as_ref()
            .map(|country| self.country_ids.get(country).copied());
        Wanted {
            sector: filter.sector.map(|sector| {
                position(
                    &SECTORS.iter().map(|s| s.slug).collect::<Vec<_>>(),
                    &sector.slug,
                )
            }),
            employment_type: filter
                .employment_type
                .map(|kind| position(EmploymentType::ALL, &kind)),
            workplace: filter
                .workplace
                .map(|kind| position(WorkplaceKind::ALL, &kind)),
            no_such_country: matches!(country, Some(None)),
            country: country.flatten(),
            salary_band: filter.salary_band.map(|band| {
                position(
                    &SALARY_BANDS
                        .iter()
                        .map(|(key, ..)| *key)
                        .collect::<Vec<_>>(),
                    &band,
                )
            }),
            posted_since: filter.posted_since,
            featured_at: filter.featured_at,
            company_id: filter.company_id,
        }
    }

    /// Filters, counts and orders the matches of a search with words, and picks one page.
    pub(super) fn select(
        &self,
        filter: &Filter,
        sort: Sort,
        matches: Vec<(i64, Score)>,
        limit: usize,
        offset: usize,
        at: i64,
    ) -> Found {
        let wanted = self.wanted(filter);
        let mut counts = Counts::new(self.countries.len());
        let mut hits: Vec<Hit> = Vec::with_capacity(matches.len().min(4_096));
        for (id, score) in matches {
            let Some(slot) = self.slot(id) else { continue };
            let facts = &self.rows[slot];
            let Some(missed) = wanted.misses(facts) else {
                continue;
            };
            counts.add(facts, missed, at);
            if missed == 0 {
                let key = match sort {
                    // Scores have about seven significant digits; scaled, they order as integers.
                    Sort::Relevance => {
                        (f64::from(score * freshness(facts.published_at, at)) * 1e6) as i64
                    }
                    Sort::Salary => facts.salary_yearly.unwrap_or(i64::MIN),
                    Sort::Newest => 0,
                };
                hits.push(Hit {
                    key,
                    published_at: facts.published_at,
                    id: facts.id,
                });
            }
        }
        let total = hits.len() as i64;
        Found {
            ids: page_of(&mut hits, offset, limit),
            total,
            facets: counts.into_facets(&self.countries),
        }
    }

    /// The open jobs a search without words finds: paged along the kept order (newest first, or by salary), so a
    /// deep page costs no sort, and counted in the same pass unless `counted` has the count and facets already.
    pub(super) fn browse(
        &self,
        filter: &Filter,
        sort: Sort,
        limit: usize,
        offset: usize,
        at: i64,
        counted: Option<(i64, Facets)>,
    ) -> Found {
        let wanted = self.wanted(filter);
        let order = match sort {
            Sort::Salary => &self.by_salary,
            _ => &self.newest,
        };
        let mut ids = Vec::with_capacity(limit);
        if let Some((total, facets)) = counted {
            // Paging through every open job: the page is where the order says.
            if wanted.is_everything() {
                let ids = order
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|slot| self.rows[*slot as usize].id)
                    .collect();
                return Found { ids, total, facets };
            }
            let mut seen = 0usize;
            for slot in order {
                let facts = &self.rows[*slot as usize];
                if wanted.misses(facts) == Some(0) {
                    if seen >= offset {
                        ids.push(facts.id);
                        if ids.len() == limit {
                            break;
                        }
                    }
                    seen += 1;
                }
            }
            return Found { ids, total, facets };
        }
        let mut counts = Counts::new(self.countries.len());
        let mut total = 0usize;
        for slot in order {
            let facts = &self.rows[*slot as usize];
            let Some(missed) = wanted.misses(facts) else {
                continue;
            };
            counts.add(facts, missed, at);
            if missed == 0 {
                if total >= offset && ids.len() < limit {
                    ids.push(facts.id);
                }
                total += 1;
            }
        }
        Found {
            ids,
            total: total as i64,
            facets: counts.into_facets(&self.countries),
        }
    }
}

/// How much a job's score is raised for being new.
fn freshness(published_at: i64, at: i64) -> f32 {
    let days = ((at - published_at).max(0) as f32) / 86_400.0;
    1.0 + FRESHNESS_BOOST * (-days / FRESHNESS_HALF_LIFE_DAYS * std::f32::consts::LN_2).exp()
}

struct Counts {
    sector: Vec<i64>,
    employment_type: Vec<i64>,
    workplace: Vec<i64>,
    country: Vec<i64>,
    salary_band: Vec<i64>,
    posted: [i64; POSTED_WITHIN_DAYS.len()],
}

impl Counts {
    fn new(countries: usize) -> Self {
        Self {
            sector: vec![0; SECTORS.len()],
            employment_type: vec![0; EmploymentType::ALL.len()],
            workplace: vec![0; WorkplaceKind::ALL.len()],
            country: vec![0; countries],
            salary_band: vec![0; SALARY_BANDS.len()],
            posted: [0; POSTED_WITHIN_DAYS.len()],
        }
    }

    /// Counts `facts` for each facet whose own filter is the only one it may miss.
    fn add(&mut self, facts: &Facts, missed: u8, at: i64) {
        let counts_for = |bit: u8| missed & !bit == 0;
        let bump = |counts: &mut Vec<i64>, at: u8| {
            if let Some(count) = counts.get_mut(usize::from(at)) {
                *count += 1;
            }
        };
        if counts_for(SECTOR) {
            bump(&mut self.sector, facts.sector);
        }
        if counts_for(TYPE) {
            bump(&mut self.employment_type, facts.employment_type);
        }
        if counts_for(WORKPLACE) {
            bump(&mut self.workplace, facts.workplace);
        }
        if counts_for(COUNTRY) {
            for country in facts.countries() {
                if let Some(count) = self.country.get_mut(usize::from(*country)) {
                    *count += 1;
                }
            }
        }
        if counts_for(BAND) {
            bump(&mut self.salary_band, facts.salary_band);
        }
        if counts_for(POSTED) {
            for (count, days) in self.posted.iter_mut().zip(POSTED_WITHIN_DAYS) {
                if facts.published_at >= at - days * 86_400 {
                    *count += 1;
                }
            }
        }
    }

    fn into_facets(self, countries: &[String]) -> Facets {
        let named = |counts: Vec<i64>, name: &dyn Fn(usize) -> String| -> Vec<(String, i64)> {
            counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (name(i), n))
                .collect()
        };
        let mut country: Vec<(String, i64)> = named(self.country, &|i| countries[i].clone());
        country.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        country.truncate(COUNTRIES_SHOWN);
        Facets {
            sector: named(self.sector, &|i| SECTORS[i].slug.to_owned()),
            employment_type: named(self.employment_type, &|i| {
                EmploymentType::ALL[i].as_str().to_owned()
            }),
            workplace: named(self.workplace, &|i| {
                WorkplaceKind::ALL[i].as_str().to_owned()
            }),
            country,
            salary_band: named(self.salary_band, &|i| SALARY_BANDS[i].0.to_owned()),
            posted: POSTED_WITHIN_DAYS
                .iter()
                .zip(self.posted)
                .map(|(days, n)| (*days, n))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_the_slice_of_the_whole_order_however_deep() {
        // Ties on the key and on the date, as real data has them.
        let hits: Vec<Hit> = (0..1_000)
            .map(|i: i64| Hit {
                key: (i * 7_919) % 13,
                published_at: (i * 104_729) % 50,
                id: i,
            })
            .collect();
        let mut sorted = hits.clone();
        sorted.sort_by(Hit::order);
        let whole: Vec<i64> = sorted.iter().map(|hit| hit.id).collect();
        for (offset, limit) in [
            (0, 20),
            (20, 20),
            (980, 20),
            (990, 20),
            (0, 1_000),
            (1_000, 20),
            (555, 1),
        ] {
            let mut shuffled = hits.clone();
            shuffled.reverse();
            let end = (offset + limit).min(whole.len());
            let expected = if offset >= whole.len() {
                &[][..]
            } else {
                &whole[offset..end]
            };
            assert_eq!(
                page_of(&mut shuffled, offset, limit),
                expected,
                "{offset} {limit}"
            );
        }
    }
}
