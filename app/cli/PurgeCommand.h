// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli purge [--dry-run] [--json] [--light] [--older-than DAYS] [--keep-latest N]
///                     [--state STATE] [--wait] PATTERN...  |  purge --all
class PurgeCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
