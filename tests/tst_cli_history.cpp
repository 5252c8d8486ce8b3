// SPDX-License-Identifier: GPL-3.0-or-later
// `modkeeper-cli history` as a user sees it: every completed `scan` adds a record, `history`
// lists them (table and --json), and `scan --json` prints exactly what it printed before the
// history existed, whether or not the history can be written.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "CacheWriter.h"
#include "FixtureProxy.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "scan/CacheScanner.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

class TestCliHistory final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_dir;
    QString m_cache;
    QString m_data;

    [[nodiscard]] QProcessEnvironment env(const QString &dataHome) const
    {
        QProcessEnvironment e;
        e.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        e.insert(u"HOME"_s, m_dir->filePath(u"home"_s));
        e.insert(u"XDG_DATA_HOME"_s, dataHome);
        e.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        e.insert(u"GOENV"_s, u"off"_s);
        e.insert(u"GOMODCACHE"_s, m_cache);
        return e;
    }
    [[nodiscard]] ProcessResult cli(const QStringList &args, const QString &dataHome) const
    {
        return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, env(dataHome),
                               m_dir->path(), 60000);
    }
    /// What `scan --json` printed before the history: the report of the scan, as it was.
    [[nodiscard]] QByteArray golden() const
    {
        return QJsonDocument(ScanReport::toJson(CacheScanner::run({m_cache})))
            .toJson(QJsonDocument::Indented);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<ScratchDir>(u"tst_cli_history"_s);
        QVERIFY(m_dir->isValid());
        m_dir->mkpath(u"home"_s);
        m_cache = m_dir->filePath(u"gomodcache"_s);
        CacheWriter writer(m_cache);
        for (const QString &v : {u"v1.0.0"_s, u"v1.1.0"_s}) {
            const Status st = writer.addCompleteVersion(
                u"example.com/hist"_s, v, FixtureProxy::generatedFiles(u"example.com/hist"_s, 3, 1));
            QVERIFY2(st.ok(), qPrintable(st.error().toString()));
        }
        m_data = m_dir->filePath(u"data"_s);
    }

    void recordsEveryScanAndListsThem()
    {
        const QByteArray expected = golden();
        const ProcessResult first = cli({u"scan"_s, u"--json"_s}, m_data);
        QVERIFY2(first.succeeded(), qPrintable(first.describe()));
        QCOMPARE(first.stdOut, expected);
        QVERIFY2(first.stdErr.trimmed().isEmpty(), first.stdErr.constData());
        const ProcessResult second = cli({u"scan"_s, u"--modcache"_s, m_cache}, m_data);
        QVERIFY2(second.succeeded(), qPrintable(second.describe()));

        const ProcessResult json = cli({u"history"_s, u"--json"_s}, m_data);
        QVERIFY2(json.succeeded(), qPrintable(json.describe()));
        const QJsonObject root = QJsonDocument::fromJson(json.stdOut).object();
        QCOMPARE(root.value(u"gomodcache"_s).toString(), m_cache);
        QVERIFY(root.value(u"file"_s).toString().startsWith(m_data + u'/'));
        const QJsonArray records = root.value(u"records"_s).toArray();
        QCOMPARE(records.size(), 2);
        const QJsonObject last = records.last().toObject();
        QCOMPARE(last.value(u"versions"_s).toInt(), 2);
        const qint64 bytes
            = QJsonDocument::fromJson(expected).object().value(u"totalDiskBytes"_s).toInteger();
        QVERIFY(bytes > 0);
        QCOMPARE(last.value(u"diskBytes"_s).toInteger(), bytes);
        QVERIFY(last.value(u"time"_s).toString().endsWith(u'Z'));
        QVERIFY(last.value(u"others"_s).toObject().contains(u"vcs"_s));

        const ProcessResult table = cli({u"history"_s}, m_data);
        QVERIFY2(table.succeeded(), qPrintable(table.describe()));
        const QStringList lines = QString::fromUtf8(table.stdOut).trimmed().split(u'\n');
        QCOMPARE(lines.size(), 3); // header + two scans
        QVERIFY2(lines[0].contains(u"CHANGE"_s), qPrintable(lines[0]));
        QVERIFY2(lines[2].trimmed().endsWith(u" 0"_s), qPrintable(lines[2])); // no growth

        const ProcessResult limited = cli({u"history"_s, u"--json"_s, u"--limit"_s, u"1"_s}, m_data);
        QCOMPARE(QJsonDocument::fromJson(limited.stdOut).object().value(u"records"_s).toArray().size(),
                 1);
        // Another cache has no history yet.
        const ProcessResult other
            = cli({u"history"_s, u"--json"_s, u"--modcache"_s, m_dir->filePath(u"elsewhere"_s)},
                  m_data);
        QVERIFY2(other.succeeded(), qPrintable(other.describe()));
        QCOMPARE(QJsonDocument::fromJson(other.stdOut).object().value(u"records"_s).toArray().size(),
                 0);
    }

    void scansAlikeWhenTheHistoryCannotBeWritten()
    {
        // XDG_DATA_HOME is a file: the history cannot be written; the scan is unaffected.
        const QString blocked = m_dir->filePath(u"blocked"_s);
        QFile f(blocked);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const ProcessResult r = cli({u"scan"_s, u"--json"_s}, blocked);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.stdOut, golden());
        QVERIFY2(r.stdErr.startsWith("warning: "), r.stdErr.constData());
    }

    void rejectsABadLimit()
    {
        const ProcessResult r = cli({u"history"_s, u"--limit"_s, u"zero"_s}, m_data);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.stdErr.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliHistory)
#include "tst_cli_history.moc"
