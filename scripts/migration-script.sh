#!/usr/bin/env bash
# Writes the idempotent SQL script of every migration, one file per engine, for production
# pipelines that run migrations themselves (with Database:MigrateOnStartup=false).
# Usage: scripts/migration-script.sh [OUTPUT_DIR]   (default: artifacts/sql)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/sql}"
mkdir -p "$out"
dotnet tool restore >/dev/null
for engine in Sqlite SqlServer PostgreSql; do
  project="src/ServiceCulture.Migrations.$engine"
  file="$out/serviceculture.$(echo "$engine" | tr '[:upper:]' '[:lower:]').sql"
  if [ "$engine" = Sqlite ]; then
    # SQLite has no procedural blocks, so its script cannot be idempotent; it runs from empty.
    dotnet ef migrations script --project "$project" --startup-project "$project" --output "$file"
  else
    dotnet ef migrations script --idempotent --project "$project" --startup-project "$project" --output "$file"
  fi
  echo "wrote $file"
done
