// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli restore [--json] PATTERN...: re-extract light-cleaned versions offline.
class RestoreCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
