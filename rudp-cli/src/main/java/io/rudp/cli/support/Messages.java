package io.rudp.cli.support;

import io.rudp.CloseReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line descriptions of exceptions for error messages. */
public final class Messages {

    private Messages() {
    }

    /**
     * The exception's message, made readable where the JDK's is terse: file-system exceptions
     * ({@code NoSuchFileException} carries only the path) become {@code PATH: no such file}.
     */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String what = f.getReason();
            if (what == null) {
                if (e instanceof NoSuchFileException) {
                    what = "no such file or directory";
                } else if (e instanceof AccessDeniedException) {
                    what = "permission denied";
                } else if (e instanceof FileAlreadyExistsException) {
                    what = "already exists";
                } else if (e instanceof NotDirectoryException) {
                    what = "not a directory";
                } else if (e instanceof DirectoryNotEmptyException) {
                    what = "directory not empty";
                } else {
                    what = e.getClass().getSimpleName();
                }
            }
            return f.getFile() == null ? what : f.getFile() + ": " + what;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * {@code text} cut on a code-point boundary to fit an abort reason
     * ({@link CloseReason#MAX_REASON_BYTES} bytes of UTF-8, the protocol's limit), with "..." at
     * the end when cut.
     */
    public static String abortReason(String text) {
        if (text.length() <= CloseReason.MAX_REASON_BYTES / 3
                || text.getBytes(StandardCharsets.UTF_8).length <= CloseReason.MAX_REASON_BYTES) {
            return text;
        }
        int budget = CloseReason.MAX_REASON_BYTES - 3;
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + width > budget) {
                break;
            }
            bytes += width;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + "...";
    }
}
