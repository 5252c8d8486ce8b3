// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow, the size history side: a HistoryController records every completed scan and
// reads back the shown cache's history on the core pool; a sparkline of its size over time
// sits at the end of the summary.
#include "MainWindow.h"

#include <QBoxLayout>
#include <QLabel>

#include "GoCacheController.h"
#include "HistoryController.h"
#include "HistorySparkline.h"
#include "SummaryPanel.h"
#include "gocache/GoCacheStats.h"

using namespace Qt::StringLiterals;

namespace mk {

void MainWindow::createHistoryUi()
{
    auto *history = new HistoryController(this);
    history->setObjectName(u"historyController"_s);
    history->watch(m_scan);
    connect(m_goCache, &GoCacheController::statsChanged, history,
            [this, history] { history->setBuildCacheBytes(m_goCache->stats().diskBytes); });

    auto *box = new QWidget(m_summary);
    box->setObjectName(u"historyBox"_s);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(4);
    auto *caption = new QLabel(tr("Growth"), box);
    QFont bold = caption->font();
    bold.setBold(true);
    caption->setFont(bold);
    auto *sparkline = new HistorySparkline(box);
    sparkline->setObjectName(u"historySparkline"_s);
    auto *note = new QLabel(box);
    note->setObjectName(u"historyNote"_s);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    note->hide();
    layout->addWidget(caption);
    layout->addWidget(sparkline);
    layout->addWidget(note);

    connect(history, &HistoryController::recordsChanged, sparkline, [history, sparkline, note] {
        QList<HistorySparkline::Point> points;
        points.reserve(history->records().size());
        for (const HistoryRecord &r : history->records())
            points.append({r.time, r.diskBytes});
        sparkline->setPoints(points);
        note->hide();
    });
    // A history that cannot be written or read never disturbs the scan: it is said here.
    connect(history, &HistoryController::warning, note, [note](const QString &message) {
        note->setText(message);
        note->show();
    });

    // At the end of the summary, above its closing stretch when it has one.
    if (auto *summaryLayout = qobject_cast<QBoxLayout *>(m_summary->layout())) {
        const int last = summaryLayout->count() - 1;
        if (last >= 0 && summaryLayout->itemAt(last)->spacerItem())
            summaryLayout->insertWidget(last, box);
        else
            summaryLayout->addWidget(box);
    }
}

} // namespace mk
