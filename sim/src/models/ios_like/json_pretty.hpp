// JSON text the way EOS's "| json" prints it: two-space indentation, one member per line,
// floating-point numbers as Python writes them ("1234.5", "3.0").
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace sim::ios_like {

std::string pretty_json(const boost::json::value& value);

} // namespace sim::ios_like
