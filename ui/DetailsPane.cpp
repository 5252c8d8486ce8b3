// SPDX-License-Identifier: GPL-3.0-or-later
#include "DetailsPane.h"

#include <algorithm>

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "DetailsController.h"
#include "DetailsFilesModel.h"
#include "DetailsSizeBarDelegate.h"
#include "DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setTextFormat(Qt::PlainText);
    return l;
}

QToolButton *actionButton(QWidget *parent, const QString &name, const QString &text,
                          const QIcon &icon)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setIcon(icon);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    return b;
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent), m_controller(new DetailsController(this)),
      m_files(new DetailsFilesModel(this))
{
    setObjectName(u"detailsPane"_s);
    auto *layout = new QVBoxLayout(this);

    m_total = new QLabel(this);
    m_total->setObjectName(u"detailsTotal"_s);
    QFont big = m_total->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_total->setFont(big);
    m_total->setWordWrap(true);
    layout->addWidget(m_total);

    m_id = valueLabel(this, u"detailsId"_s);
    QFont idFont = m_id->font();
    idFont.setBold(true);
    m_id->setFont(idFont);
    layout->addWidget(m_id);

    m_stack = new QStackedWidget(this);
    m_emptyPage = new QLabel(tr("Select a module or a version to see its details."), m_stack);
    static_cast<QLabel *>(m_emptyPage)->setWordWrap(true);
    static_cast<QLabel *>(m_emptyPage)->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_versionPage = createVersionPage();
    m_modulePage = createModulePage();
    m_stack->addWidget(m_emptyPage);
    m_stack->addWidget(m_versionPage);
    m_stack->addWidget(m_modulePage);
    layout->addWidget(m_stack, 1);

    connect(m_controller, &DetailsController::detailsReady, this, &DetailsPane::onDetails);
    setSelectionTotal(0, 0);
    showNothing();
}

DetailsPane::~DetailsPane() = default;

QWidget *DetailsPane::createVersionPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *buttons = new QHBoxLayout;
    m_openButton = actionButton(page, u"detailsOpenFolder"_s, tr("Open Folder"),
                                style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_openButton->setToolTip(tr("Open the version's folder in the file manager"));
    m_copyIdButton = actionButton(page, u"detailsCopyId"_s, tr("Copy path@version"),
                                  QIcon::fromTheme(u"edit-copy"_s));
    m_copySumButton = actionButton(page, u"detailsCopyGoSum"_s, tr("Copy go.sum Lines"),
                                   QIcon::fromTheme(u"edit-copy"_s));
    m_copySumButton->setToolTip(tr("Copy the lines go writes into go.sum for this version"));
    connect(m_openButton, &QToolButton::clicked, this, &DetailsPane::openFolder);
    connect(m_copyIdButton, &QToolButton::clicked, this, &DetailsPane::copyId);
    connect(m_copySumButton, &QToolButton::clicked, this, &DetailsPane::copyGoSumLines);
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_copyIdButton);
    buttons->addWidget(m_copySumButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_state = valueLabel(page, u"detailsState"_s);
    m_integrity = valueLabel(page, u"detailsIntegrity"_s);
    m_time = valueLabel(page, u"detailsTime"_s);
    m_origin = valueLabel(page, u"detailsOrigin"_s);
    m_hash = valueLabel(page, u"detailsHash"_s);
    m_where = valueLabel(page, u"detailsWhere"_s);
    m_usedBy = valueLabel(page, u"detailsUsedBy"_s);
    m_hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Integrity:"), m_integrity);
    form->addRow(tr("Published:"), m_time);
    form->addRow(tr("Origin:"), m_origin);
    form->addRow(tr("Zip hash:"), m_hash);
    form->addRow(tr("Fetched from:"), m_where);
    form->addRow(tr("Used by:"), m_usedBy);
    layout->addLayout(form);

    m_tabs = new QTabWidget(page);
    m_filesView = new QTreeView(m_tabs);
    m_filesView->setObjectName(u"detailsFiles"_s);
    m_filesView->setModel(m_files);
    m_filesView->setUniformRowHeights(true);
    m_filesView->header()->setStretchLastSection(false);
    m_filesView->header()->setSectionResizeMode(DetailsFilesModel::NameColumn,
                                                QHeaderView::Stretch);
    m_filesView->header()->setSectionResizeMode(DetailsFilesModel::SizeColumn,
                                                QHeaderView::ResizeToContents);
    m_filesView->header()->setSectionResizeMode(DetailsFilesModel::FilesColumn,
                                                QHeaderView::ResizeToContents);
    m_goMod = new QPlainTextEdit(m_tabs);
    m_goMod->setObjectName(u"detailsGoMod"_s);
    m_goMod->setReadOnly(true);
    m_goMod->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_goMod->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_filesView, tr("Files"));
    m_tabs->addTab(m_goMod, tr("go.mod"));
    layout->addWidget(m_tabs, 1);
    return page;
}

QWidget *DetailsPane::createModulePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_versions = new QTreeWidget(page);
    m_versions->setObjectName(u"detailsVersions"_s);
    m_versions->setRootIsDecorated(false);
    m_versions->setColumnCount(3);
    m_versions->setHeaderLabels({tr("Version"), tr("Size"), tr("State")});
    m_versions->setItemDelegateForColumn(1, new DetailsSizeBarDelegate(m_versions));
    m_versions->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_versions->header()->setStretchLastSection(false);
    m_versions->setColumnWidth(1, 110);
    layout->addWidget(m_versions);
    return page;
}

void DetailsPane::setInputsProvider(std::function<GoEnvInputs()> provider)
{
    m_controller->setInputsProvider(std::move(provider));
}

void DetailsPane::setSelectionTotal(quint64 versions, quint64 diskBytes)
{
    if (versions == 0) {
        m_total->setText(tr("Nothing selected"));
        return;
    }
    m_total->setText(tr("%1 selected \u00b7 %2")
                         .arg(versions == 1 ? tr("1 version")
                                            : tr("%1 versions").arg(DisplayFormat::count(versions)),
                              DisplayFormat::size(diskBytes)));
}

QString DetailsPane::currentId() const
{
    return m_hasVersion ? m_record.id() : QString();
}

void DetailsPane::showNothing()
{
    m_controller->cancel();
    m_files->clear();
    m_hasVersion = false;
    m_record = {};
    m_details = {};
    m_id->clear();
    m_stack->setCurrentWidget(m_emptyPage);
}

void DetailsPane::showVersion(const QString &gomodcache, const ModuleVersionRecord &record,
                              const QString &stateText, const QString &integrityText,
                              const QVariant &usedBy)
{
    // The same version again (a rescan, a verification): keep the expanded tree.
    const bool same = m_hasVersion && m_record.id() == record.id()
                      && m_record.pieces == record.pieces && m_gomodcache == gomodcache;
    m_record = record;
    m_gomodcache = gomodcache;
    m_hasVersion = true;
    m_id->setText(record.id());
    m_state->setText(stateText);
    m_integrity->setText(integrityText);
    setUsedBy(usedBy);
    m_stack->setCurrentWidget(m_versionPage);
    m_openButton->setEnabled(!gomodcache.isEmpty());
    if (same)
        return;

    m_details = {};
    m_copySumButton->setEnabled(false);
    const QString loading = tr("Reading\u2026");
    m_time->setText(loading);
    m_origin->setText(loading);
    m_hash->setText(loading);
    m_where->setText(loading);
    m_goMod->setPlainText(loading);
    if (record.pieces & HasTree) {
        m_files->setVersion(gomodcache, record.escapedPath, record.escapedVersion);
        m_tabs->setTabEnabled(0, true);
    } else {
        m_files->clear();
        m_tabs->setTabEnabled(0, false);
        m_tabs->setCurrentIndex(1);
    }
    m_controller->request(
        {gomodcache, record.path, record.version, record.escapedPath, record.escapedVersion});
}

void DetailsPane::setUsedBy(const QVariant &usedBy)
{
    if (!usedBy.isValid()) {
        m_usedBy->setText(tr("not read (projects are not known)"));
        return;
    }
    const QVariantList list = usedBy.toList();
    if (list.isEmpty()) {
        m_usedBy->setText(tr("no project read uses it (or projects were not read)"));
        return;
    }
    QStringList lines;
    for (const QVariant &v : list) {
        const QVariantMap m = v.toMap();
        const QString how = m.value(u"how"_s).toString() == u"gomod"_s ? tr("listed in go.mod only")
                                                                       : tr("built by its code");
        lines << tr("%1 (%2)").arg(QDir::toNativeSeparators(m.value(u"dir"_s).toString()), how);
    }
    m_usedBy->setText(lines.join(u'\n'));
}

void DetailsPane::onDetails(const VersionDetails &details)
{
    if (!m_hasVersion || details.path != m_record.path || details.version != m_record.version)
        return;
    m_details = details;
    if (details.goModError.isError()) {
        m_goMod->setPlainText(
            tr("The go.mod file cannot be read: %1").arg(details.goModError.toString()));
    } else {
        QString text = QString::fromUtf8(details.goMod);
        if (details.goModTruncated)
            text += u'\n' + tr("\u2026 (only the beginning is shown)");
        m_goMod->setPlainText(text);
    }
    if (details.infoError.isError()) {
        m_time->setText(tr("unknown (%1)").arg(details.infoError.toString()));
        m_origin->setText(tr("unknown"));
    } else {
        const QDateTime t = QDateTime::fromString(details.infoTime, Qt::ISODateWithMs);
        m_time->setText(t.isValid() ? DisplayFormat::fullTime(t) : details.infoTime);
        m_origin->setText(details.origin.isEmpty() ? tr("not recorded by the proxy")
                                                   : details.origin);
    }
    m_hash->setText(details.ziphash.isEmpty() ? tr("none (no .ziphash)") : details.ziphash);
    m_where->setText(details.whereError.isError() ? details.whereError.toString() : details.where);
    m_copySumButton->setEnabled(!details.goSumLines.isEmpty());
    Q_EMIT detailsShown(m_record.id());
}

void DetailsPane::showModule(const QString &path, const QList<ModuleVersionRecord> &versions)
{
    m_controller->cancel();
    m_files->clear();
    m_hasVersion = false;
    m_record = {};
    m_details = {};
    m_id->setText(path);
    m_versions->clear();
    quint64 largest = 0;
    for (const ModuleVersionRecord &r : versions)
        largest = std::max(largest, r.diskBytes);
    for (const ModuleVersionRecord &r : versions) {
        auto *item = new QTreeWidgetItem(m_versions);
        item->setText(0, r.version);
        item->setText(1, DisplayFormat::size(r.diskBytes));
        item->setData(1, DetailsSizeBarDelegate::FractionRole,
                      largest ? double(r.diskBytes) / double(largest) : 0.0);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, DisplayFormat::stateName(r.state));
        item->setToolTip(2, DisplayFormat::stateDescription(r.state));
    }
    m_stack->setCurrentWidget(m_modulePage);
}

void DetailsPane::openFolder()
{
    if (!m_hasVersion || m_gomodcache.isEmpty())
        return;
    // The extracted tree when there is one, else the download directory.
    QString dir = m_gomodcache + u"/cache/download/"_s + m_record.escapedPath + u"/@v"_s;
    if (m_record.pieces & HasTree)
        dir = m_gomodcache + u'/' + m_record.escapedPath + u'@' + m_record.escapedVersion;
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

void DetailsPane::copyId()
{
    if (m_hasVersion)
        QApplication::clipboard()->setText(m_record.id());
}

void DetailsPane::copyGoSumLines()
{
    if (!m_details.goSumLines.isEmpty())
        QApplication::clipboard()->setText(m_details.goSumLines.join(u'\n') + u'\n');
}

} // namespace mk
