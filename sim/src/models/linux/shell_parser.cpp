#include "shell_parser.hpp"

#include <optional>
#include <utility>

namespace sim::linux_host {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

bool is_operator(char c) {
    return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '\n';
}

bool is_name_char(char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && c >= '0' && c <= '9');
}

syntax_error unexpected(std::string_view token) {
    return {"syntax error near unexpected token `" + std::string(token) + "'"};
}

class parser {
public:
    explicit parser(std::string_view line)
        : line_(line) {}

    std::variant<std::vector<list_item>, syntax_error> parse() {
        while (pos_ < line_.size()) {
            if (auto error = step())
                return *error;
        }
        finish_word();
        if (command_empty() && dangling_operator_)
            return syntax_error{"syntax error: unexpected end of file"};
        if (!command_empty())
            pipeline_.push_back(std::exchange(command_, {}));
        if (!pipeline_.empty())
            items_.push_back({next_condition_, std::exchange(pipeline_, {})});
        return std::move(items_);
    }

private:
    // Consumes one character or token.
    std::optional<syntax_error> step() {
        const char c = line_[pos_];
        if (is_blank(c)) {
            finish_word();
            ++pos_;
        } else if (c == '#' && !in_word_) {
            pos_ = line_.size(); // a comment runs to the end of the line
        } else if (c == ';' || c == '\n') {
            ++pos_;
            return end_pipeline(run_condition::always, ";");
        } else if (c == '&' && peek(1) == '&') {
            pos_ += 2;
            return end_pipeline(run_condition::if_succeeded, "&&");
        } else if (c == '|' && peek(1) == '|') {
            pos_ += 2;
            return end_pipeline(run_condition::if_failed, "||");
        } else if (c == '|') {
            ++pos_;
            finish_word();
            if (command_empty())
                return unexpected("|");
            pipeline_.push_back(std::exchange(command_, {}));
            dangling_operator_ = true;
        } else if (c == '&' && peek(1) == '>') {
            ++pos_; // "&>file": both streams
            return redirect(1, true);
        } else if (c == '&') {
            ++pos_; // no background jobs: "a & b" runs a, then b
            return end_pipeline(run_condition::always, "&");
        } else if (c == '>' || c == '<') {
            return redirect(redirected_fd(c), false);
        } else {
            return word_char(c);
        }
        return std::nullopt;
    }

    std::optional<syntax_error> word_char(char c) {
        if (c == '\'')
            return single_quoted();
        if (c == '"')
            return double_quoted();
        if (c == '\\' && pos_ + 1 < line_.size()) {
            literal(line_[pos_ + 1]);
            pos_ += 2;
        } else if (c == '$') {
            ++pos_;
            variable();
        } else if (c == '~' && !in_word_ && tilde_ends(peek(1))) {
            word_.parts.push_back({"HOME", true});
            in_word_ = true;
            ++pos_;
        } else {
            literal(c);
            ++pos_;
        }
        return std::nullopt;
    }

    static bool tilde_ends(char next) {
        return next == '\0' || next == '/' || is_blank(next) || is_operator(next);
    }

    std::optional<syntax_error> single_quoted() {
        const auto close = line_.find('\'', pos_ + 1);
        if (close == std::string_view::npos)
            return syntax_error{"unexpected EOF while looking for matching `''"};
        for (const char c : line_.substr(pos_ + 1, close - pos_ - 1))
            literal(c);
        mark_quoted();
        pos_ = close + 1;
        return std::nullopt;
    }

    std::optional<syntax_error> double_quoted() {
        mark_quoted();
        for (++pos_; pos_ < line_.size();) {
            const char c = line_[pos_];
            if (c == '"') {
                ++pos_;
                return std::nullopt;
            }
            if (c == '\\' && pos_ + 1 < line_.size() &&
                std::string_view("$`\"\\").find(line_[pos_ + 1]) != std::string_view::npos) {
                literal(line_[pos_ + 1]);
                pos_ += 2;
            } else if (c == '$') {
                ++pos_;
                variable();
            } else {
                literal(c);
                ++pos_;
            }
        }
        return syntax_error{"unexpected EOF while looking for matching `\"'"};
    }

    // After a '$': $?, $$, ${NAME}, $NAME; a lone '$' stays literal.
    void variable() {
        const char c = peek(0);
        std::string name;
        if (c == '?' || c == '$') {
            name = c;
            ++pos_;
        } else if (c == '{' && line_.find('}', pos_) != std::string_view::npos) {
            const auto close = line_.find('}', pos_);
            name = line_.substr(pos_ + 1, close - pos_ - 1);
            pos_ = close + 1;
        } else {
            while (pos_ < line_.size() && is_name_char(line_[pos_], name.empty()))
                name += line_[pos_++];
        }
        if (name.empty()) {
            literal('$');
            return;
        }
        word_.parts.push_back({name, true});
        in_word_ = true;
    }

    // The fd of a '>' or '<' at pos_: a word "2" right before "2>" is the fd, not an argument.
    int redirected_fd(char c) {
        const int fallback = c == '<' ? 0 : 1;
        if (!in_word_ || word_.quoted || word_.parts.size() != 1 || word_.parts[0].variable)
            return fallback;
        const auto& text = word_.parts[0].text;
        if (text != "0" && text != "1" && text != "2")
            return fallback;
        const int fd = text[0] - '0';
        word_ = {};
        in_word_ = false;
        return fd;
    }

    // At '>' or '<' (pos_ on it): reads ">>", ">&N" or the target word.
    std::optional<syntax_error> redirect(int fd, bool both) {
        finish_word();
        const bool input = line_[pos_] == '<';
        ++pos_;
        if (!input && peek(0) == '>')
            ++pos_; // ">>" appends; nothing here is ever written anyway
        std::string target;
        if (!input && peek(0) == '&' && (peek(1) == '1' || peek(1) == '2')) {
            target = line_.substr(pos_, 2);
            pos_ += 2;
        } else {
            while (pos_ < line_.size() && is_blank(line_[pos_]))
                ++pos_;
            while (pos_ < line_.size() && !is_blank(line_[pos_]) && !is_operator(line_[pos_])) {
                if (line_[pos_] != '"' && line_[pos_] != '\'')
                    target += line_[pos_];
                ++pos_;
            }
        }
        if (target.empty())
            return unexpected(pos_ < line_.size() ? line_.substr(pos_, 1) : "newline");
        command_.redirections.push_back({fd, target});
        if (both)
            command_.redirections.push_back({2, "&1"});
        return std::nullopt;
    }

    std::optional<syntax_error> end_pipeline(run_condition next, std::string_view token) {
        finish_word();
        if (command_empty())
            return unexpected(token);
        pipeline_.push_back(std::exchange(command_, {}));
        items_.push_back({next_condition_, std::exchange(pipeline_, {})});
        next_condition_ = next;
        dangling_operator_ = next != run_condition::always;
        return std::nullopt;
    }

    void literal(char c) {
        if (word_.parts.empty() || word_.parts.back().variable)
            word_.parts.push_back({"", false});
        word_.parts.back().text += c;
        in_word_ = true;
    }

    void mark_quoted() {
        word_.quoted = true;
        in_word_ = true;
    }

    void finish_word() {
        if (in_word_)
            command_.words.push_back(std::exchange(word_, {}));
        in_word_ = false;
    }

    bool command_empty() const { return command_.words.empty() && command_.redirections.empty(); }

    char peek(std::size_t ahead) const {
        return pos_ + ahead < line_.size() ? line_[pos_ + ahead] : '\0';
    }

    std::string_view line_;
    std::size_t pos_ = 0;
    shell_word word_;
    bool in_word_ = false;
    simple_command command_;
    pipeline pipeline_;
    std::vector<list_item> items_;
    run_condition next_condition_ = run_condition::always;
    bool dangling_operator_ = false; // the line may not end right after "&&", "||" or "|"
};

} // namespace

std::variant<std::vector<list_item>, syntax_error> parse_shell(std::string_view line) {
    return parser{line}.parse();
}

} // namespace sim::linux_host
