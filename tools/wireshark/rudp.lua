-- A Wireshark dissector for the rudp wire protocol, version 1 (docs/PROTOCOL.md).
--
-- Load it with `wireshark -X lua_script:tools/wireshark/rudp.lua` (or `tshark -X ...`), or copy it
-- into Wireshark's personal plugins folder. rudp has no fixed port: the dissector recognises its
-- datagrams on any UDP port by their shape and their CRC32C (a heuristic), and "Decode As... RUDPIO"
-- forces it on a port. Wireshark already has a protocol named "rudp" (Cisco's Reliable UDP, a
-- different protocol), so this one is "rudpio" in display filters: `rudpio.type == 4`. Every packet type and every frame type of PROTOCOL.md §1-§2 is decoded;
-- a datagram whose CRC does not match is marked, and a field that runs past the CRC is flagged
-- as malformed. A port that another dissector owns (7000 is AFS, for one) goes to that one first
-- unless UDP tries heuristics first: `-o udp.try_heuristic_first:TRUE` (or that preference in
-- Wireshark's UDP settings). rudp's CRC makes a false match vanishingly rare.

local rudp = Proto("rudpio", "rudp, reliable transport over UDP (io.rudp)")

local PACKET_TYPES = { [1] = "INITIAL", [2] = "CHALLENGE", [3] = "RESPONSE", [4] = "DATA", [5] = "REFUSE" }
local FRAME_TYPES = {
    [0] = "PADDING", [1] = "PING", [2] = "ACK", [3] = "STREAM", [4] = "STREAM_FIN", [5] = "MAX_DATA",
    [6] = "DATA_BLOCKED", [7] = "HANDSHAKE_DONE", [8] = "CLOSE",
}
local ERROR_CODES = {
    [0] = "NO_ERROR", [1] = "INTERNAL_ERROR", [2] = "CONNECTION_REFUSED", [3] = "SERVER_BUSY",
    [4] = "FLOW_CONTROL_ERROR", [5] = "FINAL_SIZE_ERROR", [6] = "PROTOCOL_VIOLATION",
    [7] = "APPLICATION_ABORT", [8] = "TIMEOUT",
}
local PARAMETERS = {
    [1] = "max_datagram_bytes", [2] = "initial_max_data", [3] = "max_ack_delay_micros",
    [4] = "idle_timeout_millis",
}

local f = {
    version = ProtoField.uint8("rudpio.version", "Version"),
    type = ProtoField.uint8("rudpio.type", "Packet type", base.HEX, PACKET_TYPES),
    dcid = ProtoField.uint64("rudpio.dcid", "Destination connection id", base.HEX),
    scid = ProtoField.uint64("rudpio.scid", "Source connection id", base.HEX),
    token_length = ProtoField.uint64("rudpio.token_length", "Token length"),
    token = ProtoField.bytes("rudpio.token", "Token"),
    param_count = ProtoField.uint64("rudpio.param_count", "Transport parameter count"),
    param_id = ProtoField.uint64("rudpio.param.id", "Parameter id"),
    param_name = ProtoField.string("rudpio.param.name", "Parameter"),
    param_value = ProtoField.uint64("rudpio.param.value", "Parameter value"),
    padding_length = ProtoField.uint32("rudpio.padding_length", "Padding length"),
    pn = ProtoField.uint32("rudpio.pn", "Packet number (low 32 bits)"),
    crc = ProtoField.uint32("rudpio.crc", "CRC32C", base.HEX),
    crc_good = ProtoField.bool("rudpio.crc_good", "CRC32C good"),
    frame_type = ProtoField.uint8("rudpio.frame_type", "Frame type", base.HEX, FRAME_TYPES),
    ack_largest = ProtoField.uint64("rudpio.ack.largest", "Largest acknowledged"),
    ack_delay = ProtoField.uint64("rudpio.ack.delay_micros", "ACK delay (microseconds)"),
    ack_range_count = ProtoField.uint64("rudpio.ack.range_count", "ACK range count"),
    ack_first_range = ProtoField.uint64("rudpio.ack.first_range", "First ACK range"),
    ack_gap = ProtoField.uint64("rudpio.ack.gap", "Gap"),
    ack_range_length = ProtoField.uint64("rudpio.ack.range_length", "ACK range length"),
    stream_offset = ProtoField.uint64("rudpio.stream.offset", "Stream offset"),
    stream_length = ProtoField.uint64("rudpio.stream.length", "Stream data length"),
    stream_fin = ProtoField.bool("rudpio.stream.fin", "Final (STREAM_FIN)"),
    stream_data = ProtoField.bytes("rudpio.stream.data", "Stream data"),
    max_data = ProtoField.uint64("rudpio.max_data", "Maximum data"),
    data_blocked = ProtoField.uint64("rudpio.data_blocked", "Blocked at"),
    error_code = ProtoField.uint64("rudpio.error_code", "Error code"),
    error_name = ProtoField.string("rudpio.error_name", "Error"),
    reason_length = ProtoField.uint64("rudpio.reason_length", "Reason length"),
    reason = ProtoField.string("rudpio.reason", "Reason", base.UNICODE),
}
rudp.fields = f

local malformed = ProtoExpert.new("rudpio.malformed", "Malformed rudp packet", expert.group.MALFORMED, expert.severity.ERROR)
local bad_crc = ProtoExpert.new("rudpio.bad_crc", "CRC32C mismatch", expert.group.CHECKSUM, expert.severity.ERROR)
rudp.experts = { malformed, bad_crc }

-- CRC32C (Castagnoli, reflected polynomial 0x82F63B78), as java.util.zip.CRC32C.
local CRC_TABLE = {}
for i = 0, 255 do
    local c = i
    for _ = 1, 8 do
        if bit32.band(c, 1) ~= 0 then
            c = bit32.bxor(bit32.rshift(c, 1), 0x82F63B78)
        else
            c = bit32.rshift(c, 1)
        end
    end
    CRC_TABLE[i] = c
end

local function crc32c(tvb, length)
    local bytes = tvb:raw(0, length)
    local c = 0xFFFFFFFF
    for i = 1, length do
        c = bit32.bxor(CRC_TABLE[bit32.band(bit32.bxor(c, bytes:byte(i)), 0xFF)], bit32.rshift(c, 8))
    end
    return bit32.bxor(c, 0xFFFFFFFF)
end

-- A bounded reader over the bytes before the CRC: every read checks the end, so a field that runs
-- past it raises "malformed" instead of reading the CRC as data.
local function reader(tvb, first, limit)
    local r = { pos = first }
    function r.need(n)
        if r.pos + n > limit then
            error("runs past the CRC", 0)
        end
    end
    function r.u8()
        r.need(1)
        local v = tvb(r.pos, 1):uint()
        r.pos = r.pos + 1
        return v, tvb(r.pos - 1, 1)
    end
    -- A QUIC variable-length integer (RFC 9000 §16): returns a UInt64 and its range.
    function r.varint()
        r.need(1)
        local length = bit32.lshift(1, bit32.rshift(tvb(r.pos, 1):uint(), 6))
        r.need(length)
        local range = tvb(r.pos, length)
        local value
        if length == 8 then
            value = range:uint64():band(UInt64(0xFFFFFFFF, 0x3FFFFFFF))
        else
            value = UInt64(bit32.band(range:uint(), bit32.rshift(0xFFFFFFFF, 32 - 8 * length + 2)))
        end
        r.pos = r.pos + length
        return value, range
    end
    function r.bytes(n)
        r.need(n)
        local range = tvb(r.pos, n)
        r.pos = r.pos + n
        return range
    end
    function r.remaining()
        return limit - r.pos
    end
    return r
end

local function add_varint(tree, field, r)
    local v, range = r.varint()
    tree:add(field, range, v)
    return v
end

local function add_reason(tree, r)
    local code, code_range = r.varint()
    tree:add(f.error_code, code_range, code)
    tree:add(f.error_name, code_range, ERROR_CODES[code:tonumber()] or "unknown (read as INTERNAL_ERROR)")
    local length = add_varint(tree, f.reason_length, r)
    local text = r.bytes(length:tonumber())
    tree:add(f.reason, text, text:string(ENC_UTF_8))
    return ERROR_CODES[code:tonumber()] or ("error " .. tostring(code))
end

local function add_parameters(tree, r)
    local count = add_varint(tree, f.param_count, r):tonumber()
    for _ = 1, count do
        local start = r.pos
        local id, id_range = r.varint()
        local value, value_range = r.varint()
        local name = PARAMETERS[id:tonumber()] or ("unknown id " .. tostring(id))
        local item = tree:add(rudp, id_range, "Transport parameter: " .. name .. " = " .. tostring(value))
        item:add(f.param_id, id_range, id)
        item:add(f.param_name, id_range, name)
        item:add(f.param_value, value_range, value)
        item:set_len(r.pos - start)
    end
end

local function add_frames(tvb, tree, r, summary)
    while r.remaining() > 0 do
        local start = r.pos
        local ftype, type_range = r.u8()
        local name = FRAME_TYPES[ftype]
        if name == nil then
            error("unknown frame type " .. ftype, 0)
        end
        local item = tree:add(rudp, type_range, name .. " frame")
        item:add(f.frame_type, type_range, ftype)
        if ftype == 0 then
            -- a run of PADDING bytes is one frame
            while r.remaining() > 0 and tvb(r.pos, 1):uint() == 0 do
                r.pos = r.pos + 1
            end
            item:add(f.padding_length, tvb(start, r.pos - start), r.pos - start)
        elseif ftype == 2 then
            local largest = add_varint(item, f.ack_largest, r)
            add_varint(item, f.ack_delay, r)
            local ranges = add_varint(item, f.ack_range_count, r):tonumber()
            add_varint(item, f.ack_first_range, r)
            for _ = 1, ranges do
                add_varint(item, f.ack_gap, r)
                add_varint(item, f.ack_range_length, r)
            end
            table.insert(summary, "ACK " .. tostring(largest))
            name = nil
        elseif ftype == 3 or ftype == 4 then
            local offset = add_varint(item, f.stream_offset, r)
            local length = add_varint(item, f.stream_length, r)
            item:add(f.stream_fin, type_range, ftype == 4)
            local data = r.bytes(length:tonumber())
            item:add(f.stream_data, data)
            table.insert(summary, name .. " " .. tostring(offset) .. "+" .. tostring(length))
            name = nil
        elseif ftype == 5 then
            add_varint(item, f.max_data, r)
        elseif ftype == 6 then
            add_varint(item, f.data_blocked, r)
        elseif ftype == 8 then
            table.insert(summary, "CLOSE " .. add_reason(item, r))
            name = nil
        end
        if name ~= nil and ftype ~= 0 then
            table.insert(summary, name)
        end
        item:set_len(r.pos - start)
    end
end

local function dissect(tvb, pinfo, tree)
    local length = tvb:len()
    local limit = length - 4
    pinfo.cols.protocol = "RUDPIO"
    local root = tree:add(rudp, tvb(), "rudp (io.rudp)")
    local crc = tvb(limit, 4):uint()
    local good = crc32c(tvb, limit) == crc
    local r = reader(tvb, 0, limit)
    local version, version_range = r.u8()
    root:add(f.version, version_range, version)
    local ptype, type_range = r.u8()
    root:add(f.type, type_range, ptype)
    local dcid_range = r.bytes(8)
    root:add(f.dcid, dcid_range, dcid_range:uint64())
    local name = PACKET_TYPES[ptype] or ("type " .. ptype)
    local summary = {}
    local ok, problem = pcall(function()
        if ptype == 1 or ptype == 2 or ptype == 3 then
            local scid_range = r.bytes(8)
            root:add(f.scid, scid_range, scid_range:uint64())
            if ptype ~= 1 then
                local token_length = add_varint(root, f.token_length, r)
                root:add(f.token, r.bytes(token_length:tonumber()))
                add_parameters(root, r)
            end
            if ptype ~= 2 and r.remaining() > 0 then
                root:add(f.padding_length, tvb(r.pos, r.remaining()), r.remaining())
                r.pos = limit
            end
        elseif ptype == 4 then
            local pn_range = r.bytes(4)
            root:add(f.pn, pn_range, pn_range:uint())
            table.insert(summary, "PN " .. pn_range:uint())
            add_frames(tvb, root, r, summary)
        elseif ptype == 5 then
            table.insert(summary, add_reason(root, r))
        end
        if r.remaining() > 0 then
            error(r.remaining() .. " bytes after the last field", 0)
        end
    end)
    if not ok then
        root:add_proto_expert_info(malformed, tostring(problem))
    end
    local crc_item = root:add(f.crc, tvb(limit, 4), crc)
    crc_item:add(f.crc_good, tvb(limit, 4), good)
    if not good then
        crc_item:add_proto_expert_info(bad_crc)
    end
    pinfo.cols.info = name .. " dcid=" .. tostring(dcid_range:uint64():tohex()) .. " " .. table.concat(summary, ", ")
    return length
end

function rudp.dissector(tvb, pinfo, tree)
    if tvb:len() < 14 then
        return 0
    end
    return dissect(tvb, pinfo, tree)
end

-- Claims a UDP datagram on any port when it is shaped like rudp: version 1, a known packet type,
-- at least 14 bytes and a matching CRC32C.
local function heuristic(tvb, pinfo, tree)
    local length = tvb:len()
    if length < 14 or tvb(0, 1):uint() ~= 1 or PACKET_TYPES[tvb(1, 1):uint()] == nil then
        return false
    end
    if crc32c(tvb, length - 4) ~= tvb(length - 4, 4):uint() then
        return false
    end
    dissect(tvb, pinfo, tree)
    return true
end

rudp:register_heuristic("udp", heuristic)
DissectorTable.get("udp.port"):add_for_decode_as(rudp)
