package com.safepay.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The 说明 of an audit line as data rather than text: a message key of the UI's bundles and its
 * arguments, so that each viewer reads it in their own language, amounts and times in their format.
 *
 * @param key a key of the translation bundles, e.g. {@code audit.detail.triesLeft}
 * @param args its arguments, {@code {0}}, {@code {1}}, ... of the message
 */
public record AuditDetail(String key, List<Arg> args) {

    /** An argument: shown as it is, translated, or formatted for the viewer. */
    public sealed interface Arg {}

    /** Text shown as it is: a name, a number from outside, a bank's own words (up to 256 characters). */
    public record Text(String value) implements Arg {
        public Text {
            value = value == null ? "" : value.length() > 256 ? value.substring(0, 256) : value;
        }
    }

    /** A key of the bundles, shown translated (a bank's or a status's name). */
    public record Label(String key) implements Arg {
        public Label {
            Objects.requireNonNull(key, "key");
        }
    }

    /** A count, for the message's plural forms. */
    public record Count(long value) implements Arg {}

    /** Money in fen. */
    public record Amount(long fen) implements Arg {}

    /** A moment, shown in the viewer's time zone. */
    public record Time(Instant at) implements Arg {
        public Time {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Separates the arguments when stored; a character no argument holds (it is taken out of texts). */
    private static final char SEPARATOR = '\u001F';

    public AuditDetail {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /**
     * The detail {@code key} with {@code args}: an {@link Arg} as it is, an integer as a {@link Count},
     * anything else as {@link Text}.
     */
    public static AuditDetail of(String key, Object... args) {
        List<Arg> list = new ArrayList<>(args.length);
        for (Object arg : args) {
            list.add(
                    switch (arg) {
                        case Arg a -> a;
                        case Long n -> new Count(n);
                        case Integer n -> new Count(n);
                        case null -> new Text("");
                        default -> new Text(arg.toString());
                    });
        }
        return new AuditDetail(key, list);
    }

    public static Label label(String key) {
        return new Label(key);
    }

    public static Amount amount(long fen) {
        return new Amount(fen);
    }

    public static Time time(Instant at) {
        return new Time(at);
    }

    /** The arguments as one text for the audit table: each a type letter and its value. */
    public String encodedArgs() {
        StringBuilder text = new StringBuilder();
        for (Arg arg : args) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            switch (arg) {
                case Text t -> text.append('s').append(t.value().replace(SEPARATOR, ' '));
                case Label l -> text.append('k').append(l.key());
                case Count c -> text.append('n').append(c.value());
                case Amount a -> text.append('m').append(a.fen());
                case Time t -> text.append('t').append(t.at());
            }
        }
        return text.toString();
    }

    /** The detail back from its key and {@link #encodedArgs()}. */
    public static AuditDetail decode(String key, String encodedArgs) {
        List<Arg> args = new ArrayList<>();
        if (encodedArgs != null && !encodedArgs.isEmpty()) {
            for (String part : encodedArgs.split(String.valueOf(SEPARATOR), -1)) {
                String value = part.substring(1);
                args.add(
                        switch (part.charAt(0)) {
                            case 'k' -> new Label(value);
                            case 'n' -> new Count(Long.parseLong(value));
                            case 'm' -> new Amount(Long.parseLong(value));
                            case 't' -> new Time(Instant.parse(value));
                            default -> new Text(value);
                        });
            }
        }
        return new AuditDetail(key, args);
    }
}
