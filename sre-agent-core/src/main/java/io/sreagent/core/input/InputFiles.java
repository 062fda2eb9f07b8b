package io.sreagent.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a text file from outside the process, safely: only a regular file (never a FIFO, a device or a directory,
 * which would hang or never end), at most a given size, decoded as strict UTF-8. Stateless.
 */
public final class InputFiles {

    /** The default size limit of one file: 32 MiB. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    private InputFiles() {
    }

    /**
     * The content of {@code file}.
     *
     * @param file     the file; symbolic links are followed, the target must be a regular file
     * @param maxBytes the size limit; a larger file is refused before it is read
     * @throws InputException when the file is missing, not a regular file, unreadable, too large or not UTF-8
     */
    public static String readString(Path file, long maxBytes) {
        String name = file.toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputException(name, "", Files.isSymbolicLink(file)
                    ? "a symbolic link to a file that does not exist" : "does not exist");
        } catch (IOException e) {
            throw new InputException(name, "", "cannot read: " + reason(e));
        }
        if (attrs.isDirectory()) {
            throw new InputException(name, "", "is a directory; expected a file");
        }
        if (!attrs.isRegularFile()) {
            throw new InputException(name, "", "is not a regular file (a FIFO, socket or device); only regular files are read");
        }
        if (attrs.size() > maxBytes) {
            throw new InputException(name, "", "is " + attrs.size() + " bytes; the limit is " + maxBytes + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new InputException(name, "", "cannot read: " + reason(e));
        }
        if (bytes.length > maxBytes) {
            throw new InputException(name, "", "grew past the limit of " + maxBytes + " bytes while being read");
        }
        return decodeUtf8(bytes, name);
    }

    /**
     * {@code bytes} decoded as UTF-8 (a leading byte-order mark is dropped).
     *
     * @throws InputException naming the line and column of the first byte that is not UTF-8
     */
    public static String decodeUtf8(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InputException(name, "line " + line + ", column " + (at - lineStart + 1),
                    "not UTF-8 (byte 0x" + String.format("%02x", bytes[at] & 0xff) + " at offset " + at
                            + "); save the file as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
