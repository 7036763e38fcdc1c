-- Shared by the harness's wrk scripts: the signed-in sessions written by `ServiceCulture.Bench sessions`
-- (one line per person: employee id, a tab, the Cookie header: authentication and antiforgery; for managers,
-- a tab and the id of a review of theirs) and one result line that
-- bench/run.sh parses.
local common = {}

function common.sessions()
  local list = {}
  for line in io.lines(os.getenv("SC_SESSIONS")) do
    local id, cookie, review = line:match("^(%d+)\t([^\t]+)\t?(%d*)$")
    if id then list[#list + 1] = { id = tonumber(id), cookie = cookie, review = review } end
  end
  assert(#list > 0, "no sessions in " .. os.getenv("SC_SESSIONS"))
  return list
end

-- Threads are numbered in setup so that each starts at a different person.
local threads = {}
function common.setup(thread)
  threads[#threads + 1] = thread
  thread:set("first", #threads)
  thread:set("threads_total", tonumber(os.getenv("SC_WRK_THREADS") or "1"))
end

function common.threads() return threads end

function common.report(summary, latency, extra)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50=%.2f p95=%.2f p99=%.2f status_errors=%d socket_errors=%d%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, extra or ""))
end

return common
