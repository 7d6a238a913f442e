#include <ssh/crypto/base64.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/wire/reader.hpp>

#include <algorithm>

namespace ssh::known_hosts {
namespace {

constexpr std::string_view blanks = " \t";

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Splits off the next blank-separated field of `rest`; empty when none is left.
std::string_view next_field(std::string_view& rest) noexcept {
    const auto start = rest.find_first_not_of(blanks);
    if (start == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(start);
    const auto end = std::min(rest.find_first_of(blanks), rest.size());
    const auto field = rest.substr(0, end);
    rest.remove_prefix(end);
    return field;
}

std::string_view trim(std::string_view s) noexcept {
    const auto b = s.find_first_not_of(blanks);
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(blanks);
    return s.substr(b, e - b + 1);
}

// "|1|salt|mac", both 20 bytes as HMAC-SHA1 gives; nullopt for anything else.
std::optional<hashed_name> parse_hashed(std::string_view field) {
    constexpr std::string_view magic = "|1|";
    if (!field.starts_with(magic))
        return std::nullopt;
    field.remove_prefix(magic.size());
    const auto bar = field.find('|');
    if (bar == std::string_view::npos)
        return std::nullopt;
    auto salt = crypto::base64_decode(field.substr(0, bar));
    auto mac = crypto::base64_decode(field.substr(bar + 1));
    if (!salt || !mac || salt->size() != 20 || mac->size() != 20)
        return std::nullopt;
    return hashed_name{std::move(*salt), std::move(*mac)};
}

std::vector<host_pattern> parse_patterns(std::string_view field) {
    std::vector<host_pattern> out;
    while (!field.empty()) {
        const auto comma = std::min(field.find(','), field.size());
        auto item = field.substr(0, comma);
        field.remove_prefix(std::min(comma + 1, field.size()));
        if (item.empty())
            continue;
        host_pattern p;
        if (item.front() == '!') {
            p.negated = true;
            item.remove_prefix(1);
        }
        p.glob.resize(item.size());
        std::transform(item.begin(), item.end(), p.glob.begin(), lower);
        out.push_back(std::move(p));
    }
    return out;
}

// The key type name the blob itself starts with (RFC 4253 §6.6), or empty if unreadable.
std::string_view blob_type(bytes_view blob) noexcept {
    wire::reader r{blob};
    const auto name = r.text(256);
    return r.failed() ? std::string_view{} : name;
}

// Parses one line that is neither blank nor a comment. On failure returns nullopt and says
// why in `why`.
std::optional<entry> parse_line(std::string_view line, std::string& why) {
    entry e;
    auto rest = line;
    auto field = next_field(rest);
    if (field.front() == '@') {
        if (field == "@revoked") {
            e.mark = marker::revoked;
        } else if (field == "@cert-authority") {
            e.mark = marker::cert_authority;
        } else {
            why = "unknown marker '" + std::string(field.substr(0, 64)) + "'";
            return std::nullopt;
        }
        field = next_field(rest);
    }
    if (field.empty()) {
        why = "missing host names";
        return std::nullopt;
    }
    if (field.front() == '|') {
        e.hashed = parse_hashed(field);
        if (!e.hashed) {
            why = "malformed hashed host name";
            return std::nullopt;
        }
    } else {
        e.patterns = parse_patterns(field);
        if (e.patterns.empty()) {
            why = "empty host pattern list";
            return std::nullopt;
        }
    }
    const auto type = next_field(rest);
    if (type.empty()) {
        why = "missing key type";
        return std::nullopt;
    }
    const auto key = next_field(rest);
    if (key.empty()) {
        why = "missing key";
        return std::nullopt;
    }
    auto blob = crypto::base64_decode(key);
    if (!blob || blob->empty()) {
        why = "key is not valid base64";
        return std::nullopt;
    }
    // OpenSSH rejects such lines too: the type field must name the key it precedes.
    if (blob_type(*blob) != type) {
        why = "key type '" + std::string(type.substr(0, 64)) + "' does not match the key";
        return std::nullopt;
    }
    e.key_type = type;
    e.key_blob = std::move(*blob);
    e.comment = trim(rest);
    return e;
}

class collector {
public:
    collector(parsed_file& out, const limits& lim)
        : out_{out}
        , lim_{lim} {}

    void warn(std::size_t line, errc code, std::string_view what) {
        if (out_.warnings.size() >= lim_.max_warnings) {
            ++suppressed_;
            return;
        }
        out_.warnings.push_back(
            {{out_.path, line},
             make_error_code(code),
             out_.path + ":" + std::to_string(line) + ": " + std::string(what)});
    }

    // Adds one summary for the warnings beyond the limit.
    void finish() {
        if (suppressed_ == 0)
            return;
        out_.warnings.push_back(
            {{out_.path, 0},
             make_error_code(errc::malformed_line),
             out_.path + ": " + std::to_string(suppressed_) + " more warnings not shown"});
    }

private:
    parsed_file& out_;
    const limits& lim_;
    std::size_t suppressed_ = 0;
};

} // namespace

parsed_file parse(std::string_view text, std::string path, const limits& lim) {
    parsed_file out;
    out.path = std::move(path);
    collector warnings{out, lim};
    std::size_t number = 0;
    while (!text.empty()) {
        const auto nl = std::min(text.find('\n'), text.size());
        auto line = text.substr(0, nl);
        text.remove_prefix(std::min(nl + 1, text.size()));
        ++number;

        if (line.size() > lim.max_line_length) {
            warnings.warn(number, errc::line_too_long,
                          "line longer than " + std::to_string(lim.max_line_length) +
                              " bytes skipped");
            continue;
        }
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (line.find('\0') != std::string_view::npos) {
            warnings.warn(number, errc::malformed_line, "NUL byte in line; line skipped");
            continue;
        }
        line = trim(line);
        if (line.empty() || line.front() == '#')
            continue;

        std::string why;
        auto e = parse_line(line, why);
        if (!e) {
            warnings.warn(number, errc::malformed_line, why + "; line skipped");
            continue;
        }
        if (out.entries.size() >= lim.max_entries) {
            warnings.warn(number, errc::too_many_entries,
                          "more than " + std::to_string(lim.max_entries) +
                              " entries; the rest of the file is ignored");
            out.complete = false;
            break;
        }
        e->line = number;
        out.entries.push_back(std::move(*e));
    }
    warnings.finish();
    return out;
}

} // namespace ssh::known_hosts
