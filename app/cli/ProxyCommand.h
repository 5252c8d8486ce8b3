// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli proxy list|use|add|remove|probe|where|login|logout: GOPROXY presets, the
/// pattern tester, the mirror probe and keychain credentials for private proxies.
class ProxyCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
