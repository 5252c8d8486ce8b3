// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli history [--json] [--modcache DIR] [--limit N]: how the module cache grew,
/// one line per completed scan (GUI or CLI) from the size history file.
class HistoryCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
