package com.safepay.reconciliation;

import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.export.ExportWriter;
import com.safepay.shared.export.TxtExportWriter;
import com.safepay.shared.export.XlsxExportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes exports: rows stream from the database ({@link ReconStore#FETCH_SIZE} at a time) straight
 * into the file, so memory does not grow with the export. Totals and rows are read in one
 * repeatable-read transaction, so the footer is the sum of exactly the rows written. Background
 * exports run on a small pool of their own and write to a temporary file.
 */
@Component
class Exporter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Exporter.class);

    /** Who exports what. The merchant comes from the signed-in user, resolved by the service. */
    record Request(
            long merchantId,
            String merchantNo,
            String merchantName,
            ZoneId zone,
            Locale locale,
            TradeSearch search,
            StatusTab tab,
            SortOrder sort,
            ExportFormat format,
            Instant generatedAt) {}

    private final ReconStore store;
    private final TransactionTemplate snapshot;
    private final ExecutorService pool;

    Exporter(ReconStore store, PlatformTransactionManager transactionManager) {
        this.store = store;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "recon-export-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts writing in the background; the job tells how far it got. */
    ExportJob start(Request request, String fileName) {
        Path file;
        try {
            file = Files.createTempFile("safepay-export-", request.format().extension());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExportJob job = new ExportJob(fileName, request.format(), file);
        pool.execute(() -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                Totals footer = write(request, out, job);
                job.done(footer);
            } catch (RuntimeException | IOException e) {
                if (job.isDiscarded()) {
                    log.info("Export {} stopped: its view went away", fileName);
                } else {
                    log.warn("Export {} failed", fileName, e);
                }
                job.failed();
            }
        });
        return job;
    }

    /** Lines handed from the reading to the writing thread at a time. */
    private static final int BATCH = 500;

    /** A trade line, formatted: text cells and amounts. */
    private record Line(String[] text, LocalDateTime[] times, long[] amounts) {}

    /**
     * Writes the whole export to {@code out} (and closes it). The calling thread reads the rows (it
     * holds the transaction) and formats them; a second thread writes them to the file, so that the
     * database, the JDBC driver and the file format work at the same time. A small bounded queue
     * between the two keeps memory flat.
     *
     * @return the footer's totals
     */
    Totals write(Request request, OutputStream out, ExportJob job) {
        ExportLayout layout = new ExportLayout(new ExportTexts(request.locale()), request.zone());
        return snapshot.execute(status -> {
            Totals expected =
                    store.tabTotals(request.merchantId(), request.search()).get(request.tab());
            if (job != null) {
                job.begin(expected);
            }
            try (ExportWriter writer = writer(request, out)) {
                writer.start(
                        layout.header(
                                request.merchantNo(),
                                request.merchantName(),
                                request.search(),
                                request.tab(),
                                request.generatedAt()),
                        layout.columns());
                BlockingQueue<List<Line>> queue = new ArrayBlockingQueue<>(16);
                FutureTask<Void> writing = new FutureTask<>(() -> {
                    for (List<Line> batch = queue.take(); !batch.isEmpty(); batch = queue.take()) {
                        for (Line line : batch) {
                            writer.row(line.text(), line.times(), line.amounts());
                        }
                        if (job != null) {
                            job.wrote(batch.size());
                        }
                    }
                    return null;
                });
                Thread.ofPlatform().daemon().name("recon-export-writer").start(writing);
                long[] sums = new long[5];
                List<List<Line>> pending = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
                try {
                    store.stream(request.merchantId(), request.search(), request.tab(), request.sort(), row -> {
                        pending.getFirst()
                                .add(new Line(layout.text(row), layout.times(row), ExportLayout.amounts(row)));
                        sums[0]++;
                        sums[1] += row.amount();
                        sums[2] += row.refundTotal();
                        sums[3] += row.fee();
                        sums[4] += row.net();
                        if (pending.getFirst().size() == BATCH) {
                            hand(queue, pending.getFirst(), writing, job);
                            pending.set(0, new ArrayList<>(BATCH));
                        }
                    });
                    if (!pending.getFirst().isEmpty()) {
                        hand(queue, pending.getFirst(), writing, job);
                    }
                    hand(queue, List.of(), writing, job);
                    writing.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Export writing failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Export interrupted", e);
                } finally {
                    writing.cancel(true);
                }
                Totals footer = new Totals(sums[0], sums[1], sums[2], sums[3], sums[4]);
                if (!footer.equals(expected)) {
                    log.error("Export totals {} differ from the read model's totals {}", footer, expected);
                }
                writer.finish(layout.footerTitle(), layout.footer(footer));
                return footer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Puts a batch on the queue, giving up when the writer has stopped or the export was discarded. */
    private static void hand(
            BlockingQueue<List<Line>> queue, List<Line> batch, FutureTask<Void> writing, ExportJob job) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (writing.isDone()) {
                    writing.get();
                    throw new IllegalStateException("Export writer stopped");
                }
            }
            if (job != null && job.isDiscarded()) {
                throw new IllegalStateException("Export discarded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Export interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Export writing failed", e.getCause());
        }
    }

    private static ExportWriter writer(Request request, OutputStream out) throws IOException {
        return switch (request.format()) {
            case TXT -> new TxtExportWriter(out);
            case XLSX -> new XlsxExportWriter(out, new ExportTexts(request.locale()).get("recon.export.sheet"));
        };
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
