import sqlite3, time, random, statistics, sys
db = sqlite3.connect(sys.argv[1])
def plan(sql, args):
    return " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, args))
sql = 'SELECT * FROM "PointsLedger" WHERE "Source" = ? AND "Reason" IN (3, 4)'
sources = [r[0] for r in db.execute('SELECT "Source" FROM "PointsLedger" ORDER BY random() LIMIT 50')]
print("rows:", db.execute('SELECT COUNT(*) FROM "PointsLedger"').fetchone()[0])
print("plan:", plan(sql, (sources[0],)))
times = []
for s in sources:
    t = time.perf_counter(); db.execute(sql, (s,)).fetchall(); times.append((time.perf_counter() - t) * 1000)
times.sort()
print("n=%d p50=%.2f ms p95=%.2f ms max=%.2f ms" % (len(times), times[len(times)//2], times[int(len(times)*0.95)-1], times[-1]))
