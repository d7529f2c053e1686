-- GET /users/{id}/recommendations over user ids 1..USERS (2,000 in the default data), in a random
-- order per wrk thread; counts non-200 answers.
local users = tonumber(os.getenv("BENCH_USERS") or "2000")
local counter = 0

function init(args)
    math.randomseed(os.time() * 1000 + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000)
end

function request()
    return wrk.format("GET", "/users/" .. math.random(1, users) .. "/recommendations")
end
