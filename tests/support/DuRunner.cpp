// SPDX-License-Identifier: GPL-3.0-or-later
#include "DuRunner.h"

#include <QProcessEnvironment>

#include "Subprocess.h"

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"LC_ALL"_s, u"C"_s);
    return env;
}

Error toolError(const ProcessResult &r)
{
    return Error::make(Error::Code::Io, r.describe());
}

} // namespace

Expected<quint64> DuRunner::summary(const QString &path, Measure measure)
{
    QStringList args{u"-s"_s, u"-B1"_s};
    if (measure == Measure::Apparent)
        args << u"--apparent-size"_s;
    args << u"--"_s << path;
    const ProcessResult r = Subprocess::run(u"du"_s, args, toolEnvironment());
    // du exits 1 when it could not read something and still prints what it could count.
    const QByteArray first = r.stdOut.split('\n').value(0);
    bool ok = false;
    const quint64 bytes = first.split('\t').value(0).toULongLong(&ok);
    if (!r.started || r.timedOut || !ok)
        return toolError(r);
    return bytes;
}

Expected<quint64> DuRunner::total(const QStringList &paths, Measure measure)
{
    if (paths.isEmpty())
        return quint64(0);
    QStringList args{u"-cs"_s, u"-B1"_s};
    if (measure == Measure::Apparent)
        args << u"--apparent-size"_s;
    args << u"--"_s << paths;
    const ProcessResult r = Subprocess::run(u"du"_s, args, toolEnvironment());
    const QList<QByteArray> lines = r.stdOut.trimmed().split('\n');
    const QList<QByteArray> last = lines.value(lines.size() - 1).split('\t');
    bool ok = false;
    const quint64 bytes = last.value(0).toULongLong(&ok);
    if (!r.started || r.timedOut || r.exitCode != 0 || !ok || last.value(1) != "total")
        return toolError(r);
    return bytes;
}

Expected<quint64> DuRunner::nonDirectoryEntries(const QString &path)
{
    // -print0 and counting NULs: names with newlines must not skew the count.
    const ProcessResult r = Subprocess::run(
        u"find"_s, {path, u"!"_s, u"-type"_s, u"d"_s, u"-print0"_s}, toolEnvironment());
    if (!r.succeeded())
        return toolError(r);
    return quint64(r.stdOut.count('\0'));
}

} // namespace mk::test
