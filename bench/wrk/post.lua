-- Posts moments or recognitions (SC_POST = moment | recognition) as many signed-in people in turn.
-- Each thread posts as one person at a time and moves to the next person after a few posts; for each
-- person it first GETs the form with the person's cookies (authentication and the antiforgery cookie
-- the sign-in step kept), takes the antiforgery token from the answer, then posts with both. A post counts as accepted when it redirects (302). Run with one connection per thread
-- (-t = -c), so each answer belongs to the request the thread sent last.
package.path = os.getenv("SC_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local kind = os.getenv("SC_POST") or "moment"
local nonce = tonumber(os.getenv("SC_RUN_NONCE") or "0")
local today = os.getenv("SC_TODAY") or "2026-01-01"
local people_max = tonumber(os.getenv("SC_PEOPLE_MAX") or "0")
local form = kind == "moment" and "/Moments/New" or "/Recognition/Give"
local posts_per_person = 5
local sessions, forms = {}, {}
local index, pending, counter, turn = 0, nil, 0, 0
posted, refused, capped, failures = 0, 0, 0, ""

setup = common.setup

function init(args)
  sessions = common.sessions()
  index = ((first or 1) - 1) % #sessions + 1
  math.randomseed(nonce + (first or 0) * 7919)
end

local function body(session)
  counter = counter + 1
  if kind == "moment" then
    return "Form.Kind=Magic&Form.Title=Benchmark+moment+" .. counter
      .. "&Form.Story=A+colleague+needed+a+report+by+noon+and+we+sent+it+at+ten+with+a+note+on+the+figures."
      .. "&Form.OccurredOn=" .. today .. "&Form.CustomerType=External&Form.ExternalCustomer=a+customer"
      .. "&Form.Elements=Focus&Form.Elements=Measured&Form.Visibility=Everyone"
  end
  -- Any colleague (employee ids run from 1 to SC_PEOPLE_MAX), so the weekly cap per pair is not
  -- what is measured; and a message of its own, since the same message twice in 30 days is refused.
  local recipient = session.id
  while recipient == session.id do
    recipient = people_max > 1 and math.random(1, people_max) or sessions[(index + counter) % #sessions + 1].id
  end
  return "Form.RecipientIds=" .. recipient
    .. "&Form.Message=Thank+you+for+sending+the+figures+early+so+the+customer+call+went+well+%28note+"
    .. string.format("%x-%d-%d", nonce, first or 0, counter) .. "%29."
    .. "&Form.Elements=GivenLife&Form.Points=0"
    .. string.format("&Form.RequestId=%08x-%04x-4000-8000-%012x", nonce, first or 0, counter)
end

function request()
  if turn >= posts_per_person then
    turn = 0
    index = (index + threads_total - 1) % #sessions + 1
  end
  local session = sessions[index]
  local known = forms[index]
  if not known then
    pending = { index = index, phase = "form" }
    return wrk.format("GET", form, { Cookie = session.cookie })
  end
  pending = { index = index, phase = "post" }
  turn = turn + 1
  return wrk.format("POST", form, {
    Cookie = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body(session) .. "&__RequestVerificationToken=" .. known.token)
end

function response(status, headers, body)
  if pending.phase == "form" then
    local token = body:match('name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
    if token then forms[pending.index] = { token = token } end
  elseif status == 302 then
    posted = posted + 1
  elseif status == 400 and body:find("times in the last 7 days", 1, true) then
    -- The rule that one person recognises the same colleague at most 3 times a week: the portal
    -- answering as it should, which a small organisation meets by chance.
    capped = capped + 1
  else
    refused = refused + 1
    if #failures < 200 then failures = failures .. " " .. status end
  end
end

function done(summary, latency, requests)
  local accepted, rejected, limited, statuses = 0, 0, 0, {}
  for _, thread in ipairs(common.threads()) do
    accepted = accepted + (thread:get("posted") or 0)
    rejected = rejected + (thread:get("refused") or 0)
    limited = limited + (thread:get("capped") or 0)
    for status in (thread:get("failures") or ""):gmatch("%d+") do
      statuses[status] = (statuses[status] or 0) + 1
    end
  end
  local refusals = ""
  for status, count in pairs(statuses) do refusals = refusals .. status .. "x" .. count .. "," end
  common.report(summary, latency, string.format(" posted=%d refused=%d capped=%d refusals=%s", accepted, rejected, limited, refusals))
end
