// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli import [--json] [--modcache DIR] [--jobs N] [--cacert FILE] DIR: loads a static
/// GOPROXY tree (an export) into the cache, checked exactly as a download from a proxy.
class ImportCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
