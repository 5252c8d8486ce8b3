// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli verify [--json] [--sumdb] [--go-sum FILE] [--modcache DIR] [PATTERN...]:
/// checks versions against their .ziphash (and go.sum) as go mod verify does, for the whole cache.
class VerifyCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
