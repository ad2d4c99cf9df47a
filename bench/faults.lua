-- wrk script for bench/faults.py: rotates over a list of paths and logs every response.
--
--   FAULTS_LOG=responses.tsv wrk -t32 -c32 -d60s -s bench/faults.lua http://127.0.0.1:PORT -- paths.txt
--
-- Run with one connection per thread (-t equal to -c): a thread's responses then answer its
-- requests in order, so each response is logged with its path and the time its request was
-- sent. done() writes one line per response: sent, received (Unix seconds), status, path index
-- (from 1), and 1 if it carries a Retry-After header.

local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_usec; } faults_timeval;
  int gettimeofday(faults_timeval *tv, void *tz);
]])
local timeval = ffi.new("faults_timeval")

local function now()
  ffi.C.gettimeofday(timeval, nil)
  return tonumber(timeval.tv_sec) + tonumber(timeval.tv_usec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end

local paths, requests, next_index, sent_at, sent_index
log = {} -- global: done() reads it from each thread with thread:get

function init(args)
  paths, requests = {}, {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
      table.insert(requests, wrk.format("GET", line))
    end
  end
  next_index = (offset * 7) % #paths  -- threads start at different places in the list
end

function request()
  next_index = next_index % #paths + 1
  sent_at, sent_index = now(), next_index
  return requests[next_index]
end

function response(status, headers, body)
  local retry_after = (headers["Retry-After"] or headers["retry-after"]) and 1 or 0
  table.insert(log, string.format("%.4f\t%.4f\t%d\t%d\t%d", sent_at, now(), status, sent_index, retry_after))
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("FAULTS_LOG"), "w"))
  for _, thread in ipairs(threads) do
    for _, line in ipairs(thread:get("log")) do
      out:write(line, "\n")
    end
  end
  out:close()
end
