package com.yourbit.video.providers.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * {@link Instant#parse} with a fast path for the one form providers send their event times
 * in, UTC with a {@code Z} and up to nine fraction digits ({@code 2026-11-30T16:00:00.123Z}):
 * read digit by digit, it costs a fraction of the general formatter's parse. Anything else
 * (an offset, a leap second, a malformed date) goes to {@link Instant#parse}, so the answer
 * and the exception are always its own.
 */
public final class IsoInstants {

    private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstants() {
    }

    /** @throws DateTimeParseException as {@link Instant#parse} does */
    public static Instant parse(String text) {
        Instant fast = text == null ? null : fast(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The fast path's answer; null where it leaves the text to {@link Instant#parse}. */
    static Instant fast(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(s, 20, n - 1);
            if (s.charAt(19) != '.' || n == 21 || fraction < 0) {
                return null;
            }
            nanos = fraction * SCALE[n - 22];
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code s[from, to)}, or -1 unless all are ASCII digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
