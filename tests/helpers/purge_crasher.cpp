// SPDX-License-Identifier: GPL-3.0-or-later
// purge_crasher: runs one VersionPurger operation and dies (or pauses) right after step K of
// the per-version protocol, for the crash-point tests of tst_purgecrash and tst_purge
// (reliability.md §5 D1: "a test build that aborts after step k of each protocol, for every k").
//
// Usage:
//   purge_crasher GOMODCACHE ESCAPED_PATH ESCAPED_VERSION full|light K [--pause]
//   purge_crasher GOMODCACHE - - recover K [--pause]
//
// After step K it prints "crashed K" and calls _exit(42): no destructor runs, no lock is
// released by us (the kernel drops the flock with the process), nothing is flushed, as in a
// power cut of the process. With --pause it prints "paused K" instead and waits until a line
// (or end of file) arrives on stdin, then carries on. K = 0 never stops. At the end it prints
// "outcome <outcome>" and exits 0 when the version was removed (or, for recover, when
// recover() succeeded), 3 when the cache could not be opened, 4 otherwise.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

#include <QFile>
#include <QString>

#include "purge/VersionPurger.h"

using namespace mk;

namespace {

void say(const std::string &line)
{
    const std::string text = line + '\n';
    // write(2), not stdio: it is async-signal-safe and unbuffered, so the line is out before _exit.
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += size_t(n);
    }
}

void waitForStdin()
{
    char c = 0;
    while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n') { }
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 6) {
        std::fprintf(stderr, "usage: purge_crasher GOMODCACHE ESCAPED_PATH ESCAPED_VERSION "
                             "full|light|recover K [--pause]\n");
        return 2;
    }
    const QString gomodcache = QFile::decodeName(argv[1]);
    const QString escapedPath = QFile::decodeName(argv[2]);
    const QString escapedVersion = QFile::decodeName(argv[3]);
    const std::string mode = argv[4];
    const int stopAt = std::atoi(argv[5]);
    const bool pause = argc > 6 && std::string(argv[6]) == "--pause";
    if (mode != "full" && mode != "light" && mode != "recover") {
        std::fprintf(stderr, "purge_crasher: unknown mode %s\n", mode.c_str());
        return 2;
    }

    VersionPurger::setStepHook([stopAt, pause](VersionPurger::Step step) {
        if (int(step) != stopAt)
            return;
        if (pause) {
            say("paused " + std::to_string(stopAt));
            waitForStdin();
            return;
        }
        say("crashed " + std::to_string(stopAt));
        ::_exit(42);
    });

    VersionPurger purger(gomodcache, 10000);
    if (Status st = purger.open(); !st) {
        std::fprintf(stderr, "purge_crasher: %s\n", qPrintable(st.error().toString()));
        return 3;
    }
    if (mode == "recover") {
        const Expected<int> recovered = purger.recover();
        if (!recovered.ok()) {
            std::fprintf(stderr, "purge_crasher: %s\n", qPrintable(recovered.error().toString()));
            say("outcome failed");
            return 4;
        }
        say("outcome recovered " + std::to_string(recovered.value()));
        return 0;
    }
    const PurgeItemResult r = purger.purge(escapedPath, escapedVersion,
                                           mode == "light" ? PurgeMode::Light : PurgeMode::Full);
    say("outcome " + toString(r.outcome).toStdString());
    if (r.error.isError())
        std::fprintf(stderr, "purge_crasher: %s\n", qPrintable(r.error.toString()));
    return r.outcome == PurgeOutcome::Removed ? 0 : 4;
}
