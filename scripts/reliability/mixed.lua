-- The soak's mixed traffic (scripts/reliability/soak.py): nine reads in ten, the recommendations of
-- every served model, similar shoes, popular and profiles; one write in ten, a view event at a
-- time of its own (2012 on, a band per wrk thread). `done` prints one line of JSON: requests,
-- socket errors, non-2xx answers and latency percentiles in ms.
local users = tonumber(os.getenv("SOAK_USERS") or "200")
local shoes = tonumber(os.getenv("SOAK_SHOES") or "60")
local models = {"hybrid", "svd", "content", "popularity", "ease", "ials", "segment"}
local threads = {}
local counter = 0
local thread_number = 0
local non2xx = 0

function setup(thread)
    thread_number = thread_number + 1
    thread:set("band", 1325376000 + thread_number * 10000000)
    table.insert(threads, thread)
end

function init(args)
    math.randomseed(band)
end

function request()
    counter = counter + 1
    local pick = counter % 10
    if pick == 0 then
        local body = string.format('{"user_id":%d,"shoe_id":%d,"interaction_type":"view","occurred_at":"%s"}',
            math.random(1, users), math.random(1, shoes), os.date("!%Y-%m-%dT%H:%M:%SZ", band + counter))
        return wrk.format("POST", "/interactions", {["Content-Type"] = "application/json"}, body)
    elseif pick <= 7 then
        return wrk.format("GET", "/users/" .. math.random(1, users) .. "/recommendations?model=" .. models[pick])
    elseif pick == 8 then
        return wrk.format("GET", "/shoes/" .. math.random(1, shoes) .. "/similar")
    else
        return wrk.format("GET", "/popular?k=10")
    end
end

function response(status, headers, body)
    if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do bad = bad + (thread:get("non2xx") or 0) end
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format('SOAK {"requests":%d,"errors":%d,"non2xx":%d,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
        summary.requests, errors, bad, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
