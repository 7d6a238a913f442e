#include <bench/report.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <utility>

namespace bench {

stats summarize(std::vector<double> v) {
    if (v.empty())
        return {};
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    const double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return {median, v.front(), v.back()};
}

std::string number(double v) {
    char buf[64];
    const double a = std::abs(v);
    const int precision = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    std::snprintf(buf, sizeof buf, "%.*f", precision, v);
    return buf;
}

std::string figure(const stats& s) {
    return number(s.median) + " [" + number(s.min) + "-" + number(s.max) + "]";
}

std::string ratio_figure(const stats& s) {
    return number(s.median) + "x [" + number(s.min) + "-" + number(s.max) + "]";
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text + " ";
}

std::string tail(const std::string& text, std::size_t lines) {
    std::size_t pos = text.size();
    while (lines-- > 0 && pos > 0) {
        const auto nl = text.rfind('\n', pos - 1);
        if (nl == std::string::npos) {
            pos = 0;
            break;
        }
        pos = nl;
    }
    return text.substr(pos == 0 ? 0 : pos + 1);
}

std::string mib(std::uint64_t bytes) {
    if (bytes % (1 << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

void table::print_header(std::ostream& out) const {
    out << pad("", label_width) << pad(fleetsh_heading, column_width)
        << pad(openssh_heading, column_width) << "ratio\n";
}

void table::print_row(std::ostream& out, const std::string& label, const series& s, better b,
                      std::string_view ratio_word) const {
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(s.fleetsh.size(), s.openssh.size()); ++i) {
        const double f = s.fleetsh[i], o = s.openssh[i];
        if (f > 0 && o > 0)
            ratios.push_back(b == better::higher ? f / o : o / f);
    }
    out << pad(label, label_width) << pad(figure(summarize(s.fleetsh)), column_width)
        << pad(figure(summarize(s.openssh)), column_width);
    if (ratios.empty())
        out << "-\n";
    else
        out << ratio_figure(summarize(ratios)) << " " << ratio_word << "\n";
}

void table::print_values(std::ostream& out, const std::string& label, const series& s) const {
    const auto column = [](const std::vector<double>& v) {
        return v.empty() ? std::string() : figure(summarize(v));
    };
    out << pad(label, label_width) << pad(column(s.fleetsh), column_width)
        << pad(column(s.openssh), column_width) << "-\n";
}

namespace {
std::vector<std::string>& oddities() {
    static std::vector<std::string> list;
    return list;
}
} // namespace

void note(std::string text) {
    auto& list = oddities();
    if (std::find(list.begin(), list.end(), text) == list.end())
        list.push_back(std::move(text));
}

void print_notes(std::ostream& out) {
    if (oddities().empty())
        return;
    out << "noted during the run:\n";
    for (const auto& o : oddities())
        out << "  - " << o << "\n";
    out << "\n";
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

} // namespace bench
