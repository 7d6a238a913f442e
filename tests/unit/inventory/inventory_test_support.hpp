// Loading inventories from text in tests, with failures that show every error.
#pragma once

#include <inventory/load.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace inventory_test {

inline inventory::load_options no_reference_check() {
    inventory::load_options o;
    o.check_references = false;
    return o;
}

inline std::string all_text(const inventory::error_list& errors) {
    std::string out;
    for (const auto& e : errors) {
        out += e.text() + "\n";
    }
    return out;
}

inline inventory::host_list load_ok(std::string_view yaml,
                                    const inventory::load_options& options = {}) {
    auto r = inventory::load_inventory_text(yaml, "/tmp/inv/inventory.yaml", options);
    if (auto* errors = std::get_if<inventory::error_list>(&r)) {
        BOOST_FAIL("unexpected errors:\n" << all_text(*errors));
    }
    return std::get<inventory::host_list>(std::move(r));
}

inline inventory::error_list load_errors(std::string_view yaml,
                                         const inventory::load_options& options = {}) {
    auto r = inventory::load_inventory_text(yaml, "/tmp/inv/inventory.yaml", options);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<inventory::error_list>(r), "the inventory loaded");
    return std::get<inventory::error_list>(std::move(r));
}

inline const inventory::resolved_host& host(const inventory::host_list& hosts,
                                            std::string_view name) {
    const auto it =
        std::find_if(hosts.begin(), hosts.end(), [&](const auto& h) { return h.name == name; });
    BOOST_REQUIRE_MESSAGE(it != hosts.end(), "no host " << name);
    return *it;
}

} // namespace inventory_test
