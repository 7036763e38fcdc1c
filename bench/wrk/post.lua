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
local form = kind == "moment" and "/Moments/New" or "/Recognition/Give"
local posts_per_person = 5
local sessions, forms = {}, {}
local index, pending, counter, turn = 0, nil, 0, 0
posted, refused, failures = 0, 0, ""

setup = common.setup

function init(args)
  sessions = common.sessions()
  index = ((first or 1) - 1) % #sessions + 1
end

local function body(session)
  counter = counter + 1
  if kind == "moment" then
    return "Form.Kind=Magic&Form.Title=Benchmark+moment+" .. counter
      .. "&Form.Story=A+colleague+needed+a+report+by+noon+and+we+sent+it+at+ten+with+a+note+on+the+figures."
      .. "&Form.OccurredOn=" .. today .. "&Form.CustomerType=External&Form.ExternalCustomer=a+customer"
      .. "&Form.Elements=Focus&Form.Elements=Measured&Form.Visibility=Everyone"
  end
  local recipient = sessions[(index + counter) % #sessions + 1].id
  if recipient == session.id then recipient = sessions[(index + counter + 1) % #sessions + 1].id end
  return "Form.RecipientIds=" .. recipient
    .. "&Form.Message=Thank+you+for+sending+the+figures+early+so+the+customer+call+went+well."
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
  else
    refused = refused + 1
    if #failures < 200 then failures = failures .. " " .. status end
  end
end

function done(summary, latency, requests)
  local accepted, rejected = 0, 0
  for _, thread in ipairs(common.threads()) do
    accepted = accepted + (thread:get("posted") or 0)
    rejected = rejected + (thread:get("refused") or 0)
  end
  common.report(summary, latency, string.format(" posted=%d refused=%d", accepted, rejected))
end
