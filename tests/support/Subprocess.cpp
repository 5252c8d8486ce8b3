// SPDX-License-Identifier: GPL-3.0-or-later
#include "Subprocess.h"

#include <unistd.h>

#include <QElapsedTimer>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace mk::test {

QString ProcessResult::describe() const
{
    QString state;
    if (!started)
        state = u"did not start"_s;
    else if (timedOut)
        state = u"timed out"_s;
    else if (crashed)
        state = u"crashed"_s;
    else
        state = u"exit %1"_s.arg(exitCode);
    return commandLine + u": "_s + state + u"\n--- stderr:\n"_s
           + QString::fromUtf8(stdErr.left(4000)) + u"\n--- stdout:\n"_s
           + QString::fromUtf8(stdOut.left(2000));
}

ProcessResult Subprocess::run(const QString &program, const QStringList &args,
                              const QProcessEnvironment &env, const QString &workDir, int timeoutMs)
{
    ProcessResult r;
    r.commandLine = program + u' ' + args.join(u' ');
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    // An empty QProcessEnvironment would make QProcess inherit ours; a sentinel variable
    // keeps "empty" empty.
    QProcessEnvironment e = env;
    if (e.isEmpty())
        e.insert(u"MODKEEPER_TEST_EMPTY_ENV"_s, u"1"_s);
    p.setProcessEnvironment(e);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    QElapsedTimer timer;
    timer.start();
    p.start();
    if (!p.waitForStarted(30000)) {
        r.stdErr = p.errorString().toUtf8();
        return r;
    }
    r.started = true;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(10000);
    }
    r.elapsedMs = timer.elapsed();
    r.stdOut = p.readAllStandardOutput();
    r.stdErr = p.readAllStandardError();
    if (!r.timedOut) {
        r.crashed = p.exitStatus() == QProcess::CrashExit;
        r.exitCode = r.crashed ? -1 : p.exitCode();
    }
    return r;
}

ProcessResult Subprocess::run(const QString &program, const QStringList &args, int timeoutMs)
{
    return run(program, args, QProcessEnvironment::systemEnvironment(), {}, timeoutMs);
}

ProcessResult Subprocess::runUnprivileged(const QString &program, const QStringList &args,
                                          const QProcessEnvironment &env, const QString &workDir,
                                          int timeoutMs)
{
    if (!isRoot())
        return run(program, args, env, workDir, timeoutMs);
    const QString id = QString::number(UnprivilegedUid);
    QStringList wrapped{u"--reuid="_s + id, u"--regid="_s + id, u"--clear-groups"_s, u"--"_s,
                        program};
    wrapped += args;
    return run(u"/usr/bin/setpriv"_s, wrapped, env, workDir, timeoutMs);
}

bool Subprocess::isRoot()
{
    return ::geteuid() == 0;
}

} // namespace mk::test
