# Shell functions shared by the benchmark scripts (sourced, not run).

# stop_pidfile TAG PIDFILE: stops the process whose pid the file holds (SIGTERM, then SIGKILL after 20 s), if it runs.
stop_pidfile() {
  local tag=$1 pidfile=$2 pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    printf '[%s] stopped pid %s\n' "$tag" "$pid" >&2
  else
    printf '[%s] nothing running (%s)\n' "$tag" "$pidfile" >&2
  fi
  rm -f "$pidfile"
}

# empty_database PORT DB: truncates every table of DB (role scim, on 127.0.0.1:PORT) but the migration histories of
# Flyway and TypeORM, so that a benchmark starts from an empty store without migrating again.
empty_database() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGPASSWORD=scim PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h 127.0.0.1 -p "$1" -U scim -d "$2" \
    -Xq -v ON_ERROR_STOP=1 <<'SQL'
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
           WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'migrations', 'typeorm_metadata')
  LOOP EXECUTE 'TRUNCATE ' || t || ' CASCADE'; END LOOP; END $$;
SQL
}
