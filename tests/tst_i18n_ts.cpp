// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped translations are complete: every message of each .ts is finished, none is
// obsolete, the placeholders of the English survive in the translation, and lupdate run over
// the sources now finds no tr() string the .ts lacks (nor has the .ts strings the sources
// dropped). modkeeper_en.ts holds the English plural forms only. When this fails after a change to the GUI's words, refresh the .ts
// (cmake --build <dir> --target update_translations) and translate what it marks unfinished.
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString type; ///< the translation's type attribute: "", "unfinished", "obsolete", "vanished"
    bool numerus = false;
    QStringList translations; ///< one, or one per plural form

    [[nodiscard]] QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
    [[nodiscard]] QString name() const
    {
        return u"%1: \"%2\"%3"_s.arg(context, source.left(70),
                                   comment.isEmpty() ? QString() : u" (%1)"_s.arg(comment));
    }
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile parse(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(u"language"_s).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = TsMessage{};
            message.context = context;
            message.numerus = xml.attributes().value(u"numerus"_s) == u"yes";
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(u"type"_s).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"numerusform")
                        message.translations << xml.readElementText();
                    else
                        xml.skipCurrentElement();
                }
            } else {
                message.translations << xml.readElementText();
            }
            ts.messages << message; // <translation> is the last child that matters
        }
    }
    if (xml.hasError())
        ts.error = u"%1:%2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QStringList shippedTsFiles()
{
    return QStringLiteral(MODKEEPER_TS_FILES).split(u'|', Qt::SkipEmptyParts);
}

QString report(const QString &what, const QStringList &names)
{
    QStringList shown = names.mid(0, 40);
    if (names.size() > shown.size())
        shown << u"... and %1 more"_s.arg(names.size() - shown.size());
    return u"%1 %2:\n  "_s.arg(names.size()).arg(what) + shown.join(u"\n  "_s);
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(u"%L?(\\d|n)"_s);
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

} // namespace

class TestI18nTs final : public QObject
{
    Q_OBJECT

public:
    TestI18nTs() = default;
    Q_DISABLE_COPY_MOVE(TestI18nTs)

private Q_SLOTS:
    void initTestCase();
    void shouldHaveNoUnfinishedMessages_data() { files(); }
    void shouldHaveNoUnfinishedMessages();
    void shouldHaveNoObsoleteMessages_data() { files(); }
    void shouldHaveNoObsoleteMessages();
    void shouldKeepThePlaceholders_data() { files(); }
    void shouldKeepThePlaceholders();
    void shouldHoldEveryStringOfTheSources_data() { files(); }
    void shouldHoldEveryStringOfTheSources();

private:
    static void files();

    QTemporaryDir m_dir;
    QHash<QString, TsMessage> m_sources; ///< what lupdate finds in the sources now, by key
};

void TestI18nTs::files()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : shippedTsFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestI18nTs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(!shippedTsFiles().isEmpty());
    // The same scan as the update_translations target, into a scratch file.
    const QString fresh = m_dir.filePath(u"sources.ts"_s);
    QStringList args{u"-silent"_s, u"-locations"_s, u"none"_s};
    args << QStringLiteral(MODKEEPER_TR_DIRS).split(u'|', Qt::SkipEmptyParts);
    args << u"-ts"_s << fresh;
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(MODKEEPER_SOURCE_DIR));
    lupdate.start(QStringLiteral(MODKEEPER_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAllStandardError().constData());
    const TsFile sources = parse(fresh);
    QVERIFY2(sources.error.isEmpty(), qPrintable(sources.error));
    for (const TsMessage &m : sources.messages)
        m_sources.insert(m.key(), m);
    // A sanity check on the scan itself: the main window's menus are in it.
    QVERIFY2(m_sources.contains(u"mk::MainWindow\x1f&File\x1f"_s),
             "lupdate found no tr() strings in the sources");
}

void TestI18nTs::shouldHaveNoUnfinishedMessages()
{
    QFETCH(QString, path);
    const TsFile ts = parse(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QVERIFY(!ts.messages.isEmpty());
    QStringList unfinished;
    for (const TsMessage &m : ts.messages) {
        const bool empty = m.translations.isEmpty()
                           || std::any_of(m.translations.begin(), m.translations.end(),
                                          [](const QString &t) { return t.isEmpty(); });
        if (m.type == u"unfinished" || (m.type.isEmpty() && empty))
            unfinished << m.name();
    }
    QVERIFY2(unfinished.isEmpty(), qPrintable(report(u"unfinished messages"_s, unfinished)));
}

void TestI18nTs::shouldHaveNoObsoleteMessages()
{
    QFETCH(QString, path);
    const TsFile ts = parse(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QStringList obsolete;
    for (const TsMessage &m : ts.messages) {
        if (m.type == u"obsolete" || m.type == u"vanished")
            obsolete << m.name();
    }
    QVERIFY2(obsolete.isEmpty(), qPrintable(report(u"obsolete messages"_s, obsolete)));
}

void TestI18nTs::shouldKeepThePlaceholders()
{
    QFETCH(QString, path);
    const TsFile ts = parse(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QStringList broken;
    for (const TsMessage &m : ts.messages) {
        if (m.type == u"unfinished" || m.type == u"obsolete" || m.type == u"vanished")
            continue; // reported above
        const QSet<QString> wanted = placeholders(m.source);
        for (const QString &t : m.translations) {
            if (!t.isEmpty() && placeholders(t) != wanted) {
                broken << m.name() + u" -> \""_s + t.left(70) + u'"';
                break;
            }
        }
    }
    QVERIFY2(broken.isEmpty(),
             qPrintable(report(u"translations that lose or add a %1/%n placeholder"_s, broken)));
}

void TestI18nTs::shouldHoldEveryStringOfTheSources()
{
    QFETCH(QString, path);
    const TsFile ts = parse(path);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QSet<QString> shipped;
    for (const TsMessage &m : ts.messages)
        shipped.insert(m.key());
    // English needs its plural forms only (lupdate -pluralonly): the sources are its words.
    const bool pluralOnly = ts.language.startsWith(u"en"_s);
    QStringList missing;
    for (const TsMessage &m : std::as_const(m_sources)) {
        if (!shipped.contains(m.key()) && (m.numerus || !pluralOnly))
            missing << m.name();
    }
    missing.sort();
    QStringList stale;
    for (const TsMessage &m : ts.messages) {
        const bool gone = !m_sources.contains(m.key())
                          || (pluralOnly && !m_sources.value(m.key()).numerus);
        if (gone && m.type != u"obsolete" && m.type != u"vanished")
            stale << m.name();
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(report(u"tr() strings of the sources missing from the .ts "
                               "(run the update_translations target)"_s,
                               missing)));
    QVERIFY2(stale.isEmpty(),
             qPrintable(report(u"messages no longer in the sources "
                               "(run the update_translations target)"_s,
                               stale)));
}

QTEST_GUILESS_MAIN(TestI18nTs)
#include "tst_i18n_ts.moc"
