-- The search's country counts go from each open job to its places: this index answers that from the index alone.
create index job_locations_job_country on job_locations (job_id, country);
