-- wrk script: every request books places at one drop-in session, as a visitor's browser would
-- after showing the form: the CSRF cookie and token it was given, a fresh one-time submission
-- key and a fresh client address (X-Forwarded-For; the bench trusts one proxy).
-- wrk -s book.lua URL -- CSRF_COOKIE CSRF_TOKEN

local cookie, token
local counter = 0

function init(args)
  cookie = args[1]
  token = args[2]
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function uuid4()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  counter = counter + 1
  local key = uuid4()
  local body = "csrfmiddlewaretoken=" .. token
    .. "&submission_key=" .. key
    .. "&first_name=Bench&adults=1&children=0&email=&phone=&language=en&access_needs=&website="
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
    ["X-Forwarded-For"] = address,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH-LATENCY p50=%d p95=%d p99=%d requests=%d errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, summary.errors.status + summary.errors.timeout + summary.errors.connect
      + summary.errors.read + summary.errors.write))
end
