package io.rudp.cli.transfer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks a file name announced by a sender before the receiver uses it: a single, plain name
 * that stays inside the target directory.
 */
public final class FileNames {

    /** The suffix of the partial file a transfer writes before it is verified. */
    public static final String PART_SUFFIX = ".rudp-part";

    private FileNames() {
    }

    /**
     * The reason {@code name} is unacceptable, or {@code null} if it is fine: rejects empty
     * names, {@code .} and {@code ..}, path separators (both kinds), absolute or drive paths,
     * control characters, and anything that would not resolve to a direct child of
     * {@code directory}.
     */
    public static String problem(String name, Path directory) {
        if (name == null || name.isEmpty()) {
            return "the file name is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a file name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "file name '" + printable(name) + "' contains a path separator; only plain names are accepted";
            }
            if (c < 0x20 || c == 0x7F) {
                return "file name '" + printable(name) + "' contains a control character";
            }
        }
        Path dir = directory.toAbsolutePath().normalize();
        Path resolved;
        try {
            Path p = dir.getFileSystem().getPath(name);
            if (p.isAbsolute() || p.getRoot() != null || p.getNameCount() != 1) {
                return "file name '" + printable(name) + "' is a path; only plain names are accepted";
            }
            resolved = dir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            return "file name '" + printable(name) + "' is not valid here: " + e.getReason();
        }
        if (!dir.equals(resolved.getParent()) || !resolved.getFileName().toString().equals(name)) {
            return "file name '" + printable(name) + "' would leave the target directory";
        }
        return null;
    }

    /** The partial file for {@code name}: {@code .NAME.rudp-part} in the same directory. */
    public static Path partFile(Path directory, String name) {
        return directory.resolve("." + name + PART_SUFFIX);
    }

    /** {@code name} with control characters shown as {@code ?}, for messages. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7F ? '?' : c));
        return b.toString();
    }
}
