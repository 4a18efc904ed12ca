package io.rudp.cli.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON parser (RFC 8259) for one line of a trace: objects become {@code Map<String,
 * Object>}, arrays {@code List<Object>}, numbers {@code Double}, strings, booleans, and
 * {@code null} the {@link #NULL} marker. Enough for rudp's own traces; no dependency. Nesting is
 * bounded, and any syntax error is a {@link JsonSyntaxException} naming the column.
 */
final class JsonLineParser {

    /** What a JSON {@code null} parses to (maps cannot tell a null value from a missing key). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 64;

    /** Malformed JSON; the message says what was expected and at which column (1-based). */
    static final class JsonSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonSyntaxException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    private JsonLineParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}, which must hold exactly one JSON value (surrounding spaces allowed). */
    static Object parse(String text) throws JsonSyntaxException {
        JsonLineParser p = new JsonLineParser(text);
        p.skipSpaces();
        Object value = p.value(0);
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    private Object value(int depth) throws JsonSyntaxException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("the line ends where a value was expected");
        }
        char ch = text.charAt(pos);
        switch (ch) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (ch == '-' || (ch >= '0' && ch <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + ch + "'");
        }
    }

    private Map<String, Object> object(int depth) throws JsonSyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpaces();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpaces();
            if (peek() != '"') {
                throw error("expected a quoted field name");
            }
            String key = string();
            skipSpaces();
            expect(':');
            skipSpaces();
            map.put(key, value(depth + 1));
            skipSpaces();
            char ch = peek();
            pos++;
            if (ch == '}') {
                return map;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws JsonSyntaxException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpaces();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpaces();
            list.add(value(depth + 1));
            skipSpaces();
            char ch = peek();
            pos++;
            if (ch == ']') {
                return list;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonSyntaxException {
        pos++; // the opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char ch = text.charAt(pos++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char esc = text.charAt(pos++);
            switch (esc) {
                case '"': case '\\': case '/': sb.append(esc); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + esc + "'");
            }
        }
    }

    private Double number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if ((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == digits) {
            throw error("expected digits");
        }
        try {
            return Double.valueOf(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number");
        }
    }

    private Object literal(String word, Object value) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private void expect(char ch) throws JsonSyntaxException {
        if (peek() != ch) {
            throw error("expected '" + ch + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
                return;
            }
            pos++;
        }
    }

    private JsonSyntaxException error(String what) {
        return new JsonSyntaxException(what + " at column " + (Math.min(pos, text.length()) + 1));
    }
}
