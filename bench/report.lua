-- wrk script: the run's figures as one JSON line, and optionally a mix of addresses.
-- BENCH_PATHS (space-separated) rotates through several addresses; BENCH_UNIQUE_EVERY=n gives every n-th
-- request a query string of its own, which no cache can have seen (an uncached render).
-- Every address answers 200, so "non_2xx_3xx" counts every failure, 5xx included.
local paths, counter = {}, 0
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do table.insert(paths, path) end
local unique_every = tonumber(os.getenv("BENCH_UNIQUE_EVERY") or "0")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

if #paths > 0 then
  request = function()
    counter = counter + 1
    local path = paths[(counter % #paths) + 1]
    if unique_every > 0 and counter % unique_every == 0 then
      local sep = string.find(path, "?", 1, true) and "&" or "?"
      path = path .. sep .. "n=" .. id .. "-" .. counter
    end
    return wrk.format("GET", path)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, "non_2xx_3xx": %d, ' ..
    '"socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
