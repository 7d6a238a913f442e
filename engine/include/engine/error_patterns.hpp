// A platform's error patterns (platform_driver::error_patterns), compiled once with RE2 and
// matched line-wise ((?m): ^ and $ at line ends) against a command's output, whether it came
// from a shell or an exec channel: "% Invalid input detected", "syntax error", ...
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

class error_patterns {
public:
    // Patterns RE2 does not compile are skipped (the driver loader has reported them).
    explicit error_patterns(const std::vector<std::string>& patterns);
    ~error_patterns();
    error_patterns(error_patterns&&) noexcept;
    error_patterns& operator=(error_patterns&&) noexcept;

    // One compiled set per distinct list of patterns, shared for the process (compiling is
    // what costs; matching a const set is thread-safe).
    static std::shared_ptr<const error_patterns> shared(const std::vector<std::string>& patterns);

    // The text of the first pattern that matches somewhere in `output`.
    std::optional<std::string> first_match(std::string_view output) const;

private:
    struct compiled;
    std::vector<compiled> patterns_;
};

} // namespace engine
