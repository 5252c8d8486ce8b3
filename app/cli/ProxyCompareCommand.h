// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli proxy compare [--json] [--proxies A,B,...] [--no-zips] PATTERN...: asks
/// several mirrors for the same versions and reports where they disagree.
class ProxyCompareCommand final
{
public:
    /// ctx.args starts with "compare".
    static int run(CliContext &ctx);
};

} // namespace mk::cli
