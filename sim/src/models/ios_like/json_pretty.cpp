#include "models/ios_like/json_pretty.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>

namespace sim::ios_like {
namespace {

std::string number_text(double value) {
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                         std::chars_format::fixed);
    std::string text = ec == std::errc{} ? std::string(buffer.data(), end) : std::string("0");
    if (text.find('.') == std::string::npos) {
        text += ".0";
    }
    return text;
}

void write(std::string& out, const boost::json::value& value, std::size_t depth) {
    const std::string indent((depth + 1) * 2, ' ');
    const std::string closing(depth * 2, ' ');
    if (const auto* object = value.if_object()) {
        if (object->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& member : *object) {
            out += first ? "" : ",\n";
            first = false;
            out += indent + boost::json::serialize(boost::json::value(member.key())) + ": ";
            write(out, member.value(), depth + 1);
        }
        out += "\n" + closing + "}";
    } else if (const auto* array = value.if_array()) {
        if (array->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < array->size(); ++i) {
            out += (i == 0 ? "" : ",\n") + indent;
            write(out, (*array)[i], depth + 1);
        }
        out += "\n" + closing + "]";
    } else if (value.is_double()) {
        out += number_text(value.get_double());
    } else {
        out += boost::json::serialize(value);
    }
}

} // namespace

std::string pretty_json(const boost::json::value& value) {
    std::string out;
    write(out, value, 0);
    return out + "\n";
}

} // namespace sim::ios_like
