//! Reading open jobs from the database for the index: their facts and their words.

use std::collections::HashMap;

use hubboard::{
    SECTORS,
    job::{EmploymentType, SALARY_BANDS, WorkplaceKind},
};

use super::{
    BATCH,
    table::{Facts, NONE, position},
};
use crate::backend::db::Db;

/// An open job as read from the database: its facts and its words.
pub(super) struct LoadedJob {
    pub(super) facts: Facts,
    pub(super) countries: Vec<String>,
    pub(super) title: String,
    pub(super) company: String,
    pub(super) body: String,
}

const JOB_COLUMNS: &str = "j.id, j.company_id, j.title, j.company_name, j.description_text, j.sector, \
    j.employment_type, j.workplace, j.salary_band, j.salary_yearly, j.published_at, j.featured_from, j.featured_until";

/// An open job as read with [`JOB_COLUMNS`].
#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    company_id: i64,
    title: String,
    company_name: String,
    description_text: String,
    sector: String,
    employment_type: String,
    workplace: String,
    salary_band: Option<String>,
    salary_yearly: Option<i64>,
    published_at: Option<i64>,
    featured_from: Option<i64>,
    featured_until: Option<i64>,
}

/// A job's place: job id, city, region and country.
type PlaceRow = (i64, String, String, String);

/// The open jobs with ids after `after`, in id order, a batch at a time. The batch walks the primary key: the
/// filters are written so that no index on them applies (`coalesce`), since SQLite would otherwise read every open
/// job through the facets index and sort them for each batch, which made a million jobs take half an hour.
pub(super) async fn load_open_after(db: &Db, after: i64) -> Result<Vec<LoadedJob>, sqlx::Error> {
    let rows = sqlx::query_as::<_, JobRow>(&format!(
        "select {JOB_COLUMNS} from jobs j where coalesce(j.status, '') = 'published' \
         and coalesce(j.company_listed, 0) = 1 and j.published_at is not null and j.id > $1 order by j.id \
         limit {BATCH}"
    ))
    .bind(after)
    .fetch_all(db.read())
    .await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let (first, last) = (first.id, last.id);
    let places = sqlx::query_as::<_, PlaceRow>(
        "select job_id, city, region, country from job_locations where job_id between $1 and $2 \
         order by job_id, position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(db.read())
    .await?;
    Ok(loaded(rows, places))
}

/// Those of `ids` that are open now.
pub(super) async fn load_jobs(db: &Db, ids: &[i64]) -> Result<Vec<LoadedJob>, sqlx::Error> {
    let mut jobs = Vec::new();
    for chunk in ids.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select {JOB_COLUMNS} from jobs j where j.id in ({list}) and j.status = 'published' \
             and j.company_listed = 1 and j.published_at is not null"
        );
        let mut rows_query = sqlx::query_as::<_, JobRow>(&sql);
        for id in chunk {
            rows_query = rows_query.bind(*id);
        }
        let rows = rows_query.fetch_all(db.read()).await?;
        let places_sql = format!(
            "select job_id, city, region, country from job_locations where job_id in ({list}) \
             order by job_id, position"
        );
        let mut places_query = sqlx::query_as::<_, PlaceRow>(&places_sql);
        for id in chunk {
            places_query = places_query.bind(*id);
        }
        let places = places_query.fetch_all(db.read()).await?;
        jobs.extend(loaded(rows, places));
    }
    Ok(jobs)
}

fn loaded(rows: Vec<JobRow>, places: Vec<PlaceRow>) -> Vec<LoadedJob> {
    let mut by_job: HashMap<i64, Vec<(String, String, String)>> = HashMap::new();
    for (job, city, region, country) in places {
        by_job.entry(job).or_default().push((city, region, country));
    }
    let sector_slugs: Vec<&str> = SECTORS.iter().map(|s| s.slug).collect();
    let band_keys: Vec<&str> = SALARY_BANDS.iter().map(|(key, ..)| *key).collect();
    rows.into_iter()
        .map(|row| {
            let places = by_job.remove(&row.id).unwrap_or_default();
            let mut body = row.description_text;
            for (city, region, country) in &places {
                body.push_str(&format!("\n{city} {region} {country}"));
            }
            LoadedJob {
                facts: Facts {
                    id: row.id,
                    company_id: row.company_id,
                    published_at: row.published_at.unwrap_or(0),
                    featured: row.featured_from.zip(row.featured_until),
                    salary_yearly: row.salary_yearly,
                    sector: position(&sector_slugs, &row.sector.as_str()),
                    employment_type: EmploymentType::find(&row.employment_type)
                        .map_or(NONE, |kind| position(EmploymentType::ALL, &kind)),
                    workplace: WorkplaceKind::find(&row.workplace)
                        .map_or(NONE, |kind| position(WorkplaceKind::ALL, &kind)),
                    salary_band: row
                        .salary_band
                        .map_or(NONE, |band| position(&band_keys, &band.as_str())),
                },
                countries: places.into_iter().map(|(_, _, country)| country).collect(),
                title: row.title,
                company: row.company_name,
                body,
            }
        })
        .collect()
}
