#include "shared_by_text.hpp"

#include <engine/error_patterns.hpp>

#include <re2/re2.h>

namespace engine {

struct error_patterns::compiled {
    std::string text;
    std::unique_ptr<RE2> re;
};

error_patterns::error_patterns(const std::vector<std::string>& patterns) {
    RE2::Options options;
    options.set_log_errors(false);
    for (const auto& p : patterns) {
        auto re = std::make_unique<RE2>("(?m:" + p + ")", options);
        if (re->ok())
            patterns_.push_back({p, std::move(re)});
    }
}

error_patterns::~error_patterns() = default;
error_patterns::error_patterns(error_patterns&&) noexcept = default;
error_patterns& error_patterns::operator=(error_patterns&&) noexcept = default;

std::shared_ptr<const error_patterns>
error_patterns::shared(const std::vector<std::string>& patterns) {
    std::string key;
    for (const auto& p : patterns)
        key += p + '\0';
    return detail::shared_by_text<error_patterns>(
        key, [&] { return std::make_shared<const error_patterns>(patterns); });
}

std::optional<std::string> error_patterns::first_match(std::string_view output) const {
    for (const auto& p : patterns_)
        if (RE2::PartialMatch(output, *p.re))
            return p.text;
    return std::nullopt;
}

} // namespace engine
