// Figures as the benches print them: a value per repeat for each side (fleetsh and OpenSSH),
// summarized as median [min-max], and the ratio of each interleaved pair.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct stats {
    double median = 0, min = 0, max = 0;
};

stats summarize(std::vector<double> values);

// 123, 12.3 or 1.23: three significant digits at most, none after the point from 100 up.
std::string number(double v);
std::string figure(const stats& s);       // "median [min-max]"
std::string ratio_figure(const stats& s); // "medianx [min-max]"
// `text` padded with spaces to `width`, then one more space.
std::string pad(std::string text, std::size_t width);
// The last `lines` lines of `text`.
std::string tail(const std::string& text, std::size_t lines);
// "64 MiB", or "N bytes" when not a whole number of MiB.
std::string mib(std::uint64_t bytes);

// One measured quantity: a value per repeat for each side; value i of both sides come from
// the same repeat, adjacent in time.
struct series {
    std::vector<double> fleetsh;
    std::vector<double> openssh;
};

enum class better { higher, lower };

// Rows of "label  fleetsh-figure  openssh-figure  ratio".
struct table {
    std::string fleetsh_heading = "fleetsh";
    std::string openssh_heading = "ssh";
    std::size_t label_width = 36;
    std::size_t column_width = 26;

    void print_header(std::ostream& out) const;
    // The ratio is taken per interleaved pair (run r of one side with run r of the other), so
    // that drifting machine load cancels out; its median and range follow `ratio_word`.
    void print_row(std::ostream& out, const std::string& label, const series& s, better b,
                   std::string_view ratio_word) const;
    // A row of figures with no ratio ("-"), for sides that are not comparable as they stand
    // (different counts, say); a side with no values is left blank.
    void print_values(std::ostream& out, const std::string& label, const series& s) const;
};

// Anything surprising seen during a run: note() keeps each text once, print_notes() lists them
// (nothing when there are none).
void note(std::string text);
void print_notes(std::ostream& out);

// "1.01 0.84 1.34" from /proc/loadavg.
std::string load_average();

} // namespace bench
