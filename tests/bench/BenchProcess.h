// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Child processes and statistics shared by the benchmarks.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QStringList>

namespace mk::bench {

using namespace Qt::StringLiterals;

/// A result line on stdout, flushed at once (benchmarks run for minutes).
inline void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

/// "<program>: line" on stderr; returns code, for `return fail(...)`.
inline int fail(const QString &line, int code = 1)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
                 qPrintable(line));
    return code;
}

/// posix_spawn + waitpid with exactly env; stdout and stderr to /dev/null unless verbose.
/// Returns the exit status (-1 when it could not run) and the wall time.
inline int spawnAndWait(const QStringList &argv, const QStringList &env, const QString &cwd,
                        double *wallMs)
{
    QList<QByteArray> args8, env8;
    for (const QString &a : argv)
        args8 << QFile::encodeName(a);
    for (const QString &e : env)
        env8 << e.toLocal8Bit();
    std::vector<char *> cargv, cenv;
    for (QByteArray &a : args8)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    for (QByteArray &e : env8)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const QByteArray cwd8 = QFile::encodeName(cwd);
    // posix_spawn_file_actions_addchdir_np: glibc 2.29+ (Debian 12 has 2.36).
    if (!cwd.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, cwd8.constData());

    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        *wallMs = 0;
        return -1;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    *wallMs = double(timer.nsecsElapsed()) / 1e6;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline bool run(const QString &program, const QStringList &args)
{
    double ms = 0;
    return spawnAndWait(QStringList{program} + args, {u"PATH=/usr/bin:/bin"_s, u"LC_ALL=C"_s}, {},
                        &ms)
           == 0;
}

inline double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

} // namespace mk::bench
