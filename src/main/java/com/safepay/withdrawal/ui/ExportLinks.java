package com.safepay.withdrawal.ui;

import com.safepay.shared.export.ExportFormat;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.OutputStream;
import java.util.function.Function;

/** "Download Excel" and "Download TXT" links that stream the export straight into the response. */
final class ExportLinks {

    /** Names the file and writes the export for a format. */
    interface Source {

        String fileName(ExportFormat format);

        void write(ExportFormat format, OutputStream out);
    }

    private ExportLinks() {}

    static HorizontalLayout of(Source source, Function<String, String> text, String idPrefix) {
        HorizontalLayout links = new HorizontalLayout();
        for (ExportFormat format : ExportFormat.values()) {
            DownloadHandler handler = event -> {
                event.setFileName(source.fileName(format));
                event.setContentType(format.contentType());
                source.write(format, event.getOutputStream());
            };
            Anchor link = new Anchor(handler, AttachmentType.DOWNLOAD, "");
            link.add(
                    new Icon(VaadinIcon.DOWNLOAD_ALT),
                    new com.vaadin.flow.component.html.Span(
                            text.apply(format == ExportFormat.XLSX ? "export.excel" : "export.txt")));
            link.setId(idPrefix + "-" + format.name().toLowerCase(java.util.Locale.ROOT));
            link.addClassName("sp-export-link");
            links.add(link);
        }
        return links;
    }
}
