package com.yourbit.video.api.captions;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A well-formed BCP 47 language tag (RFC 5646 section 2.1, the {@code langtag} production), in
 * the canonical case of section 2.1.1: language and most subtags lower case, script title case
 * ({@code Latn}), region upper case ({@code GB}), so {@code EN-gb} and {@code en-GB} are one
 * caption. {@code Locale.forLanguageTag} is not used to check: it accepts (and silently drops)
 * what is not a tag at all. Private-use-only and grandfathered tags are refused: a caption's
 * language must name a language. Repeated variants or extension singletons are refused as
 * section 2.2.5 and 2.2.6 ask.
 */
public record LanguageTag(String value) {

    /** RFC 5646 asks implementations to take at least 35 characters; the column holds this many. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALPHA = Pattern.compile("[a-z]+");
    private static final Pattern ALNUM = Pattern.compile("[a-z0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public LanguageTag {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The canonical form of a well-formed tag.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static LanguageTag parse(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a language tag is required");
        }
        if (tag.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the language tag is longer than " + MAX_LENGTH + " characters");
        }
        if (!tag.matches("[A-Za-z0-9-]+") || tag.startsWith("-") || tag.endsWith("-") || tag.contains("--")) {
            throw new IllegalArgumentException("a language tag is subtags of letters and digits joined by '-'");
        }
        String[] parts = tag.toLowerCase(Locale.ROOT).split("-");
        StringBuilder out = new StringBuilder();
        int i = 0;
        // language: 2*3ALPHA ["-" extlang] / 4ALPHA (reserved) / 5*8ALPHA (registered)
        String language = parts[i++];
        if (!ALPHA.matcher(language).matches() || language.length() < 2 || language.length() > 8) {
            throw new IllegalArgumentException("'" + language + "' is not a primary language subtag (2 to 8 letters)");
        }
        out.append(language);
        if (language.length() <= 3) {
            // extlang: up to three 3ALPHA subtags
            for (int n = 0; n < 3 && i < parts.length && parts[i].length() == 3 && ALPHA.matcher(parts[i]).matches(); n++) {
                out.append('-').append(parts[i++]);
            }
        }
        if (i < parts.length && parts[i].length() == 4 && ALPHA.matcher(parts[i]).matches()) {
            String script = parts[i++];
            out.append('-').append(Character.toUpperCase(script.charAt(0))).append(script, 1, 4);
        }
        if (i < parts.length && ((parts[i].length() == 2 && ALPHA.matcher(parts[i]).matches())
                || (parts[i].length() == 3 && DIGITS.matcher(parts[i]).matches()))) {
            out.append('-').append(parts[i++].toUpperCase(Locale.ROOT));
        }
        Set<String> variants = new HashSet<>();
        while (i < parts.length && isVariant(parts[i])) {
            if (!variants.add(parts[i])) {
                throw new IllegalArgumentException("the variant '" + parts[i] + "' is repeated");
            }
            out.append('-').append(parts[i++]);
        }
        Set<String> singletons = new HashSet<>();
        while (i < parts.length && parts[i].length() == 1 && !parts[i].equals("x")) {
            String singleton = parts[i++];
            if (!singletons.add(singleton)) {
                throw new IllegalArgumentException("the extension '" + singleton + "' is repeated");
            }
            out.append('-').append(singleton);
            int subtags = 0;
            while (i < parts.length && parts[i].length() >= 2 && parts[i].length() <= 8 && ALNUM.matcher(parts[i]).matches()) {
                out.append('-').append(parts[i++]);
                subtags++;
            }
            if (subtags == 0) {
                throw new IllegalArgumentException("the extension '" + singleton + "' has no subtags");
            }
        }
        if (i < parts.length && parts[i].equals("x")) {
            out.append("-x");
            i++;
            int subtags = 0;
            while (i < parts.length && parts[i].length() <= 8) {
                out.append('-').append(parts[i++]);
                subtags++;
            }
            if (subtags == 0) {
                throw new IllegalArgumentException("the private use part has no subtags");
            }
        }
        if (i < parts.length) {
            throw new IllegalArgumentException("'" + parts[i] + "' is not a subtag at that place of a language tag");
        }
        return new LanguageTag(out.toString());
    }

    /** RFC 5646 {@code variant}: 5*8alphanum / (DIGIT 3alphanum). */
    private static boolean isVariant(String part) {
        if (!ALNUM.matcher(part).matches()) {
            return false;
        }
        return (part.length() >= 5 && part.length() <= 8) || (part.length() == 4 && Character.isDigit(part.charAt(0)));
    }

    /** The primary language subtag ({@code en} of {@code en-GB}). */
    public String language() {
        int dash = value.indexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }

    /** A label for a track that was given none: the language's own name for itself, else the tag. */
    public String defaultLabel() {
        Locale locale = Locale.forLanguageTag(value);
        String name = locale.getDisplayName(locale);
        return name.isBlank() || name.equalsIgnoreCase(value) ? value : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    @Override
    public String toString() {
        return value;
    }
}
