-- Each attempt carries its number among its subject's attempts at the action, so how many fall inside a window is
-- the newest number less the first number inside it: two index lookups however many attempts the window holds.
alter table rate_events add column n bigint not null default 0;
update rate_events set n = numbered.n
from (
    select ctid as id, row_number() over (partition by action, subject order by at) as n from rate_events
) as numbered
where rate_events.ctid = numbered.id;
drop index rate_events_lookup;
create index rate_events_window on rate_events (action, subject, at, n);
create index rate_events_latest on rate_events (action, subject, n);
