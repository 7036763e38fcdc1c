-- GET the URL's path as many signed-in people in turn (each request carries the next person's cookie).
package.path = os.getenv("SC_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local requests = {}
local next = 0

setup = common.setup

function init(args)
  for i, session in ipairs(common.sessions()) do
    -- "{review}" in the path stands for the person's own review (managers' sessions name one).
    local path = wrk.path:gsub("{review}", session.review or "")
    requests[i] = wrk.format("GET", path, { Cookie = session.cookie })
  end
  next = (first or 0) * 7
end

function request()
  next = next % #requests + 1
  return requests[next]
end

function done(summary, latency, requests)
  common.report(summary, latency)
end
