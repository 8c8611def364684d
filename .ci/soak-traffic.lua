-- wrk script for `make soak`: mixed traffic, 80 % reads across the page types and 20 % writes by a signed-in
-- company owner and by visitors. SOAK_DIR holds the lists of paths (one per line) and the owner's session cookie;
-- the report is one RESULT line (requests/s, p50, p95, p99 in milliseconds, failed requests) and one WRITES line
-- with the writes of each kind sent.
local dir = os.getenv("SOAK_DIR")
local lists = {}
local cookie, company
-- Global, so that done() can read it from the thread.
writes_sent = { subscribe = 0, save = 0, job = 0, edit = 0 }
local n = 0

local function read_list(name)
  local list = {}
  for line in io.lines(dir .. "/" .. name .. ".txt") do
    if line ~= "" then list[#list + 1] = line end
  end
  return list
end

local function pick(name)
  local list = lists[name]
  return list[math.random(#list)]
end

local function form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    local value = pair[2]:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)
    parts[#parts + 1] = pair[1]:gsub("%[", "%%5B"):gsub("%]", "%%5D") .. "=" .. value
  end
  return table.concat(parts, "&")
end

local function call(endpoint, fields, signed_in)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
  }
  if signed_in then headers["Cookie"] = cookie end
  return wrk.format("POST", "/api/" .. endpoint, headers, form(fields))
end

-- The reads, by weight out of 80: each picks a page of its kind.
local reads = {
  { 8, function() return "/" end },
  { 14, function() return pick("searches") end },
  { 20, function() return pick("jobs") end },
  { 8, function() return pick("directory") end },
  { 10, function() return pick("profiles") end },
  { 8, function() return pick("articles") end },
  { 6, function() return pick("hubs") end },
  { 4, function() return pick("feeds") end },
  { 2, function() return pick("sitemaps") end },
}

-- The writes, by weight out of 20.
local writes = {
  { 7, function()
      writes_sent.subscribe = writes_sent.subscribe + 1
      return call("alerts/subscribe", {
        { "form[email]", string.format("reader-%d-%d@soak.example", os.time(), n) },
        { "form[topic]", "news:" }, { "form[frequency]", "weekly" }, { "form[website]", "" },
      }, false)
    end },
  { 7, function()
      writes_sent.save = writes_sent.save + 1
      local id = pick("jobs"):match("^/jobs/(%d+)")
      return call("jobs/save", { { "job_id", id }, { "save", math.random(2) == 1 and "true" or "false" } }, true)
    end },
  { 3, function()
      writes_sent.job = writes_sent.job + 1
      local fields = { { "company_id", company }, { "intent", "submit" } }
      for _, pair in ipairs(lists.job_form) do fields[#fields + 1] = pair end
      fields[#fields + 1] = { "form[title]", string.format("Medical writer %d", n) }
      return call("jobs/create", fields, true)
    end },
  { 3, function()
      writes_sent.edit = writes_sent.edit + 1
      local fields = {}
      for _, pair in ipairs(lists.company_form) do fields[#fields + 1] = pair end
      fields[#fields + 1] = { "form[tagline]", string.format("Plain words about medicines, edition %d", n) }
      fields[#fields + 1] = { "company_id", company }
      return call("companies/update", fields, true)
    end },
}

local function weighted(table_, roll)
  for _, entry in ipairs(table_) do
    if roll < entry[1] then return entry[2] end
    roll = roll - entry[1]
  end
end

init = function(args)
  math.randomseed(42)
  for _, name in ipairs({ "searches", "jobs", "directory", "profiles", "articles", "hubs", "feeds", "sitemaps" }) do
    lists[name] = read_list(name)
  end
  cookie = read_list("cookie")[1]
  company = read_list("company")[1]
  for _, name in ipairs({ "company_form", "job_form" }) do
    lists[name] = {}
    for _, line in ipairs(read_list(name)) do
      local key, value = line:match("^([^\t]*)\t(.*)$")
      lists[name][#lists[name] + 1] = { key, value }
    end
  end
end

-- SOAK_WRITES_PERCENT changes the share of writes (20 by default), keeping the proportions within each group.
local writes_percent = tonumber(os.getenv("SOAK_WRITES_PERCENT") or "20")

request = function()
  n = n + 1
  local roll = math.random() * 100
  if roll >= writes_percent then
    return wrk.format("GET", weighted(reads, (roll - writes_percent) * 80 / (100 - writes_percent))())
  end
  return weighted(writes, roll * 20 / writes_percent)()
end

local threads = {}
setup = function(thread) threads[#threads + 1] = thread end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
  local sent = { subscribe = 0, save = 0, job = 0, edit = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("writes_sent")
    for kind, count in pairs(c) do sent[kind] = sent[kind] + count end
  end
  io.write(string.format("WRITES %d %d %d %d %d\n", summary.requests, sent.subscribe, sent.save, sent.job, sent.edit))
end
