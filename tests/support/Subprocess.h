// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace mk::test {

/// What a finished child process left behind.
struct ProcessResult
{
    int exitCode = -1; ///< -1 when it did not start, crashed or timed out
    QByteArray stdOut;
    QByteArray stdErr;
    bool started = false;
    bool timedOut = false;
    bool crashed = false;
    qint64 elapsedMs = 0;
    QString commandLine; ///< program and arguments, for describe()

    [[nodiscard]] bool succeeded() const
    {
        return started && !timedOut && !crashed && exitCode == 0;
    }
    /// "program args: exit 1 (timed out)\n<stderr>": for QVERIFY2 messages.
    [[nodiscard]] QString describe() const;
};

/// Runs child processes synchronously with a timeout; the child is killed when it runs out.
class Subprocess final
{
public:
    static constexpr int DefaultTimeoutMs = 120000;

    /// Runs program with exactly env (an empty env gives the child an empty environment, not
    /// ours). workDir empty: inherit the current directory.
    [[nodiscard]] static ProcessResult run(const QString &program, const QStringList &args,
                                           const QProcessEnvironment &env,
                                           const QString &workDir = {},
                                           int timeoutMs = DefaultTimeoutMs);

    /// Same, with this process's environment.
    [[nodiscard]] static ProcessResult run(const QString &program, const QStringList &args,
                                           int timeoutMs = DefaultTimeoutMs);

    /// Runs program as an unprivileged user (nobody, 65534) when we are root, through
    /// `setpriv --reuid=65534 --regid=65534 --clear-groups`; as ourselves otherwise. Needed
    /// wherever a test relies on permission checks, which root bypasses.
    [[nodiscard]] static ProcessResult runUnprivileged(const QString &program,
                                                       const QStringList &args,
                                                       const QProcessEnvironment &env,
                                                       const QString &workDir = {},
                                                       int timeoutMs = DefaultTimeoutMs);

    /// True when this process runs as root, where chmod 000 does not stop reads.
    [[nodiscard]] static bool isRoot();
    static constexpr unsigned UnprivilegedUid = 65534;
};

} // namespace mk::test
