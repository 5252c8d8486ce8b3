// SPDX-License-Identifier: GPL-3.0-or-later
#include "SummaryPanel.h"

#include <algorithm>
#include <utility>

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "CacheModel.h"
#include "DisplayFormat.h"
#include "SpaceBar.h"
#include "gocache/GoCacheFiles.h"
#include "gocache/GoCacheStats.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

constexpr std::array<SummaryPanel::Part, SummaryPanel::PartCount> allParts
    = {SummaryPanel::Versions,   SummaryPanel::VcsClones, SummaryPanel::ChecksumDb,
       SummaryPanel::Toolchains, SummaryPanel::Metadata,  SummaryPanel::Unknown,
       SummaryPanel::Trash};

// Object-name stems, also used by tests: summary<Stem>Count, summary<Stem>Size.
constexpr std::array<const char16_t *, SummaryPanel::PartCount> partKeys
    = {u"Versions", u"Vcs", u"Sumdb", u"Toolchains", u"Metadata", u"Unknown", u"Trash"};

QPixmap swatch(const QColor &color, qreal dpr)
{
    const int side = 12;
    QPixmap pixmap(QSize(side, side) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(120));
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 3, 3);
    return pixmap;
}

QLabel *makeValueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QFrame *makeSeparator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

QLabel *makeCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

SummaryPanel::SummaryPanel(QWidget *parent)
    : QWidget(parent), m_totalLabel(new QLabel(this)), m_totalCaption(new QLabel(this)),
      m_spaceBar(new SpaceBar(this)), m_filteredLabel(new QLabel(this)), m_issuesLabel(makeValueLabel(u"summaryIssues"_s, this)),
      m_buildCachePath(new QLabel(this)),
      m_buildCacheSize(makeValueLabel(u"buildCacheSize"_s, this)),
      m_goCacheEntries(new QLabel(this)), m_goCacheAges(new QLabel(this)),
      m_goCacheTimes(new QLabel(this)), m_goCacheEstimate(new QLabel(this)),
      m_goCacheCap(new QLabel(this)), m_goCacheTrim(new QPushButton(tr("Trim\u2026"), this)),
      m_goCacheClean(new QPushButton(tr("Clean build cache"), this)),
      m_goCacheCleanTest(new QPushButton(tr("Clean test cache"), this))
{
    setObjectName(u"summaryPanel"_s);
    m_spaceBar->setObjectName(u"spaceBar"_s);
    m_totalLabel->setObjectName(u"summaryTotal"_s);
    QFont big = m_totalLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setWeight(QFont::DemiBold);
    m_totalLabel->setFont(big);
    m_totalCaption->setForegroundRole(QPalette::PlaceholderText);
    m_totalCaption->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);
    layout->addWidget(makeCaption(tr("Space on disk"), this));
    layout->addWidget(m_totalLabel);
    layout->addWidget(m_totalCaption);
    m_filteredLabel->setObjectName(u"summaryFiltered"_s);
    m_filteredLabel->setWordWrap(true);
    m_filteredLabel->setToolTip(tr("What the filter of the table shows, next to the whole cache"));
    m_filteredLabel->hide();
    layout->addWidget(m_filteredLabel);
    layout->addSpacing(4);
    layout->addWidget(m_spaceBar);
    layout->addSpacing(6);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(5);
    grid->setColumnStretch(1, 1);
    const qreal dpr = 2.0; // crisp on high-DPI screens, scaled down elsewhere
    for (Part part : allParts) {
        const QString key = QString::fromUtf16(partKeys[part]);
        auto *sw = new QLabel(this);
        sw->setPixmap(swatch(partColor(part), dpr));
        QWidget *name = nullptr;
        if (part == Versions) {
            name = new QLabel(partName(part), this);
        } else {
            // A button that reads like the legend text: opens the entries of that part.
            auto *button = new QToolButton(this);
            button->setObjectName(u"summary"_s + key + u"Button"_s);
            button->setText(partName(part));
            button->setAutoRaise(true);
            button->setCursor(Qt::PointingHandCursor);
            button->setToolTip(part == Toolchains
                                   ? tr("Show the Go toolchains in the cache")
                                   : tr("Show the entries, their sizes, and remove them"));
            connect(button, &QToolButton::clicked, this,
                    [this, part] { Q_EMIT partActivated(part); });
            name = button;
        }
        m_countLabels[part] = makeValueLabel(u"summary"_s + key + u"Count"_s, this);
        m_countLabels[part]->setForegroundRole(QPalette::PlaceholderText);
        m_sizeLabels[part] = makeValueLabel(u"summary"_s + key + u"Size"_s, this);
        m_sizeLabels[part]->setMinimumWidth(
            m_sizeLabels[part]->fontMetrics().horizontalAdvance(u"0000.0 MiB"_s));
        grid->addWidget(sw, part, 0);
        grid->addWidget(name, part, 1);
        grid->addWidget(m_countLabels[part], part, 2);
        grid->addWidget(m_sizeLabels[part], part, 3);
    }
    m_countLabels[Versions]->setToolTip(tr("Module versions in the tree"));
    m_countLabels[VcsClones]->setToolTip(
        tr("Repositories cloned under cache/vcs for direct fetches"));
    m_countLabels[ChecksumDb]->setToolTip(
        tr("Checksum database lookups and tiles (cache/download/sumdb)"));
    m_countLabels[Toolchains]->setToolTip(
        tr("Go toolchains downloaded as golang.org/toolchain modules"));
    m_countLabels[Metadata]->setToolTip(tr("Directories, version lists and lock files"));
    m_countLabels[Unknown]->setToolTip(
        tr("Stray files, undecodable names, leftover temporary directories"));
    m_countLabels[Trash]->setToolTip(tr("Trees ModKeeper moved aside, waiting to be deleted"));
    layout->addLayout(grid);
    // Segments are set in legend order (refresh()), so a segment's index is its part.
    connect(m_spaceBar, &SpaceBar::segmentClicked, this, [this](int index) {
        if (index > Versions && index < PartCount)
            Q_EMIT partActivated(Part(index));
    });

    layout->addSpacing(4);
    layout->addWidget(makeSeparator(this));
    auto *more = new QGridLayout;
    more->setHorizontalSpacing(8);
    more->setVerticalSpacing(5);
    more->setColumnStretch(0, 1);
    more->addWidget(new QLabel(tr("Unreadable paths"), this), 0, 0);
    more->addWidget(m_issuesLabel, 0, 1);
    m_buildCachePath->setObjectName(u"buildCacheLabel"_s);
    m_buildCachePath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buildCachePath->setWordWrap(true);
    m_buildCachePath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    more->addWidget(m_buildCachePath, 1, 0);
    more->addWidget(m_buildCacheSize, 1, 1, Qt::AlignTop);
    layout->addLayout(more);

    // The build cache section: what go's own trim looks at, and the actions.
    const std::array<std::pair<QLabel *, const char16_t *>, 5> goLabels = {{
        {m_goCacheEntries, u"goCacheEntries"},
        {m_goCacheAges, u"goCacheAges"},
        {m_goCacheTimes, u"goCacheTimes"},
        {m_goCacheEstimate, u"goCacheEstimate"},
        {m_goCacheCap, u"goCacheCap"},
    }};
    for (const auto &[label, name] : goLabels) {
        label->setObjectName(QString::fromUtf16(name));
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        layout->addWidget(label);
    }
    m_goCacheAges->setForegroundRole(QPalette::PlaceholderText);
    m_goCacheTrim->setObjectName(u"goCacheTrimButton"_s);
    m_goCacheTrim->setToolTip(
        tr("Remove build cache entries go has not used for some days, or keep the cache "
           "under a size"));
    m_goCacheClean->setObjectName(u"goCacheCleanButton"_s);
    m_goCacheClean->setToolTip(tr("Empty the build cache, like go clean -cache"));
    m_goCacheCleanTest->setObjectName(u"goCacheCleanTestButton"_s);
    m_goCacheCleanTest->setToolTip(
        tr("Make go run every test again, like go clean -testcache; nothing is deleted"));
    auto *buttons = new QGridLayout;
    buttons->setSpacing(4);
    buttons->addWidget(m_goCacheTrim, 0, 0);
    buttons->addWidget(m_goCacheClean, 0, 1);
    buttons->addWidget(m_goCacheCleanTest, 1, 0, 1, 2);
    layout->addLayout(buttons);
    connect(m_goCacheTrim, &QPushButton::clicked, this, &SummaryPanel::goCacheTrimRequested);
    connect(m_goCacheClean, &QPushButton::clicked, this, &SummaryPanel::goCacheCleanRequested);
    connect(m_goCacheCleanTest, &QPushButton::clicked, this,
            &SummaryPanel::goCacheCleanTestRequested);
    layout->addStretch(1);

    setBuildCache({});
    refresh();
}

SummaryPanel::~SummaryPanel() = default;

QColor SummaryPanel::partColor(Part part)
{
    switch (part) {
    case Versions:
        return QColor(0x3f, 0x7f, 0xd0);
    case VcsClones:
        return QColor(0x9b, 0x6b, 0xcc);
    case ChecksumDb:
        return QColor(0x2a, 0xa1, 0x98);
    case Toolchains:
        return QColor(0xe5, 0xa5, 0x0a);
    case Metadata:
        return QColor(0xb0, 0xb7, 0xc0);
    case Unknown:
        return QColor(0xd0, 0x67, 0x5c);
    case Trash:
        return QColor(0x6e, 0x77, 0x81);
    case PartCount:
        break;
    }
    return {};
}

QString SummaryPanel::partName(Part part)
{
    switch (part) {
    case Versions:
        return tr("Module versions");
    case VcsClones:
        return tr("VCS clones");
    case ChecksumDb:
        return tr("Checksum DB");
    case Toolchains:
        return tr("Toolchains");
    case Metadata:
        return tr("Metadata");
    case Unknown:
        return tr("Unknown");
    case Trash:
        return tr("Trash");
    case PartCount:
        break;
    }
    return {};
}

void SummaryPanel::setModel(const CacheModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &CacheModel::totalsChanged, this, &SummaryPanel::refresh);
    refresh();
}

void SummaryPanel::setBuildCache(const QString &path, const QString &problem)
{
    if (path.isEmpty()) {
        m_buildCachePath->setText(tr("GOCACHE: unknown"));
    } else {
        m_buildCachePath->setText(tr("GOCACHE: %1").arg(path));
    }
    m_buildCachePath->setToolTip(
        problem.isEmpty() ? tr("The build cache. It is not part of GOMODCACHE; its size is "
                               "measured after each scan.")
                          : problem);
    m_buildCacheSize->setText(u"\u2014"_s);
    m_goCacheKnown = false;
    m_goCacheEntries->clear();
    m_goCacheAges->clear();
    m_goCacheTimes->clear();
    m_goCacheEstimate->clear();
    updateGoCacheCap();
    updateGoCacheButtons();
}

void SummaryPanel::setGoCacheStats(const GoCacheStats &stats)
{
    m_goCacheKnown = true;
    m_goCacheDiskBytes = stats.diskBytes;
    m_buildCacheSize->setText(DisplayFormat::size(stats.diskBytes));
    m_goCacheEntries->setText(tr("%1 entries (%2 actions, %3 outputs)")
                                  .arg(DisplayFormat::count(stats.entries()),
                                       DisplayFormat::count(stats.actionEntries),
                                       DisplayFormat::count(stats.outputEntries)));
    QStringList ages;
    for (const GoCacheStats::Bucket &b : stats.histogram()) {
        if (b.entries == 0)
            continue;
        const QString range = b.toDays < 0 ? tr("%1+ days").arg(b.fromDays)
                                           : tr("%1\u2013%2 days").arg(b.fromDays).arg(b.toDays);
        ages << tr("%1: %2 (%3)").arg(range, DisplayFormat::count(b.entries),
                                      DisplayFormat::size(b.diskBytes));
    }
    m_goCacheAges->setText(ages.isEmpty() ? QString()
                                          : tr("Last used \u2014 %1").arg(ages.join(u", "_s)));
    const auto when = [](qint64 ns) {
        return DisplayFormat::fullTime(QDateTime::fromMSecsSinceEpoch(ns / 1000000, Qt::UTC));
    };
    const QString trimmed = stats.lastTrimUnix
        ? tr("go last trimmed it %1").arg(when(*stats.lastTrimUnix * 1000000000LL))
        : tr("go has not trimmed it yet");
    const QString tests = stats.testExpireNs
        ? tr("test results before %1 are ignored").arg(when(*stats.testExpireNs))
        : tr("no test cache expiry");
    m_goCacheTimes->setText(trimmed + u" \u00b7 "_s + tests);
    const GoCacheStats::Estimate est = stats.trimAt(GoCacheFiles::TrimLimitDays);
    m_goCacheEstimate->setText(
        tr("Entries unused for %n days: %1 (%2)", nullptr, GoCacheFiles::TrimLimitDays)
            .arg(DisplayFormat::count(est.entries()), DisplayFormat::size(est.diskBytes)));
    updateGoCacheCap();
    updateGoCacheButtons();
}

void SummaryPanel::setGoCacheBusy(bool busy)
{
    m_goCacheBusy = busy;
    updateGoCacheButtons();
}

void SummaryPanel::setGoCacheSizeCap(quint64 bytes)
{
    m_goCacheSizeCap = bytes;
    updateGoCacheCap();
}

void SummaryPanel::updateGoCacheCap()
{
    if (m_goCacheSizeCap == 0) {
        m_goCacheCap->clear();
        m_goCacheCap->setVisible(false);
        return;
    }
    m_goCacheCap->setVisible(true);
    m_goCacheCap->setText(m_goCacheKnown && m_goCacheDiskBytes > m_goCacheSizeCap
                              ? tr("Kept under %1 (over it now)")
                                    .arg(DisplayFormat::size(m_goCacheSizeCap))
                              : tr("Kept under %1").arg(DisplayFormat::size(m_goCacheSizeCap)));
}

void SummaryPanel::updateGoCacheButtons()
{
    const bool enabled = m_goCacheKnown && !m_goCacheBusy;
    m_goCacheTrim->setEnabled(enabled);
    m_goCacheClean->setEnabled(enabled);
    m_goCacheCleanTest->setEnabled(enabled);
}

void SummaryPanel::setBuildCacheBytes(quint64 bytes)
{
    m_buildCacheSize->setText(DisplayFormat::size(bytes));
}

void SummaryPanel::setFilteredTotals(bool active, quint64 versions, quint64 bytes)
{
    m_filterActive = active;
    m_filteredVersions = versions;
    m_filteredBytes = bytes;
    updateFiltered();
}

void SummaryPanel::updateFiltered()
{
    m_filteredLabel->setVisible(m_filterActive);
    if (!m_filterActive || !m_model) {
        m_filteredLabel->clear();
        return;
    }
    const quint64 all = m_model->versionCount();
    const quint64 whole = std::max(m_model->scanTotals().diskBytes, m_model->versionBytes());
    m_filteredLabel->setText(
        tr("Filter: %1 of %2 versions \u00b7 %3 of %4")
            .arg(DisplayFormat::count(m_filteredVersions), DisplayFormat::count(all),
                 DisplayFormat::size(m_filteredBytes), DisplayFormat::size(whole)));
}

void SummaryPanel::refresh()
{
    std::array<quint64, PartCount> counts{};
    std::array<quint64, PartCount> bytes{};
    quint64 total = 0;
    qsizetype issues = 0;
    if (m_model) {
        counts[Versions] = m_model->versionCount();
        bytes[Versions] = m_model->versionBytes();
        const std::array<std::pair<Part, OtherKind>, 6> kinds = {{
            {VcsClones, OtherKind::Vcs},
            {ChecksumDb, OtherKind::Sumdb},
            {Toolchains, OtherKind::Toolchain},
            {Metadata, OtherKind::Metadata},
            {Unknown, OtherKind::Unknown},
            {Trash, OtherKind::Trash},
        }};
        for (const auto &[part, kind] : kinds) {
            const CacheModel::OtherTotals t = m_model->otherTotals(kind);
            counts[part] = t.entries;
            bytes[part] = t.diskBytes;
        }
        total = m_model->scanTotals().diskBytes;
        issues = m_model->issues().size();
    }

    QList<SpaceBar::Segment> segments;
    quint64 sum = 0;
    for (Part part : allParts) {
        m_countLabels[part]->setText(DisplayFormat::count(counts[part]));
        m_sizeLabels[part]->setText(DisplayFormat::size(bytes[part]));
        segments.append({partName(part), bytes[part], partColor(part)});
        sum += bytes[part];
    }
    m_spaceBar->setSegments(segments);

    // The scanner's total counts every byte once; fall back to the parts while it has
    // not reported one.
    total = std::max(total, sum);
    m_totalLabel->setText(DisplayFormat::size(total));
    if (!m_model || (total == 0 && !m_model->isComplete())) {
        m_totalCaption->setText(tr("Nothing scanned yet"));
    } else {
        const ScanTotals &t = m_model->scanTotals();
        m_totalCaption->setText(
            tr("%1 files in %2 directories%3")
                .arg(DisplayFormat::count(t.files), DisplayFormat::count(t.directories),
                     m_model->isComplete() ? QString() : tr(" \u00b7 scanning\u2026")));
    }

    updateFiltered();
    m_issuesLabel->setText(DisplayFormat::count(quint64(issues)));
    if (issues > 0 && m_model) {
        QStringList lines;
        const QList<ScanIssue> &list = m_model->issues();
        for (qsizetype i = 0; i < std::min<qsizetype>(list.size(), 10); ++i)
            lines << u"%1: %2"_s.arg(list.at(i).path, list.at(i).message);
        if (list.size() > 10)
            lines << tr("and %1 more").arg(list.size() - 10);
        m_issuesLabel->setToolTip(lines.join(u'\n'));
        QPalette pal = m_issuesLabel->palette();
        pal.setColor(QPalette::WindowText, DisplayFormat::stateColor(VersionState::Partial));
        m_issuesLabel->setPalette(pal);
    } else {
        m_issuesLabel->setToolTip(tr("Every directory of the cache could be read"));
        m_issuesLabel->setPalette(QPalette());
    }
}

} // namespace mk
