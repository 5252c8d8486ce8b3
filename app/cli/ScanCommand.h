// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli scan [--json] [--modcache DIR]: every module version with size and state.
class ScanCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
