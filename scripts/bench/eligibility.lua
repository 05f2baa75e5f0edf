-- wrk script: POST /api/v1/coverage/eligibility for ID numbers drawn at random from a sample of
-- the register. Arguments (after `--`): access token, sample file, event date (YYYY-MM-DD).
local ids = {}
local body_head = '{"id_number":"'
local body_tail

function init(args)
  token = args[1]
  for line in io.lines(args[2]) do
    ids[#ids + 1] = line
  end
  body_tail = '","event_date":"' .. args[3] .. '"}'
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("POST", "/api/v1/coverage/eligibility", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body_head .. id .. body_tail)
end
