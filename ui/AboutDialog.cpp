// SPDX-License-Identifier: GPL-3.0-or-later
#include "AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QVBoxLayout>

#include "common/LibraryVersions.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

/// Paths can be long and have no spaces to wrap at: a read-only field scrolls and copies.
QLineEdit *pathField(const QString &path, const QString &name, QWidget *parent)
{
    auto *field = new QLineEdit(path, parent);
    field->setObjectName(name);
    field->setReadOnly(true);
    field->setCursorPosition(0);
    field->setMinimumWidth(field->fontMetrics().averageCharWidth() * 50);
    return field;
}

QLabel *valueLabel(const QString &text, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

AboutDialog::AboutDialog(const QString &gomodcache, QWidget *parent) : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About ModKeeper"));

    auto *title = new QLabel(u"<h2>ModKeeper %1</h2>"_s.arg(QApplication::applicationVersion()),
                             this);
    title->setObjectName(u"aboutTitle"_s);
    auto *blurb = new QLabel(tr("A desktop manager for the Go module cache."), this);
    blurb->setObjectName(u"aboutBlurb"_s);
    blurb->setWordWrap(true);
    auto *licence = new QLabel(
        tr("Free software under the <a href=\"%1\">GNU General Public License</a>, version 3 "
           "or later. It comes with no warranty.")
            .arg(u"https://www.gnu.org/licenses/gpl-3.0.html"_s),
        this);
    licence->setObjectName(u"aboutLicence"_s);
    licence->setWordWrap(true);
    licence->setOpenExternalLinks(true);

    const LibraryVersions v = LibraryVersions::current();
    auto *libraries = new QFormLayout;
    libraries->addRow(tr("Qt:"),
                      valueLabel(v.qt == v.qtBuild ? v.qt
                                                   : tr("%1 (built with %2)").arg(v.qt, v.qtBuild),
                                 u"qtVersion"_s, this));
    libraries->addRow(tr("QtKeychain:"), valueLabel(v.qtKeychain, u"qtKeychainVersion"_s, this));
    libraries->addRow(tr("libzip:"), valueLabel(v.libzip, u"libzipVersion"_s, this));
    libraries->addRow(tr("OpenSSL:"), valueLabel(v.openssl, u"opensslVersion"_s, this));
    libraries->addRow(tr("libdeflate:"), valueLabel(v.libdeflate, u"libdeflateVersion"_s, this));

    auto *places = new QFormLayout;
    places->addRow(tr("Settings:"), pathField(QSettings().fileName(), u"settingsPath"_s, this));
    const QString trashName = CacheScanner::trashDirName();
    places->addRow(tr("Trash:"),
                   pathField(gomodcache.isEmpty() ? trashName : gomodcache + u'/' + trashName,
                             u"trashPath"_s, this));
    auto *trashNote = new QLabel(
        tr("Removed versions wait in the folder %1 inside each module cache until they are "
           "emptied or restored.")
            .arg(trashName),
        this);
    trashNote->setObjectName(u"trashNote"_s);
    trashNote->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(blurb);
    layout->addWidget(licence);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(libraries);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(places);
    layout->addWidget(trashNote);
    layout->addStretch();
    layout->addWidget(buttons);
}

AboutDialog::~AboutDialog() = default;

QString AboutDialog::text() const
{
    QStringList lines;
    const QList<QWidget *> widgets = findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (const auto *label = qobject_cast<const QLabel *>(w))
            lines.append(label->text());
        else if (const auto *field = qobject_cast<const QLineEdit *>(w))
            lines.append(field->text());
    }
    return lines.join(u'\n');
}

} // namespace mk
