package dev.mosaic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table: Mosaic and its peer side by side, with their ratio, ready to paste into docs. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** A measured quantity for Mosaic and the peer, with Mosaic ÷ peer. */
    Table compare(String label, double mosaic, double peer, String format) {
        return row(label, fmt(format, mosaic), fmt(format, peer), ratio(mosaic, peer));
    }

    static String fmt(String format, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    static double mib(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < columns; i++) {
                String cell = rows.get(r)[i];
                out.append(' ')
                        .append(i == 0 ? pad(cell, width[i]) : padLeft(cell, width[i]))
                        .append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < columns; i++) {
                    out.append(' ')
                            .append(i == 0 ? "-".repeat(width[i]) : "-".repeat(width[i] - 1) + ":")
                            .append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }
}
