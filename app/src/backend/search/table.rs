//! The facts searches filter, count and sort by, for every open job, in memory: one pass over a search's
//! matches (or over every open job) counts each facet and orders the hits.

use std::collections::HashMap;

use hubboard::{
    SECTORS,
    job::{EmploymentType, SALARY_BANDS, WorkplaceKind},
};
use tantivy::Score;

use super::{Filter, Found, Sort};
use crate::backend::jobs::{Facets, POSTED_WITHIN_DAYS};

/// Countries listed in the country facet at most.
const COUNTRIES_SHOWN: usize = 60;

const FRESHNESS_HALF_LIFE_DAYS: f32 = 14.0;

/// The newest jobs score up to this much more, halving every [`FRESHNESS_HALF_LIFE_DAYS`].
const FRESHNESS_BOOST: f32 = 0.5;

/// What a search filters, counts and sorts an open job by, as read from the database.
#[derive(Clone, Debug)]
pub(super) struct Facts {
    pub(super) id: i64,
    pub(super) company_id: i64,
    pub(super) published_at: i64,
    pub(super) featured: Option<(i64, i64)>,
    /// The top of the salary a year, in pounds.
    pub(super) salary_yearly: Option<i64>,
    pub(super) sector: u8,
    pub(super) employment_type: u8,
    pub(super) workplace: u8,
    /// An index into [`SALARY_BANDS`], or [`NONE`].
    pub(super) salary_band: u8,
}

pub(super) const NONE: u8 = u8::MAX;

/// A job's facts as the table keeps them, at the job's id: 32 bytes, so a search over a common word touching
/// hundreds of thousands of them reads two to a cache line, in id order as the index hands them over.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Row {
    company_id: u32,
    /// Seconds since 1970 (0: never published).
    published_at: u32,
    /// The top of the salary a year in pounds, or [`NO_SALARY`].
    salary: u32,
    countries: [u16; 5],
    country_count: u8,
    sector: u8,
    employment_type: u8,
    workplace: u8,
    salary_band: u8,
    open: bool,
}

const NO_SALARY: u32 = u32::MAX;

impl Row {
    const CLOSED: Row = Row {
        company_id: 0,
        published_at: 0,
        salary: NO_SALARY,
        countries: [0; 5],
        country_count: 0,
        sector: NONE,
        employment_type: NONE,
        workplace: NONE,
        salary_band: NONE,
        open: false,
    };

    fn countries(&self) -> &[u16] {
        &self.countries[..usize::from(self.country_count)]
    }

    fn published_at(&self) -> i64 {
        i64::from(self.published_at)
    }

    /// The yearly salary as salary order ranks it: none lowest.
    fn salary_key(&self) -> i64 {
        if self.salary == NO_SALARY {
            i64::MIN
        } else {
            i64::from(self.salary)
        }
    }
}

/// A count or an id in the table's width: too large a value saturates (ids and companies: no job has it).
fn narrow(value: i64) -> u32 {
    u32::try_from(value.max(0)).unwrap_or(u32::MAX)
}

/// When each featured open job is featured (from, until), by job id: few jobs are, and only the featured list asks.
type Featured = HashMap<u32, (i64, i64)>;

/// Every open job's facts by job id, with the orders searches without words page through.
#[derive(Default)]
pub(super) struct Table {
    /// Indexed by job id; a job not open is [`Row::CLOSED`]. Ids are dense, so a vector beats a map.
    rows: Vec<Row>,
    open: usize,
    featured: Featured,
    countries: Vec<String>,
    country_ids: HashMap<String, u16>,
    /// The open jobs' ids newest first, and by salary: rebuilt after each change, when `ordered` is false.
    newest: Vec<u32>,
    by_salary: Vec<u32>,
    ordered: bool,
}

/// One match of a search, with what orders it: kept small and free of pointers, since a search over a common
/// word sorts hundreds of thousands of them.
#[derive(Clone, Copy)]
struct Hit {
    /// Descending: the score (scaled) for relevance, the yearly salary for salary (none: lowest), 0 otherwise.
    key: i64,
    published_at: u32,
    id: u32,
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
    page.iter().map(|hit| i64::from(hit.id)).collect()
}

/// The filters of a search that a job can miss while still counting for a facet: bit `i` is facet `i`.
const SECTOR: u8 = 1 << 0;
const TYPE: u8 = 1 << 1;
const WORKPLACE: u8 = 1 << 2;
const COUNTRY: u8 = 1 << 3;
const BAND: u8 = 1 << 4;
const POSTED: u8 = 1 << 5;

/// A filter in the table's terms. `None` in a field: not filtered; `Some(NONE)`: nothing can match.
struct Wanted<'a> {
    sector: Option<u8>,
    employment_type: Option<u8>,
    workplace: Option<u8>,
    country: Option<u16>,
    no_such_country: bool,
    salary_band: Option<u8>,
    posted_since: Option<i64>,
    /// The time the featured list is for, with when each job is featured.
    featured_at: Option<(i64, &'a Featured)>,
    company_id: Option<u32>,
}

impl Wanted<'_> {
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

    /// The facets' bits of the filters job `id` misses, or `None` when it misses one no facet counts without.
    fn misses(&self, id: u32, row: &Row) -> Option<u8> {
        if self
            .company_id
            .is_some_and(|wanted| wanted != row.company_id)
        {
            return None;
        }
        if let Some((at, featured)) = self.featured_at
            && !featured
                .get(&id)
                .is_some_and(|(from, until)| *from <= at && at < *until)
        {
            return None;
        }
        let mut missed = 0;
        if self.sector.is_some_and(|s| s != row.sector) {
            missed |= SECTOR;
        }
        if self
            .employment_type
            .is_some_and(|t| t != row.employment_type)
        {
            missed |= TYPE;
        }
        if self.workplace.is_some_and(|w| w != row.workplace) {
            missed |= WORKPLACE;
        }
        if self.no_such_country || self.country.is_some_and(|c| !row.countries().contains(&c)) {
            missed |= COUNTRY;
        }
        if self.salary_band.is_some_and(|b| b != row.salary_band) {
            missed |= BAND;
        }
        if self
            .posted_since
            .is_some_and(|since| row.published_at() < since)
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
        self.open
    }

    /// Whether the orders are up to date with every change.
    pub(super) fn is_ordered(&self) -> bool {
        self.ordered
    }

    /// The open job `id`'s row.
    fn row(&self, id: u32) -> Option<&Row> {
        self.rows.get(id as usize).filter(|row| row.open)
    }

    pub(super) fn upsert(&mut self, facts: Facts, countries: Vec<String>) {
        let Ok(id) = u32::try_from(facts.id) else {
            return;
        };
        let mut row = Row {
            company_id: narrow(facts.company_id),
            published_at: narrow(facts.published_at),
            salary: facts
                .salary_yearly
                .map_or(NO_SALARY, |pounds| narrow(pounds).min(NO_SALARY - 1)),
            sector: facts.sector,
            employment_type: facts.employment_type,
            workplace: facts.workplace,
            salary_band: facts.salary_band,
            open: true,
            ..Row::CLOSED
        };
        for country in countries {
            let country_id = match self.country_ids.get(&country) {
                Some(country_id) => *country_id,
                None => {
                    let Ok(country_id) = u16::try_from(self.countries.len()) else {
                        continue;
                    };
                    self.countries.push(country.clone());
                    self.country_ids.insert(country, country_id);
                    country_id
                }
            };
            let count = usize::from(row.country_count);
            if count < row.countries.len() && !row.countries().contains(&country_id) {
                row.countries[count] = country_id;
                row.country_count += 1;
            }
        }
        let at = id as usize;
        if self.rows.len() <= at {
            self.rows.resize(at + 1, Row::CLOSED);
        }
        if !self.rows[at].open {
            self.open += 1;
        }
        self.rows[at] = row;
        match facts.featured {
            Some(window) => self.featured.insert(id, window),
            None => self.featured.remove(&id),
        };
        self.ordered = false;
    }

    pub(super) fn remove(&mut self, id: i64) {
        let Some(row) = u32::try_from(id)
            .ok()
            .and_then(|id| self.rows.get_mut(id as usize))
            .filter(|row| row.open)
        else {
            return;
        };
        *row = Row::CLOSED;
        self.open -= 1;
        if let Ok(id) = u32::try_from(id) {
            self.featured.remove(&id);
        }
        self.ordered = false;
    }

    /// The open jobs' ids with their rows, in id order.
    fn open_rows(&self) -> impl Iterator<Item = (u32, &Row)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.open)
            .map(|(id, row)| (id as u32, row))
    }

    /// Rebuilds the orders searches without words page through, if anything changed since.
    pub(super) fn order(&mut self) {
        if self.ordered {
            return;
        }
        let ordered = |key: &dyn Fn(&Row) -> i64| -> Vec<u32> {
            let mut hits: Vec<Hit> = self
                .open_rows()
                .map(|(id, row)| Hit {
                    key: key(row),
                    published_at: row.published_at,
                    id,
                })
                .collect();
            hits.sort_unstable_by(Hit::order);
            hits.into_iter().map(|hit| hit.id).collect()
        };
        let (newest, by_salary) = (ordered(&|_| 0), ordered(&Row::salary_key));
        self.newest = newest;
        self.by_salary = by_salary;
        self.ordered = true;
    }

    fn wanted(&self, filter: &Filter) -> Wanted<'_> {
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
            featured_at: filter.featured_at.map(|at| (at, &self.featured)),
            // No company has an id beyond the table's width, so such a filter matches nothing.
            company_id: filter
                .company_id
                .map(|id| u32::try_from(id).unwrap_or(u32::MAX)),
        }
    }

    /// Filters, counts and orders the matches of a search with words (job ids with their scores), and picks one
    /// page.
    pub(super) fn select(
        &self,
        filter: &Filter,
        sort: Sort,
        matches: Vec<(u32, Score)>,
        limit: usize,
        offset: usize,
        at: i64,
    ) -> Found {
        let wanted = self.wanted(filter);
        let mut counts = Counts::new(self.countries.len());
        let mut hits: Vec<Hit> = Vec::with_capacity(matches.len().min(4_096));
        for (id, score) in matches {
            let Some(row) = self.row(id) else { continue };
            let Some(missed) = wanted.misses(id, row) else {
                continue;
            };
            counts.add(row, missed, at);
            if missed == 0 {
                let key = match sort {
                    // Scores have about seven significant digits; scaled, they order as integers.
                    Sort::Relevance => {
                        (f64::from(score * freshness(row.published_at(), at)) * 1e6) as i64
                    }
                    Sort::Salary => row.salary_key(),
                    Sort::Newest => 0,
                };
                hits.push(Hit {
                    key,
                    published_at: row.published_at,
                    id,
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
        let in_order = order.iter().map(|id| (*id, &self.rows[*id as usize]));
        let mut ids = Vec::with_capacity(limit);
        if let Some((total, facets)) = counted {
            // Paging through every open job: the page is where the order says.
            if wanted.is_everything() {
                let ids = order
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|id| i64::from(*id))
                    .collect();
                return Found { ids, total, facets };
            }
            let ids = in_order
                .filter(|(id, row)| wanted.misses(*id, row) == Some(0))
                .skip(offset)
                .take(limit)
                .map(|(id, _)| i64::from(id))
                .collect();
            return Found { ids, total, facets };
        }
        let mut counts = Counts::new(self.countries.len());
        let mut total = 0usize;
        for (id, row) in in_order {
            let Some(missed) = wanted.misses(id, row) else {
                continue;
            };
            counts.add(row, missed, at);
            if missed == 0 {
                if total >= offset && ids.len() < limit {
                    ids.push(i64::from(id));
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
    fn add(&mut self, row: &Row, missed: u8, at: i64) {
        let counts_for = |bit: u8| missed & !bit == 0;
        let bump = |counts: &mut Vec<i64>, at: u8| {
            if let Some(count) = counts.get_mut(usize::from(at)) {
                *count += 1;
            }
        };
        if counts_for(SECTOR) {
            bump(&mut self.sector, row.sector);
        }
        if counts_for(TYPE) {
            bump(&mut self.employment_type, row.employment_type);
        }
        if counts_for(WORKPLACE) {
            bump(&mut self.workplace, row.workplace);
        }
        if counts_for(COUNTRY) {
            for country in row.countries() {
                if let Some(count) = self.country.get_mut(usize::from(*country)) {
                    *count += 1;
                }
            }
        }
        if counts_for(BAND) {
            bump(&mut self.salary_band, row.salary_band);
        }
        if counts_for(POSTED) {
            for (count, days) in self.posted.iter_mut().zip(POSTED_WITHIN_DAYS) {
                if row.published_at() >= at - days * 86_400 {
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
                published_at: ((i * 104_729) % 50) as u32,
                id: i as u32,
            })
            .collect();
        let mut sorted = hits.clone();
        sorted.sort_by(Hit::order);
        let whole: Vec<i64> = sorted.iter().map(|hit| i64::from(hit.id)).collect();
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

    fn facts(id: i64, published_at: i64, salary_yearly: Option<i64>) -> Facts {
        Facts {
            id,
            company_id: id % 3,
            published_at,
            featured: None,
            salary_yearly,
            sector: 0,
            employment_type: 0,
            workplace: 0,
            salary_band: NONE,
        }
    }

    #[test]
    fn the_table_keeps_each_open_job_once_and_forgets_closed_ones() {
        let mut table = Table::default();
        let uk = || vec!["United Kingdom".to_owned(), "United Kingdom".to_owned()];
        for id in [5, 1, 9] {
            table.upsert(facts(id, 1_000 + id, Some(id * 1_000)), uk());
        }
        table.upsert(facts(5, 2_000, Some(i64::MAX)), uk());
        let mut featured = facts(1, 1_001, None);
        featured.featured = Some((100, 200));
        table.upsert(featured, vec!["France".to_owned()]);
        table.remove(9);
        table.remove(9);
        table.remove(42);
        table.order();
        assert_eq!(table.len(), 2);

        let everything = Filter::default();
        let found = table.browse(&everything, Sort::Newest, 10, 0, 3_000, None);
        assert_eq!(found.ids, [5, 1]);
        assert_eq!(found.total, 2);
        assert_eq!(
            found.facets.country,
            [("France".to_owned(), 1), ("United Kingdom".to_owned(), 1)]
        );
        // Salaries beyond the table's width still rank highest; no salary ranks last.
        let by_salary = table.browse(&everything, Sort::Salary, 10, 0, 3_000, None);
        assert_eq!(by_salary.ids, [5, 1]);

        let featured_at = |at| Filter {
            featured_at: Some(at),
            ..Filter::default()
        };
        assert_eq!(
            table
                .browse(&featured_at(150), Sort::Newest, 10, 0, 3_000, None)
                .ids,
            [1]
        );
        assert!(
            table
                .browse(&featured_at(200), Sort::Newest, 10, 0, 3_000, None)
                .ids
                .is_empty()
        );

        let matches = vec![(9, 1.0), (5, 1.0), (1, 3.0), (77, 9.0)];
        let found = table.select(&everything, Sort::Relevance, matches, 10, 0, 3_000);
        assert_eq!(found.ids, [1, 5], "closed and unknown jobs never match");
    }
}
