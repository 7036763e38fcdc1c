#!/usr/bin/env bash
# Adds a migration with the same name to the SQLite, SQL Server and PostgreSQL migrations projects.
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
if [ $# -ne 1 ] || ! [[ "$1" =~ ^[A-Z][A-Za-z0-9]+$ ]]; then
  echo "Usage: $0 NAME   (PascalCase, e.g. AddMoments)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/ServiceCulture.Web -v q -nologo >/dev/null
for engine in Sqlite SqlServer PostgreSql; do
  project="src/ServiceCulture.Migrations.$engine"
  echo "== $engine"
  dotnet ef migrations add "$1" --project "$project" --startup-project "$project" \
    --output-dir Migrations
done
