// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli repair [--json] [--go-sum FILE] [--modcache DIR] PATTERN...: re-extracts
/// damaged trees from their kept zips; names the versions that need a new download.
class RepairCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
