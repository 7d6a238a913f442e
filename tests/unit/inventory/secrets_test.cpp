// A secret's value never appears in rendered output or in an error message.
#include "inventory_test_support.hpp"

#include <inventory/render.hpp>

#include <cstdlib>

using namespace inventory_test;

namespace {

constexpr std::string_view literal = "Hunter2-literal";
constexpr std::string_view from_env = "Env-value-77";

std::string everything_rendered(const inventory::host_list& hosts) {
    std::string out = inventory::render_table(hosts) + inventory::render_table_json(hosts);
    for (const auto& h : hosts) {
        out += inventory::render_host(h) + inventory::render_host_json(h);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(inventory_secrets)

BOOST_AUTO_TEST_CASE(rendering_shows_references_and_masks_literals) {
    ::setenv("FLEETSH_TEST_SECRET", std::string(from_env).c_str(), 1);
    const auto hosts = load_ok(R"(defaults:
  password: "${env:FLEETSH_TEST_SECRET}"
  enable_secret: Hunter2-literal
hosts:
  r1: {passphrase: "pre-${env:FLEETSH_TEST_SECRET}", key: id}
  r2: {}
)");
    const auto text = everything_rendered(hosts);
    BOOST_TEST(text.find(literal) == std::string::npos, text);
    BOOST_TEST(text.find(from_env) == std::string::npos, text);
    BOOST_TEST(text.find("${env:FLEETSH_TEST_SECRET}") != std::string::npos);
    BOOST_TEST(text.find("********") != std::string::npos);

    const auto& r1 = host(hosts, "r1");
    BOOST_TEST(r1.password->shown() == "${env:FLEETSH_TEST_SECRET}");
    BOOST_TEST(r1.enable_secret->shown() == "********");
    BOOST_TEST(r1.passphrase->shown() == "********"); // partly literal
    BOOST_TEST(std::get<inventory::secret>(r1.password->resolve({})).reveal() == from_env);
}

BOOST_AUTO_TEST_CASE(errors_never_echo_a_secret) {
    // Wrong types, a malformed reference and a duplicate: none may quote the value.
    const auto errors = load_errors(R"(defaults:
  password: "Hunter2-literal${oops"
hosts:
  r1:
    enable_secret: [Hunter2-literal]
    passphrase: Hunter2-literal
    passphrase: Hunter2-literal
)");
    const auto text = all_text(errors);
    BOOST_TEST(errors.size() == 3u, text);
    BOOST_TEST(text.find(literal) == std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()
