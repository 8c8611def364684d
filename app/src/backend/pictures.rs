//! Stored renditions of pictures: an article's picture (`article_images`) and a company's cover (`company_covers`),
//! tables of the same shape, one row a rendition.

use sqlx::{Any, Transaction};

use super::logos::Picture;

/// A table of renditions and the column naming what they belong to.
#[derive(Clone, Copy, Debug)]
pub enum Pictures {
    /// An article's picture: `wide` and `thumb`.
    Article,
    /// A company's cover: `wide` and `narrow`.
    Cover,
}

impl Pictures {
    fn table_and_owner(self) -> (&'static str, &'static str) {
        match self {
            Pictures::Article => ("article_images", "article_id"),
            Pictures::Cover => ("company_covers", "company_id"),
        }
    }
}

/// Replaces the renditions of `owner`'s picture with `renditions`, in `tx`.
pub async fn replace(
    tx: &mut Transaction<'_, Any>,
    kind: Pictures,
    owner: i64,
    renditions: &[Picture],
) -> Result<(), sqlx::Error> {
    let (table, column) = kind.table_and_owner();
    sqlx::query(&format!("delete from {table} where {column} = $1"))
        .bind(owner)
        .execute(&mut **tx)
        .await?;
    for picture in renditions {
        sqlx::query(&format!(
            "insert into {table} ({column}, size, format, width, height, bytes) values ($1, $2, $3, $4, $5, $6)"
        ))
        .bind(owner)
        .bind(picture.name)
        .bind(picture.format)
        .bind(i64::from(picture.width))
        .bind(i64::from(picture.height))
        .bind(picture.bytes.clone())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
