// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoTool.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace mk::test {

bool GoDownloadResult::ok() const
{
    if (!process.succeeded() || modules.isEmpty())
        return false;
    for (const GoModuleInfo &m : modules)
        if (!m.error.isEmpty())
            return false;
    return true;
}

QString GoDownloadResult::describe() const
{
    QString s = process.describe();
    for (const GoModuleInfo &m : modules)
        if (!m.error.isEmpty())
            s += u"\n"_s + m.id() + u": "_s + m.error;
    return s;
}

QString GoTool::go119()
{
    return QStringLiteral(MODKEEPER_GO119);
}

QString GoTool::go123()
{
    return QStringLiteral(MODKEEPER_GO123);
}

QString GoTool::label(const QString &go)
{
    if (go == go119())
        return u"go1.19"_s;
    if (go == go123())
        return u"go1.23"_s;
    return QFileInfo(go).absolutePath();
}

QProcessEnvironment GoTool::isolatedEnvironment(const QString &go, const QString &home,
                                                const QString &gomodcache, const QString &proxyUrl)
{
    QProcessEnvironment env; // empty: nothing of ours leaks in
    env.insert(u"PATH"_s, QFileInfo(go).absolutePath() + u":/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/.cache"_s);
    env.insert(u"GOPATH"_s, home + u"/gopath"_s);
    env.insert(u"GOMODCACHE"_s, gomodcache);
    env.insert(u"GOCACHE"_s, home + u"/gocache"_s);
    env.insert(u"GOENV"_s, u"off"_s);
    env.insert(u"GOPROXY"_s, proxyUrl);
    env.insert(u"GOSUMDB"_s, u"off"_s);
    env.insert(u"GONOSUMDB"_s, QString());
    env.insert(u"GONOPROXY"_s, QString());
    env.insert(u"GOPRIVATE"_s, QString());
    env.insert(u"GOINSECURE"_s, QString());
    env.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
    env.insert(u"GOTOOLCHAIN"_s, u"local"_s);
    env.insert(u"GOWORK"_s, u"off"_s);
    env.insert(u"CGO_ENABLED"_s, u"0"_s);
    env.insert(u"LC_ALL"_s, u"C"_s);
    return env;
}

ProcessResult GoTool::run(const QString &go, const QStringList &args,
                          const QProcessEnvironment &env, const QString &workDir, int timeoutMs)
{
    return Subprocess::run(go, args, env, workDir, timeoutMs);
}

QList<GoModuleInfo> GoTool::parseJsonStream(const QByteArray &stream, QString *error)
{
    QList<GoModuleInfo> out;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qsizetype start = -1;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        const char c = stream.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{') {
            if (depth++ == 0)
                start = i;
        } else if (c == '}' && depth > 0 && --depth == 0) {
            QJsonParseError pe;
            const QJsonDocument doc
                = QJsonDocument::fromJson(stream.mid(start, i - start + 1), &pe);
            if (!doc.isObject()) {
                if (error)
                    *error = pe.errorString();
                continue;
            }
            const QJsonObject o = doc.object();
            GoModuleInfo m;
            m.path = o.value(u"Path"_s).toString();
            m.version = o.value(u"Version"_s).toString();
            m.sum = o.value(u"Sum"_s).toString();
            m.goModSum = o.value(u"GoModSum"_s).toString();
            m.dir = o.value(u"Dir"_s).toString();
            m.zip = o.value(u"Zip"_s).toString();
            m.info = o.value(u"Info"_s).toString();
            m.goMod = o.value(u"GoMod"_s).toString();
            // go mod download: "Error": "text"; go list -m: "Error": {"Err": "text"}.
            const QJsonValue e = o.value(u"Error"_s);
            m.error = e.isObject() ? e.toObject().value(u"Err"_s).toString() : e.toString();
            out.append(m);
        }
    }
    return out;
}

GoDownloadResult GoTool::downloadModules(const QString &go, const QProcessEnvironment &env,
                                         const QStringList &modules, int batchSize, int timeoutMs)
{
    GoDownloadResult result;
    QTemporaryDir work; // empty: no go.mod, no go.work, nothing for go to pick up
    if (!work.isValid()) {
        result.process.stdErr = "cannot create a working directory";
        return result;
    }
    for (qsizetype i = 0; i < modules.size(); i += batchSize) {
        QStringList args{u"mod"_s, u"download"_s, u"-json"_s};
        args += modules.mid(i, batchSize);
        ProcessResult r = run(go, args, env, work.path(), timeoutMs);
        result.modules += parseJsonStream(r.stdOut);
        const bool failed = !r.succeeded();
        result.process = std::move(r);
        if (failed)
            break;
    }
    return result;
}

GoDownloadResult GoTool::listModule(const QString &go, const QProcessEnvironment &env,
                                    const QString &module)
{
    GoDownloadResult result;
    QTemporaryDir work;
    if (!work.isValid()) {
        result.process.stdErr = "cannot create a working directory";
        return result;
    }
    result.process = run(go, {u"list"_s, u"-m"_s, u"-json"_s, module}, env, work.path());
    result.modules = parseJsonStream(result.process.stdOut);
    return result;
}

} // namespace mk::test
