#pragma once
// Reading known_hosts files: `[marker] hostpatterns keytype base64key [comment]` per line.
//
// Nothing in a file's content is fatal. Comment and blank lines are skipped; malformed lines
// (unknown marker, missing fields, bad base64, a blob whose type differs from the key type
// field, over-long lines, NUL bytes) are skipped with a warning naming file:line. Lines may
// end in LF or CRLF, and the last line needs no newline.

#include <ssh/known_hosts/entry.hpp>

#include <string>
#include <string_view>

namespace ssh::known_hosts {

// Parses the text of one file; `path` only labels entries and warnings.
parsed_file parse(std::string_view text, std::string path, const limits& lim = {});

// Reads and parses one file. A missing file gives an empty, complete result with no
// warning. A file that cannot be read in full (permissions, not a regular file, above
// lim.max_file_size) gives a warning and complete == false.
parsed_file load_file(std::string path, const limits& lim = {});

} // namespace ssh::known_hosts
