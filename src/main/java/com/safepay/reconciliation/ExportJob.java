package com.safepay.reconciliation;

import com.safepay.shared.export.ExportFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An export being written in the background to a temporary file: its progress, and once done the
 * file to download. {@link #discard()} deletes the file.
 */
public final class ExportJob {

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    private final String fileName;
    private final ExportFormat format;
    private volatile Totals expectedTotals = Totals.ZERO;
    private final Path file;
    private final AtomicLong written = new AtomicLong();
    private volatile State state = State.RUNNING;
    private volatile Totals totals;
    private volatile boolean discarded;

    ExportJob(String fileName, ExportFormat format, Path file) {
        this.fileName = fileName;
        this.format = format;
        this.file = file;
    }

    public String fileName() {
        return fileName;
    }

    public ExportFormat format() {
        return format;
    }

    public State state() {
        return state;
    }

    /** Trades written so far. */
    public long written() {
        return written.get();
    }

    public long expectedRows() {
        return expectedTotals.count();
    }

    /** 0 to 1. */
    public double progress() {
        if (state == State.DONE) {
            return 1;
        }
        long expected = expectedTotals.count();
        return expected == 0 ? 0 : Math.min(1, (double) written.get() / expected);
    }

    /** The footer's figures, once done: the sums of the trades written. */
    public Totals totals() {
        return totals;
    }

    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open() throws IOException {
        if (state != State.DONE || discarded) {
            throw new IllegalStateException("Export is " + state);
        }
        return Files.newInputStream(file);
    }

    /** Deletes the file; the export can no longer be downloaded. */
    public void discard() {
        discarded = true;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    boolean isDiscarded() {
        return discarded;
    }

    Path file() {
        return file;
    }

    void begin(Totals expected) {
        this.expectedTotals = expected;
    }

    void wrote(int rows) {
        written.addAndGet(rows);
    }

    void done(Totals footer) {
        this.totals = footer;
        this.state = State.DONE;
    }

    void failed() {
        this.state = State.FAILED;
        discard();
    }
}
