package org.jnetgraph.parse;

import java.util.Arrays;
import org.jnetgraph.Errno;

/**
 * The tokenizer of the ASCII form (FreeBSD's {@code ng_parse_get_token} and {@code ng_get_string_token}).
 *
 * <p>The text is read as ISO-8859-1: each char is one byte, and, as in C, a NUL char ends the input. Tokens are
 * {@code { } [ ] =}, double-quoted strings, and words (runs of anything else up to whitespace or one of those
 * characters). Whitespace is C {@code isspace}: space, tab, newline, vertical tab, form feed, carriage return.
 *
 * <p>Unlike FreeBSD, string escapes are decoded and counted consistently: octal escapes take at most three digits,
 * {@code \x} at most two hex digits, so every string the unparser writes reads back to the same bytes.
 *
 * <p>Threading: immutable; any thread.
 */
final class Lexer {
    /** Token kinds, as in FreeBSD's {@code enum ng_parse_token}. */
    enum Kind {
        LBRACE,
        RBRACE,
        LBRACKET,
        RBRACKET,
        EQUALS,
        STRING,
        WORD,
        EOF
    }

    /** A token spanning {@code [start, end)} of the text. */
    record Token(Kind kind, int start, int end) {}

    /** A decoded string token: its bytes and the span of the quoted text. */
    record Str(byte[] bytes, int start, int end) {}

    private static final int PREVIEW = 40;

    private final String text;

    Lexer(String text) {
        int nul = text.indexOf('\0');
        this.text = nul < 0 ? text : text.substring(0, nul);
    }

    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    static boolean isWord(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(c -> c != 0 && !isSpace((char) c) && !isSpecial(c));
    }

    private static boolean isSpecial(int c) {
        return c == '{' || c == '}' || c == '[' || c == ']' || c == '=' || c == '"';
    }

    /** The char at {@code i}, or NUL past the end, as a C string would read. */
    char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    int skipSpace(int pos) {
        int p = pos;
        while (p < text.length() && isSpace(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** The next token at or after {@code pos}; an unterminated string fails with EINVAL. */
    Token next(int pos) {
        int start = skipSpace(pos);
        Kind kind = kindAt(start);
        return new Token(kind, start, endOf(kind, start));
    }

    /** The exact text of a token. */
    String text(Token token) {
        return text.substring(token.start(), token.end());
    }

    /** The next token, which must be of the given kind. */
    Token expect(int pos, Kind kind, String wanted) {
        Token token = next(pos);
        if (token.kind() != kind) {
            throw fail(Errno.EINVAL, "expected " + wanted + " but found " + describe(token.start()), token.start());
        }
        return token;
    }

    private Kind kindAt(int p) {
        if (p >= text.length()) {
            return Kind.EOF;
        }
        return switch (text.charAt(p)) {
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case '=' -> Kind.EQUALS;
            case '"' -> Kind.STRING;
            default -> Kind.WORD;
        };
    }

    private int endOf(Kind kind, int start) {
        return switch (kind) {
            case EOF -> start;
            case WORD -> wordEnd(start);
            case STRING -> stringEnd(start);
            default -> start + 1;
        };
    }

    private int wordEnd(int start) {
        int p = start + 1;
        while (p < text.length() && !isSpace(text.charAt(p)) && !isSpecial(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private int stringEnd(int start) {
        int end = scanString(start);
        if (end < 0) {
            throw fail(Errno.EINVAL, "unterminated string " + describe(start), start);
        }
        return end;
    }

    /** The end of the string token opened at {@code start}, or -1 when it has no closing quote. */
    private int scanString(int start) {
        int p = start + 1;
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == '"') {
                return p + 1;
            }
            p += c == '\\' && p + 1 < text.length() ? 2 : 1;
        }
        return -1;
    }

    /** The string token at or after {@code pos}, decoded; null when the next token is not a string. */
    Str string(int pos) {
        int start = skipSpace(pos);
        if (at(start) != '"') {
            return null;
        }
        int end = stringEnd(start);
        return new Str(new Unescaper(start + 1, end - 1).run(), start, end);
    }

    /**
     * Skips one value (a word, a string, or a bracketed group) starting at {@code pos}, counting brackets and braces
     * the way FreeBSD's {@code ng_parse_skip_value} does; returns the position after it.
     */
    int skipValue(int pos) {
        int brackets = 0;
        int braces = 0;
        int p = pos;
        do {
            Token token = next(p);
            switch (token.kind()) {
                case LBRACKET -> brackets++;
                case LBRACE -> braces++;
                case RBRACKET -> brackets = closeGroup(brackets, token);
                case RBRACE -> braces = closeGroup(braces, token);
                case EOF -> throw fail(Errno.EINVAL, "expected a value but found end of input", token.start());
                default -> {}
            }
            p = token.end();
        } while (brackets > 0 || braces > 0);
        return p;
    }

    private int closeGroup(int depth, Token token) {
        if (depth == 0) {
            throw fail(Errno.EINVAL, "unexpected " + describe(token.start()), token.start());
        }
        return depth - 1;
    }

    /** A failure at {@code pos}; the message is {@code what} followed by the position. */
    ParseException fail(Errno errno, String what, int pos) {
        return new ParseException(errno, what + " at position " + pos, pos, tokenText(pos));
    }

    /** A failure whose offending text is exactly {@code [start, end)}, such as the digits of a number. */
    ParseException failSpan(Errno errno, String what, int start, int end) {
        String token = text.substring(start, Math.min(end, text.length()));
        return new ParseException(errno, what + " \"" + token + "\" at position " + start, start, token);
    }

    /** The token at {@code pos} for a message: quoted, or {@code end of input}. */
    String describe(int pos) {
        int start = skipSpace(pos);
        return start >= text.length() ? "end of input" : "\"" + tokenText(start) + "\"";
    }

    /** The raw text of the token starting at {@code pos}, cut to a readable length; never fails. */
    String tokenText(int pos) {
        Kind kind = kindAt(pos);
        int end = switch (kind) {
            case EOF -> pos;
            case WORD -> wordEnd(pos);
            case STRING -> scanString(pos) < 0 ? text.length() : scanString(pos);
            default -> pos + 1;
        };
        return end - pos > PREVIEW ? text.substring(pos, pos + PREVIEW) + "..." : text.substring(pos, end);
    }

    /** Decodes the body of one string token, from after the opening quote to before the closing one. */
    private final class Unescaper {
        private final int end;
        private int p;
        private byte[] out = new byte[16];
        private int size;

        Unescaper(int from, int end) {
            this.p = from;
            this.end = end;
        }

        byte[] run() {
            while (p < end) {
                char c = text.charAt(p);
                if (c == '\\') {
                    p++;
                    escape(text.charAt(p));
                } else {
                    put(byteOf(c, p));
                    p++;
                }
            }
            return Arrays.copyOf(out, size);
        }

        private void escape(char c) {
            switch (c) {
                case 't' -> named('\t');
                case 'n' -> named('\n');
                case 'r' -> named('\r');
                case 'v' -> named(0x0b);
                case 'f' -> named('\f');
                case 'x' -> hex();
                default -> other(c);
            }
        }

        private void named(int value) {
            put(value);
            p++;
        }

        private void other(char c) {
            if (c >= '0' && c <= '7') {
                put(digits(8, 3));
            } else {
                put(byteOf(c, p));
                p++;
            }
        }

        private void hex() {
            p++;
            put(digits(16, 2));
        }

        private int digits(int base, int limit) {
            int value = 0;
            for (int k = 0; k < limit && p < end && CNum.digit(text.charAt(p)) < base; k++, p++) {
                value = value * base + CNum.digit(text.charAt(p));
            }
            return value & 0xff;
        }

        private int byteOf(char c, int at) {
            if (c > 0xff) {
                throw fail(Errno.EINVAL, String.format("character U+%04X in string is not a byte", (int) c), at);
            }
            return c;
        }

        private void put(int b) {
            if (size == out.length) {
                out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = (byte) b;
        }
    }
}
