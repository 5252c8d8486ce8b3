// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli env [--json]: each resolved go environment value and its origin.
class EnvCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
