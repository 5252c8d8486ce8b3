// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli goauth [URL]: the GOAUTH command for Go >= 1.24 (GOAUTH="modkeeper-cli goauth").
/// Prints credential sets for the hosts whose credentials are in the keychain: all of them
/// when run without an argument, only the URL's host when go retries after a 4xx.
class GoAuthCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
