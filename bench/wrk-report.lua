-- wrk script of bench/run.sh: every request carries the headers given in BENCH_HEADERS
-- ("Name: value" lines, e.g. the JWT), or, with BENCH_REQUESTS, each request is the next
-- line of that file ("<Mux-Signature>\t<body>": one signed webhook per line, never repeated
-- across threads), and the result is printed as one parseable line.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local lines = nil
local index = 0
local step = 1

function init(args)
  step = tonumber(os.getenv("BENCH_THREADS") or "1")
  index = tid
  local headers_file = os.getenv("BENCH_HEADERS")
  if headers_file and headers_file ~= "" then
    for line in io.lines(headers_file) do
      local name, value = line:match("^([^:]+):%s*(.*)$")
      if name then wrk.headers[name] = value end
    end
  end
  local requests_file = os.getenv("BENCH_REQUESTS")
  if requests_file and requests_file ~= "" then
    lines = {}
    for line in io.lines(requests_file) do table.insert(lines, line) end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
end

function request()
  if lines == nil then
    return wrk.format()
  end
  local line = lines[(index % #lines) + 1]
  index = index + step
  local signature, body = line:match("^([^\t]*)\t(.*)$")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Mux-Signature"] = signature
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, non2xx, failed))
end
