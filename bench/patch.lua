-- wrk script: the PATCH that flowc sends for one row, over ids 1..ROWS in turn.
local rows = tonumber(os.getenv("BENCH_ROWS") or "20000")
local n = 0
wrk.method = "PATCH"
wrk.headers["X-Auth-Token"] = "bench-key"
wrk.headers["Accept"] = "application/json"
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = n % rows + 1
  local body = string.format('{"title":"Product %d x %d","total":%d.50}', n % 97, n % 5 + 1, n % 1000)
  return wrk.format(nil, "/keepincrm/v1/agreements/" .. n, nil, body)
end
