//! Reading open jobs from the database for the index: their facts and their words.

use std::collections::HashMap;

use hubboard::{
    SECTORS,
    job::{EmploymentType, SALARY_BANDS, WorkplaceKind},
};
use sqlx::{Row, any::AnyRow};

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

const JOB_COLUMNS: &str = "j.id, j.status, j.company_listed, j.company_id, j.title, j.company_name, \
    j.description_text, j.sector, j.employment_type, j.workplace, j.salary_band, j.salary_yearly, j.published_at, \
    j.featured_from, j.featured_until";

/// The open jobs with ids after `after`, in id order, a batch at a time. The batch walks the primary key: the
/// filters are written so that no index on them applies (`coalesce`), since SQLite would otherwise read every open
/// job through the facets index and sort them for each batch, which made a million jobs take half an hour.
pub(super) async fn load_open_after(db: &Db, after: i64) -> Result<Vec<LoadedJob>, sqlx::Error> {
    let rows = sqlx::query(&format!(
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
    let (first, last): (i64, i64) = (first.try_get("id")?, last.try_get("id")?);
    let places = sqlx::query(
        "select job_id, city, region, country from job_locations where job_id between $1 and $2 \
         order by job_id, position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(db.read())
    .await?;
    loaded(&rows, &places)
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
        let mut rows_query = sqlx::query(&sql);
        for id in chunk {
            rows_query = rows_query.bind(*id);
        }
        let rows = rows_query.fetch_all(db.read()).await?;
        let places_sql = format!(
            "select job_id, city, region, country from job_locations where job_id in ({list}) \
             order by job_id, position"
        );
        let mut places_query = sqlx::query(&places_sql);
        for id in chunk {
            places_query = places_query.bind(*id);
        }
        let places = places_query.fetch_all(db.read()).await?;
        jobs.extend(loaded(&rows, &places)?);
    }
    Ok(jobs)
}

fn loaded(rows: &[AnyRow], places: &[AnyRow]) -> Result<Vec<LoadedJob>, sqlx::Error> {
    let mut by_job: HashMap<i64, Vec<(String, String, String)>> = HashMap::new();
    for place in places {
        by_job.entry(place.try_get("job_id")?).or_default().push((
            place.try_get("city")?,
            place.try_get("region")?,
            place.try_get("country")?,
        ));
    }
    let sector_slugs: Vec<&str> = SECTORS.iter().map(|s| s.slug).collect();
    let band_keys: Vec<&str> = SALARY_BANDS.iter().map(|(key, ..)| *key).collect();
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            let sector: String = row.try_get("sector")?;
            let employment_type: String = row.try_get("employment_type")?;
            let workplace: String = row.try_get("workplace")?;
            let band: Option<String> = row.try_get("salary_band")?;
            let featured_from: Option<i64> = row.try_get("featured_from")?;
            let featured_until: Option<i64> = row.try_get("featured_until")?;
            let places = by_job.remove(&id).unwrap_or_default();
            let mut body: String = row.try_get("description_text")?;
            for (city, region, country) in &places {
                body.push_str(&format!("\n{city} {region} {country}"));
            }
            Ok(LoadedJob {
                facts: Facts {
                    id,
                    company_id: row.try_get("company_id")?,
                    published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                    featured: featured_from.zip(featured_until),
                    salary_yearly: row.try_get("salary_yearly")?,
                    sector: position(&sector_slugs, &sector.as_str()),
                    employment_type: EmploymentType::find(&employment_type)
                        .map_or(NONE, |kind| position(EmploymentType::ALL, &kind)),
                    workplace: WorkplaceKind::find(&workplace)
                        .map_or(NONE, |kind| position(WorkplaceKind::ALL, &kind)),
                    salary_band: band.map_or(NONE, |band| position(&band_keys, &band.as_str())),
                },
                countries: places.into_iter().map(|(_, _, country)| country).collect(),
                title: row.try_get("title")?,
                company: row.try_get("company_name")?,
                body,
            })
        })
        .collect()
}
