// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli gocache [--json]: the build cache (GOCACHE) in numbers;
/// gocache trim --older-than DAYS | --max-size SIZE [--dry-run]: go's Trim, when you choose;
/// gocache clean [--test]: go clean -cache / -testcache.
class GoCacheCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
