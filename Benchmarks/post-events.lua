-- wrk script of the write benchmarks: POSTs a domestic step to bench-200, with the bearer token in TOKEN. Each
-- thread numbers its own requests, and RUN (optional) tells runs apart, so every step text is unique.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"type": "domestic-step", "party": "FRA", "date": "2002-01-01", "step": "benchmark %s %d-%d"}', os.getenv("RUN") or "", id, counter)
  return wrk.format("POST", "/api/v1/treaties/bench-200/events", {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("     95%%   %.2fms\n", latency:percentile(95) / 1000))
end
