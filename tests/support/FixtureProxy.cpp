// SPDX-License-Identifier: GPL-3.0-or-later
#include "FixtureProxy.h"

#include <cmath>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>

#include "ModuleZip.h"
#include "module/ModulePath.h"

using namespace Qt::StringLiterals;

namespace mk::test {

namespace {

Status writeFile(const QString &path, const QByteArray &content, bool append = false)
{
    QFile f(path);
    const QIODevice::OpenMode mode
        = append ? QIODevice::Append : (QIODevice::WriteOnly | QIODevice::Truncate);
    if (!f.open(mode) || f.write(content) != content.size())
        return Error::make(Error::Code::Io, f.errorString(), path);
    return {};
}

} // namespace

FixtureProxy::FixtureProxy(const QString &root) : m_root(QDir(root).absolutePath()) { }

QString FixtureProxy::url() const
{
    return QUrl::fromLocalFile(m_root).toString();
}

Status FixtureProxy::addModule(const QString &path, const QString &version, const Files &files,
                               const QDateTime &time)
{
    const Expected<QString> escPath = ModulePath::escapePath(path);
    if (!escPath)
        return escPath.error();
    const Expected<QString> escVersion = ModulePath::escapeVersion(version);
    if (!escVersion)
        return escVersion.error();
    const QString dir = m_root + u'/' + escPath.value() + u"/@v"_s;
    if (!QDir().mkpath(dir))
        return Error::make(Error::Code::Io, u"cannot create directory"_s, dir);
    const QString base = dir + u'/' + escVersion.value();

    if (Status st = writeFile(dir + u"/list"_s, version.toUtf8() + '\n', true); !st)
        return st;
    const QDateTime t
        = time.isValid() ? time : QDateTime(QDate(2023, 1, 2), QTime(15, 4, 5), Qt::UTC);
    QJsonObject info{{u"Version"_s, version}, {u"Time"_s, t.toUTC().toString(Qt::ISODate)}};
    if (Status st
        = writeFile(base + u".info"_s, QJsonDocument(info).toJson(QJsonDocument::Compact));
        !st)
        return st;
    const QByteArray mod = files.contains(u"go.mod"_s)
                               ? files.value(u"go.mod"_s)
                               : QByteArray("module " + path.toUtf8() + '\n');
    if (Status st = writeFile(base + u".mod"_s, mod); !st)
        return st;
    if (Status st = ModuleZip::write(base + u".zip"_s, path, version, files); !st)
        return st;
    m_published.append(path + u'@' + version);
    return {};
}

QByteArray FixtureProxy::goMod(const QString &path)
{
    return "module " + path.toUtf8() + "\n\ngo 1.16\n";
}

FixtureProxy::Files FixtureProxy::generatedFiles(const QString &modulePath, int count, quint32 seed,
                                                 int minBytes, int maxBytes, bool withGoMod)
{
    static const QStringList dirs{u""_s,       u"internal/"_s, u"internal/parse/"_s, u"cmd/tool/"_s,
                                  u"pkg/a/"_s, u"pkg/a/b/"_s,  u"pkg/a/b/c/"_s,      u"testdata/"_s,
                                  u"docs/"_s,  u"pkg/util/"_s};
    QRandomGenerator rng(seed);
    Files files;
    if (withGoMod)
        files.insert(u"go.mod"_s, goMod(modulePath));
    const QByteArray alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 \n{}();=+-*/\t";
    for (int i = 0; i < count; ++i) {
        const QString dir = dirs.at(int(rng.bounded(quint32(dirs.size()))));
        const QString name = dir + u"file%1.go"_s.arg(i);
        // Log-uniform, like source trees: many small files, a few large ones.
        const double lo = std::log(double(std::max(1, minBytes)));
        const double hi = std::log(double(std::max(minBytes, maxBytes)));
        const int size = int(std::exp(lo + (hi - lo) * rng.generateDouble()));
        QByteArray content = "// " + name.toUtf8() + "\npackage p\n\n";
        content.reserve(size);
        while (content.size() < size) {
            quint32 bits = rng.generate();
            for (int k = 0; k < 4; ++k, bits >>= 8)
                content.append(alphabet.at(int((bits & 0xff) % quint32(alphabet.size()))));
        }
        content.truncate(size);
        files.insert(name, content);
    }
    return files;
}

} // namespace mk::test
