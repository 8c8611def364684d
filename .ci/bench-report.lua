-- wrk script: BENCH_METHOD sets the method (GET by default). When BENCH_PATHS names a file of paths (one per line), requests go through them in turn, so a row
-- measures many different pages of one type rather than one page over and over. The report is one line:
-- requests/s, p50, p95, p99 (milliseconds), failed requests and requests made.
local paths = {}
local next_path = 1

init = function(args)
  wrk.method = os.getenv("BENCH_METHOD") or "GET"
  local file = os.getenv("BENCH_PATHS")
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then paths[#paths + 1] = line end
    end
  end
end

request = function()
  if #paths == 0 then
    return wrk.request()
  end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format(nil, path)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, summary.requests))
end
