// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli refresh [--proxy PRESET] [--json] PATTERN...: fetch cached versions again
/// (typically from another mirror) and report which came back identical, changed or failed.
class RefreshCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
