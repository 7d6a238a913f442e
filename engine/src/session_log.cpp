#include <engine/session_log.hpp>

#include <algorithm>

namespace engine {

session_log::session_log(sink out, std::vector<std::string> secrets)
    : out_(std::move(out)) {
    for (auto& s : secrets)
        if (!s.empty()) {
            hold_ = std::max(hold_, s.size() - 1);
            secrets_.push_back(std::move(s));
        }
    // Longest first, so a secret that contains another is masked whole.
    std::sort(secrets_.begin(), secrets_.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

session_log::~session_log() {
    flush();
}

// Appends `text` up to `cut` to `out` with every secret masked; a secret that starts before
// `cut` is masked whole even when it ends after it. Returns how much of `text` was consumed.
std::size_t session_log::mask_into(std::string_view text, std::size_t cut, std::string& out) const {
    std::size_t pos = 0;
    while (pos < cut) {
        std::size_t first = std::string_view::npos, length = 0;
        for (const auto& secret : secrets_) { // longest first: it wins a tie
            const auto at = text.find(secret, pos);
            if (at < first) {
                first = at;
                length = secret.size();
            }
        }
        if (first >= cut) {
            out.append(text.substr(pos, cut - pos));
            return cut;
        }
        out.append(text.substr(pos, first - pos));
        out.append(mask);
        pos = first + length;
    }
    return pos;
}

std::string session_log::masked(std::string_view text) const {
    std::string out;
    mask_into(text, text.size(), out);
    return out;
}

void session_log::flush() {
    if (pending_.empty())
        return;
    const auto text = masked(pending_);
    pending_.clear();
    out_(text);
    mid_line_ = text.back() != '\n';
}

void session_log::write_sent(std::string_view bytes) {
    flush();
    std::string line = mid_line_ ? "\n" : "";
    line += ">> ";
    line += bytes;
    if (line.back() != '\n')
        line += '\n';
    out_(line);
    mid_line_ = false;
}

void session_log::event(std::string_view what) {
    flush();
    out_(std::string(mid_line_ ? "\n" : "") + "## " + masked(what) + "\n");
    mid_line_ = false;
}

void session_log::sent(std::string_view bytes) {
    write_sent(masked(bytes));
}

void session_log::secret_sent() {
    write_sent(mask);
}

void session_log::received(std::string_view bytes) {
    pending_ += bytes;
    if (pending_.size() <= hold_)
        return;
    std::string text;
    pending_.erase(0, mask_into(pending_, pending_.size() - hold_, text));
    if (text.empty())
        return;
    out_(text);
    mid_line_ = text.back() != '\n';
}

} // namespace engine
