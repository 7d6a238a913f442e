#include "bench_report.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

namespace app {
namespace {

constexpr std::size_t max_timeline_bars = 2000;
constexpr std::size_t slowest_always_shown = 20; // in a sampled timeline
constexpr std::size_t max_latency_charts = 6;    // beyond: the last result of each workload
constexpr double straggler_factor = 3;           // times the median duration

// ---------------------------------------------------------------------------------------------
// Text

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// 1234567 -> "1,234,567"
std::string grouped(long long n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

// A figure for people: three significant digits or so, thousands grouped.
std::string number(double v) {
    if (!std::isfinite(v))
        return "-";
    const double a = std::fabs(v);
    if (a >= 1000)
        return grouped(std::llround(v));
    if (a >= 100)
        return fmt::format("{:.0f}", v);
    if (a >= 10)
        return fmt::format("{:.1f}", v);
    if (a >= 1 || a == 0)
        return fmt::format("{:.2f}", v);
    return fmt::format("{:.3g}", v);
}

// An axis tick: as short as possible ("0.5", "20", "2.5k", "1M").
std::string tick_text(double v) {
    const double a = std::fabs(v);
    if (a >= 1e6)
        return fmt::format("{:g}M", v / 1e6);
    if (a >= 1e4)
        return fmt::format("{:g}k", v / 1e3);
    return fmt::format("{:g}", v);
}

std::string px(double v) {
    return fmt::format("{:.1f}", v);
}

std::string rate_unit(jobs::bench_workload w) {
    return w == jobs::bench_workload::sessions || w == jobs::bench_workload::idle ? "sessions/s"
                                                                                  : "commands/s";
}

std::string result_name(const jobs::bench_result& r) {
    return fmt::format("{}, concurrency {}", jobs::workload_name(r.workload), r.concurrency);
}

// ---------------------------------------------------------------------------------------------
// SVG pieces shared by the charts

enum class anchor { start, middle, end };

std::string text(double x, double y, std::string_view s, std::string_view cls,
                 anchor a = anchor::start) {
    static constexpr std::string_view names[] = {"start", "middle", "end"};
    return fmt::format(R"(<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>)", cls, px(x),
                       px(y), names[static_cast<int>(a)], escape(s));
}

std::string line(double x1, double y1, double x2, double y2, std::string_view cls) {
    return fmt::format(R"(<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>)", cls, px(x1), px(y1),
                       px(x2), px(y2));
}

// A rectangle with a tooltip (an SVG <title>).
std::string rect(double x, double y, double w, double h, std::string_view cls,
                 std::string_view tooltip) {
    auto out = fmt::format(R"(<rect class="{}" x="{}" y="{}" width="{}" height="{}")", cls, px(x),
                           px(y), px(std::max(w, 0.0)), px(std::max(h, 0.0)));
    if (tooltip.empty())
        return out + "/>";
    return fmt::format("{}><title>{}</title></rect>", out, escape(tooltip));
}

std::string svg_open(double width, double height, std::string_view label) {
    return fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", px(width),
                       px(height), escape(label));
}

struct legend_item {
    std::string_view cls;
    std::string label;
};

// Colour swatches with their labels, left to right from (x, y).
std::string legend(double x, double y, const std::vector<legend_item>& items) {
    std::string out = R"(<g class="legend">)";
    for (const auto& item : items) {
        out += rect(x, y - 9, 12, 12, fmt::format("swatch {}", item.cls), {});
        out += text(x + 16, y + 1, item.label, "legend-label");
        x += 28 + 6.5 * static_cast<double>(item.label.size());
    }
    return out + "</g>";
}

// Where a chart draws its data, in the SVG's coordinates.
struct plot_area {
    double left, top, width, height;
    double right() const { return left + width; }
    double bottom() const { return top + height; }
};

// Maps values of a domain onto pixels, linearly or by powers of ten.
struct scale {
    double lo = 0, hi = 1;   // domain
    double from = 0, to = 1; // pixels
    bool log = false;
    double step = 0; // between ticks (linear)

    double operator()(double v) const {
        double t =
            log ? (std::log10(std::max(v, lo)) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                : (v - lo) / (hi - lo);
        return from + std::clamp(t, 0.0, 1.0) * (to - from);
    }

    std::vector<double> ticks() const {
        std::vector<double> out;
        if (log) {
            const bool dense = hi / lo <= 100; // two decades or less: 1, 2, 5 in each
            for (double decade = lo; decade <= hi * 1.0001; decade *= 10)
                for (const double m : {1.0, 2.0, 5.0})
                    if ((m == 1 || dense) && decade * m <= hi * 1.0001)
                        out.push_back(decade * m);
        } else if (step > 0) {
            for (double i = 0; lo + i * step <= hi + step * 1e-6; ++i)
                out.push_back(lo + i * step);
        }
        return out;
    }
};

// 1, 2, 2.5 or 5 times a power of ten, so that `span` takes about `count` steps.
double nice_step(double span, int count) {
    const double raw = span / count;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0})
        if (raw <= m * magnitude * 1.0001)
            return m * magnitude;
    return 10 * magnitude;
}

// From zero to a round value at or above `max`.
scale linear_from_zero(double max, double from, double to, int ticks = 5) {
    scale s{.from = from, .to = to};
    if (!(max > 0) || !std::isfinite(max))
        max = 1;
    s.step = nice_step(max, ticks);
    s.hi = std::ceil(max / s.step - 1e-9) * s.step;
    return s;
}

// Whole decades around [min, max] (both > 0).
scale decades(double min, double max, double from, double to) {
    scale s{.from = from, .to = to, .log = true};
    s.lo = std::pow(10, std::floor(std::log10(min)));
    s.hi = std::pow(10, std::ceil(std::log10(max)));
    if (s.hi <= s.lo)
        s.hi = s.lo * 10;
    return s;
}

enum class side { bottom, left };

// An axis along one side of the plot: its line, ticks with labels (a label too close to the
// previous one is left out), grid lines across the plot, and its title.
std::string axis(const plot_area& area, const scale& s, side where,
                 const std::vector<double>& ticks, std::string_view title) {
    const bool bottom = where == side::bottom;
    std::string out = R"(<g class="axis">)";
    out += bottom ? line(area.left, area.bottom(), area.right(), area.bottom(), "axis-line")
                  : line(area.left, area.top, area.left, area.bottom(), "axis-line");
    double last_label = -1e9;
    for (const double t : ticks) {
        const double p = s(t);
        const auto label = tick_text(t);
        const double room = bottom ? 6.5 * static_cast<double>(label.size()) + 6 : 13;
        if (bottom) {
            out += line(p, area.top, p, area.bottom(), "gridline");
            out += line(p, area.bottom(), p, area.bottom() + 5, "tick");
        } else {
            out += line(area.left, p, area.right(), p, "gridline");
            out += line(area.left - 5, p, area.left, p, "tick");
        }
        if (std::abs(p - last_label) < room)
            continue;
        last_label = p;
        out += bottom ? text(p, area.bottom() + 18, label, "tick-label", anchor::middle)
                      : text(area.left - 8, p + 4, label, "tick-label", anchor::end);
    }
    if (bottom)
        out += text(area.left + area.width / 2, area.bottom() + 38, title, "axis-title",
                    anchor::middle);
    else
        out += fmt::format(
            R"svg(<text class="axis-title" transform="translate({},{}) rotate(-90)" )svg"
            R"svg(text-anchor="middle">{}</text>)svg",
            px(area.left - 48), px(area.top + area.height / 2), escape(title));
    return out + "</g>";
}

std::string figure(std::string_view caption, const std::string& svg, std::string_view note = {}) {
    auto out = fmt::format("<figure><figcaption>{}</figcaption>{}", escape(caption), svg);
    if (!note.empty())
        out += fmt::format(R"(<p class="note">{}</p>)", escape(note));
    return out + "</figure>\n";
}

// ---------------------------------------------------------------------------------------------
// The run's results, grouped

// One series: a workload on one fleet size (a run may sweep both).
struct workload_results {
    jobs::bench_workload workload;
    std::size_t devices = 0;
    std::string name; // "sessions", or "sessions, 1000 devices" when sizes differ
    std::vector<const jobs::bench_result*> results; // in the run's order
};

std::vector<workload_results> by_workload(const jobs::bench_run& run) {
    std::vector<workload_results> out;
    bool sizes_differ = false;
    for (const auto& r : run.results) {
        sizes_differ = sizes_differ || r.devices != run.results.front().devices;
        auto it = std::find_if(out.begin(), out.end(), [&](const workload_results& w) {
            return w.workload == r.workload && w.devices == r.devices;
        });
        if (it == out.end())
            it = out.insert(out.end(), workload_results{r.workload, r.devices, {}, {}});
        it->results.push_back(&r);
    }
    for (auto& w : out)
        w.name =
            std::string(jobs::workload_name(w.workload)) +
            (sizes_differ ? fmt::format(", {} devices", grouped(static_cast<long long>(w.devices)))
                          : std::string());
    return out;
}

// ---------------------------------------------------------------------------------------------
// 1. The table

std::string errors_text(const std::map<std::string, std::uint64_t>& errors) {
    std::string out;
    for (const auto& [cls, count] : errors)
        out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", cls, grouped(count));
    return out.empty() ? "-" : out;
}

std::string results_table(const jobs::bench_run& run) {
    std::string out =
        "<table><thead><tr><th class=\"l\">workload</th><th>concurrency</th><th>devices</th>"
        "<th>ok</th><th>failed</th><th>rate</th><th>MB/s</th><th>wall s</th><th>CPU s</th>"
        "<th>CPU ms / session</th><th>peak RSS MiB</th><th class=\"l\">errors by class</th>"
        "</tr></thead><tbody>\n";
    for (const auto& r : run.results) {
        out += fmt::format(
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td>"
            "<td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"l err\">{}</td></tr>\n",
            escape(jobs::workload_name(r.workload)), grouped(static_cast<long long>(r.concurrency)),
            grouped(static_cast<long long>(r.devices)), grouped(static_cast<long long>(r.ok)),
            r.failed > 0 ? " class=\"bad\"" : "", grouped(static_cast<long long>(r.failed)),
            number(r.rate), rate_unit(r.workload), number(r.megabytes_per_second),
            number(r.wall_seconds), number(r.cpu_seconds), number(r.cpu_ms_per_session),
            number(static_cast<double>(r.peak_rss_kib) / 1024), escape(errors_text(r.errors)));
    }
    return out + "</tbody></table>\n";
}

// ---------------------------------------------------------------------------------------------
// 2. Throughput against concurrency

constexpr double chart_width = 600;

// The concurrencies measured, by powers of ten when they span more than 10x; the points stay
// off the plot's edges (a margin of 6% of its width on each side).
scale concurrency_scale(const std::vector<double>& xs, const plot_area& area) {
    const auto [min_x, max_x] = std::minmax_element(xs.begin(), xs.end());
    const double margin = area.width * 0.06;
    scale x{.from = area.left + margin, .to = area.right() - margin};
    x.log = *min_x > 0 && *max_x / *min_x > 10;
    x.lo = *max_x > *min_x ? *min_x : *min_x - 1;
    x.hi = *max_x > *min_x ? *max_x : *max_x + 1;
    return x;
}

std::string throughput_chart(const workload_results& w) {
    auto results = w.results;
    std::stable_sort(results.begin(), results.end(),
                     [](const auto* a, const auto* b) { return a->concurrency < b->concurrency; });
    const double height = 340;
    const plot_area area{70, 24, chart_width - 70 - 40, height - 24 - 56};

    std::vector<double> xs;
    double max_rate = 0;
    for (const auto* r : results) {
        xs.push_back(static_cast<double>(r->concurrency));
        max_rate = std::max(max_rate, r->rate);
    }
    const scale x = concurrency_scale(xs, area);
    const scale y = linear_from_zero(max_rate * 1.15, area.bottom(), area.top);

    std::vector<double> x_ticks = xs;
    x_ticks.erase(std::unique(x_ticks.begin(), x_ticks.end()), x_ticks.end());
    std::string out = svg_open(chart_width, height, fmt::format("{} throughput", w.name));
    out += axis(area, x, side::bottom, x_ticks, x.log ? "concurrency (log scale)" : "concurrency");
    out += axis(area, y, side::left, y.ticks(), rate_unit(w.workload));

    std::string points, labels, path;
    double last_label_right = -1e9, last_label_y = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = *results[i];
        const double px_x = x(xs[i]), px_y = y(r.rate);
        path += fmt::format("{}{},{}", path.empty() ? "" : " ", px(px_x), px(px_y));
        points += fmt::format(
            R"(<circle class="point" cx="{}" cy="{}" r="4.5"><title>{}</title></circle>)", px(px_x),
            px(px_y),
            escape(fmt::format("concurrency {}: {} {}, {} ok, {} failed", r.concurrency,
                               number(r.rate), rate_unit(r.workload), r.ok, r.failed)));
        // Above the point; below it when that would run into the previous label.
        const auto label = fmt::format("c={}: {}/s", r.concurrency, number(r.rate));
        const double half = 3.3 * static_cast<double>(label.size());
        double label_y = px_y - 10;
        if (px_x - half < last_label_right && std::abs(label_y - last_label_y) < 14)
            label_y = px_y + 20;
        const double label_x = std::clamp(px_x, area.left + half, chart_width - half - 2);
        labels += text(label_x, label_y, label, "point-label", anchor::middle);
        last_label_right = label_x + half;
        last_label_y = label_y;
    }
    out += fmt::format(R"(<polyline class="series" points="{}"/>)", path);
    return out + points + labels + "</svg>";
}

// ---------------------------------------------------------------------------------------------
// 3. Latency per phase

constexpr std::string_view phase_order[] = {"tcp", "kex", "auth", "open", "first_byte", "complete"};

// The result's phases: the known ones in their order, then any others.
std::vector<std::pair<std::string, const jobs::percentiles*>>
ordered_phases(const jobs::bench_result& r) {
    std::vector<std::pair<std::string, const jobs::percentiles*>> out;
    for (const auto name : phase_order)
        if (auto it = r.phases.find(std::string(name)); it != r.phases.end())
            out.emplace_back(it->first, &it->second);
    for (const auto& [name, p] : r.phases)
        if (std::find(std::begin(phase_order), std::end(phase_order), name) ==
            std::end(phase_order))
            out.emplace_back(name, &p);
    return out;
}

struct percentile_field {
    std::string_view name;
    double jobs::percentiles::*value;
};
// Widest first: each bar is drawn over the one before.
constexpr percentile_field percentile_fields[] = {{"max", &jobs::percentiles::max},
                                                  {"p99", &jobs::percentiles::p99},
                                                  {"p90", &jobs::percentiles::p90},
                                                  {"p50", &jobs::percentiles::p50}};

// Milliseconds: linear from zero, or whole decades when the values span more than 50x.
scale latency_scale(const std::vector<std::pair<std::string, const jobs::percentiles*>>& phases,
                    double from, double to) {
    double lo = 0, hi = 0;
    for (const auto& [name, p] : phases)
        for (const auto& f : percentile_fields) {
            const double v = p->*f.value;
            hi = std::max(hi, v);
            if (v > 0)
                lo = lo > 0 ? std::min(lo, v) : v;
        }
    if (lo > 0 && hi / lo > 50)
        return decades(std::max(lo, 1e-3), hi, from, to);
    return linear_from_zero(hi, from, to, 6);
}

std::string latency_chart(const jobs::bench_result& r) {
    const auto phases = ordered_phases(r);
    if (phases.empty())
        return figure(result_name(r), "", "No phase timings in this result.");
    const double row = 40;
    const double height = 40 + row * static_cast<double>(phases.size()) + 48;
    const plot_area area{88, 40, chart_width - 88 - 24, row * static_cast<double>(phases.size())};
    const scale x = latency_scale(phases, area.left, area.right());

    std::string out = svg_open(chart_width, height, fmt::format("{} latency", result_name(r)));
    out += legend(area.left, 18, {{"p50", "p50"}, {"p90", "p90"}, {"p99", "p99"}, {"max", "max"}});
    out +=
        axis(area, x, side::bottom, x.ticks(), x.log ? "milliseconds (log scale)" : "milliseconds");
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const auto& [name, p] = phases[i];
        const double top = area.top + row * static_cast<double>(i) + 5;
        out += text(area.left - 8, top + 12, name, "phase-name", anchor::end);
        for (const auto& f : percentile_fields) {
            const double v = p->*f.value;
            out += rect(area.left, top, x(v) - area.left, 16, f.name,
                        fmt::format("{} {}: {} ms", name, f.name, number(v)));
        }
        out += text(area.left + 2, top + 29,
                    fmt::format("p50 {}  ·  p90 {}  ·  p99 {}  ·  max {} ms  ({} samples)",
                                number(p->p50), number(p->p90), number(p->p99), number(p->max),
                                grouped(p->count)),
                    "values");
    }
    return figure(result_name(r), out + "</svg>");
}

std::vector<const jobs::bench_result*> latency_results(const jobs::bench_run& run) {
    std::vector<const jobs::bench_result*> out;
    if (run.results.size() <= max_latency_charts) {
        for (const auto& r : run.results)
            out.push_back(&r);
        return out;
    }
    for (const auto& w : by_workload(run))
        out.push_back(w.results.back());
    return out;
}

// ---------------------------------------------------------------------------------------------
// 4. Timeline of sessions

std::int64_t duration_us(const jobs::bench_sample& s) {
    return s.end_us - s.start_us;
}

// Indices of the samples to draw, in start order: all of them, or at most max_timeline_bars
// evenly sampled, always with the slowest few (stragglers must not be sampled away).
std::vector<std::size_t> timeline_rows(const std::vector<jobs::bench_sample>& samples) {
    std::vector<std::size_t> by_start(samples.size());
    std::iota(by_start.begin(), by_start.end(), std::size_t{0});
    std::stable_sort(by_start.begin(), by_start.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(samples[a].start_us, samples[a].end_us) <
               std::pair(samples[b].start_us, samples[b].end_us);
    });
    if (samples.size() <= max_timeline_bars)
        return by_start;

    std::vector<std::size_t> slowest = by_start;
    std::partial_sort(slowest.begin(), slowest.begin() + slowest_always_shown, slowest.end(),
                      [&](std::size_t a, std::size_t b) {
                          return duration_us(samples[a]) > duration_us(samples[b]);
                      });
    slowest.resize(slowest_always_shown);
    std::vector<bool> chosen(samples.size(), false);
    for (const auto i : slowest)
        chosen[i] = true;
    std::vector<std::size_t> rest;
    for (const auto i : by_start)
        if (!chosen[i])
            rest.push_back(i);
    const std::size_t even = max_timeline_bars - slowest_always_shown;
    for (std::size_t k = 0; k < even; ++k)
        chosen[rest[k * rest.size() / even]] = true;

    std::vector<std::size_t> out;
    for (const auto i : by_start)
        if (chosen[i])
            out.push_back(i);
    return out;
}

// Stragglers: sessions longer than straggler_factor times the median one.
struct straggler_rule {
    std::int64_t median_us = 0;

    explicit straggler_rule(const std::vector<jobs::bench_sample>& samples) {
        std::vector<std::int64_t> d;
        for (const auto& s : samples)
            d.push_back(duration_us(s));
        const auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
        std::nth_element(d.begin(), mid, d.end());
        median_us = d.empty() ? 0 : *mid;
    }
    bool operator()(const jobs::bench_sample& s) const {
        return median_us > 0 && static_cast<double>(duration_us(s)) >
                                    straggler_factor * static_cast<double>(median_us);
    }
};

// The device's name, or its index when the sample has none.
std::string device_label(const jobs::bench_sample& s) {
    return s.name.empty() ? fmt::format("device {}", s.target) : s.name;
}

std::string sample_tooltip(const jobs::bench_sample& s) {
    auto out = fmt::format("{}: {}, {} s", device_label(s),
                           s.error_class.empty() ? std::string("ok") : s.error_class,
                           number(static_cast<double>(duration_us(s)) / 1e6));
    if (!s.error_message.empty())
        out += " - " + s.error_message.substr(0, 200);
    return out;
}

constexpr double timeline_width = 1200;
constexpr double annotation_room = 150; // right of the plot

// "slowest: device 17, 29.8 s" after the end of its bar, or above it, ending there, when there is
// no room on the right.
std::string slowest_annotation(const jobs::bench_sample& s, const scale& x, double y,
                               const plot_area& area) {
    const auto label = fmt::format("slowest: {}, {} s", device_label(s),
                                   number(static_cast<double>(duration_us(s)) / 1e6));
    const double end = x(static_cast<double>(s.end_us) / 1e6);
    y = std::clamp(y, area.top + 10, area.bottom() - 4);
    if (end + 6 + 6.5 * static_cast<double>(label.size()) <= timeline_width)
        return text(end + 6, y + 4, label, "annotation");
    return text(end, y - 5, label, "annotation", anchor::end);
}

// One bar per row, from start to end: ordinary ones first, failed and slow ones over them
// (thicker, so that they show), then the slowest one's label.
std::string timeline_bars(const std::vector<jobs::bench_sample>& samples,
                          const std::vector<std::size_t>& rows, const straggler_rule& slow,
                          const scale& x, const plot_area& area) {
    const double pitch = std::min(area.height / static_cast<double>(rows.size()), 8.0);
    std::string ordinary, marked;
    std::size_t slowest = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& s = samples[rows[k]];
        const bool failed = !s.error_class.empty(), straggler = slow(s);
        if (duration_us(s) > duration_us(samples[rows[slowest]]))
            slowest = k;
        const double h = std::max(pitch * 0.8, failed || straggler ? 2.0 : 0.45);
        const double y = area.top + pitch * (static_cast<double>(k) + 0.5) - h / 2;
        const double x0 = x(static_cast<double>(s.start_us) / 1e6);
        const double x1 = x(static_cast<double>(s.end_us) / 1e6);
        const auto cls =
            fmt::format("bar {}{}", failed ? "tl-failed" : "tl-ok", straggler ? " slow" : "");
        (failed || straggler ? marked : ordinary) +=
            rect(x0, y, std::max(x1 - x0, 0.75), h, cls, sample_tooltip(s));
    }
    return ordinary + marked +
           slowest_annotation(samples[rows[slowest]], x,
                              area.top + pitch * (static_cast<double>(slowest) + 0.5), area);
}

std::string timeline_note(const std::vector<jobs::bench_sample>& samples, std::size_t shown,
                          const straggler_rule& slow) {
    std::string note;
    if (shown < samples.size())
        note = fmt::format("{} of {} devices shown: evenly sampled in start order, plus the {} "
                           "slowest. ",
                           shown, samples.size(), slowest_always_shown);
    const auto stragglers = std::count_if(samples.begin(), samples.end(), slow);
    return note + fmt::format("{} straggler{} (over {}x the median session, {} s).",
                              stragglers == 0 ? std::string("No") : std::to_string(stragglers),
                              stragglers == 1 ? "" : "s", straggler_factor,
                              number(static_cast<double>(slow.median_us) / 1e6));
}

std::string timeline_chart(const jobs::bench_result& r) {
    const auto& samples = r.samples;
    const auto caption = fmt::format("{} ({} device{})", result_name(r), samples.size(),
                                     samples.size() == 1 ? "" : "s");
    if (samples.empty())
        return figure(caption, "", "No samples in this result.");
    const auto rows = timeline_rows(samples);
    const auto n = static_cast<double>(rows.size());
    const double pitch = std::clamp(480.0 / n, 0.45, 8.0);
    const plot_area area{64, 34, timeline_width - 64 - annotation_room, std::max(pitch * n, 110.0)};
    std::int64_t end = 1;
    for (const auto& s : samples)
        end = std::max(end, s.end_us);
    const scale x = linear_from_zero(static_cast<double>(end) / 1e6, area.left, area.right(), 10);
    const straggler_rule slow(samples);

    std::string out =
        svg_open(timeline_width, area.bottom() + 50, fmt::format("{} timeline", caption));
    out += legend(area.left, 18,
                  {{"tl-ok", "ok"}, {"tl-failed", "failed"}, {"tl-ok slow", "straggler"}});
    out += axis(area, x, side::bottom, x.ticks(), "seconds from the workload's start");
    out += axis(area, scale{}, side::left, {}, "devices, by start");
    out += timeline_bars(samples, rows, slow, x, area);
    return figure(caption, out + "</svg>", timeline_note(samples, rows.size(), slow));
}

// ---------------------------------------------------------------------------------------------
// The page

constexpr std::string_view style = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:#1d232a;background:#fff;max-width:1240px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid #d9dee4}
.meta{color:#56606b;margin:0}
table{border-collapse:collapse;width:100%;font-size:12.5px;font-variant-numeric:tabular-nums}
th,td{padding:4px 7px;text-align:right;border-bottom:1px solid #e8ebef;white-space:nowrap}
th{background:#f3f5f7;font-weight:600}
.wide{overflow-x:auto}.l{text-align:left}.err{white-space:normal}.bad{color:#c62828;font-weight:600}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
figure{margin:0 0 16px;border:1px solid #e1e5ea;border-radius:6px;padding:10px 12px}
figcaption{font-weight:600;margin-bottom:6px}
.note{color:#56606b;font-size:12.5px;margin:6px 0 0}
svg{display:block;width:100%;height:auto}
svg text{font-size:11px;fill:#2b333c}
.axis-line,.tick{stroke:#6b7580;stroke-width:1}
.gridline{stroke:#edf0f3;stroke-width:1}
.axis-title{font-size:12px;fill:#56606b}
.series{fill:none;stroke:#1f6fb5;stroke-width:2}
.point{fill:#1f6fb5;stroke:#fff;stroke-width:1.5}
.point-label{font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px;
 stroke-linejoin:round}
.phase-name{font-size:12px;font-weight:600}
.values{fill:#56606b;font-size:10.5px}
.p50{fill:#174a7c}.p90{fill:#3a7fc1}.p99{fill:#86b5e0}.max{fill:#cfe0f1}
.tl-ok{fill:#3a9d57}.tl-failed{fill:#d62728}.tl-ok.slow{fill:#e07b00}
.annotation{font-weight:600;fill:#b35f00}
)";

// The result with the highest concurrency (the last of them when several have it).
const jobs::bench_result& highest_concurrency(const workload_results& w) {
    const jobs::bench_result* out = w.results.front();
    for (const auto* r : w.results)
        if (r->concurrency >= out->concurrency)
            out = r;
    return *out;
}

template <typename Item, typename Render>
std::string section(std::string_view title, const std::vector<Item>& items, Render render,
                    std::string_view layout) {
    std::string out = fmt::format("<section><h2>{}</h2>\n", escape(title));
    if (items.empty())
        return out + "<p class=\"note\">No results.</p></section>\n";
    out += fmt::format(R"(<div class="{}">)", layout);
    for (const auto& item : items)
        out += render(item);
    return out + "</div></section>\n";
}

} // namespace

std::string bench_html(const jobs::bench_run& run) {
    const auto workloads = by_workload(run);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>fleetsh bench: {}</title><style>{}</style></head><body>\n"
        "<header><h1>fleetsh bench</h1><p class=\"meta\">{}</p><p class=\"meta\">started {}, "
        "{} result{}</p></header>\n",
        escape(run.target_description), style, escape(run.target_description), escape(run.started),
        run.results.size(), run.results.size() == 1 ? "" : "s");
    out += "<section><h2>Results</h2>\n" +
           (run.results.empty() ? std::string("<p class=\"note\">No results.</p>")
                                : "<div class=\"wide\">" + results_table(run) + "</div>") +
           "</section>\n";
    out += section(
        "Throughput against concurrency", workloads,
        [](const workload_results& w) { return figure(w.name, throughput_chart(w)); }, "charts");
    out += section(
        "Latency per phase", latency_results(run),
        [](const jobs::bench_result* r) { return latency_chart(*r); }, "charts");
    out += section(
        "Sessions over time (highest concurrency of each workload)", workloads,
        [](const workload_results& w) { return timeline_chart(highest_concurrency(w)); },
        "timelines");
    return out + "</body></html>\n";
}

} // namespace app
