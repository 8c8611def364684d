-- A form that creates something carries a token of its render. The first post with it claims the token for its
-- user and records where its answer sent them; a repeat (a double click, Back and send again, a retry) is answered
-- with that same place and stores nothing new. Tokens are forgotten a day after they were sent.
create table sent_forms (
    user_id bigint not null references users (id) on delete cascade,
    token text not null,
    sent_at bigint not null,
    answer text,
    primary key (user_id, token)
);
create index sent_forms_sent_at on sent_forms (sent_at);
