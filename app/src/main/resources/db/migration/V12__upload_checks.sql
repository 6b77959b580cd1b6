-- What the upload check learnt of each file: its content's SHA-256 (to notice the same file
-- uploaded twice in one session) and a warning for the musician (a duplicate, a digitally silent
-- file), shown beside it. Portable SQL (H2 and PostgreSQL).
alter table session_files add column content_sha256 varchar(64);
alter table session_files add column warning varchar(600);
