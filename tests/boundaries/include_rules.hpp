#pragma once
// The layer boundaries of docs/ARCHITECTURE.md, checked on the #include lines of the tree.

#include <filesystem>
#include <string>
#include <vector>

namespace boundaries {

struct violation {
    std::string file; // relative to the scanned root
    int line = 0;
    std::string included;
    std::string rule;
};

// Scans every C++ source and header under `root` (skipping build trees and .git) and
// returns each #include that breaks a rule.
std::vector<violation> scan_tree(const std::filesystem::path& root);

} // namespace boundaries
