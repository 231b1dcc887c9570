-- wrk script: POST 10,000 different profiles to /api/v1/recommendations, each thread cycling through
-- them from its own offset, so that few answers are ones the service has just given (its advice memo,
-- advisor.rules.advice-memo, keeps 1,000 by default). Compare with bench/post.lua (one profile).
local entities = { "INDIVIDUAL", "ENTERPRISE", "GOVERNMENT", "MEDIA", "OTHER_ORGANIZATION" }
local presences = { "NONE", "SINGLE_LOCATION", "MULTIPLE_LOCATIONS" }
local cadences = { "NONE", "MONTHLY", "WEEKLY", "SEVERAL_PER_WEEK", "DAILY" }
local goals = { "SELL_PRODUCTS", "PUBLISH_CONTENT", "CUSTOMER_SERVICE", "INTERNAL_COMMUNICATION", "BOOKINGS",
  "BRAND_AWARENESS" }
local count = 10000
local threads = 0

local function div(a, b) return math.floor(a / b) end

local function body(i)
  local chosen = {}
  local mask = div(i, 150) % 64
  for g = 1, #goals do
    if div(mask, 2 ^ (g - 1)) % 2 == 1 then chosen[#chosen + 1] = '"' .. goals[g] .. '"' end
  end
  return string.format('{"entityType":"%s","wantsPayment":%s,"offlinePresence":"%s","contentCadence":"%s",'
    .. '"goals":[%s],"industry":"CATERING","needsProactivePush":%s,"externalId":"lead-%d"}',
    entities[i % 5 + 1], tostring(div(i, 75) % 2 == 1), presences[div(i, 5) % 3 + 1], cadences[div(i, 15) % 5 + 1],
    table.concat(chosen, ","), tostring(div(i, 9600) % 2 == 1), i)
end

function setup(thread)
  thread:set("offset", threads * div(count, 2))
  threads = threads + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  requests = {}
  for i = 0, count - 1 do
    requests[i] = wrk.format(nil, nil, nil, body(i))
  end
  next_index = offset or 0
end

function request()
  local i = next_index % count
  next_index = next_index + 1
  return requests[i]
end
