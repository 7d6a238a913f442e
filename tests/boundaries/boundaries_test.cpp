// The layer boundaries hold in the real tree, and the checker catches each kind of breach.
#include "include_rules.hpp"
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

namespace fs = std::filesystem;

namespace {

struct scratch_tree {
    fs::path root =
        fs::temp_directory_path() / ("fleetsh-boundaries-" + std::to_string(::getpid()));
    scratch_tree() { fs::create_directories(root); }
    ~scratch_tree() { fs::remove_all(root); }
    void write(const std::string& rel, const std::string& text) const {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(boundaries)

BOOST_AUTO_TEST_CASE(the_source_tree_keeps_every_boundary) {
    const auto found = boundaries::scan_tree(FLEETSH_SOURCE_DIR);
    for (const auto& v : found)
        BOOST_ERROR(v.file << ":" << v.line << " includes <" << v.included << ">: " << v.rule);
    // The scan must have seen the tree: a wrong root would pass vacuously.
    BOOST_TEST(fs::exists(fs::path(FLEETSH_SOURCE_DIR) / "ssh"));
}

BOOST_AUTO_TEST_CASE(each_breach_is_reported_with_file_and_line) {
    scratch_tree t;
    t.write("ssh/transport/src/a.cpp", "#include <vector>\n#include <boost/asio/ip/tcp.hpp>\n");
    t.write("ssh/asio/src/ok.cpp", "#include <boost/asio.hpp>\n");
    t.write("engine/src/b.cpp", "  #  include \"botan/hash.h\"\n");
    t.write("ssh/crypto/src/ok.cpp", "#include <botan/hash.h>\n");
    t.write("ssh/auth/include/ssh/auth/c.hpp", "#include <spdlog/spdlog.h>\n");
    t.write("ssh/wire/src/d.cpp", "#include <yaml-cpp/yaml.h>\n");
    t.write("inventory/src/e.cpp", "#include <engine/device_error.hpp>\n#include <ssh/x.hpp>\n");
    t.write("build/ssh/f.cpp", "#include <boost/asio.hpp>\n");    // build trees are skipped
    t.write("ssh/wire/src/g.txt", "#include <boost/asio.hpp>\n"); // not C++

    std::set<std::string> got;
    for (const auto& v : boundaries::scan_tree(t.root))
        got.insert(v.file + ":" + std::to_string(v.line) + ":" + v.included);
    const std::set<std::string> expected = {
        "ssh/transport/src/a.cpp:2:boost/asio/ip/tcp.hpp",   "engine/src/b.cpp:1:botan/hash.h",
        "ssh/auth/include/ssh/auth/c.hpp:1:spdlog/spdlog.h", "ssh/wire/src/d.cpp:1:yaml-cpp/yaml.h",
        "inventory/src/e.cpp:1:engine/device_error.hpp",     "inventory/src/e.cpp:2:ssh/x.hpp",
    };
    BOOST_TEST(got == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
