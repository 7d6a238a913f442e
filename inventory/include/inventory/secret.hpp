// A credential value that never shows itself by accident.
//
// Streaming a `secret` or asking for `masked()` yields "********", whatever it holds. The
// plaintext is available only through `reveal()`, so the one place that needs it (handing a
// password to the authenticator) is easy to find with grep. The buffer is overwritten when the
// secret is destroyed or assigned over (best effort: copies made elsewhere are not tracked).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

namespace inventory {

class secret {
public:
    static constexpr std::string_view mask = "********";

    secret() = default;
    explicit secret(std::string plaintext) noexcept
        : value_(std::move(plaintext)) {}

    secret(const secret&) = default;
    secret(secret&& other) noexcept;
    secret& operator=(const secret& other);
    secret& operator=(secret&& other) noexcept;
    ~secret();

    /// The plaintext. Call only where the value is handed to its consumer.
    [[nodiscard]] const std::string& reveal() const noexcept { return value_; }

    /// Always "********": safe for logs, messages and tables.
    [[nodiscard]] static constexpr std::string_view masked() noexcept { return mask; }

    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

private:
    void wipe() noexcept;

    std::string value_;
};

/// Writes "********", never the value.
std::ostream& operator<<(std::ostream& os, const secret& s);

} // namespace inventory
