// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli trash [--empty] [--json]: what purges left in the trash, and emptying it.
class TrashCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
