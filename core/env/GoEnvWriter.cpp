// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoEnvWriter.h"

#include <QMutex>
#include <QSet>

#include "common/AtomicFile.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// go itself does not lock the file; this at least keeps our own writers from losing updates.
QMutex &writeMutex()
{
    static QMutex m;
    return m;
}

} // namespace

GoEnvWriteRules GoEnvWriter::rulesFor(const GoEnvironment &env)
{
    GoEnvWriteRules rules;
    rules.platform = env.platform();
    // Without a go command, check with the newest rules we know.
    rules.goMinor = env.goMinor() > 0 ? env.goMinor() : 23;
    rules.keysInFiles = env.keysInFiles();
    rules.path = env.envFile();
    return rules;
}

Expected<QString> GoEnvWriter::envFilePath(const GoEnvInputs &inputs)
{
    if (inputs.environment.value(u"GOENV"_s) == u"off") {
        // go 1.19-1.23 would "succeed" here and write the default file, which go in this very
        // environment never reads; refuse instead of pretending the switch worked.
        return Error::make(
            Error::Code::Refused,
            u"the go env file is disabled by GOENV=off in the OS environment, so go would ignore "
            "anything written; unset GOENV (or point it at a file) to change go's settings"_s,
            u"GOENV=off"_s);
    }
    const GoEnvironment env = GoEnvironment::resolve(inputs);
    if (env.envFile().isEmpty()) {
        const Error e = env.variable(u"GOENV"_s).error;
        return Error::make(Error::Code::NotFound,
                           e.isError() ? e.message : u"cannot find go env config"_s, u"GOENV"_s);
    }
    return env.envFile();
}

Expected<GoEnvWriteResult> GoEnvWriter::write(const GoEnvInputs &inputs,
                                              const QList<GoEnvFile::Assignment> &set,
                                              const QStringList &unset)
{
    const Expected<QString> path = envFilePath(inputs);
    if (!path)
        return path.error();
    const GoEnvironment before = GoEnvironment::resolve(inputs);
    const GoEnvWriteRules rules = rulesFor(before);

    // Validate everything before reading or writing anything.
    QSet<QString> setKeys;
    for (const GoEnvFile::Assignment &a : set) {
        if (Status st = GoEnvFile::checkWrite(a.first, a.second, rules); !st)
            return st.error();
        setKeys.insert(a.first);
    }
    for (const QString &key : unset) {
        if (Status st = GoEnvFile::checkWrite(key, QByteArray(), rules); !st)
            return st.error();
        if (setKeys.contains(key))
            return Error::make(Error::Code::InvalidArgument, u"set and removed in the same write"_s,
                               key);
    }

    QMutexLocker lock(&writeMutex());
    const Expected<std::optional<QByteArray>> current = AtomicFile::read(*path);
    if (!current)
        return current.error();

    // `go env -w` for the assignments, then `go env -u` for the removals.
    std::optional<QByteArray> content = *current;
    if (!set.isEmpty()) {
        const Expected<QByteArray> updated = GoEnvFile::set(content, set, rules);
        if (!updated)
            return updated.error();
        content = *updated;
    }
    if (!unset.isEmpty() && content)
        content = GoEnvFile::update(*content, {}, unset);

    GoEnvWriteResult result;
    result.path = *path;
    result.conflictWarnings = GoEnvFile::conflictWarnings(set, inputs.environment);
    if (content && content != *current) {
        if (Status st = AtomicFile::write(*path, *content); !st)
            return st.error();
        result.changed = true;
    }

    // Read back: a `go env -w` from a terminal may have raced with us (go does not lock).
    const Expected<std::optional<QByteArray>> reread = AtomicFile::read(*path);
    if (!reread)
        return reread.error();
    result.stored = reread->has_value() ? GoEnvFile::parse(**reread) : QHash<QString, QString>();
    for (const GoEnvFile::Assignment &a : set) {
        if (result.stored.value(a.first, u"\x01"_s).toUtf8() != a.second) {
            return Error::make(
                Error::Code::Busy,
                u"the go env file changed while it was being written (another `go env -w`?); "
                "it now has %1=%2"_s.arg(a.first, result.stored.value(a.first)),
                *path);
        }
    }
    for (const QString &key : unset) {
        if (result.stored.contains(key)) {
            return Error::make(
                Error::Code::Busy,
                u"the go env file changed while it was being written (another `go env -w`?); "
                "%1 is still set"_s.arg(key),
                *path);
        }
    }
    result.after = GoEnvironment::resolve(inputs);
    return result;
}

} // namespace mk
