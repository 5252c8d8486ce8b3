// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareMirrorsDialog.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "BundleController.h"
#include "proxy/ProxyPresetStore.h"
#include "proxy/ProxyProbe.h"
#include "sumdb/SumDbClient.h"

using namespace Qt::StringLiterals;

namespace mk {

CompareMirrorsDialog::CompareMirrorsDialog(const QList<ProxyCompare::Version> &versions,
                                           const QStringList &proxies, QWidget *parent)
    : QDialog(parent), m_versions(versions), m_controller(new BundleController(this))
{
    setWindowTitle(tr("Compare Mirrors"));
    setObjectName(u"compareMirrorsDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        versions.size() == 1
            ? tr("Asks each mirror for the selected version — the version list, .info, go.mod "
                 "and zip — and lists where they disagree. Nothing is written to the cache.")
            : tr("Asks each mirror for the %n selected versions — the version list, .info, "
                 "go.mod and zip — and lists where they disagree. Nothing is written to the "
                 "cache.",
                 nullptr, int(versions.size())),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_proxies = new QLineEdit(proxies.join(u','), this);
    m_proxies->setObjectName(u"compareProxies"_s);
    m_proxies->setToolTip(tr("The mirrors to compare, separated by commas"));
    form->addRow(tr("Mirrors:"), m_proxies);
    m_zips = new QCheckBox(tr("Compare the zips too (downloads each zip once per mirror)"), this);
    m_zips->setObjectName(u"compareZips"_s);
    m_zips->setChecked(true);
    form->addRow(QString(), m_zips);
    layout->addLayout(form);

    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"compareSummary"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"compareTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Finding"), tr("Module"), tr("Version"), tr("Mirror"),
                                        tr("Other mirror"), tr("Details")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->setVisible(false);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_startButton = buttons->addButton(tr("&Compare"), QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"compareStart"_s);
    m_stopButton = buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stopButton->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_startButton, &QPushButton::clicked, this, &CompareMirrorsDialog::start);
    connect(m_stopButton, &QPushButton::clicked, m_controller, &BundleController::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    m_startButton->setEnabled(!versions.isEmpty());

    connect(m_controller, &BundleController::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(m_controller, &BundleController::progressChanged, m_progress, &QProgressBar::setValue);
    connect(m_controller, &BundleController::compareFinished, this,
            &CompareMirrorsDialog::onFinished);
    resize(820, 460);
}

QStringList CompareMirrorsDialog::presetProxies()
{
    QStringList out;
    for (const ProxyProbe::Target &t : ProxyProbe::targetsFor(ProxyPresetStore().presets()))
        if (t.url.startsWith(u"http"_s) && !out.contains(t.url))
            out.append(t.url);
    return out;
}

void CompareMirrorsDialog::setProxies(const QStringList &proxies)
{
    m_proxies->setText(proxies.join(u','));
}

void CompareMirrorsDialog::setChecksumDb(const GoEnvironment &env)
{
    m_checksumDbEnv = env;
}

void CompareMirrorsDialog::setCompareZips(bool on)
{
    m_zips->setChecked(on);
}

QString CompareMirrorsDialog::summaryText() const
{
    return m_summary->text();
}

void CompareMirrorsDialog::setBusy(bool busy)
{
    m_startButton->setEnabled(!busy);
    m_stopButton->setEnabled(busy);
    m_proxies->setEnabled(!busy);
    m_zips->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void CompareMirrorsDialog::start()
{
    ProxyCompare::Options options;
    for (const QString &p : m_proxies->text().split(u',', Qt::SkipEmptyParts))
        if (!p.trimmed().isEmpty())
            options.proxies.append(p.trimmed());
    if (options.proxies.size() < 2) {
        m_summary->setText(tr("Name at least two mirrors."));
        return;
    }
    options.versions = m_versions;
    options.compareZips = m_zips->isChecked();
    if (m_checksumDbEnv) {
        // Creating the client reads no network; its lookups run on the comparison's workers.
        const Expected<SumDbClient::Options> db
            = SumDbClient::Options::fromEnvironment(*m_checksumDbEnv);
        if (db && !db->sumdb.isOff())
            if (Expected<std::shared_ptr<SumDbClient>> client = SumDbClient::create(*db)) {
                options.checksumDb = client.value()->hashLookup();
                options.checksumDbName = client.value()->name();
            }
    }
    if (!m_controller->startCompare(options))
        return;
    m_table->setRowCount(0);
    m_summary->setText(tr("Comparing\u2026"));
    m_progress->setRange(0, 0);
    setBusy(true);
}

QString CompareMirrorsDialog::kindText(ProxyCompare::Finding::Kind kind) const
{
    switch (kind) {
    case ProxyCompare::Finding::Kind::MissingVersion:
        return tr("Missing version");
    case ProxyCompare::Finding::Kind::DifferentList:
        return tr("Different version list");
    case ProxyCompare::Finding::Kind::DifferentHash:
        return tr("Different hash (security)");
    case ProxyCompare::Finding::Kind::Unreachable:
        return tr("Mirror failed");
    }
    return {};
}

void CompareMirrorsDialog::onFinished(const ProxyCompare::Report &report)
{
    setBusy(false);
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(report.findings.size()));
    int security = 0;
    for (int row = 0; row < report.findings.size(); ++row) {
        const ProxyCompare::Finding &f = report.findings[row];
        QString details;
        switch (f.kind) {
        case ProxyCompare::Finding::Kind::DifferentHash:
            details = tr("%1: %2 against %3").arg(f.what, f.valueA, f.valueB);
            break;
        case ProxyCompare::Finding::Kind::DifferentList:
            details = tr("only at this mirror: %1; only at the other: %2")
                          .arg(f.valueA.isEmpty() ? tr("none") : f.valueA,
                               f.valueB.isEmpty() ? tr("none") : f.valueB);
            break;
        default:
            details = f.message;
        }
        const QStringList cells = {kindText(f.kind), f.path, f.version, f.proxyA, f.proxyB, details};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setToolTip(f.message);
            if (f.security()) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setForeground(QColor(0xb0, 0x00, 0x20));
            }
            m_table->setItem(row, c, item);
        }
        security += f.security() ? 1 : 0;
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    if (report.error.isError())
        m_summary->setText(tr("The comparison could not run: %1").arg(report.error.toString()));
    else if (report.findings.isEmpty())
        m_summary->setText(tr("All %n mirrors agree on every version compared.", nullptr,
                              int(report.proxies.size())));
    else
        m_summary->setText(
            (report.findings.size() == 1
                 ? tr("1 finding")
                 : tr("%n findings", nullptr, int(report.findings.size())))
            + (security == 0   ? QString()
               : security == 1 ? u" \u2014 "_s
                                     + tr("1 security finding: a mirror serves content go "
                                          "would reject.")
                               : u" \u2014 "_s
                                     + tr("%n security findings: mirrors serve content go "
                                          "would reject.",
                                          nullptr, security)));
    if (report.cancelled)
        m_summary->setText(m_summary->text() + u' ' + tr("Stopped before the end."));
    Q_EMIT runFinished();
}

void CompareMirrorsDialog::closeEvent(QCloseEvent *event)
{
    if (m_controller->isRunning()) {
        m_controller->cancel();
        connect(this, &CompareMirrorsDialog::runFinished, this, &QDialog::close,
                Qt::SingleShotConnection);
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace mk
