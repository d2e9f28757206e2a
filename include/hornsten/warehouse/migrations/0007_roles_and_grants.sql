-- depends: 0006_erasure
-- Who reads what. Run as the owner (the role that owns raw and restricted and runs
-- every migration); each job gets a role with only what it needs:
--
--   hornsten_loader       writes raw and restricted (ingest, quarantine, the process plan,
--                         valuations, GX results; reads them for re-delivery and checks)
--   hornsten_transformer  dbt: reads raw, creates and owns the staging_*, intermediate_*,
--                         marts_* and seed schemas; never restricted
--   hornsten_analyst      reads staging and marts (granted by dbt, see dbt_project.yml)
--   hornsten_reporter     reads the marts the reports read (granted by dbt) and records
--                         report deliveries in delivery.report_deliveries
--
-- The roles are created here without login; `hornsten up` (or the deployment's
-- docker/postgres-init.sql) gives them LOGIN and a generated password.

do $roles$
declare
    name text;
begin
    foreach name in array array['hornsten_loader', 'hornsten_transformer', 'hornsten_analyst', 'hornsten_reporter']
    loop
        if not exists (select from pg_roles where rolname = name) then
            execute format('create role %I nologin', name);
        end if;
    end loop;
    -- The owner administers what dbt builds (drops a broken mart, erases a person's
    -- rows after a rebuild): it is a member of the role that owns those objects.
    if not pg_has_role(current_user, 'hornsten_transformer', 'member') then
        execute format('grant hornsten_transformer to %I', current_user);
    end if;
    -- A deployment may have revoked CONNECT from PUBLIC (docker/postgres-init.sql does).
    execute format(
        'grant connect on database %I to hornsten_loader, hornsten_transformer, hornsten_analyst, hornsten_reporter',
        current_database()
    );
    -- Temporary tables: ingest stages rows in them, dbt and analysts may use them.
    execute format(
        'grant temporary on database %I to hornsten_loader, hornsten_transformer, hornsten_analyst',
        current_database()
    );
    -- dbt creates one schema per layer and process (generate_schema_name.sql), and
    -- processes are configuration: the transformer may create schemas.
    execute format('grant create on database %I to hornsten_transformer', current_database());
end
$roles$;

-- Typo tolerance in tagging (levenshtein): a trusted extension the owner installs once.
create extension if not exists fuzzystrmatch;

-- Nobody but the owner sees anything by default.
revoke all on schema raw from public;
revoke all on schema restricted from public;

-- raw: the loader writes it, the transformer reads it.
grant usage on schema raw to hornsten_loader, hornsten_transformer;
grant select, insert, update, delete on all tables in schema raw to hornsten_loader;
grant usage, select on all sequences in schema raw to hornsten_loader;
grant select on all tables in schema raw to hornsten_transformer;
-- ...and so for every table a later migration adds to raw.
alter default privileges in schema raw grant select, insert, update, delete on tables to hornsten_loader;
alter default privileges in schema raw grant usage, select on sequences to hornsten_loader;
alter default privileges in schema raw grant select on tables to hornsten_transformer;

-- restricted: originals and quarantine, the loader only.
grant usage on schema restricted to hornsten_loader;
grant select, insert, update, delete on all tables in schema restricted to hornsten_loader;
grant usage, select on all sequences in schema restricted to hornsten_loader;
alter default privileges in schema restricted grant select, insert, update, delete on tables to hornsten_loader;
alter default privileges in schema restricted grant usage, select on sequences to hornsten_loader;

-- Report deliveries are the reporter's own bookkeeping, not survey data: they move out
-- of raw, which the reporter must not read at all.
create schema if not exists delivery;
revoke all on schema delivery from public;
do $move$
begin
    if to_regclass('raw.report_deliveries') is not null then
        alter table raw.report_deliveries set schema delivery;
    end if;
end
$move$;
grant usage on schema delivery to hornsten_reporter;
grant select, insert, update on all tables in schema delivery to hornsten_reporter;
grant usage, select on all sequences in schema delivery to hornsten_reporter;
alter default privileges in schema delivery grant select, insert, update on tables to hornsten_reporter;
alter default privileges in schema delivery grant usage, select on sequences to hornsten_reporter;

-- The roles that load or deliver check that no migration is pending before they write.
grant select on public._yoyo_migration to hornsten_loader, hornsten_reporter;

-- A warehouse built before the roles has dbt's schemas owned by the owner: hand them to
-- the transformer, which rebuilds them from now on.
do $adopt$
declare
    found record;
begin
    for found in
        select n.nspname
        from pg_namespace n
        where pg_get_userbyid(n.nspowner) = current_user
          and (n.nspname ~ '^(staging|intermediate|marts|eval)_' or n.nspname in ('codebook', 'population', 'analytics'))
    loop
        execute format('alter schema %I owner to hornsten_transformer', found.nspname);
    end loop;
    for found in
        select n.nspname, c.relname, c.relkind
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where pg_get_userbyid(n.nspowner) = 'hornsten_transformer'
          and pg_get_userbyid(c.relowner) = current_user
          and c.relkind in ('r', 'v', 'm', 'p')
    loop
        execute format(
            'alter %s %I.%I owner to hornsten_transformer',
            case found.relkind when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
            found.nspname,
            found.relname
        );
    end loop;
end
$adopt$;
