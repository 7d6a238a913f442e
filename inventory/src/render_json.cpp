#include <inventory/render.hpp>

namespace inventory {
namespace {

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string json_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        out += (out.size() > 1 ? "," : "") + json_string(item);
    }
    return out + "]";
}

} // namespace

std::string render_table_json(const std::vector<resolved_host>& hosts) {
    std::string out = "[";
    for (const auto& h : hosts) {
        out += (out.size() > 1 ? ",\n " : "") + std::string("{\"name\":") + json_string(h.name) +
               ",\"address\":" + json_string(h.address) + ",\"port\":" + std::to_string(h.port) +
               ",\"platform\":" + json_string(h.platform) + ",\"groups\":" + json_array(h.groups) +
               ",\"tags\":" + json_array(h.tags) + "}";
    }
    return out + "]\n";
}

std::string render_host_json(const resolved_host& h) {
    std::string fields;
    for (const auto& [field, value] : host_fields(h)) {
        const auto source = h.sources.find(field);
        fields +=
            (fields.empty() ? "" : ",") + json_string(field) + ":{\"value\":" + json_string(value);
        if (source != h.sources.end()) {
            fields += ",\"from\":" + json_string(source->second.text()) +
                      ",\"at\":" + json_string(source->second.mark.text());
        }
        fields += "}";
    }
    return "{\"name\":" + json_string(h.name) +
           ",\"defined_at\":" + json_string(h.defined_at.text()) + ",\"fields\":{" + fields +
           "},\"groups\":" + json_array(h.groups) + ",\"all_groups\":" + json_array(h.all_groups) +
           ",\"tags\":" + json_array(h.tags) + "}\n";
}

} // namespace inventory
